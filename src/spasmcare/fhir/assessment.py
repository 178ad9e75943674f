"""A saved assessment's result as FHIR: causes as Conditions, the disposition as a
RiskAssessment, the plan as a CarePlan, and back.

Nothing here is a diagnosis: a Condition is ``provisional`` (a likely cause) or
``differential`` (possible or less likely), never ``confirmed``; the CarePlan is a
``proposal``. Every statement keeps its sources in a note.

The RiskAssessment also carries the saved assessment itself, so that an import restores it
exactly: its id as an identifier, its time as ``occurrenceDateTime``, the episode it assessed
in ``basis``, and in the extension ``.../assessment`` the case and the result as the JSON
documents stored (``case``, ``result``) and the knowledge-base version (``knowledgeVersion``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from spasmcare.diary import model
from spasmcare.diary.model import Assessment, InvalidValue
from spasmcare.fhir import hl7
from spasmcare.fhir.terminology import (
    ASSESSMENT_ID,
    DISPOSITION,
    EXTENSION,
    JSON,
    annotation,
    coding,
    concept,
    extension,
)
from spasmcare.kb.load import KnowledgeBase

STATUS_OF: Final = {"likely": "provisional", "possible": "differential"}
"""Verification status per likelihood; anything else is ``differential``."""
DIAGNOSIS_SYSTEMS: Final = ("snomed_ct", "icd10", "icd10_cm")


def _join(items: Iterable[Any]) -> str:
    return ", ".join(str(x) for x in items) or "none"


def condition(
    kb: KnowledgeBase, ident: str, cause: dict[str, Any], at: datetime, patient: JSON,
    evidence: list[JSON],
) -> JSON:  # fmt: skip
    """One ranked cause as a Condition that is only a possibility."""
    cause_id = str(cause.get("id", ""))
    title = str(cause.get("title") or cause_id or "Possible cause")
    code = concept(kb, f"cause:{cause_id}", title, DIAGNOSIS_SYSTEMS)
    status = STATUS_OF.get(str(cause.get("likelihood")), "differential")
    likelihood = str(cause.get("likelihood") or "unknown").replace("_", " ")
    serious = " A serious cause: it needs a clinician." if cause.get("serious") else ""
    notes = [
        annotation(f"Likelihood: {likelihood}.{serious} {cause.get('summary') or ''}".strip()),
        annotation("For: " + _join(cause.get("for") or ())),
        annotation("Against: " + _join(cause.get("against") or ())),
        annotation("Sources: " + _join(cause.get("sources") or ())),
    ]
    found: JSON = {
        "resourceType": "Condition",
        "id": ident,
        "clinicalStatus": {"coding": [hl7.coding(hl7.CONDITION_CLINICAL, "active")]},
        "verificationStatus": {
            "coding": [hl7.coding(hl7.CONDITION_VERIFICATION, status)],
            "text": likelihood,
        },
        "category": [
            {
                "coding": [hl7.coding(hl7.CONDITION_CATEGORY, "encounter-diagnosis")],
                "text": "A possible cause found by a spasmcare assessment",
            }
        ],
        "code": code,
        "subject": patient,
        "recordedDate": at.isoformat(),
        "note": notes,
    }
    if evidence:
        found["evidence"] = [{"detail": evidence}]
    return found


def risk_assessment(
    kb: KnowledgeBase, ident: str, saved: Assessment, patient: JSON, basis: list[JSON]
) -> JSON:
    """The disposition, and the red flags that drove it with their sources."""
    result = saved.result
    disposition = str(result.get("disposition") or "unknown")
    text = kb.dispositions[disposition].title if disposition in kb.dispositions else disposition
    outcome = concept(kb, f"disposition:{disposition}", f"{disposition}: {text}")
    # The disposition is coded in spasmcare's own code system (published under docs/fhir),
    # so a receiving system can act on it without parsing the text.
    outcome["coding"] = [coding(DISPOSITION, disposition, text), *outcome.get("coding", [])]
    prediction: JSON = {"outcome": outcome}
    if result.get("headline"):
        prediction["rationale"] = str(result["headline"])
    notes = [annotation(_flag(flag)) for flag in result.get("red_flags") or ()]
    if not notes:
        notes.append(annotation("No red flag fired."))
    if result.get("failsafe"):
        notes.append(annotation("The assessment could not be completed: contact a clinician."))
    found: JSON = {
        "resourceType": "RiskAssessment",
        "id": ident,
        "extension": [_stored(saved)],
        "status": "final",
        "method": {"text": f"spasmcare knowledge base {saved.knowledge_version}"},
        "subject": patient,
        "occurrenceDateTime": saved.at.isoformat(),
        "prediction": [prediction],
        "note": notes,
    }
    if saved.id is not None:
        found["identifier"] = [{"system": ASSESSMENT_ID, "value": str(saved.id)}]
    if basis:
        found["basis"] = basis
    return found


def _stored(saved: Assessment) -> JSON:
    # FHIR has no JSON type: the documents travel as text, exactly as stored.
    parts = [
        {"url": "case", "valueString": json.dumps(saved.case, ensure_ascii=False)},
        {"url": "result", "valueString": json.dumps(saved.result, ensure_ascii=False)},
        {"url": "knowledgeVersion", "valueString": saved.knowledge_version},
    ]
    return extension("assessment", extension=parts)


def _flag(flag: dict[str, Any]) -> str:
    return (
        f"Red flag: {flag.get('title') or flag.get('id')} ({flag.get('disposition')}). "
        f"Because: {_join(flag.get('because') or ())}. {flag.get('explanation') or ''} "
        f"What to do: {flag.get('action') or ''} Sources: {_join(flag.get('sources') or ())}."
    )


def care_plan(
    ident: str, result: dict[str, Any], at: datetime, patient: JSON, addresses: list[JSON],
    supporting: list[JSON],
) -> JSON:  # fmt: skip
    """The self-care plan as a proposed CarePlan: steps to do, and things not to take or do."""
    plan = result.get("plan") or {}
    activities = [
        _activity(
            str(step.get("title") or step.get("id")),
            f"{step.get('text') or ''} (evidence: {step.get('evidence') or 'not stated'}; "
            f"sources: {_join(step.get('sources') or ())})".strip(),
        )
        for step in plan.get("steps") or ()
    ]
    for avoid in (plan.get("avoid") or []) + (plan.get("check_first") or []):
        what = str(avoid.get("what") or avoid.get("id"))
        activities.append(
            _activity(
                what,
                f"{avoid.get('reason') or ''} (sources: {_join(avoid.get('sources') or ())})",
                do_not=True,
            )
        )
    notes = [annotation("Get help if: " + s) for s in plan.get("seek_help_if") or ()]
    if plan.get("follow_up_days") is not None:
        notes.append(annotation(f"Check in again after {plan['follow_up_days']} days."))
    found: JSON = {
        "resourceType": "CarePlan",
        "id": ident,
        "status": "active",
        "intent": "proposal",
        "title": "spasmcare self-care plan",
        "subject": patient,
        "created": at.isoformat(),
    }
    if result.get("headline"):
        found["description"] = str(result["headline"])
    extra = {"addresses": addresses, "supportingInfo": supporting, "activity": activities,
             "note": notes}  # fmt: skip
    return {**found, **{k: x for k, x in extra.items() if x}}


def _activity(title: str, text: str, *, do_not: bool = False) -> JSON:
    detail: JSON = {"status": "not-started", "code": {"text": title}, "description": text}
    if do_not:
        detail["doNotPerform"] = True
    return {"detail": detail}


STORED: Final = EXTENSION + "assessment"
PATHS: Final = {
    "id": "identifier",
    "at": "occurrenceDateTime",
    "case": "extension[assessment].extension[case]",
    "result": "extension[assessment].extension[result]",
    "knowledge_version": "extension[assessment].extension[knowledgeVersion]",
    "episode_id": "basis",
}
"""Where each assessment field lives in the RiskAssessment, for import errors."""


def is_saved(resource: JSON) -> bool:
    """Whether a RiskAssessment carries a spasmcare saved assessment."""
    return resource.get("resourceType") == "RiskAssessment" and any(
        x.get("url") == STORED for x in _list(resource.get("extension"))
    )


def restored(
    resource: JSON, episode_of: Mapping[str, int | None], now: datetime | None = None
) -> Assessment:
    """The saved assessment in a RiskAssessment. ``episode_of`` maps a reference to each
    resource read before it to its episode id (None: not an episode), which links the
    assessment to the episode in its ``basis``."""
    stored = next(x for x in _list(resource.get("extension")) if x.get("url") == STORED)
    parts = {p.get("url"): p.get("valueString") for p in _list(stored.get("extension"))}
    ident = None
    for found in _list(resource.get("identifier")):
        if found.get("system") == ASSESSMENT_ID:
            ident = model.integer("id", found.get("value"), 1, 2**62)
    at = model.moment("at", resource.get("occurrenceDateTime"), now)
    case, result = _document("case", parts.get("case")), _document("result", parts.get("result"))
    version = parts.get("knowledgeVersion")
    if not isinstance(version, str) or not version.strip():
        raise InvalidValue("knowledge_version", version, "the knowledge-base version as text")
    episode_id = None
    for basis in _list(resource.get("basis")):
        ref = basis.get("reference")
        if not isinstance(ref, str) or ref not in episode_of:
            raise InvalidValue("episode_id", ref, "a reference to a resource earlier in the file")
        episode_id = episode_id or episode_of[ref]
    return Assessment(at, case, result, version, episode_id, ident)


def _document(name: str, text: object) -> dict[str, Any]:
    """A JSON object given as text."""
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        shown = text[:57] + "..." if isinstance(text, str) and len(text) > 60 else text
        raise InvalidValue(name, shown, "a JSON object as text")
    return value


def _list(raw: object) -> list[JSON]:
    return [x for x in raw if isinstance(x, dict)] if isinstance(raw, list) else []
