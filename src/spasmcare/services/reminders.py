"""Reminders: a private calendar feed address per person, made, shown once and revoked, and the
feed it serves (check-ins that are due, and an optional daily diary reminder)."""

from __future__ import annotations

from datetime import datetime

from spasmcare.accounts.calendar_feeds import CalendarFeeds, Feed, FeedError
from spasmcare.diary.store import Store
from spasmcare.formats import calendar

__all__ = ["Feed", "FeedError", "create", "current", "feed", "revoke"]


def create(store: Store, title: str, daily_at: str | None, now: datetime) -> str:
    """A new feed address for the store's owner (the old one stops working); returns its
    secret text, which is shown once and never stored."""
    _, text = CalendarFeeds(store.engine).create(store.owner, title, daily_at, now)
    return text


def current(store: Store) -> Feed | None:
    return CalendarFeeds(store.engine).of(store.owner)


def revoke(store: Store, now: datetime) -> bool:
    return CalendarFeeds(store.engine).revoke(store.owner, now)


def feed(store: Store, text: str, now: datetime) -> bytes | None:
    """The iCalendar feed behind an address, or None for an unknown or revoked one."""
    found = CalendarFeeds(store.engine).verify(text)
    if found is None:
        return None
    diary = store.as_owner(found.owner)
    due = []
    latest = diary.latest_assessment()
    if latest is not None and latest.id is not None:
        answered = any(c.assessment_id == latest.id for c in diary.checkins())
        if not answered:
            due.append(calendar.CheckInDue(latest.id, latest.follow_up_due))
    return calendar.feed(found.title, found.daily_at, found.created_at, due, now)
