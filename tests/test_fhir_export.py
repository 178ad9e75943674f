"""The FHIR export: every resource is valid R4, no code that is not verified is exported, and
nothing in it is a diagnosis."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import spasmcare
from spasmcare.diary.model import Assessment, Diary, Episode, Helped, Profile
from spasmcare.fhir import hl7, r4
from spasmcare.fhir.export import write as write_fhir
from spasmcare.fhir.patient import stored_id
from spasmcare.fhir.terminology import CODE_SYSTEM, SYSTEMS
from spasmcare.kb.load import KnowledgeBase, load

ZONE = timezone(timedelta(hours=2))
AT = datetime(2026, 2, 1, 23, 15, tzinfo=ZONE)
PATIENT = "3f1c7a52-0d7e-4c7e-9a51-0b8e8d3c2a11"
CASE = {"region": "calf", "age": 70, "time_of_day": "night", "associated": ["swelling"],
        "severity_0_10": 7, "duration_minutes": 2.5, "side": "left"}  # fmt: skip


def diary() -> Diary:
    result = spasmcare.assess(CASE).as_json()
    first = Episode(
        AT, "calf", "left", 7, 2.5, ("long run",), (Helped("stretching", "a_lot"),),
        ("swelling",), "woke me", id=1,
    )  # fmt: skip
    deleted = Episode(
        AT + timedelta(days=1), "lower_back", id=2, deleted_at=datetime(2026, 2, 3, tzinfo=UTC)
    )
    return Diary(
        profile=Profile(age=70, sex="female", medications=("atorvastatin",)),
        episodes=(first, deleted),
        assessments=(Assessment(AT, CASE, result, str(result["knowledge_version"]), 1, 1),),
    )


def exported(form: str, kb: KnowledgeBase | None = None, d: Diary | None = None) -> list[Any]:
    out = io.StringIO()
    write_fhir(d or diary(), out, form, PATIENT, kb)
    if form == "ndjson":
        return [json.loads(line) for line in out.getvalue().splitlines()]
    return [json.loads(out.getvalue())]


def resources(form: str = "ndjson", kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    found = exported(form, kb)
    return [e["resource"] for e in found[0]["entry"]] if form == "fhir" else found


def of(kind: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in found if r["resourceType"] == kind]


def codings(value: object) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        here = [value] if "system" in value and "code" in value else []
        return here + [c for x in value.values() for c in codings(x)]
    if isinstance(value, list):
        return [c for x in value for c in codings(x)]
    return []


def test_every_resource_is_valid_r4() -> None:
    bundle = exported("fhir")[0]
    assert r4.problem({k: x for k, x in bundle.items() if k != "entry"}) is None
    assert bundle["type"] == "collection"
    for entry in bundle["entry"]:
        assert r4.problem(entry["resource"]) is None, entry["resource"]["resourceType"]
    lines = exported("ndjson")
    kinds = {r["resourceType"] for r in lines}
    assert kinds == {"Patient", "Observation", "Questionnaire", "QuestionnaireResponse",
                     "Condition", "RiskAssessment", "CarePlan"}  # fmt: skip
    for resource in lines:
        assert r4.problem(resource) is None, resource["resourceType"]


def test_bundle_references_resolve_inside_the_bundle() -> None:
    bundle = exported("fhir")[0]
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = [x["reference"] for e in bundle["entry"] for x in _references(e["resource"])]
    assert refs and set(refs) <= urls


def _references(value: object) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        here = [value] if "reference" in value else []
        return here + [r for x in value.values() for r in _references(x)]
    if isinstance(value, list):
        return [r for x in value for r in _references(x)]
    return []


def test_patient_is_pseudonymous_and_stable(tmp_path: Path) -> None:
    (person,) = of("Patient", resources())
    assert person["id"] == PATIENT
    assert not {"name", "birthDate", "identifier", "telecom", "address"} & person.keys()
    first = stored_id(tmp_path)
    assert stored_id(tmp_path) == first != stored_id(tmp_path / "other")
    assert exported("ndjson") == exported("ndjson")


def test_an_episode_is_an_observation_with_zone_duration_and_severity() -> None:
    first, deleted = of("Observation", resources())
    assert first["valueInteger"] == 7
    assert first["effectiveDateTime"] == "2026-02-01T23:15:00+02:00"
    finding, duration = first["component"]
    assert finding == {"code": {"text": "Muscle cramp or spasm"}, "valueBoolean": True}
    assert duration["valueQuantity"] == {
        "value": 2.5,
        "unit": "min",
        "system": "http://unitsofmeasure.org",
        "code": "min",
    }
    assert first["code"] == {"text": "Pain severity, 0 (none) to 10 (worst), reported"}
    assert "coding" not in first["code"]  # LOINC 72514-3 is not yet verified in codes.yaml
    assert first["bodySite"]["text"].startswith("left ")
    assert "coding" not in first["bodySite"]  # nor is the calf's SNOMED CT code
    side = first["bodySite"]["extension"][0]
    assert side["url"].endswith("/laterality") and side["valueCodeableConcept"]["text"]
    assert {"text": "woke me"} in first["note"]
    assert deleted["status"] == "entered-in-error" and "valueInteger" not in deleted
    assert deleted["dataAbsentReason"]["coding"][0]["code"] == "unknown"


def test_no_code_that_is_not_verified_is_ever_exported(kb: KnowledgeBase) -> None:
    verified = {(SYSTEMS[c.system], c.code) for c in kb.codes if c.status == "verified"}
    assert any(c.status != "verified" for c in kb.codes)  # there is something to leave out
    for form in ("fhir", "ndjson"):
        found = codings(resources(form))
        assert found
        for coding in found:
            key = (coding["system"], coding["code"])
            own = coding["system"].startswith("https://spasmcare.org/fhir/")
            assert key in verified or key in hl7.CODES or own, coding


def verified(kb_copy: Path, *entries: str) -> KnowledgeBase:
    path = kb_copy / "codes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")
    return load(kb_copy)


CHECKED = "checked_against: SNOMED CT test release, checked_on: '2026-01-01'"


def test_a_verified_body_site_code_is_exported_and_an_unverified_one_is_not(
    kb_copy: Path,
) -> None:
    kb = verified(
        kb_copy,
        "- {id: calf_test, concept: 'region:calf', system: snomed_ct, code: '111',"
        f" display: Calf test, status: verified, {CHECKED}}}\n",
        "- {id: back_test, concept: 'region:lower_back', system: snomed_ct, code: '222',"
        " display: Back test, status: unverified}\n",
        "- {id: left_test, concept: 'side:left', system: snomed_ct, code: '333',"
        f" display: Left test, status: verified, {CHECKED}}}\n",
        "- {id: cramp_test, concept: 'finding:cramp', system: snomed_ct, code: '444',"
        f" display: Cramp test, status: verified, {CHECKED}}}\n",
    )
    first, back = of("Observation", resources(kb=kb))
    snomed = "http://snomed.info/sct"
    assert first["bodySite"]["coding"] == [
        {"system": snomed, "code": "111", "display": "Calf test"}
    ]
    (laterality,) = first["bodySite"]["extension"]
    assert laterality["valueCodeableConcept"]["coding"][0]["code"] == "333"
    assert first["component"][0]["code"]["coding"][0]["code"] == "444"
    assert "coding" not in back["bodySite"] and back["bodySite"]["text"]


def test_a_code_marked_verified_must_say_where_and_when(kb_copy: Path) -> None:
    with pytest.raises(Exception, match="a verified code needs checked_against"):
        verified(
            kb_copy,
            "- {id: calf_test, concept: 'region:calf', system: snomed_ct, code: '111',"
            " display: Calf test, status: verified}\n",
        )


def test_causes_are_never_confirmed_and_the_plan_is_a_proposal() -> None:
    found = resources()
    result = diary().assessments[0].result
    conditions = of("Condition", found)
    assert len(conditions) == len(result["causes"]) > 0
    statuses = {c["verificationStatus"]["coding"][0]["code"] for c in conditions}
    assert statuses <= {"provisional", "differential"}
    for found_condition in conditions:  # what US Core and most receivers require
        assert found_condition["clinicalStatus"]["coding"][0]["code"] == "active"
        assert found_condition["category"][0]["coding"][0]["code"] == "encounter-diagnosis"
    (plan,) = of("CarePlan", found)
    assert plan["intent"] == "proposal"
    titles = [a["detail"]["code"]["text"] for a in plan["activity"]]
    assert titles[: len(result["plan"]["steps"])] == [s["title"] for s in result["plan"]["steps"]]


def test_the_disposition_and_its_red_flags_with_sources() -> None:
    (risk,) = of("RiskAssessment", resources())
    result = diary().assessments[0].result
    outcome = risk["prediction"][0]["outcome"]
    assert outcome["text"].startswith(result["disposition"] + ":")
    assert outcome["coding"][0]["system"] == CODE_SYSTEM + "disposition"
    assert outcome["coding"][0]["code"] == result["disposition"]
    notes = " ".join(n["text"] for n in risk["note"])
    assert result["red_flags"]
    for flag in result["red_flags"]:
        assert flag["title"] in notes
        assert all(source in notes for source in flag["sources"])


def test_the_risk_assessment_carries_the_saved_assessment_exactly() -> None:
    (risk,) = of("RiskAssessment", resources())
    saved = diary().assessments[0]
    (stored,) = risk["extension"]
    assert stored["url"] == "https://spasmcare.org/fhir/StructureDefinition/assessment"
    parts = {p["url"]: p["valueString"] for p in stored["extension"]}
    assert json.loads(parts["case"]) == saved.case
    assert json.loads(parts["result"]) == saved.result
    assert parts["knowledgeVersion"] == saved.knowledge_version
    assert risk["identifier"] == [{"system": "https://spasmcare.org/fhir/assessment-id",
                                   "value": "1"}]  # fmt: skip
    assert risk["occurrenceDateTime"] == "2026-02-01T23:15:00+02:00"


def test_the_questionnaire_comes_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    found = resources()
    (form,) = of("Questionnaire", found)
    (answers,) = of("QuestionnaireResponse", found)
    links = [i["linkId"] for i in form["item"]]
    assert links[: len(kb.questions)] == [q.id for q in kb.questions]
    assert answers["questionnaire"] == f"{form['url']}|{form['version']}"
    given = {i["linkId"]: i["answer"] for i in answers["item"]}
    assert set(given) <= set(links)
    assert given["where"][0]["valueCoding"]["code"] == "calf"
    assert given["age"] == [{"valueInteger": 70}]
    assert given["case.associated"][0]["valueCoding"]["code"] == "swelling"
    # swelling can be the answer to two questions: neither is answered on its behalf
    askers = [q.id for q in kb.questions if q.term == "swelling"]
    assert askers and not set(askers) & set(given)


@pytest.mark.parametrize("form", ["fhir", "ndjson"])
def test_an_empty_diary_exports_a_patient_only(form: str) -> None:
    found = exported(form, d=Diary())
    kinds = (
        [e["resource"]["resourceType"] for e in found[0]["entry"]]
        if form == "fhir"
        else [r["resourceType"] for r in found]
    )
    assert kinds == ["Patient"]
