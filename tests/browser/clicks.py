"""Moving through the assessment with the mouse: tick the answers for a case, press Next."""

from __future__ import annotations

from typing import Any

from tests.web_helpers import answer_for

PREFIX = {"region": "r", "yes_no": "y", "single_choice": "s", "multi_choice": "c"}


def answer_all(page: Any, kb: Any, case: dict[str, Any]) -> int:
    """Answer every question the page asks as a person with ``case`` would; returns how many
    were asked. Each Next loads a new page, with or without scripts."""
    questions = {q.id: q for q in kb.questions}
    asked = 0
    while (field := page.query_selector('form.question input[name="question"]')) is not None:
        q = questions[field.get_attribute("value")]
        values = answer_for(q, case)
        if q.type == "number" and page.query_selector("#scale-none") is not None:
            page.locator(f"label[for=scale-{values[0] or 'none'}]").click()  # a 0 to 10 rating
        elif q.type in ("number", "names"):
            page.fill("#number" if q.type == "number" else "#names", values[0])
        else:
            for value in values:
                page.check(f"#{PREFIX[q.type]}-{value}")
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
        asked += 1
    return asked


def start(page: Any) -> None:
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start an assessment").click()


def result_of(browser: Any, url: str, kb: Any, case: dict[str, Any], **options: Any) -> Any:
    """A new browser context (``options`` as Playwright takes them) on the result for ``case``;
    close its ``.context`` when done."""
    context = browser.new_context(base_url=url, **options)
    page = context.new_page()
    start(page)
    answer_all(page, kb, case)
    return page
