"""The diary: opening it, logging episodes, check-ins, importing a file and a generated history.

Every change runs the diary rules again (``spasmcare.diary.actions``), so the command line, the
pages and the API give the same advice. Opening turns every expected storage failure into a
``Problem`` (a usage error) or ``CannotOpen`` (the database is not reachable), so no interface
needs to know the database library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from spasmcare.config import Settings
from spasmcare.diary.actions import Outcome, check_in, due_assessment, log_episode
from spasmcare.diary.bulk import Record
from spasmcare.diary.model import Assessment
from spasmcare.diary.store import NotFound, Store
from spasmcare.diary.tables import LOCAL_OWNER
from spasmcare.errors import Problem

__all__ = [
    "LOCAL_OWNER", "CannotOpen", "NotFound", "Outcome", "Record", "Store", "Tally", "check_in",
    "demo",
    "due_assessment", "import_file", "log_episode", "opened",
]  # fmt: skip

DATABASE_URLS = "postgresql://user@host:port/name, or unset for the SQLite file in the home"


class CannotOpen(Exception):
    """The diary's database cannot be reached; the message says why."""


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    """The diary store for ``settings``, closed afterwards; a bad database URL and data that
    clash with the diary raise ``Problem``, an unreachable database ``CannotOpen``."""
    from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

    try:
        store = Store(settings)
    except (ArgumentError, NoSuchModuleError):
        raise Problem("SPASMCARE_DATABASE_URL", settings.database_url, DATABASE_URLS,
                      f"{settings.database_url!r} is not a database URL; allowed: "
                      + DATABASE_URLS) from None  # fmt: skip
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise CannotOpen(reason) from None
    try:
        yield store
    except IntegrityError as error:
        raise Problem("", message=(
            f"the data clashes with the diary ({str(error.orig).splitlines()[0]}); nothing "
            "changed. Import an export into an empty diary (--home DIR, or forget --yes first)"
        )) from None  # fmt: skip
    finally:
        store.close()


@dataclass
class Tally:
    """How far an import is: records read, and the FHIR resources left out by type (those the
    diary does not restore: they are derived from the saved assessments)."""

    records: int = 0
    resources: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def import_file(
    store: Store, path: Path, now: datetime, progress: Callable[[Tally], None] | None = None
) -> tuple[int, dict[str, int]]:
    """Import an export file all or nothing: the episodes added, and the other records by kind
    (assessment, checkin). ``progress`` hears how far it is, after every record or resource;
    a FHIR file with nothing for the diary in it is refused."""
    from spasmcare.diary.model import CheckIn
    from spasmcare.formats import files

    kept = {Assessment: 0, CheckIn: 0}
    tally = Tally()
    tell = progress or (lambda t: None)

    def seen(kind: str, restored: bool) -> None:
        tally.resources += 1
        if not restored:
            tally.left_out[kind] += 1
        tell(tally)

    def counted(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if type(record) in kept:
                kept[type(record)] += 1
            tally.records += 1
            tell(tally)
            yield record
        if tally.resources and not tally.records:
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(tally.left_out.items()))
            raise Problem("file", message=(
                f"{path}: the FHIR file holds nothing for the diary ({kinds}); import a Bundle "
                "or NDJSON export with episodes (Observation), a profile or assessments"
            ))  # fmt: skip

    count = store.load(counted(files.read(path, now, seen)))
    return count, {"assessment": kept[Assessment], "checkin": kept[CheckIn]}


def demo(store: Store, episodes: Iterable[Record], now: datetime) -> int:
    """Load a generated history, then save an assessment of its newest episode."""
    from spasmcare.diary import demo as generated
    from spasmcare.engine.assess import assess

    count = store.load(episodes)
    (latest,) = store.episodes(limit=1)
    case = generated.case_of(latest)
    result = assess(case)
    store.add_assessment(
        Assessment(now, case, result.as_json(), result.knowledge_version, latest.id)
    )
    return count
