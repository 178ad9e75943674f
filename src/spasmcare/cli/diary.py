"""The diary commands: log, diary list/show/edit/delete/undo, profile, checkin, export,
import, backup, demo, forget. Heavy imports stay inside the commands (fast `--version`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from spasmcare import clock, private
from spasmcare.errors import Problem, terminal_line

if TYPE_CHECKING:
    from spasmcare.diary.model import Episode
    from spasmcare.services.diary import Outcome, Store

app = typer.Typer(help="Read and correct the episode diary.", no_args_is_help=True)

HOME = typer.Option(None, "--home", help="Folder holding the diary (default: SPASMCARE_HOME, "
                    "then your user data folder).")  # fmt: skip
REGION = typer.Option(None, "--region", help="Where: calf, foot, thigh, lower_back, ...")
SIDE = typer.Option(None, "--side", help="left, right or both.")
SEVERITY = typer.Option(None, "--severity", help="Worst pain, 0 (none) to 10 (worst).")
DURATION = typer.Option(None, "--duration-minutes", help="How long it lasted, in minutes.")
AT = typer.Option(None, "--at", help="When it started: ISO 8601 or words such as yesterday "
                  "22:00 or '2 hours ago' (default: now).")  # fmt: skip
TRIGGER = typer.Option(None, "--trigger", help="What brought it on (repeat for more).")
HELPED = typer.Option(
    None, "--helped", help="What helped, as WHAT or WHAT=not_at_all|a_little|a_lot."
)
ASSOCIATED = typer.Option(None, "--associated", help="Other symptoms, in case-format terms.")
NOTE = typer.Option(None, "--note", help="Free text.")
NONE_ELSE = typer.Option(
    False, "--no-other-symptoms", help="No other symptoms at all (otherwise: not known)."
)


def fail(message: str | Problem) -> NoReturn:
    """Print one error line and exit with status 2 (a usage error)."""
    problem = message if isinstance(message, Problem) else Problem("", message=message)
    typer.echo(terminal_line(problem), err=True)
    raise typer.Exit(2)


@contextmanager
def opened(home: Path | None) -> Iterator[Store]:
    """The diary store, with every expected failure turned into a one-line error."""
    from spasmcare.config import settings
    from spasmcare.services.diary import CannotOpen, NotFound
    from spasmcare.services.diary import opened as open_diary

    try:
        with open_diary(settings(home)) as store:
            yield store
    except CannotOpen as error:
        typer.echo(f"error: cannot open the diary: {error}", err=True)
        raise typer.Exit(1) from None
    except Problem as error:
        fail(error)
    except NotFound as error:
        fail(str(error.args[0]))


def _given(**values: Any) -> dict[str, Any]:
    return {k: x for k, x in values.items() if x is not None}


def moment(option: str, text: str | None) -> datetime | None:
    """An option's date as the person typed it (ISO 8601 or words), or a one-line error."""
    from spasmcare.cli.dates import when

    if text is None:
        return None
    try:
        return when(option, text, clock.now())
    except Problem as error:
        fail(error)


def log(
    region: str | None = REGION, side: str | None = SIDE, severity: int | None = SEVERITY,
    duration_minutes: float | None = DURATION, at: str | None = AT,
    trigger: list[str] | None = TRIGGER, helped: list[str] | None = HELPED,
    associated: list[str] | None = ASSOCIATED, note: str | None = NOTE,
    no_other_symptoms: bool = NONE_ELSE,
    again: bool = typer.Option(False, "--again", help="Repeat the last episode, timed now."),
    home: Path | None = HOME,
) -> None:  # fmt: skip
    """Record an episode in the diary."""
    from spasmcare.diary import model
    from spasmcare.services import diary as actions

    given = _given(
        region=region, side=side, severity=severity, duration_minutes=duration_minutes,
        started_at=moment("--at", at), triggers=trigger, helped=helped, notes=note,
        associated=[] if no_other_symptoms and not associated else associated,
    )  # fmt: skip
    with opened(home) as store:
        now = clock.now()
        raw: dict[str, Any] = {"started_at": now}
        if again:
            last = store.last_logged()
            if last is None:
                fail("--again: the diary has no episode to repeat yet")
            raw = {**last.as_json(), "id": None, "deleted_at": None, "started_at": now}
        elif region is None:
            fail("--region: missing; allowed: " + ", ".join(_regions()))
        episode = model.episode({**raw, **given}, now)
        saved, outcome = actions.log_episode(store, episode, now)
        typer.echo(f"Saved episode {saved.id}: {describe(saved)}")
        advise(outcome)
        due = actions.due_assessment(store, now)
        if due is not None and outcome.saved is None:
            typer.echo(f"A follow-up of your assessment of {due.at:%Y-%m-%d} is due: "
                       "run `spasmcare checkin`.")  # fmt: skip


