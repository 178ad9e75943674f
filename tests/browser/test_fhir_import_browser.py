"""The import page in chromium: an NDJSON record from another system (one resource a line, so
the confirm step must carry the file's line breaks) is reported, passes axe, and is stored only
after the person confirms."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import synthea_like as s
from tests.browser.conftest import Server
from tests.browser.test_accessibility import _violations


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "home", multi_user=False)
    yield running
    running.stop()


def test_an_ndjson_record_is_reported_then_imported_on_confirm(
    browser: Any, own_server: Server, axe_source: str, tmp_path: Path
) -> None:
    record = tmp_path / "record.ndjson"
    record.write_text("".join(json.dumps(r) + "\n" for r in s.resources()), encoding="utf-8")
    context = browser.new_context(base_url=own_server.url, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/settings")
    page.get_by_role("link", name="Import a FHIR record").click()
    page.set_input_files("#file", str(record))
    page.select_option("#region", "knee")
    page.get_by_role("button", name="Read the file").click()
    report = page.locator(".import-report").inner_text()
    assert "Read 11 resources" in report
    assert "spasmcare keeps nothing from Encounter resources" in report
    assert _violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1000
    other = context.new_page()
    other.goto("/diary")
    assert "No episodes yet." in other.content()  # nothing stored before confirming
    page.get_by_role("button", name="Import 2 episodes and update my profile").click()
    assert "Imported 2 episodes and updated your profile." in page.content()
    assert "No episodes yet." not in page.content()
    page.goto("/settings")
    assert page.input_value("#conditions") == "Diabetes, Hypertension"
    context.close()
