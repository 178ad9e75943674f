"""Name matching: case, separators, and British and American spellings are alike."""

from __future__ import annotations

from spasmcare.names import NameIndex, key


def test_separators_and_case_are_ignored() -> None:
    assert key("Thiazide-Diuretic") == key("thiazide diuretic") == key("thiazide_diuretic")


def test_british_and_american_spellings_match() -> None:
    for british, american in [
        ("haemorrhage", "hemorrhage"),
        ("oedema", "edema"),
        ("sulphasalazine", "sulfasalazine"),
        ("tumour", "tumor"),
    ]:
        assert key(british) == key(american)


def test_index_finds_synonyms_and_reports_unknown_names() -> None:
    index = NameIndex({"paracetamol": ["acetaminophen", "Tylenol"]})
    assert index.find("TYLENOL") == "paracetamol"
    assert index.find("Acetaminophen") == "paracetamol"
    assert index.find("aspirin") is None
    assert "tylenol" in index and "aspirin" not in index