def _regions() -> tuple[str, ...]:
    from spasmcare.vocabulary import REGIONS

    return REGIONS


def describe(e: Episode) -> str:
    """One line about an episode, as a person would say it."""
    parts = [e.started_at.strftime("%Y-%m-%d %H:%M %z"), " ".join(filter(None, (e.side, e.region)))]
    if e.severity is not None:
        parts.append(f"pain {e.severity}/10")
    if e.duration_minutes is not None:
        parts.append(f"{e.duration_minutes:g} min")
    if e.associated is not None:
        parts.append("with " + ", ".join(e.associated) if e.associated else "no other symptoms")
    if e.triggers:
        parts.append("after " + ", ".join(e.triggers))
    if e.helped:
        parts.append("helped: " + ", ".join(
            h.what + (f" ({h.how_much.replace('_', ' ')})" if h.how_much else "") for h in e.helped
        ))  # fmt: skip
    return "; ".join(parts)


def advise(outcome: Outcome) -> None:
    """Tell the person when the diary's pattern means seeing a doctor, with reasons and sources."""
    evaluation = outcome.evaluation
    if evaluation is None or not evaluation.see_doctor:
        return
    result = evaluation.result
    typer.echo(f"\nAbout the episode of {describe(evaluation.episode)}:")
    typer.echo(f"{result.disposition.upper().replace('_', ' ')}: {result.headline}")
    from spasmcare.kb.load import load_default
    from spasmcare.wording.reasons import sentences

    kb = load_default()
    for flag in evaluation.reasons:
        typer.echo(f"- {flag.title}. {flag.explanation}")
        if flag.because:
            typer.echo(f"  {sentences(kb, flag.because)}")
        typer.echo(f"  What to do: {flag.action}")
        typer.echo(f"  Sources: {', '.join(flag.sources)}")
    if outcome.saved is not None:
        typer.echo(f"(saved as assessment {outcome.saved.id}; "
                   f"check in again after {outcome.saved.follow_up_due:%Y-%m-%d})")  # fmt: skip


@app.command("list")
def list_(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON array."),
    since: str | None = typer.Option(
        None, "--since", help="Only episodes on or after DATE (ISO 8601 or e.g. 'last monday')."
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most N, newest first."),
    home: Path | None = HOME,
) -> None:
    """List episodes, newest first (every matching one unless --limit)."""
    start = moment("--since", since)
    with opened(home) as store:
        found = store.episodes(since=start, limit=limit)
    if json_output:
        typer.echo(json.dumps([e.as_json() for e in found], ensure_ascii=False))
        return
    out = sys.stdout
    for e in found:
        out.write(f"{e.id:>7}  {describe(e)}\n")
    if not found:
        typer.echo("No episodes.")


@app.command("show")
def show(ident: int = typer.Argument(..., metavar="ID"), home: Path | None = HOME) -> None:
    """Show one episode in full, as JSON."""
    with opened(home) as store:
        typer.echo(json.dumps(store.episode(ident).as_json(), indent=2, ensure_ascii=False))


@app.command("edit")
def edit(
    ident: int = typer.Argument(..., metavar="ID"),
    region: str | None = REGION, side: str | None = SIDE, severity: int | None = SEVERITY,
    duration_minutes: float | None = DURATION, at: str | None = AT,
    trigger: list[str] | None = TRIGGER, helped: list[str] | None = HELPED,
    associated: list[str] | None = ASSOCIATED, note: str | None = NOTE,
    no_other_symptoms: bool = NONE_ELSE, home: Path | None = HOME,
) -> None:  # fmt: skip
    """Correct an episode: the options given replace what was recorded."""
    from spasmcare.diary import model

    given = _given(
        region=region, side=side, severity=severity, duration_minutes=duration_minutes,
        started_at=moment("--at", at), triggers=trigger, helped=helped, notes=note,
        associated=[] if no_other_symptoms and not associated else associated,
    )  # fmt: skip
    if not given:
        fail("nothing to change; give at least one of --region, --side, --severity, ...")
    with opened(home) as store:
        current = store.episode(ident)
        saved = store.replace_episode(model.episode({**current.as_json(), **given}))
        typer.echo(f"Changed episode {ident}: {describe(saved)}")


@app.command("delete")
def delete(ident: int = typer.Argument(..., metavar="ID"), home: Path | None = HOME) -> None:
    """Delete an episode (`spasmcare diary undo` brings it back)."""
    with opened(home) as store:
        store.delete_episode(ident)
    typer.echo(f"Deleted episode {ident}. Undo with: spasmcare diary undo")


@app.command("undo")
def undo(home: Path | None = HOME) -> None:
    """Bring back the most recently deleted episode."""
    with opened(home) as store:
        ids = store.undo_delete()
    typer.echo(f"Restored episode {', '.join(map(str, ids))}." if ids else "Nothing to undo.")


def profile(
    age: int | None = typer.Option(None, "--age", help="Age in years."),
    sex: str | None = typer.Option(None, "--sex", help="female, male or other."),
    pregnant: bool | None = typer.Option(None, "--pregnant/--not-pregnant"),
    medication: list[str] | None = typer.Option(None, "--medication", help="Repeat for more."),
    condition: list[str] | None = typer.Option(None, "--condition", help="Repeat for more."),
    json_output: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
    home: Path | None = HOME,
) -> None:
    """Show the profile every assessment reuses, or set parts of it with options."""
    from spasmcare.diary import model

    given = _given(age=age, sex=sex, pregnant=pregnant, medications=medication,
                   conditions=condition)  # fmt: skip
    with opened(home) as store:
        current = store.profile()
        if given:
            current = model.profile(given, current)
            store.save_profile(current)
    data = (current or model.Profile()).as_json()
    if json_output:
        typer.echo(json.dumps(data))
        return
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key}: {'not given' if shown in (None, '') else shown}")


