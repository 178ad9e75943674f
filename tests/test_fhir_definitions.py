"""The published FHIR definitions (docs/fhir) are what the code makes, each is valid R4, and
every extension and local code system an export uses is defined there."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from spasmcare.fhir import r4
from tests.test_fhir_export import codings, resources

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "docs" / "fhir"
sys.path.insert(0, str(ROOT / "scripts"))
from fhir_definitions import published  # noqa: E402


def definitions() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in FOLDER.glob("*.json")}


def test_the_published_files_are_what_the_code_makes() -> None:
    made = published()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in FOLDER.glob("*.json")}
    assert sorted(on_disk) == sorted(made), "run python scripts/fhir_definitions.py"
    for name, text in made.items():
        assert on_disk[name] == text, f"{name} is stale: run python scripts/fhir_definitions.py"


def test_every_definition_is_valid_r4() -> None:
    found = definitions()
    assert len(found) > 20
    for name, resource in found.items():
        assert r4.problem(resource) is None, name


def _urls(value: object) -> set[str]:
    if isinstance(value, dict):
        here = {value["url"]} if "url" in value and str(value["url"]).startswith("http") else set()
        return here.union(*(_urls(x) for x in value.values()))
    if isinstance(value, list):
        return set().union(*(_urls(x) for x in value))
    return set()


def test_every_extension_and_code_system_of_an_export_is_defined() -> None:
    defined = {d["url"] for d in definitions().values()}
    exported = resources("fhir")
    own = {u for u in _urls(exported) if u.startswith("https://spasmcare.org/fhir/Structure")}
    assert len(own) >= 10
    assert own <= defined, own - defined
    systems = {c["system"] for c in codings(exported)}
    local = {s for s in systems if s.startswith("https://spasmcare.org/fhir/CodeSystem/")}
    assert "https://spasmcare.org/fhir/CodeSystem/disposition" in local
    assert local <= defined, local - defined
    by_url = {d["url"]: d for d in definitions().values()}
    for coding in codings(exported):
        if coding["system"] in local:
            codes = {c["code"] for c in by_url[coding["system"]]["concept"]}
            assert coding["code"] in codes, coding
