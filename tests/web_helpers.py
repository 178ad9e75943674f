"""Shared by the web tests: a running app on a temporary diary, and answers for a case."""

from __future__ import annotations

import re
from typing import Any

from spasmcare.kb import schema

EMERGENCY_CASE = {
    "region": "lower_back", "age": 45, "sex": "male",
    "associated": ["saddle_numbness", "urinary_retention"],
}  # fmt: skip
SELF_CARE_CASE = {
    "region": "calf", "age": 35, "sex": "male", "time_of_day": "night", "duration_minutes": 2,
    "frequency": "occasional", "severity_0_10": 5, "onset": "sudden", "side": "left",
    "days_since_first": 30, "associated": [], "recent": [], "medications": [], "conditions": [],
}  # fmt: skip


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def question_id(page: str) -> str | None:
    """The question a question page asks (None on any other page)."""
    if 'action="/assess/answer"' not in page:
        return None
    found = re.search(r'name="question" value="([^"]+)"', page)
    return found.group(1) if found else None


def answer_for(q: schema.Question, case: dict[str, Any]) -> list[str]:
    """The form values a person with this case would send for the question."""
    known = case.get(q.field)
    if q.type == "region":
        return [str(known)]
    if q.type == "number":
        return ["" if known is None else str(known)]
    if q.type == "names":
        return [", ".join(known or [])]
    if q.type == "yes_no":
        if q.term is not None:
            return ["yes" if q.term in (known or []) else "no"]
        return ["not_sure" if known is None else "yes" if known else "no"]
    if q.type == "multi_choice":
        picked = [c.id for c in q.choices if c.value is not None and c.value in (known or [])]
        return picked or ["none"]
    for c in q.choices:
        if c.value == known and known is not None:
            return [c.id]
    return (
        [next(c.id for c in q.choices if c.value is None)]
        if any(c.value is None for c in q.choices)
        else [q.choices[0].id]
    )


class Browser:
    """A TestClient with the page-level moves a person makes: read the CSRF token, post forms."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.csrf = ""

    def get(self, url: str) -> Any:
        response = self.client.get(url)
        if 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None) -> Any:
        if not self.csrf:
            self.get("/")
        response = self.client.post(url, data={"csrf": self.csrf, **(data or {})})
        if 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def assess(self, kb: Any, case: dict[str, Any]) -> Any:
        """Answer every question as a person with ``case`` would; returns the result page."""
        questions = {q.id: q for q in kb.questions}
        page = self.post("/assess/start")
        while (ident := question_id(page.text)) is not None:
            value = answer_for(questions[ident], case)
            page = self.post("/assess/answer", {"question": ident, "value": value})
            assert page.status_code == 200, page.text
        return page


OPEN_APPS: list[Any] = []
"""Apps made by the tests, closed after each test (tests/conftest.py): each holds database
connections, and a run would otherwise use up the PostgreSQL server's."""


def opened(app: Any) -> Any:
    OPEN_APPS.append(app)
    return app


def make_client(
    home: Any,
    multi_user: bool = False,
    raise_errors: bool = True,
    environ: dict[str, str] | None = None,
) -> Browser:
    from fastapi.testclient import TestClient

    from spasmcare.app import WebConfig, create_app
    from spasmcare.config import settings

    app = opened(
        create_app(WebConfig(settings(home, environ=environ or {}), multi_user=multi_user))
    )
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=raise_errors)
    return Browser(client)