def checkin(
    answer: str | None = typer.Option(None, "--answer", help="better, same or worse."),
    note: str = typer.Option("", "--note", help="Free text."),
    home: Path | None = HOME,
) -> None:
    """Answer the follow-up: has it got better since the last assessment?"""
    from spasmcare.diary import model
    from spasmcare.services import diary as actions

    with opened(home) as store:
        now = clock.now()
        due = actions.due_assessment(store, now)
        if due is not None:
            typer.echo(f"Follow-up of assessment {due.id} ({due.at:%Y-%m-%d}).")
        if answer is None:
            answer = typer.prompt("Has it got better? (better, same, worse)")
        _, outcome = actions.check_in(store, model.checkin_answer(answer.strip()), note, now)
        typer.echo("Check-in saved.")
        advise(outcome)


def export(
    form: str = typer.Option("json", "--format", help="json (one record a line), csv, "
                             "fhir (FHIR R4 Bundle) or ndjson (FHIR, one resource a line)."),
    out: Path = typer.Option(..., "--out", help="File to write; with ndjson, an existing "
                             "folder gets one file per resource type (FHIR Bulk Data)."),
    home: Path | None = HOME,
) -> None:  # fmt: skip
    """Export everything stored about you (profile, episodes, assessments, check-ins, steps).
    A large diary shows how far the export is on standard error."""
    from spasmcare.cli.export_progress import ExportProgress
    from spasmcare.services import exports

    allowed = exports.FORMATS
    if form not in allowed:
        fail(f"--format: {form!r} is not allowed; allowed: {', '.join(allowed)}")
    partial = out.with_name(out.name + ".partial")
    shown = ExportProgress()
    if form == "ndjson" and out.is_dir():  # FHIR Bulk Data: one file per resource type
        with opened(home) as store:
            try:
                diary, written = exports.write_bulk(store, out, shown)
            finally:
                shown.close()
        names = ", ".join(p.name for p in written)
        typer.echo(f"Exported {len(diary.episodes)} episodes to {out} ({names}).")
        return
    with opened(home) as store:
        try:
            with private.new_text(partial, encoding="utf-8", newline="") as handle:
                diary = exports.write(store, handle, form, shown)
            partial.replace(out)
        except OSError as error:
            fail(f"--out: {out}: {error.strerror}")
        finally:
            shown.close()
    typer.echo(f"Exported {len(diary.episodes)} episodes to {out}.")


