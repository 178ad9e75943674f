"""The pseudonymous Patient: a random id that stays the same for one diary, and no name.

The id is a random UUID kept in the diary's home folder (``fhir-patient-id``), so every export
of one diary names the same Patient and nothing about the person can be read from it. The
profile travels as extensions (age is not a birth date, so it cannot be ``birthDate``).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Final

from spasmcare.diary.model import Diary, Profile
from spasmcare.fhir.terminology import EXTENSION, JSON, extension

ID_FILE: Final = "fhir-patient-id"
NAMESPACE: Final = uuid.UUID("8f0e4a53-6a0b-4d1e-9c55-2b7f3f1d9a10")
GENDERS: Final = {"female": "female", "male": "male", "other": "other"}

PATHS: Final = {
    "age": "extension[age]",
    "sex": "extension[sex]",
    "pregnant": "extension[pregnant]",
    "medications": "extension[medication]",
    "conditions": "extension[condition]",
}
"""Where each profile field lives in the Patient, for import errors."""


def stored_id(home: Path) -> str:
    """The diary's pseudonymous Patient id, created at random on first use."""
    path = home / ID_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(found))
    except (OSError, ValueError):
        pass
    made = str(uuid.uuid4())
    home.mkdir(parents=True, exist_ok=True)
    path.write_text(made + "\n", encoding="ascii")
    return made


def derived_id(diary: Diary) -> str:
    """A stable id for a diary with no home (Python use): derived from its first episode."""
    first = diary.episodes[0] if diary.episodes else None
    seed = f"{first.id}|{first.started_at.isoformat()}" if first else "empty diary"
    return str(uuid.uuid5(NAMESPACE, seed))


def patient(ident: str, profile: Profile | None) -> JSON:
    """The Patient resource: no name, no birth date, no identifier that could be traced."""
    found: JSON = {"resourceType": "Patient", "id": ident}
    if profile is None:
        return found
    ext = [extension("diary-profile", valueBoolean=True)]
    if profile.age is not None:
        ext.append(extension("age", valueInteger=profile.age))
    if profile.sex is not None:
        ext.append(extension("sex", valueCode=profile.sex))
    if profile.pregnant is not None:
        ext.append(extension("pregnant", valueBoolean=profile.pregnant))
    ext += [extension("medication", valueString=m) for m in profile.medications]
    ext += [extension("condition", valueString=c) for c in profile.conditions]
    found["extension"] = ext
    if profile.sex in GENDERS:
        found["gender"] = GENDERS[profile.sex]
    return found


def has_profile(resource: JSON) -> bool:
    """Whether a Patient carries a spasmcare profile."""
    return any(x.get("url") == EXTENSION + "diary-profile" for x in _ext(resource))


def fields(resource: JSON) -> dict[str, Any]:
    """The plain profile values of a Patient, for ``model.profile`` to check."""
    raw: dict[str, Any] = {"medications": [], "conditions": []}
    for x in _ext(resource):
        name = str(x.get("url", "")).removeprefix(EXTENSION)
        if name == "age":
            raw["age"] = x.get("valueInteger")
        elif name == "sex":
            raw["sex"] = x.get("valueCode")
        elif name == "pregnant":
            raw["pregnant"] = x.get("valueBoolean")
        elif name in ("medication", "condition"):
            raw[name + "s"].append(x.get("valueString"))
    return raw


def _ext(resource: JSON) -> list[JSON]:
    found = resource.get("extension")
    return [x for x in found if isinstance(x, dict)] if isinstance(found, list) else []
