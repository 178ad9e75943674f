"""The stateless /api/v1: assessment as on the command line, the interview, the knowledge base,
and errors as problem details that name the field at fault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from spasmcare.api.problems import MAX_BODY, MEDIA_TYPE
from spasmcare.app import api_routers as routers
from spasmcare.app import create_api_app
from spasmcare.cli import app as cli
from spasmcare.engine.assess import assess
from spasmcare.engine.interview import answer
from spasmcare.kb.load import KnowledgeBase, load_default

VIGNETTES = sorted((Path(__file__).parent / "vignettes").glob("*.jsonl"))
CASES = [json.loads(path.read_text().splitlines()[0])["case"] for path in VIGNETTES]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_api_app()) as found:
        yield found


def problem_fields(response: Any, status: int) -> dict[str, dict[str, Any]]:
    """The problem document's errors by field, after checking its shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == MEDIA_TYPE
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://spasmcare.org/problems/")
    assert body["title"] and body["detail"]
    return {e["field"]: e for e in body["errors"]}


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in VIGNETTES])
def test_assessment_is_what_the_command_line_prints(client: TestClient, case: Any) -> None:
    printed = CliRunner().invoke(cli, ["assess", "--case", "-", "--json"], input=json.dumps(case))
    assert printed.exit_code == 0, printed.output
    response = client.post("/api/v1/assessments", json=case)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(printed.output)


def test_invalid_case_names_each_key_value_and_what_is_allowed(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assessments", json={"region": "elbow", "age": -1, "colour": "blue"}
    )
    errors = problem_fields(response, 422)
    assert set(errors) == {"region", "age", "colour"}
    assert errors["region"]["value"] == "elbow"
    assert errors["region"]["pointer"] == "/region"
    assert "allowed" in errors["region"]["message"] and "calf" in errors["region"]["message"]
    assert errors["age"]["value"] == -1
    assert "unknown key" in errors["colour"]["message"]


def test_missing_region_is_named(client: TestClient) -> None:
    assert "region" in problem_fields(client.post("/api/v1/assessments", json={"age": 40}), 422)


def test_the_same_messages_as_the_command_line(client: TestClient) -> None:
    case = {"region": "calf", "severity_0_10": 11, "associated": ["sneezing"]}
    printed = CliRunner().invoke(cli, ["assess", "--case", "-", "--json"], input=json.dumps(case))
    expected = {e["key"]: e["message"] for e in json.loads(printed.output)["errors"]}
    errors = problem_fields(client.post("/api/v1/assessments", json=case), 422)
    assert {k: e["message"] for k, e in errors.items()} == expected


@pytest.mark.parametrize(
    "body",
    [b"", b"{not json", b'{"region": "calf", "age": NaN}', b"[" * 5000],
    ids=["empty", "broken", "nan", "deep"],
)
def test_a_body_that_is_not_json_is_a_400_naming_the_body(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/v1/assessments", content=body, headers={"content-type": "application/json"}
    )
    assert "body" in problem_fields(response, 400)


def test_a_case_that_is_not_an_object_is_named(client: TestClient) -> None:
    errors = problem_fields(client.post("/api/v1/assessments", json=["calf"]), 422)
    assert errors["body"]["pointer"] == ""  # JSON Pointer to the whole document


def test_a_lone_surrogate_does_not_break_the_answer(client: TestClient) -> None:
    body = b'{"region": "calf", "sex": "\\ud800"}'
    errors = problem_fields(client.post("/api/v1/assessments", content=body), 422)
    assert errors["sex"]["value"] == "\ud800"


