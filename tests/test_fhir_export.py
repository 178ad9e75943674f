"""The FHIR export: every resource is valid R4, no code is presented as more checked than it is,
and nothing in it is a diagnosis."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import spasmcare
from spasmcare.diary.model import Assessment, Diary, Episode, Helped, Profile
from spasmcare.fhir.export import write as write_fhir
from spasmcare.fhir.patient import stored_id
from spasmcare.fhir.terminology import CODE_STATUS, SYSTEMS
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


def test_every_resource_validates_with_the_r4b_models() -> None:
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    bundle = exported("fhir")[0]
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    lines = exported("ndjson")
    kinds = {r["resourceType"] for r in lines}
    assert kinds == {"Patient", "Observation", "Questionnaire", "QuestionnaireResponse",
                     "Condition", "RiskAssessment", "CarePlan"}  # fmt: skip
    for resource in lines:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


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
    (duration,) = first["component"]
    assert duration["valueQuantity"] == {
        "value": 2.5,
        "unit": "min",
        "system": "http://unitsofmeasure.org",
        "code": "min",
    }
    assert [c["code"] for c in first["code"]["coding"]] == ["72514-3"]
    assert first["bodySite"]["text"].startswith("left ")
    assert "coding" not in first["bodySite"]  # codes.yaml has no SNOMED CT code for the calf
    assert {"text": "woke me"} in first["note"]
    assert deleted["status"] == "entered-in-error" and "valueInteger" not in deleted
    assert deleted["dataAbsentReason"]["coding"][0]["code"] == "unknown"


def test_no_code_is_presented_as_more_checked_than_codes_yaml_says(kb: KnowledgeBase) -> None:
    known = {(SYSTEMS[c.system], c.code): c.status for c in kb.codes}
    found = [c for c in codings(resources()) if c["system"] in SYSTEMS.values()]
    assert found
    for coding in found:
        status = known[(coding["system"], coding["code"])]
        assert status != "unverified", coding
        if status != "verified":
            assert coding["userSelected"] is False
            assert coding["extension"] == [{"url": CODE_STATUS, "valueCode": status}]


def test_a_verified_body_site_code_is_exported_and_an_unverified_one_is_not(
    kb_copy: Path,
) -> None:
    path = kb_copy / "codes.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- {id: calf_test, concept: 'region:calf', system: snomed_ct, code: '111',"
        " display: Calf test, status: verified}\n"
        "- {id: back_test, concept: 'region:lower_back', system: snomed_ct, code: '222',"
        " display: Back test, status: unverified}\n",
        encoding="utf-8",
    )
    first, back = of("Observation", resources(kb=load(kb_copy)))
    assert first["bodySite"]["coding"] == [
        {"system": "http://snomed.info/sct", "code": "111", "display": "Calf test"}
    ]
    assert "coding" not in back["bodySite"] and back["bodySite"]["text"]


def test_causes_are_never_confirmed_and_the_plan_is_a_proposal() -> None:
    found = resources()
    result = diary().assessments[0].result
    conditions = of("Condition", found)
    assert len(conditions) == len(result["causes"]) > 0
    statuses = {c["verificationStatus"]["coding"][0]["code"] for c in conditions}
    assert statuses <= {"provisional", "differential"}
    (plan,) = of("CarePlan", found)
    assert plan["intent"] == "proposal"
    titles = [a["detail"]["code"]["text"] for a in plan["activity"]]
    assert titles[: len(result["plan"]["steps"])] == [s["title"] for s in result["plan"]["steps"]]


def test_the_disposition_and_its_red_flags_with_sources() -> None:
    (risk,) = of("RiskAssessment", resources())
    result = diary().assessments[0].result
    assert risk["prediction"][0]["outcome"]["text"].startswith(result["disposition"] + ":")
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
