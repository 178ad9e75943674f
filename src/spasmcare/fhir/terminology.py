"""Codes in FHIR: the project's URLs, and how a knowledge-base code becomes a CodeableConcept.

Only codes.yaml decides which codes of a standard terminology exist; nothing here knows one.
Only ``verified`` codes (checked in the terminology's own browser or release files, which
codes.yaml records in ``checked_against`` and ``checked_on``) are exported; any other concept
travels as ``text`` only. ``spasmcare kb codes`` lists the codes that await that check. The
codes FHIR itself defines (statuses, categories) are in ``hl7``, checked against the FHIR R4
definitions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from spasmcare.kb.load import KnowledgeBase

BASE: Final = "https://spasmcare.org/fhir"
"""The project's namespace for its extensions, identifiers and questionnaire."""

EXTENSION: Final = f"{BASE}/StructureDefinition/"
CODE_SYSTEM: Final = f"{BASE}/CodeSystem/"
DISPOSITION: Final = CODE_SYSTEM + "disposition"
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


def concept(kb: KnowledgeBase, key: str, text: str, systems: Iterable[str] | None = None) -> JSON:
    """The CodeableConcept for a knowledge-base concept (kind:id): its text, and a coding for
    each ``verified`` code of codes.yaml (filtered to ``systems`` when given)."""
    wanted = set(systems) if systems is not None else None
    codings: list[JSON] = [
        {"system": SYSTEMS[code.system], "code": code.code, "display": code.display}
        for code in kb.codes
        if code.concept == key
        and code.status == "verified"
        and (wanted is None or code.system in wanted)
    ]
    found: JSON = {"text": text}
    if codings:
        found["coding"] = codings
    return found


def annotation(text: str) -> JSON:
    """A note written by spasmcare (not by the person)."""
    return {"authorString": AUTHOR, "text": text}


def coding(system: str, code: str, display: str | None = None) -> JSON:
    """A coding of an HL7 code system (statuses, categories), which need no review."""
    found = {"system": system, "code": code}
    return found if display is None else {**found, "display": display}
