"""Writing a diary as a FHIR R4 Bundle (type collection) or as NDJSON (one resource a line).

Both are streamed, so a long diary never sits in memory as one document. Every resource id is
a UUID derived from the Patient id and the record, so exporting the same diary twice gives the
same ids. In a Bundle resources refer to each other by ``urn:uuid:`` full URLs, in NDJSON by
``Type/id``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Final, TextIO

from spasmcare import clock
from spasmcare.diary.model import Assessment, Diary
from spasmcare.fhir import assessment, episodes, patient, questionnaire
from spasmcare.fhir.terminology import JSON
from spasmcare.kb.load import KnowledgeBase, load_default

FORMATS: Final = ("fhir", "ndjson")


class Ids:
    """Stable resource ids and references for one export."""

    def __init__(self, patient_id: str, bundle: bool) -> None:
        self.namespace = uuid.UUID(patient_id)
        self.bundle = bundle

    def of(self, kind: str, key: object) -> str:
        return str(uuid.uuid5(self.namespace, f"{kind}/{key}"))

    def ref(self, kind: str, ident: str) -> JSON:
        return {"reference": f"urn:uuid:{ident}" if self.bundle else f"{kind}/{ident}"}


def resources(
    diary: Diary, patient_id: str, kb: KnowledgeBase, bundle: bool = True
) -> Iterator[JSON]:
    """Every resource of the export, each one referring only to resources before it."""
    ids = Ids(patient_id, bundle)
    subject = ids.ref("Patient", patient_id)
    yield patient.patient(patient_id, diary.profile)
    observation_of: dict[int, str] = {}
    for number, e in enumerate(diary.episodes):
        ident = ids.of("Observation", e.id if e.id is not None else f"n{number}")
        if e.id is not None:
            observation_of[e.id] = ident
        yield episodes.observation(kb, e, ident, subject)
    if diary.assessments:
        form = ids.of("Questionnaire", kb.version)
        yield questionnaire.questionnaire(kb, form)
    for number, a in enumerate(diary.assessments):
        episode = observation_of.get(a.episode_id) if a.episode_id is not None else None
        yield from _assessment(kb, ids, a, a.id if a.id is not None else f"n{number}",
                               subject, episode)  # fmt: skip


def _assessment(
    kb: KnowledgeBase, ids: Ids, a: Assessment, key: object, subject: JSON, episode: str | None
) -> Iterator[JSON]:
    answered = ids.of("QuestionnaireResponse", key)
    yield questionnaire.response(kb, answered, a.case, a.at, subject)
    basis = [ids.ref("QuestionnaireResponse", answered)]
    if episode is not None:
        basis.append(ids.ref("Observation", episode))
    conditions = []
    for rank, cause in enumerate(a.result.get("causes") or ()):
        ident = ids.of("Condition", f"{key}/{rank}")
        conditions.append(ids.ref("Condition", ident))
        yield assessment.condition(kb, ident, cause, a.at, subject, basis)
    risk = ids.of("RiskAssessment", key)
    yield assessment.risk_assessment(kb, risk, a, subject, basis)
    plan = ids.of("CarePlan", key)
    yield assessment.care_plan(plan, a.result, a.at, subject, conditions,
                               [ids.ref("RiskAssessment", risk), *basis])  # fmt: skip


def write(
    diary: Diary, out: TextIO, form: str, patient_id: str | None = None,
    kb: KnowledgeBase | None = None, now: datetime | None = None,
    written: Callable[[JSON], None] | None = None,
) -> None:  # fmt: skip
    """Write the diary as a Bundle (``fhir``) or NDJSON (``ndjson``); ``written`` hears of each
    resource once it is written (to show how far a long export is)."""
    pid = patient_id or patient.derived_id(diary)
    knowledge = kb or load_default()
    tell = written or (lambda resource: None)
    if form == "ndjson":
        for resource in resources(diary, pid, knowledge, bundle=False):
            out.write(json.dumps(resource, ensure_ascii=False) + "\n")
            tell(resource)
        return
    moment = (now or clock.now()).isoformat(timespec="seconds")
    head = {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": "collection",
            "timestamp": moment}  # fmt: skip
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "entry": [')
    for number, resource in enumerate(resources(diary, pid, knowledge, bundle=True)):
        entry = {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
        out.write(("," if number else "") + "\n" + json.dumps(entry, ensure_ascii=False))
        tell(resource)
    out.write("\n]}\n")
