"""Reminders as an iCalendar feed (RFC 5545) a phone's calendar subscribes to.

The events carry only the title the person chose and neutral words: a calendar is often synced
to other companies' servers and shown on a lock screen, so no symptom, result or advice goes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Final

from icalendar import Alarm, Calendar, Event, vDuration

REFRESH: Final = timedelta(hours=6)
"""How often a subscribed calendar is asked to fetch the feed again (RFC 7986)."""
PRODID: Final = "-//spasmcare//reminders//EN"


@dataclass(frozen=True)
class CheckInDue:
    """A check-in that is due (or will be): its stable id and when."""

    ident: int
    at: datetime


def feed(
    title: str,
    daily_at: str | None,
    since: datetime,
    due: Sequence[CheckInDue],
    now: datetime,
) -> bytes:
    """The feed: one event per due check-in, and a daily diary reminder at ``daily_at`` (in the
    phone's own time zone, so it stays at that hour when the person travels)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    stamp = _utc(now)
    for item in due:
        event = _event(f"checkin-{item.ident}@spasmcare", f"{title}: check-in", stamp)
        event.add("dtstart", _utc(item.at))
        event.add("duration", timedelta(minutes=15))
        event.add("description", "Open spasmcare and answer your check-in.")
        cal.add_component(event)
    if daily_at is not None:
        hour, minute = (int(p) for p in daily_at.split(":"))
        event = _event(f"daily-{_utc(since):%Y%m%dT%H%M%S}@spasmcare", f"{title}: diary", stamp)
        # A floating time (no zone): the reminder comes at that hour wherever the phone is.
        event.add("dtstart", datetime.combine(_utc(since).date(), time(hour, minute)))
        event.add("duration", timedelta(minutes=5))
        event.add("rrule", {"freq": "daily"})
        event.add("description", "A minute for your diary.")
        cal.add_component(event)
    text: bytes = cal.to_ical()
    return text


def _event(uid: str, summary: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _utc(moment: datetime) -> datetime:
    """Stored times are naive UTC; the domain's are aware."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
