"""Reminders: a private calendar address a phone subscribes to, with check-ins that are due and
an optional daily diary reminder; revoking the address (or making a new one) cuts it off."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import ics
import pytest
from sqlalchemy import select

from spasmcare.accounts.calendar_feeds import CalendarFeeds
from spasmcare.diary import tables
from spasmcare.diary.model import Assessment, Episode
from spasmcare.diary.store import Store
from tests.test_diary_fixtures import diary_settings, postgres_server, store
from tests.web_helpers import Browser, make_client

__all__ = ["diary_settings", "postgres_server", "store"]


@pytest.fixture
def web(tmp_path: Path) -> Browser:
    return make_client(tmp_path)


def _make_address(web: Browser, **form: str) -> str:
    page = web.post("/settings/reminders", {"title": "spasmcare", **form})
    assert page.status_code == 200, page.text
    found = re.search(
        r'<code class="token">http://127\.0\.0\.1(/calendar/[^<]+\.ics)</code>', page.text
    )
    assert found, "the new address is not shown"
    assert 'href="webcal://127.0.0.1/calendar/' in page.text
    return found.group(1)


def _store(web: Browser) -> Store:
    store: Store = web.client.app.state.web.store
    return store


def _assessment_due_in(store: Store, days: int) -> Assessment:
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    result = {"plan": {"follow_up_days": days}, "red_flags": [], "disposition": "routine"}
    return store.add_assessment(Assessment(at, {"region": "calf"}, result, "test"))


def test_the_feed_has_the_due_check_in_and_the_daily_reminder(web: Browser) -> None:
    store = _store(web)
    saved = _assessment_due_in(store, 7)
    path = _make_address(web, title="My diary", daily_at="21:30")
    response = web.client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "set-cookie" not in response.headers  # a calendar app gets no session

    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"My diary: check-in", "My diary: diary"}
    check_in = events["My diary: check-in"]
    assert check_in.decoded("dtstart") == saved.at + timedelta(days=7)
    daily = events["My diary: diary"]
    assert daily.decoded("dtstart").time().strftime("%H:%M") == "21:30"
    assert daily["rrule"]["FREQ"] == ["DAILY"]
    assert all(e.walk("VALARM") for e in events.values())

    # A second, independent parser reads the same two events at the same times.
    other = ics.Calendar(response.text)
    names = {e.name: e for e in other.events}
    assert set(names) == set(events)
    assert names["My diary: check-in"].begin.datetime == saved.at + timedelta(days=7)


def test_an_answered_check_in_leaves_the_feed_and_no_daily_reminder_unless_asked(
    web: Browser,
) -> None:
    store = _store(web)
    _assessment_due_in(store, 3)
    path = _make_address(web)
    assert "check-in" in web.client.get(path).text
    web.post("/diary/checkin", {"answer": "better", "note": ""})
    cal = icalendar.Calendar.from_ical(web.client.get(path).content)
    assert cal.walk("VEVENT") == []


def test_the_feed_tells_nothing_about_health(web: Browser) -> None:
    store = _store(web)
    store.add_episode(Episode(datetime(2026, 3, 1, 2, 0, tzinfo=UTC), "calf", severity=9,
                              notes="woke screaming", duration_minutes=20))  # fmt: skip
    _assessment_due_in(store, 1)
    text = web.client.get(_make_address(web, daily_at="08:00")).text.lower()
    for private in ("calf", "woke", "screaming", "routine", "severity", "pain", "cramp"):
        assert private not in text


def test_a_revoked_or_replaced_address_is_gone(web: Browser) -> None:
    first = _make_address(web)
    second = _make_address(web)
    assert web.client.get(first).status_code == 404
    assert web.client.get(second).status_code == 200
    page = web.post("/settings/reminders/revoke")
    assert "Calendar address revoked" in page.text
    assert web.client.get(second).status_code == 404
    assert web.client.get("/calendar/cal_aaaaaaaaaaaa_" + "b" * 43 + ".ics").status_code == 404
    assert web.client.get("/calendar/nonsense.ics").status_code == 404


def test_a_bad_reminder_time_is_explained(web: Browser) -> None:
    page = web.post("/settings/reminders", {"title": "x", "daily_at": "25:00"})
    assert page.status_code == 400
    assert "daily reminder time" in page.text and "HH:MM" in page.text
    assert _store(web).engine  # the page still works afterwards
    assert web.get("/settings/reminders").status_code == 200


def test_settings_lead_to_reminders(web: Browser) -> None:
    assert 'href="/settings/reminders"' in web.get("/settings").text


def test_the_database_keeps_only_a_hash_of_the_address(store: Store) -> None:
    feeds = CalendarFeeds(store.engine)
    now = datetime(2026, 3, 1, 9, 0)
    made, text = feeds.create(7, "  My   diary ", "07:05", now)
    assert made.title == "My diary"
    with store.engine.connect() as c:
        rows = c.execute(select(tables.calendar_feed)).all()
    assert len(rows) == 1 and text not in str(tuple(rows[0]))
    assert feeds.verify(text) == made
    assert feeds.verify(text[:-1] + ("A" if text[-1] != "A" else "B")) is None
    assert feeds.revoke(7, now) and feeds.verify(text) is None and not feeds.revoke(7, now)
    store.as_owner(7).forget()
    with store.engine.connect() as c:
        assert c.execute(select(tables.calendar_feed)).all() == []


def test_each_person_s_feed_holds_only_their_own_check_in(tmp_path: Path) -> None:
    from tests.test_web_accounts import PASSWORD

    ann, bob = make_client(tmp_path, multi_user=True), make_client(tmp_path, multi_user=True)
    addresses = {}
    for name, web in (("ann", ann), ("bob", bob)):
        email = f"{name}@example.org"
        assert web.post("/signup", {"username": email, "password": PASSWORD}).status_code == 200
        addresses[name] = _make_address(web, title=name)
    store = _store(ann)
    people = ann.client.app.state.web.people
    ann_id = people.named("ann@example.org").id
    _assessment_due_in(store.as_owner(ann_id), 2)
    assert "ann: check-in" in ann.client.get(addresses["ann"]).text
    assert "check-in" not in bob.client.get(addresses["bob"]).text
    signed_out = make_client(tmp_path, multi_user=True)  # the feed needs no session
    assert signed_out.client.get(addresses["ann"]).status_code == 200
    assert signed_out.get("/settings/reminders").url.path == "/signin"
