"""CDS Hooks 2.0: discovery, the patient-view service and its feedback endpoint.

The service links the EHR's FHIR Patient id to a spasmcare diary through a lookup that the
clinic layer plugs in (``router(lookup, trust)``), used only for calls that ``trust`` admits
(``spasmcare.api.cds_auth``); without one, or when it finds nothing, the cards
come from the EHR's prefetched medicines alone (their links to cramps and the over-the-counter
pain-relief screen), or invite the patient to a spasmcare check. Nothing is fetched from the
FHIR server and nothing the EHR sends is stored, so a prefetch the EHR did not send gets a card
saying what was not screened. The EHR's Patient (birth date, sex) fills the age and sex the
diary's case does not know for the pain-relief screen.

Browser-based EHRs call from another origin: ``Cors`` answers their preflights and adds the
CORS headers on ``/cds-services`` for the origins the deployment lists
(``SPASMCARE_CDS_ORIGINS``), as CDS Hooks requires.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Final, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from spasmcare import clock
from spasmcare.api.cards import (
    Card,
    Coding,
    Record,
    assessment_card,
    invite_card,
    medicines_card,
    missing_prefetch_card,
    names_in,
    screen_case,
)
from spasmcare.api.cds_auth import Trust
from spasmcare.api.problems import READ_RESPONSES, RESPONSES, CdsRoute
from spasmcare.case import CaseError
from spasmcare.fhir.terminology import SYSTEMS
from spasmcare.kb.load import KnowledgeBase, load_default
from spasmcare.services.sharing import LatestSummary, Lookup

log = logging.getLogger(__name__)

"""FHIR Patient id -> the latest saved assessment of the diary linked to it, if any."""

SERVICE_ID: Final = "spasmcare-patient-view"
PREFETCH: Final = {
    "patient": "Patient/{{context.patientId}}",
    "medicationRequests": "MedicationRequest?patient={{context.patientId}}&status=active",
    "medicationStatements": "MedicationStatement?patient={{context.patientId}}&status=active",
}
INACTIVE: Final = frozenset(
    {"cancelled", "completed", "entered-in-error", "stopped", "not-taken", "draft", "ended"}
)
_FHIR_ID: Final = r"^[A-Za-z0-9\-.]{1,64}$"
_LONGEST_NAME: Final = 8


class Service(BaseModel):
    hook: str
    id: str
    title: str
    description: str
    prefetch: dict[str, str]
    usageRequirements: str | None = None


class Discovery(BaseModel):
    services: list[Service]


class HookContext(BaseModel):
    model_config = ConfigDict(extra="allow")

    userId: str = Field(min_length=1, max_length=256)
    patientId: str = Field(pattern=_FHIR_ID, description="The FHIR Patient id.")
    encounterId: str | None = Field(None, max_length=256)


class Prefetch(BaseModel):
    """The prefetched resources; each may be null when the EHR could not fetch it."""

    model_config = ConfigDict(extra="allow")

    patient: dict[str, Any] | None = None
    medicationRequests: dict[str, Any] | None = None
    medicationStatements: dict[str, Any] | None = None


class HookRequest(BaseModel):
    """A CDS Hooks 2.0 call of the patient-view hook."""

    model_config = ConfigDict(extra="allow")

    hook: Literal["patient-view"]
    hookInstance: str = Field(min_length=1, max_length=256)
    fhirServer: str | None = None
    fhirAuthorization: dict[str, Any] | None = None
    context: HookContext
    prefetch: Prefetch | None = None


class CdsResponse(BaseModel):
    cards: list[Card]


class OverrideReason(BaseModel):
    reason: Coding | None = None
    userComment: str | None = None


class FeedbackItem(BaseModel):
    card: str = Field(max_length=256)
    outcome: Literal["accepted", "overridden"]
    acceptedSuggestions: list[dict[str, Any]] = Field(default_factory=list)
    overrideReason: OverrideReason | None = None
    outcomeTimestamp: str


class Feedback(BaseModel):
    feedback: list[FeedbackItem] = Field(max_length=100)


class Received(BaseModel):
    received: int = Field(description="How many feedback items were read (none are stored).")


def router(lookup: Lookup | None = None, trust: Trust | None = None) -> APIRouter:
    """The CDS Hooks routes; ``lookup`` links a FHIR Patient id to a diary, and with ``trust``
    only the calls it admits reach it (a refused credential gets 401)."""
    cds = APIRouter(prefix="/cds-services", tags=["CDS Hooks"], route_class=CdsRoute)

    @cds.get(
        "", response_model=Discovery, responses=dict(READ_RESPONSES), summary="CDS Hooks discovery"
    )
    async def discovery() -> Discovery:
        """The services this server offers."""
        return Discovery(services=[_service()])

    @cds.post(
        f"/{SERVICE_ID}",
        response_model=CdsResponse,
        response_model_exclude_none=True,
        responses={
            **RESPONSES,
            401: {**RESPONSES[400], "description": "The CDS client's token was refused"},
            503: {**RESPONSES[400], "description": "The EHR's key set could not be fetched"},
        },
        summary="Cards for the patient-view hook",
    )
    async def patient_view(call: HookRequest, request: Request) -> CdsResponse:
        """Cards from the latest spasmcare assessment, the prefetched medicines, or both."""
        admitted = trust is None or await run_in_threadpool(
            trust.admits, request.headers.get("authorization"), f"/cds-services/{SERVICE_ID}"
        )
        kb = load_default()
        latest = await _latest(lookup, call.context.patientId) if admitted else None
        record = record_of(kb, call.prefetch)
        if latest is not None:
            latest = await run_in_threadpool(with_record, kb, latest, record)
        return CdsResponse(cards=await run_in_threadpool(cards_for, kb, latest, record))

    @cds.post(
        f"/{SERVICE_ID}/feedback",
        response_model=Received,
        responses=RESPONSES,
        summary="Feedback on cards",
    )
    async def feedback(body: Feedback) -> Received:
        """Accepted and counted in the log; nothing from it is stored."""
        outcomes = [item.outcome for item in body.feedback]
        log.info("CDS feedback: %d accepted, %d overridden",
                 outcomes.count("accepted"), outcomes.count("overridden"))  # fmt: skip
        return Received(received=len(outcomes))

    return cds


def _service() -> Service:
    return Service(
        hook="patient-view",
        id=SERVICE_ID,
        title="spasmcare: muscle spasms and cramps",
        description=(
            "The patient's latest spasmcare assessment (how urgently to get care, the red flags "
            "and their sources), medicines linked to cramps, and over-the-counter pain relief "
            "to avoid. Information and triage support, not a diagnosis."
        ),
        prefetch=dict(PREFETCH),
        usageRequirements="The patient links their spasmcare diary to their FHIR Patient id.",
    )


async def _latest(lookup: Lookup | None, patient_id: str) -> LatestSummary | None:
    if lookup is None:
        return None
    try:
        return await run_in_threadpool(lookup, patient_id)
    except Exception:  # an unreadable diary must not take the EHR's page down
        log.exception("looking up the latest assessment failed")
        return None


def cards_for(kb: KnowledgeBase, latest: LatestSummary | None, record: Record) -> list[Card]:
    """The cards: the latest assessment, then the medicines (an invitation when neither), then
    what was not screened for want of a prefetch."""
    cards = [assessment_card(kb, latest)] if latest is not None else []
    medicines = medicines_card(kb, record, invite=latest is None)
    if medicines is not None:
        cards.append(medicines)
    cards = cards or [invite_card(kb)]
    missing = missing_prefetch_card(kb, record)
    return [*cards, missing] if missing is not None else cards


def with_record(kb: KnowledgeBase, latest: LatestSummary, record: Record) -> LatestSummary:
    """The latest assessment with its pain-relief screen run again with the EHR's age and sex
    where the saved case has none (the disposition and the rest stay the diary's)."""
    if latest.case is None or latest.result.failsafe:
        return latest
    case = dict(latest.case)
    added: dict[str, Any] = {}
    if case.get("age") is None and record.age is not None:
        added["age"] = record.age
    if case.get("sex") is None and record.sex is not None:
        added["sex"] = record.sex
    if not added:
        return latest
    try:
        avoid, check_first = screen_case(kb, case | added)
    except CaseError:
        return latest
    plan = latest.result.plan.model_copy(update={"avoid": avoid, "check_first": check_first})
    result = latest.result.model_copy(update={"plan": plan})
    said = tuple(f"{name} {value}" for name, value in added.items())
    return replace(latest, result=result, from_record=said)


def record_of(kb: KnowledgeBase, prefetch: Prefetch | None, today: date | None = None) -> Record:
    """The medicine names, age and sex found in the prefetched resources, and the prefetch
    keys the EHR did not send."""
    if prefetch is None:
        return Record(missing=tuple(PREFETCH))
    missing = tuple(key for key in PREFETCH if getattr(prefetch, key) is None)
    names: list[str] = []
    for bundle in (prefetch.medicationRequests, prefetch.medicationStatements):
        for resource in _resources(bundle):
            if resource.get("resourceType") not in ("MedicationRequest", "MedicationStatement"):
                continue
            if resource.get("status") in INACTIVE:
                continue
            name = medicine_name(kb, resource)
            if name is not None:
                names.append(name)
    patient = prefetch.patient or {}
    gender = patient.get("gender")
    return Record(
        medications=names_in(names),
        age=_age(patient.get("birthDate"), today or clock.now().date()),
        sex=gender if gender in ("female", "male", "other") else None,
        missing=missing,
    )


def medicine_name(kb: KnowledgeBase, resource: Mapping[str, Any]) -> str | None:
    """The knowledge base's id for the resource's medicine, else the name as recorded."""
    medication = resource.get("medication")
    concepts = [resource.get("medicationCodeableConcept")]
    references = [resource.get("medicationReference")]
    if isinstance(medication, dict):  # R5: a CodeableReference
        concepts.append(medication.get("concept"))
        references.append(medication.get("reference"))
    texts: list[object] = []
    rxnorm = _rxnorm(kb)
    for concept in concepts:
        if not isinstance(concept, dict):
            continue
        for coding in _dicts(concept.get("coding")):
            code = coding.get("code")
            if (
                coding.get("system") == SYSTEMS["rxnorm"]
                and isinstance(code, str)
                and code in rxnorm
            ):
                return rxnorm[code]
            texts.append(coding.get("display"))
        texts.insert(0, concept.get("text"))
    texts += [r.get("display") for r in references if isinstance(r, dict)]
    written = [t for t in texts if isinstance(t, str) and t.strip()]
    for text in written:
        words = text.split()[:_LONGEST_NAME]
        for n in range(len(words), 0, -1):
            found = kb.medicine_names.find(" ".join(words[:n]))
            if found is not None:
                return found
    return written[0][:200] if written else None


def _rxnorm(kb: KnowledgeBase) -> dict[str, str]:
    return {
        c.code: c.concept.removeprefix("medicine:")
        for c in kb.codes
        if c.system == "rxnorm" and c.concept.startswith("medicine:") and c.status != "unverified"
    }


def _resources(bundle: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    if not bundle:
        return
    if bundle.get("resourceType") != "Bundle":
        yield bundle
        return
    for entry in _dicts(bundle.get("entry")):
        resource = entry.get("resource")
        if isinstance(resource, dict):
            yield resource


def _dicts(value: object) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _age(birth: object, today: date) -> int | None:
    """Age in whole years from a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not isinstance(birth, str):
        return None
    parts = birth.split("-")
    try:
        # a partial date counts from late in its period: the youngest the person can be
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2][:2]) if len(parts) > 2 else 28
        born = date(int(parts[0]), month, day)
    except (ValueError, IndexError):
        return None
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age if 0 <= age <= 120 else None


class Cors:
    """CORS for ``/cds-services`` only, for the EHR origins the deployment lists: preflights are
    answered and responses carry ``Access-Control-Allow-Origin`` (CDS Hooks: "CDS Services and
    browser-based CDS Clients will require CORS support"). Tokens travel in the Authorization
    header, never in cookies, so credentials are not allowed. Other paths pass untouched."""

    def __init__(self, app: ASGIApp, origins: Sequence[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(check_origins(origins)),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope["path"]).startswith("/cds-services"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


_ORIGIN: Final = re.compile(
    r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^http://\[::1\](:[0-9]{1,5})?$"
)


def check_origins(origins: Sequence[str]) -> tuple[str, ...]:
    """The origins, checked: ``*`` or each a scheme, host and optional port with no path, as a
    browser sends them in ``Origin``; ValueError names the first that is not."""
    for origin in origins:
        if origin != "*" and not _ORIGIN.match(origin):
            raise ValueError(
                f"SPASMCARE_CDS_ORIGINS: {origin!r} is not an origin; allowed: * or origins "
                "such as https://ehr.hospital.example or http://localhost:8080 (no path)"
            )
    return tuple(origins)
