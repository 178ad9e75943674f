"""The one clock: the current time, aware (UTC) for the domain and naive UTC as stored."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current time in UTC, with its zone."""
    return datetime.now(UTC)


def stored_now() -> datetime:
    """The current time as the database stores it: UTC without its zone."""
    return now().replace(tzinfo=None)
