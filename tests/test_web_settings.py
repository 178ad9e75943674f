"""Settings: the profile (reused by assessments), export everything, delete everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.web_helpers import Browser, make_client, question_id


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def test_the_profile_is_saved_and_not_asked_again(web: Browser) -> None:
    profile = {"age": "70", "sex": "female", "pregnant": "no", "medications": "atorvastatin"}
    page = web.post("/settings/profile", profile)
    assert "Profile saved" in page.text and 'value="atorvastatin"' in page.text
    web.post("/assess/start")
    page = web.post("/assess/answer", {"question": "where", "value": "calf"})
    assert question_id(page.text) not in ("age", "sex")


def test_a_bad_profile_value_is_explained(web: Browser) -> None:
    page = web.post("/settings/profile", {"age": "200"})
    assert page.status_code == 400 and "age" in page.text


def test_export_everything_downloads_the_whole_diary(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "notes": "exported"})
    for kind in ("json", "csv", "fhir"):
        response = web.client.get(f"/export/{kind}")
        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]
    lines = web.client.get("/export/json").text.splitlines()
    assert any(json.loads(line).get("notes") == "exported" for line in lines[1:])


def test_delete_everything_needs_confirmation(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf"})
    page = web.post("/settings/forget")
    assert "Nothing was deleted" in page.text
    assert "Episodes (1)" in web.get("/diary").text
    page = web.post("/settings/forget", {"confirm": "yes"})
    assert "Everything stored about you was deleted" in page.text
    assert "Episodes (0)" in web.get("/diary").text


def test_insights_and_the_pdf_report(web: Browser) -> None:
    assert "no episodes yet" in web.get("/insights").text
    for hour in (1, 2, 3):
        web.post("/diary/log", {"region": "calf", "started_at": f"2026-01-0{hour}T0{hour}:00"})
    page = web.get("/insights").text
    assert "<figure" in page and 'alt="' in page
    chart = page.split('<img src="')[1].split('"')[0]
    assert web.client.get(chart).headers["content-type"] == "image/png"
    pdf = web.client.get("/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_chart_with_nothing_recorded_is_a_sentence_not_an_empty_plot(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "started_at": "2026-01-02T03:00"})
    page = web.get("/insights").text
    assert "What helped: nothing recorded yet." in page
    assert "/insights/chart/what_helped.png" not in page
    assert "/insights/chart/time_of_day.png" in page