def test_unknown_medicine_is_kept_as_a_warning(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"region": "calf", "medications": ["zq"]})
    assert response.status_code == 200
    assert any("zq" in w for w in response.json()["warnings"])


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = {"region": "calf", "medications": ["x" * 100] * (MAX_BODY // 100)}
    response = client.post("/api/v1/assessments", json=big)
    problem_fields(response, 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"region": "calf", "medications": ['
        for _ in range(MAX_BODY // 10):
            yield b'"aaaaaaa",'
        yield b'"b"]}'

    problem_fields(client.post("/api/v1/interview", content=chunks()), 413)


def truth_reply(question: Any, truth: dict[str, Any]) -> Any:
    """What a person whose situation is ``truth`` answers (None: does not know)."""
    known = truth.get(question["field"])
    if known is None:
        return None
    if question["type"] == "yes_no":
        return question["term"] in known if question["term"] else known
    if question["type"] == "single_choice":
        return next((c["id"] for c in question["choices"] if c["value"] == known), None)
    if question["type"] == "multi_choice":
        return [c["id"] for c in question["choices"] if c["value"] in known]
    return known


@pytest.mark.parametrize("truth", CASES[:3], ids=[p.stem for p in VIGNETTES[:3]])
def test_the_interview_ends_in_the_result_of_its_answers(
    client: TestClient, kb: KnowledgeBase, truth: dict[str, Any]
) -> None:
    answers: dict[str, Any] = {}
    asked: list[str] = []
    by_id = {q.id: q for q in kb.questions}
    for _ in range(len(kb.questions) + 1):
        response = client.post("/api/v1/interview", json={"answers": answers, "asked": asked})
        assert response.status_code == 200, response.text
        body = response.json()
        if "result" in body:
            break
        question = body["question"]
        asked.append(question["id"])
        value = truth_reply(question, truth)
        if value is not None:
            answers = answer(by_id[question["id"]], answers, value)
    assert set(body) == {"result"}
    assert body["result"] == assess(answers).as_json()
    assert len(asked) < len(kb.questions)


def test_the_interview_names_bad_answers_and_unknown_questions(client: TestClient) -> None:
    body = {"answers": {"age": "old", "region": "calf"}, "asked": ["where", "nope"], "x": 1}
    errors = problem_fields(client.post("/api/v1/interview", json=body), 422)
    assert set(errors) == {"answers.age", "asked.1", "x"}
    assert errors["answers.age"]["pointer"] == "/answers/age"
    assert errors["asked.1"]["value"] == "nope"


def test_lists_answered_not_known_still_get_the_next_question(client: TestClient) -> None:
    """null for a list ("not known") is a valid answer; the interview goes on from it."""
    answers = {"region": "head", "associated": None, "recent": ["fall_or_trauma"]}
    response = client.post("/api/v1/interview", json={"answers": answers, "asked": None})
    assert response.status_code == 200, response.text
    assert response.json()["question"] is not None


def test_an_interview_with_everything_asked_but_no_region_asks_for_the_region_again(
    client: TestClient, kb: KnowledgeBase
) -> None:
    """Every case needs a region, so an interview never ends without one, even when an
    answer has already made it an emergency."""
    region = next(q.id for q in kb.questions if q.type == "region")
    for answers in ({}, {"associated": ["saddle_numbness"]}):
        body = {"answers": answers, "asked": [q.id for q in kb.questions]}
        response = client.post("/api/v1/interview", json=body)
        assert response.status_code == 200, response.text
        assert response.json()["question"]["id"] == region


def test_questions_are_listed_without_their_rules(client: TestClient, kb: KnowledgeBase) -> None:
    body = client.get("/api/v1/questions").json()
    assert body["knowledge_version"] == kb.version
    assert [q["id"] for q in body["questions"]] == [q.id for q in kb.questions]
    assert all("asks_when" not in q for q in body["questions"])


def test_knowledge_gives_version_and_counts(client: TestClient, kb: KnowledgeBase) -> None:
    body = client.get("/api/v1/knowledge").json()
    assert body["version"] == kb.version == assess({"region": "calf"}).knowledge_version
    assert body["counts"]["red_flags"] == len(kb.red_flags)
    assert body["counts"]["questions"] == len(kb.questions)


def test_unknown_paths_and_methods_are_problems(client: TestClient) -> None:
    problem_fields(client.get("/api/v1/nothing"), 404)
    problem_fields(client.get("/api/v1/assessments"), 405)


def test_the_routers_bring_their_errors_into_any_app() -> None:
    app = FastAPI()
    for router in routers():
        app.include_router(router)
    with TestClient(app) as bare:
        assert "age" in problem_fields(
            bare.post("/api/v1/assessments", json={"region": "calf", "age": 500}), 422
        )
        problem_fields(bare.post("/api/v1/assessments", content=b"x" * (MAX_BODY + 1)), 413)
        problem_fields(bare.post("/cds-services/spasmcare-patient-view", json={}), 400)


def test_the_openapi_document_describes_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/v1/assessments",
        "/api/v1/interview",
        "/api/v1/questions",
        "/api/v1/knowledge",
        "/cds-services",
        "/cds-services/spasmcare-patient-view",
        "/cds-services/spasmcare-patient-view/feedback",
    } <= set(paths)
    case = paths["/api/v1/assessments"]["post"]["requestBody"]["content"]["application/json"]
    assert case["schema"]["required"] == ["region"]
    assert load_default().version  # the document is built from the shipped knowledge base
