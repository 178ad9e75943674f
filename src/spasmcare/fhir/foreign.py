"""Resources from another system's record (Synthea, an EHR), read into diary values.

What can be used: the Patient's birth date (as an age) and sex; active MedicationStatements and
MedicationRequests as medicines; current Conditions as conditions; pain-severity Observations
(LOINC 72514-3, 0-10) as episodes. Each function returns what a resource gives, or the reason it
is left out, in words a person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from spasmcare import vocabulary as v
from spasmcare.diary import model
from spasmcare.diary.model import Episode, InvalidValue
from spasmcare.fhir.terminology import JSON, SYSTEMS

PAIN_SEVERITY: Final = "72514-3"
"""LOINC: Pain severity - 0-10 verbal numeric rating [Score] - Reported."""
CURRENT_MEDICINE: Final = frozenset(("active", "intended", "on-hold"))
"""MedicationStatement and MedicationRequest statuses of a medicine still taken."""
CURRENT_CONDITION: Final = frozenset(("active", "recurrence", "relapse"))
NOT_TRUE: Final = frozenset(("refuted", "entered-in-error"))
SEX_OF: Final = {"female": "female", "male": "male", "other": "other"}
_REGION_WORDS: Final = {
    **{r.replace("_", " "): r for r in v.REGIONS},
    "tummy": "abdomen", "belly": "abdomen", "back": "lower_back", "upper arm": "arm",
    "lower leg": "calf", "leg": "legs", "legs": "legs", "toe": "foot", "toes": "foot",
    "fingers": "hand", "finger": "hand", "wrist": "forearm", "ankle": "foot",
}  # fmt: skip


@dataclass(frozen=True)
class Left:
    """Why a resource is not used."""

    reason: str


@dataclass(frozen=True)
class Demographics:
    age: int | None
    sex: str | None
    birth_date: str | None


def demographics(resource: JSON, now: datetime) -> Demographics | Left:
    """A Patient's age (from ``birthDate`` on ``now``'s date) and sex (from ``gender``)."""
    born = resource.get("birthDate")
    age = _age(born, now.date()) if isinstance(born, str) else None
    sex = SEX_OF.get(str(resource.get("gender")))
    if age is None and sex is None:
        return Left("no birth date and no gender (male, female or other) to use")
    return Demographics(age, sex, born if age is not None else None)


def _age(born: str, today: date) -> int | None:
    """Whole years since ``born`` (YYYY, YYYY-MM or YYYY-MM-DD); a partial date counts from
    its last day, so the age is never overstated."""
    parts = [int(p) for p in born.split("-")[:3] if p.isdigit()]
    if not parts:
        return None
    year, month, day = [*parts, 12, 31][:3] if len(parts) == 1 else [*parts, 31][:3]
    years = today.year - year - ((today.month, today.day) < (month, day))
    return years if 0 <= years <= 120 else None


def medicine(resource: JSON) -> str | Left:
    """The name of a MedicationStatement's or MedicationRequest's medicine, if still taken."""
    status = resource.get("status")
    if status not in CURRENT_MEDICINE:
        return Left(f"status {status}: not a medicine taken now")
    name = _text(resource.get("medicationCodeableConcept"))
    if name is None:
        ref = resource.get("medicationReference")
        name = ref.get("display") if isinstance(ref, dict) else None
    if not isinstance(name, str) or not name.strip():
        return Left("names its medicine only by a reference, without its name")
    return name.strip()[:100]


def condition(resource: JSON) -> str | Left:
    """The name of a Condition that is current and not refuted."""
    clinical = _code(resource.get("clinicalStatus"))
    if clinical is not None and clinical not in CURRENT_CONDITION:
        return Left(f"clinicalStatus {clinical}: not a current condition")
    if clinical is None and resource.get("abatementDateTime"):
        return Left("it has ended (abatementDateTime)")
    verification = _code(resource.get("verificationStatus"))
    if verification in NOT_TRUE:
        return Left(f"verificationStatus {verification}")
    name = _text(resource.get("code"))
    if name is None:
        return Left("it has no name (code.text or a coding's display)")
    return name[:100]


def is_pain_score(resource: JSON) -> bool:
    codings = (resource.get("code") or {}).get("coding") or []
    return any(
        isinstance(c, dict)
        and c.get("system") == SYSTEMS["loinc"]
        and c.get("code") == PAIN_SEVERITY
        for c in codings
    )


def pain_episode(
    resource: JSON, name: str, now: datetime, region: str | None = None
) -> Episode | Left:
    """A pain-severity Observation as an episode: its time, its score, the region its body
    site names (or ``region`` when it names none)."""
    if resource.get("status") in ("cancelled", "entered-in-error"):
        return Left(f"status {resource.get('status')}")
    score = _score(resource)
    if isinstance(score, Left):
        return score
    site = _text(resource.get("bodySite"))
    place = _region(site) if site else None
    if place is None and region is None:
        where = f"its body site ({site!r})" if site else "it names no body site, and"
        return Left(f"{where} spasmcare cannot place it: choose the region for such scores")
    found, side = place or (region or "", None)
    period = resource.get("effectivePeriod")
    start = (
        resource.get("effectiveDateTime")
        or resource.get("effectiveInstant")
        or (period.get("start") if isinstance(period, dict) else None)
    )
    if isinstance(start, str) and "T" not in start:
        return Left(f"its time ({start}) has no time of day")
    label = _text(resource.get("code")) or "pain severity"
    try:
        return model.episode(
            {"started_at": start, "region": found, "side": side, "severity": score,
             "notes": f"From another system's record: {label} ({name})."},
            now,
        )  # fmt: skip
    except InvalidValue as error:
        return Left(f"{error.field}: {error.message}")


def _score(resource: JSON) -> int | Left:
    value: Any = resource.get("valueInteger")
    if value is None and isinstance(resource.get("valueQuantity"), dict):
        value = resource["valueQuantity"].get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        return Left(f"its value ({value!r}) is not a whole-number score from 0 to 10")
    return value


def _region(site: str) -> tuple[str, str | None] | None:
    """The diary region and side a body-site text names (``right calf``), if any."""
    words = re.findall(r"[a-z]+", site.lower())
    side = next((w for w in words if w in v.SIDES), None)
    text = " ".join(w for w in words if w not in v.SIDES)
    for phrase, region in sorted(_REGION_WORDS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{phrase}\b", text):
            return region, side
    return None


def _text(concept: object) -> str | None:
    """A CodeableConcept's text, else its first coding's display."""
    if isinstance(concept, list):
        concept = concept[0] if concept else None
    if not isinstance(concept, dict):
        return None
    text = concept.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for coding in concept.get("coding") or []:
        display = coding.get("display") if isinstance(coding, dict) else None
        if isinstance(display, str) and display.strip():
            return display.strip()
    return None


def _code(concept: object) -> str | None:
    codings = concept.get("coding") if isinstance(concept, dict) else None
    for coding in codings or []:
        if isinstance(coding, dict) and isinstance(coding.get("code"), str):
            return str(coding["code"])
    return None
