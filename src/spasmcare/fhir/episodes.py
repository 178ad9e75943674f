"""An episode as a FHIR Observation, and back.

The standard elements carry what a clinical system reads (pain severity as valueInteger,
effectiveDateTime with its zone, the body site, the duration as a UCUM component, the notes);
project extensions carry what FHIR has no element for, so that an import restores the episode
exactly (region and side as diary terms, triggers, what helped, other symptoms, deletion).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from spasmcare.diary.model import Episode
from spasmcare.fhir import hl7
from spasmcare.fhir.terminology import (
    AUTHOR,
    EPISODE_ID,
    EXTENSION,
    JSON,
    UCUM,
    concept,
    extension,
)
from spasmcare.kb.load import KnowledgeBase

Ref = Callable[[str, str], JSON]
"""Builds a reference to a resource given its type and id."""

DURATION: Final = "Duration of the episode"
FINDING: Final = "Muscle cramp or spasm"
PAIN: Final = "Pain severity, 0 (none) to 10 (worst), reported"

PATHS: Final = {
    "id": "identifier",
    "started_at": "effectiveDateTime",
    "region": "extension[region]",
    "side": "extension[side]",
    "severity": "valueInteger",
    "duration_minutes": "component[duration].valueQuantity.value",
    "triggers": "extension[trigger]",
    "helped": "extension[helped]",
    "helped.how_much": "extension[helped].extension[howMuch]",
    "associated": "extension[associated]",
    "notes": "note",
    "deleted_at": "extension[deleted-at]",
}
"""Where each episode field lives in the Observation, for import errors."""


def observation(kb: KnowledgeBase, e: Episode, ident: str, patient: JSON) -> JSON:
    """The Observation of one episode."""
    code = concept(kb, "observation:pain_severity", PAIN, ["loinc"])
    site_text = kb.label("region", e.region)
    site = concept(
        kb, f"region:{e.region}", f"{e.side} {site_text}" if e.side else site_text, ["snomed_ct"]
    )
    if e.side:
        side = concept(kb, f"side:{e.side}", kb.label("side", e.side), ["snomed_ct"])
        site["extension"] = [extension("laterality", valueCodeableConcept=side)]
    found: JSON = {
        "resourceType": "Observation",
        "id": ident,
        "extension": _extensions(e),
        "status": "entered-in-error" if e.deleted_at else "final",
        "category": [{"coding": [hl7.coding(hl7.OBSERVATION_CATEGORY, "survey")]}],
        "code": code,
        "subject": patient,
        "effectiveDateTime": e.started_at.isoformat(),
    }
    if e.id is not None:
        found["identifier"] = [{"system": EPISODE_ID, "value": str(e.id)}]
    if e.severity is None:
        found["dataAbsentReason"] = {"coding": [hl7.coding(hl7.DATA_ABSENT, "unknown")]}
    else:
        found["valueInteger"] = e.severity
    if e.notes:
        found["note"] = [{"text": e.notes}]
    found["bodySite"] = site
    # What was felt: a cramp or spasm, coded (SNOMED CT) once codes.yaml has a verified code.
    found["component"] = [{"code": concept(kb, "finding:cramp", FINDING), "valueBoolean": True}]
    if e.duration_minutes is not None:
        found["component"].append(
            {
                "code": {"text": DURATION},
                "valueQuantity": {
                    "value": e.duration_minutes, "unit": "min", "system": UCUM, "code": "min"
                },
            }
        )  # fmt: skip
    return found


def _extensions(e: Episode) -> list[JSON]:
    found = [extension("region", valueCode=e.region)]
    if e.side:
        found.append(extension("side", valueCode=e.side))
    found += [extension("trigger", valueString=t) for t in e.triggers]
    for h in e.helped:
        parts = [{"url": "what", "valueString": h.what}]
        if h.how_much:
            parts.append({"url": "howMuch", "valueCode": h.how_much})
        found.append(extension("helped", extension=parts))
    if e.associated is not None:
        found.append(extension("associated-recorded", valueBoolean=True))
        found += [extension("associated", valueCode=term) for term in e.associated]
    if e.deleted_at:
        found.append(extension("deleted-at", valueDateTime=e.deleted_at.isoformat()))
    return found


def is_episode(resource: JSON) -> bool:
    """Whether an Observation is a spasmcare episode (it carries the region extension)."""
    return resource.get("resourceType") == "Observation" and any(
        x.get("url") == EXTENSION + "region" for x in _list(resource.get("extension"))
    )


def fields(resource: JSON) -> dict[str, Any]:
    """The plain episode values of an Observation, for ``model.episode`` to check."""
    ext = _list(resource.get("extension"))
    raw: dict[str, Any] = {
        "started_at": resource.get("effectiveDateTime"),
        "region": _one(ext, "region", "valueCode"),
        "side": _one(ext, "side", "valueCode"),
        "triggers": _all(ext, "trigger", "valueString"),
        "helped": [_helped(x) for x in ext if x.get("url") == EXTENSION + "helped"],
        "associated": _all(ext, "associated", "valueCode")
        if _one(ext, "associated-recorded", "valueBoolean")
        else None,
        "notes": "\n\n".join(
            n.get("text", "")
            for n in _list(resource.get("note"))
            if n.get("authorString") != AUTHOR
        ),
        "deleted_at": _one(ext, "deleted-at", "valueDateTime"),
    }
    for ident in _list(resource.get("identifier")):
        if ident.get("system") == EPISODE_ID:
            raw["id"] = ident.get("value")
    if "valueInteger" in resource:
        raw["severity"] = resource["valueInteger"]
    for part in _list(resource.get("component")):
        quantity = part.get("valueQuantity") or {}
        if quantity.get("code") == "min" and quantity.get("system") == UCUM:
            raw["duration_minutes"] = quantity.get("value")
    return raw


def _helped(x: JSON) -> dict[str, Any]:
    parts = _list(x.get("extension"))
    what = [p.get("valueString") for p in parts if p.get("url") == "what"]
    how = [p.get("valueCode") for p in parts if p.get("url") == "howMuch"]
    return {"what": what[0] if what else None, "how_much": how[0] if how else None}


def _list(raw: object) -> list[JSON]:
    return [x for x in raw if isinstance(x, dict)] if isinstance(raw, list) else []


def _all(ext: list[JSON], name: str, key: str) -> list[Any]:
    return [x.get(key) for x in ext if x.get("url") == EXTENSION + name]


def _one(ext: list[JSON], name: str, key: str) -> Any:
    found = _all(ext, name, key)
    return found[0] if found else None
