"""The diary pages: quick logging with the last episode carried forward, edit, delete with
undo, check-ins when due, and the diary rules' advice to see a doctor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasmcare.config import settings
from spasmcare.diary.model import Assessment
from spasmcare.diary.store import Store
from tests.web_helpers import Browser, make_client


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def test_logging_an_episode_lists_it_and_carries_it_forward(web: Browser) -> None:
    page = web.post("/diary/log", {"region": "calf", "side": "left", "severity": "6",
                                   "duration_minutes": "3", "triggers": "long_run"})  # fmt: skip
    assert "Episode saved" in page.text and "Episodes (1)" in page.text
    assert '<option value="calf" selected>' in page.text
    assert '<option value="left" selected>' in page.text
    assert 'id="severity-6" value="6" checked' in page.text  # the 0-10 scale, carried forward


def test_a_bad_value_is_reported_next_to_its_field(web: Browser) -> None:
    page = web.post("/diary/log", {"region": "calf", "severity": "11"})
    assert page.status_code == 400
    assert 'aria-describedby="err-severity"' in page.text and 'id="err-severity"' in page.text


def test_editing_an_episode_changes_it_in_place(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "severity": "6"})
    ident = web.get("/diary").text.split('href="/diary/')[1].split("/")[0]
    form = web.get(f"/diary/{ident}/edit").text
    when = form.split('name="started_at" id="started_at" value="')[1].split('"')[0]
    page = web.post(f"/diary/{ident}/edit", {"region": "foot", "severity": "2",
                                             "started_at": when})  # fmt: skip
    assert "Episode updated" in page.text and "Episodes (1)" in page.text
    assert "foot" in page.text and "pain 2/10" in page.text


def test_delete_then_undo_brings_the_episode_back(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "notes": "keep me"})
    ident = web.get("/diary").text.split('href="/diary/')[1].split("/")[0]
    page = web.post(f"/diary/{ident}/delete")
    assert "Episode deleted" in page.text and "Episodes (0)" in page.text
    assert 'action="/diary/undo"' in page.text
    page = web.post("/diary/undo")
    assert "Episode restored" in page.text and "keep me" in page.text


def test_a_long_cramp_brings_the_diary_rules_advice_with_its_reason(web: Browser) -> None:
    page = web.post("/diary/log", {"region": "calf", "duration_minutes": "15"})
    assert 'class="message warning" role="alert"' in page.text
    assert "It lasts about 15 minutes." in page.text  # the reason, as a sentence


def test_a_check_in_is_offered_when_due_and_saved(tmp_path: Path, web: Browser) -> None:
    web.get("/")
    with Store(settings(tmp_path, environ={})) as store:
        past = datetime.now(UTC) - timedelta(days=30)
        result = {"plan": {"follow_up_days": 7, "steps": []}, "red_flags": []}
        store.add_assessment(Assessment(past, {"region": "calf"}, result, "test"))
    page = web.get("/diary")
    assert "Check-in: has it got better?" in page.text
    page = web.post("/diary/checkin", {"answer": "better"})
    assert "check-in is saved" in page.text and "Check-in: has" not in page.text


def test_saving_an_assessment_puts_it_in_the_diary(web: Browser, kb: object) -> None:
    from tests.web_helpers import SELF_CARE_CASE

    web.assess(kb, SELF_CARE_CASE)
    page = web.post("/assess/save")
    assert "Saved to your diary" in page.text
    assert "Episodes (1)" in web.get("/diary").text


def test_how_much_each_thing_tried_helped_is_saved_and_fills_the_insight(web: Browser) -> None:
    for day in range(1, 7):
        web.post("/diary/log", {
            "region": "calf", "started_at": f"2026-01-0{day}T03:00", "severity": "5",
            "helped-what-0": "stretching", "helped-how-0": "a_lot",
            "helped-what-1": "heat", "helped-how-1": "not_at_all",
            "helped-what-2": "",
        })  # fmt: skip
    page = web.get("/diary").text
    assert "Helped: stretching (a lot), heat (not at all)" in page
    insights = web.get("/insights").text
    assert "What helped: nothing recorded yet" not in insights
    assert "/insights/chart/what_helped.png" in insights
    assert "stretching helped" in insights.split('id="readings"')[1].split("</section>")[0].lower()


def test_editing_keeps_and_changes_how_much_it_helped(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "helped-what-0": "massage",
                            "helped-how-0": "a_little"})  # fmt: skip
    ident = web.get("/diary").text.split('href="/diary/')[1].split("/")[0]
    form = web.get(f"/diary/{ident}/edit").text
    assert 'id="helped-what-0" list="remedies" value="massage"' in form
    assert 'id="helped-how-0-a_little" value="a_little" checked' in form
    when = form.split('name="started_at" id="started_at" value="')[1].split('"')[0]
    changed = {"region": "calf", "started_at": when, "helped-what-0": "massage",
               "helped-how-0": "a_lot"}  # fmt: skip
    web.post(f"/diary/{ident}/edit", changed)
    assert "Helped: massage (a lot)" in web.get("/diary").text


def test_a_rating_without_what_was_tried_is_explained_and_kept(web: Browser) -> None:
    page = web.post("/diary/log", {"region": "calf", "helped-what-0": "",
                                   "helped-how-0": "a_lot", "notes": "keep this"})  # fmt: skip
    assert page.status_code == 400
    assert 'id="err-helped"' in page.text and "what" in page.text
    assert 'id="helped-how-0-a_lot" value="a_lot" checked' in page.text
    assert "keep this" in page.text
    assert "Episodes (0)" in page.text


def test_the_form_carries_forward_the_episode_just_logged(web: Browser) -> None:
    web.post("/diary/log", {"region": "calf", "started_at": "2026-01-05T03:00"})
    page = web.post("/diary/log", {"region": "foot", "started_at": "2026-01-02T03:00"})
    assert '<option value="foot" selected>' in page.text  # logged last, though dated earlier
