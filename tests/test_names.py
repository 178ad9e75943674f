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


def test_the_same_words_in_another_order_name_the_same_thing() -> None:
    index = NameIndex(
        {
            "tetanus_vaccination_incomplete": ["unvaccinated for tetanus"],
            "kidney_stone": ["kidney stone"],
            "previous_thyroidectomy": ["thyroid removed"],
        }
    )
    assert index.find("unvaccinated_tetanus") == "tetanus_vaccination_incomplete"
    assert index.find("Kidney stones") == "kidney_stone"
    assert index.find("previous kidney stone") == "kidney_stone"
    assert index.find("history of kidney stones") == "kidney_stone"
    assert index.find("thyroidectomy") == "previous_thyroidectomy"
    # a word that changes the meaning is kept: "no" and "not" are not filler
    assert index.find("no kidney stone") is None


def test_words_shared_by_two_names_match_neither() -> None:
    index = NameIndex({"type_1_diabetes": ["diabetes type 1"], "t1d": ["1 type diabetes"]})
    assert index.find("diabetes 1 type") is None
    assert index.find("type 1 diabetes") == "type_1_diabetes"


def test_names_people_give_for_an_incomplete_tetanus_vaccination_are_known(kb) -> None:
    for name in [
        "incomplete_tetanus_immunisation",
        "unvaccinated_tetanus",
        "Not immunised against tetanus",
        "tetanus booster not up to date",
    ]:
        assert kb.names.conditions.find(name) == "tetanus_vaccination_incomplete", name
