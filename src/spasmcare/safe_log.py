"""Logging that keeps health data out: an error is described by its kind and where it happened,
never by its message, which can repeat what a person typed (SQL parameters, a note, a name).

``described`` is the text logged for an exception, ``WithoutValues`` is a filter that puts it in
place of a full traceback on any record, and ``request_id`` names a failure in the log and in
the answer, so the two can be matched without the log holding anything else.
"""

from __future__ import annotations

import logging
import secrets
import traceback

REQUEST_ID = "X-Request-ID"
"""The response header carrying the id a failure was logged under."""


def request_id() -> str:
    return secrets.token_hex(8)


def described(error: BaseException) -> str:
    """Each exception of the chain by its type, with the frames it passed through (file, line,
    function), and without its message or any local value."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)")
        parts.extend(
            f"  at {frame.filename}:{frame.lineno} in {frame.name}"
            for frame in traceback.extract_tb(current.__traceback__)
        )
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


class WithoutValues(logging.Filter):
    """Replaces the traceback of a record (its exception's messages) with ``described``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = described(record.exc_info[1])
        return True


def install(*names: str) -> None:
    """Filter the records logged on the loggers ``names`` (each once)."""
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, WithoutValues) for f in logger.filters):
            logger.addFilter(WithoutValues())
