"""The clinician report: its content from one diary, laid out as a PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from spasmcare import clock
from spasmcare.diary.store import Store
from spasmcare.report.content import Content, Who, gather

__all__ = ["Content", "Who", "build", "content_of", "pdf"]


def content_of(store: Store, now: datetime, since: datetime | None, who: Who) -> Content:
    """The report's content from the diary in ``store`` and the shipped knowledge base."""
    from spasmcare.kb.load import load_default

    kb = load_default()
    episodes = store.episodes(since=since)
    return gather(kb, store.profile(), episodes, store.assessments(), store.checkins(),
                  store.steps(), now, since, who)  # fmt: skip


def pdf(store: Store, since: datetime | None = None, who: Who | None = None) -> bytes:
    """The report on the diary in ``store`` as PDF bytes, as of now."""
    from spasmcare.report.pdf import render

    return render(content_of(store, clock.now(), since, who or Who()))


def build(store: Store, out: Path, now: datetime, since: datetime | None = None,
          who: Who | None = None) -> Content:  # fmt: skip
    """Write the clinician report PDF to ``out``; returns what it says."""
    from spasmcare.report import pdf as layout

    content = content_of(store, now, since, who or Who())
    layout.write(content, out)
    return content
