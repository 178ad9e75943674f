"""Dates as people type them: ISO 8601 ("2026-03-01T22:30"), or everyday words ("yesterday",
"2 hours ago", "last monday 22:00"), read by the dateparser library in this machine's zone."""

from __future__ import annotations

from datetime import datetime

from spasmcare.errors import Problem

EXAMPLES = "ISO 8601 such as 2026-03-01T22:30, or words: yesterday 22:00, 2 hours ago, last monday"


def when(option: str, text: str, now: datetime) -> datetime:
    """The moment ``text`` names, with its zone (this machine's when it gives none); a text
    that names no date raises a Problem that says what would do."""
    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        import dateparser  # type: ignore[import-untyped]  # only for words: slower to load

        base = now.astimezone().replace(tzinfo=None)
        settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base,
                    "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
        parsed = dateparser.parse(text, settings=settings)
        if parsed is None:
            message = f"{text!r} is not a date or time I can read; use {EXAMPLES}"
            raise Problem(option, text, EXAMPLES, message) from None
        found = parsed
    return found if found.tzinfo is not None else found.astimezone()