def import_(
    file: Path = typer.Argument(
        ..., help="A spasmcare export (JSON, CSV, FHIR Bundle or FHIR NDJSON)."
    ),
    home: Path | None = HOME,
    yes: bool = typer.Option(False, "--yes", help="Do not ask before importing another "
                             "system's FHIR record."),
    region: str | None = typer.Option(None, "--region", help="The body region for pain scores "
                                      "from another system that name none (calf, thigh, ...)."),
) -> None:  # fmt: skip
    """Import an export file, or another system's FHIR record (a Bundle or NDJSON): all of it,
    or (on any bad line) none of it. A FHIR import first says what it read, what it uses and
    what it leaves out, and why."""
    from spasmcare.cli.fhir_import import imported
    from spasmcare.services.diary import import_file
    from spasmcare.services.imports import is_fhir

    with opened(home) as store:
        if is_fhir(file):
            count, kept = imported(store, file, clock.now(), yes, region, _fhir_progress)
        else:
            with _import_progress() as shown:
                count, kept = import_file(store, file, clock.now(), shown)
    parts = [f"{count} episodes"] + [
        f"{n} {what}{'' if n == 1 else 's'}"
        for what, n in (("assessment", kept["assessment"]), ("check-in", kept["checkin"]))
        if n
    ]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    typer.echo(f"Imported {listed} from {file}.")


class _ImportProgress:
    """A live line on standard error while an import runs: how many resources or records have
    been read (a large FHIR file is checked whole before anything is stored)."""

    EVERY = 200
    """Records between updates of the line (drawing costs more than reading one)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.tally: Any = None
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                            TimeElapsedColumn(), console=Console(stderr=True),
                            transient=True)  # fmt: skip
        self.task = self.bar.add_task("Reading the file", total=None)

    def __call__(self, tally: Any) -> None:
        self.tally = tally
        done = tally.resources + tally.records
        if done % self.EVERY == 0:
            if tally.resources and tally.records:  # a Bundle: checked whole, now stored
                kept = tally.resources - sum(tally.left_out.values())
                what = f"Storing {tally.records} of {kept} records"
            elif tally.resources:
                what = f"Checked {tally.resources} FHIR resources"
            else:
                what = f"Read {tally.records} records"
            self.bar.update(self.task, description=what)


@contextmanager
def _fhir_progress() -> Iterator[Callable[[str, bool], None]]:
    """The live line while a FHIR file is read and checked (it ends before the report)."""
    with _import_progress() as shown:
        tally = shown.tally

        def seen(kind: str, restored: bool) -> None:
            tally.resources += 1
            shown(tally)

        yield seen


@contextmanager
def _import_progress() -> Iterator[_ImportProgress]:
    from spasmcare.services.diary import Tally

    shown = _ImportProgress()
    shown.tally = Tally()
    with shown.bar:
        yield shown


def backup(
    out: Path = typer.Option(..., "--out", help="File to write the copy to."),
    home: Path | None = HOME,
) -> None:
    """Copy the diary consistently, even while spasmcare is writing to it."""
    with opened(home) as store:
        store.backup(out)
    typer.echo(f"Backed up the diary to {out}.")


def demo(
    episodes: int = typer.Option(..., "--episodes", min=1, help="How many episodes."),
    seed: int | None = typer.Option(None, "--seed", help="Same seed, same diary."),
    home: Path | None = HOME,
) -> None:
    """Fill a diary with a realistic generated history (to try spasmcare out)."""
    from rich.progress import track

    from spasmcare.diary import demo as generated
    from spasmcare.services import diary

    now = clock.now()
    with opened(home) as store:
        stream = generated.episodes(episodes, seed, now)
        count = diary.demo(
            store, track(stream, total=episodes, description="Writing the diary"), now
        )
    typer.echo(f"Added {count} generated episodes and an assessment of the newest.")


def forget(
    yes: bool = typer.Option(False, "--yes", help="Confirm: delete everything."),
    home: Path | None = HOME,
) -> None:
    """Delete everything stored about you. There is no undo: export first if in doubt."""
    if not yes:
        fail("forget deletes the whole diary; run it again with --yes to confirm")
    with opened(home) as store:
        store.forget()
    typer.echo("Deleted everything in the diary.")


COMMANDS: dict[str, Callable[..., None]] = {
    "log": log, "profile": profile, "checkin": checkin, "export": export, "import": import_,
    "backup": backup, "demo": demo, "forget": forget,
}  # fmt: skip
"""Top-level commands, registered by ``spasmcare.cli``."""
