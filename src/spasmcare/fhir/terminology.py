"""Codes in FHIR: the project's URLs, and how a knowledge-base code becomes a CodeableConcept.

Only codes.yaml decides which codes exist; nothing here knows a code. The rule for status is in
the package docstring: ``verified`` codes are plain codings, ``seen_third_party`` codes are
codings flagged ``userSelected: false`` with a code-status extension and a note, and
``unverified`` codes are never exported (the concept travels as text only).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from spasmcare.kb.load import KnowledgeBase

BASE: Final = "https://spasmcare.org/fhir"
"""The project's namespace for its extensions, identifiers and questionnaire."""

EXTENSION: Final = f"{BASE}/StructureDefinition/"
CODE_STATUS: Final = EXTENSION + "code-status"
EPISODE_ID: Final = f"{BASE}/episode-id"
ASSESSMENT_ID: Final = f"{BASE}/assessment-id"
QUESTIONNAIRE: Final = f"{BASE}/Questionnaire/spasmcare-intake"
AUTHOR: Final = "spasmcare"
"""authorString of the notes spasmcare itself adds (the person's own notes have none)."""

SYSTEMS: Final = {
    "snomed_ct": "http://snomed.info/sct",
    "icd10": "http://hl7.org/fhir/sid/icd-10",
    "icd10_cm": "http://hl7.org/fhir/sid/icd-10-cm",
    "loinc": "http://loinc.org",
    "rxnorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
    "atc": "http://www.whocc.no/atc",
}
UCUM: Final = "http://unitsofmeasure.org"

JSON = dict[str, Any]


def extension(name: str, **value: Any) -> JSON:
    """One project extension, e.g. ``extension("side", valueCode="left")``."""
    return {"url": EXTENSION + name, **value}


def concept(
    kb: KnowledgeBase, key: str, text: str, systems: Iterable[str] | None = None
) -> tuple[JSON, list[JSON]]:
    """The CodeableConcept for a knowledge-base concept (kind:id) and the notes it needs.

    Codes come only from codes.yaml, filtered to ``systems`` when given; unverified ones are
    left out, so a concept with no usable code is exported as text only.
    """
    wanted = set(systems) if systems is not None else None
    codings: list[JSON] = []
    notes: list[JSON] = []
    for code in kb.codes:
        if code.concept != key or (wanted is not None and code.system not in wanted):
            continue
        if code.status == "unverified":
            continue
        coding: JSON = {"system": SYSTEMS[code.system], "code": code.code, "display": code.display}
        if code.status != "verified":
            coding["userSelected"] = False
            coding["extension"] = [{"url": CODE_STATUS, "valueCode": code.status}]
            notes.append(
                annotation(
                    f"The code {code.code} ({code.system}, {code.display}) is not yet verified "
                    f"against the official release (status: {code.status}); use it as a "
                    "suggestion and rely on the text."
                )
            )
        codings.append(coding)
    found: JSON = {"text": text}
    if codings:
        found["coding"] = codings
    return found, notes


def annotation(text: str) -> JSON:
    """A note written by spasmcare (not by the person)."""
    return {"authorString": AUTHOR, "text": text}


def coding(system: str, code: str, display: str | None = None) -> JSON:
    """A coding of an HL7 code system (statuses, categories), which need no review."""
    found = {"system": system, "code": code}
    return found if display is None else {**found, "display": display}
