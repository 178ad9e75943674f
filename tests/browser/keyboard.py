"""Moving through pages with the keyboard only: Tab, arrow keys, Space and Enter."""

from __future__ import annotations

from typing import Any

from spasmcare.kb import schema
from tests.web_helpers import answer_for

ACTIVE = (
    "() => { const a = document.activeElement; return a ? (a.id || a.textContent.trim()) : '' }"
)
RADIO = "() => document.activeElement && document.activeElement.type === 'radio'"


def tab_to(page: Any, target: str, limit: int = 120) -> None:
    """Press Tab until the element with this id (or this text, for buttons) has focus."""
    for _ in range(limit):
        if page.evaluate(ACTIVE) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {target!r} with the Tab key")


def pick_radio(page: Any, target: str, limit: int = 60) -> None:
    """Tab into the radio group, then arrow down to the target and select it."""
    for _ in range(limit):
        if page.evaluate(RADIO):
            break
        page.keyboard.press("Tab")
    for _ in range(limit):
        if page.evaluate(ACTIVE) == target:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not reach radio {target!r} with the arrow keys")


def answer(page: Any, q: schema.Question, case: dict[str, Any]) -> None:
    """Answer the question on the page as a keyboard-only person with ``case`` would."""
    values = answer_for(q, case)
    if q.type == "number" and page.query_selector("#scale-none") is not None:
        pick_radio(page, f"scale-{values[0] or 'none'}")  # a 0 to 10 rating
    elif q.type == "number":
        tab_to(page, "number")
        page.keyboard.type(values[0])
    elif q.type == "names":
        tab_to(page, "names")
        page.keyboard.type(values[0])
    elif q.type == "multi_choice":
        for value in values:
            tab_to(page, f"c-{value}")
            page.keyboard.press("Space")
    else:
        prefix = {"region": "r", "yes_no": "y", "single_choice": "s"}[q.type]
        pick_radio(page, f"{prefix}-{values[0]}")
    tab_to(page, "Next")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assess(page: Any, kb: Any, case: dict[str, Any]) -> None:
    """From the home page to the result, with the keyboard only."""
    questions = {q.id: q for q in kb.questions}
    page.goto("/")
    tab_to(page, "Start an assessment")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(80):
        field = page.query_selector('form.question input[name="question"]')
        if field is None:
            return
        answer(page, questions[field.get_attribute("value")], case)
    raise AssertionError("the interview did not end")
