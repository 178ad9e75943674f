"""The terminal takes everyday input: words as well as numbers at the interview ("y", "no",
"calf"), everyday dates ("yesterday", "2 hours ago"), and it offers to keep an assessment."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spasmcare.cli import app
from spasmcare.cli.prompts import options, picked
from spasmcare.kb.load import KnowledgeBase
from spasmcare.services.assessments import AnswerError
from tests.test_cli import keystrokes

runner = CliRunner()
EMERGENCY = {"region": "lower_back", "age": 45, "recent": [],
             "associated": ["saddle_numbness", "urinary_retention"]}  # fmt: skip


def _question(kb: KnowledgeBase, kind: str, ident: str | None = None):  # type: ignore[no-untyped-def]
    return next(q for q in kb.questions if q.type == kind and (ident is None or q.id == ident))


def test_choices_can_be_typed_as_words(kb: KnowledgeBase) -> None:
    where = options(kb, _question(kb, "region"))
    assert picked(where, "calf", False) == ["calf"]
    assert picked(where, "Lower back", False) == ["lower_back"]
    assert picked(where, "3", False) == [where[2][0]]
    yes_no = options(kb, _question(kb, "yes_no"))
    for typed, meant in (("y", "yes"), ("Yes", "yes"), ("n", "no"), ("no", "no"),
                         ("not sure", "not_sure"), ("?", "not_sure")):  # fmt: skip
        assert picked(yes_no, typed, False) == [meant], typed


@pytest.mark.parametrize(("typed", "said"), [
    ("back", "could be"), ("elbow", "is not one of the choices"), ("99", "choose 1 to"),
    ("calf, foot", "Choose one answer"),
])  # fmt: skip
def test_an_unclear_word_is_explained(kb: KnowledgeBase, typed: str, said: str) -> None:
    with pytest.raises(AnswerError) as error:
        picked(options(kb, _question(kb, "region")), typed, False)
    assert said in str(error.value)


def test_a_checklist_cannot_mix_a_finding_with_none_of_these(kb: KnowledgeBase) -> None:
    from spasmcare.services.assessments import parse

    q = _question(kb, "multi_choice")
    boxes = options(kb, q)
    assert boxes[-1] == ("none", "None of these")
    with pytest.raises(AnswerError, match="None of these"):
        parse(kb, q, picked(boxes, f"1, {len(boxes)}", True))


def _in_words(kb: KnowledgeBase, truth: dict[str, object]) -> str:
    """The keystrokes of ``truth``, with the place and every yes-or-no answer typed as words."""
    from spasmcare.engine.interview import answer, next_question

    numbered = iter(keystrokes(kb, truth).splitlines())
    answers: dict[str, object] = {}
    asked: set[str] = set()
    lines = []
    while (q := next_question(kb, answers, asked)) is not None:
        asked.add(q.id)
        line = next(numbered)
        known = truth.get(q.field)
        if q.type == "region":
            lines.append(str(known).replace("_", " "))
            answers = answer(q, answers, known)
        elif q.type == "yes_no":
            value = (q.term in (known or [])) if q.term else known  # type: ignore[operator]
            lines.append("y" if value else "no")
            if value is not None:
                answers = answer(q, answers, value)
        else:
            lines.append(line)
            value = {"number": known, "names": known or []}.get(q.type)
            if q.type == "multi_choice":
                value = [c.id for c in q.choices if c.value in (known or [])]  # type: ignore[operator]
            elif q.type == "single_choice":
                value = next((c.id for c in q.choices if c.value == known), None)
            if value is not None:
                answers = answer(q, answers, value)
    return "\n".join(lines) + "\n"


def test_the_interview_in_words_reaches_the_same_result(kb: KnowledgeBase) -> None:
    numbers = runner.invoke(app, ["assess"], input=keystrokes(kb, EMERGENCY))
    typed = _in_words(kb, EMERGENCY)
    assert typed.startswith("lower back\n") and ("\ny\n" in typed or "\nno\n" in typed)
    words = runner.invoke(app, ["assess"], input=typed)
    assert words.exit_code == 0, words.output
    assert "EMERGENCY" in words.output and "EMERGENCY" in numbers.output
    assert "Please enter the number" not in words.output


def test_an_assessment_can_be_saved_to_the_diary(kb: KnowledgeBase, tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    done = runner.invoke(app, ["assess", "--save", "--home", home],
                         input=keystrokes(kb, EMERGENCY))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Saved as assessment 1 with episode 1" in done.output
    listed = runner.invoke(app, ["diary", "list", "--json", "--home", home])
    assert json.loads(listed.output)[0]["region"] == "lower_back"
    unsaved = runner.invoke(app, ["assess", "--home", home], input=keystrokes(kb, EMERGENCY))
    assert "Not saved. To keep the next one: spasmcare assess --save" in unsaved.output


def test_everyday_dates_are_read(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    for when in ("yesterday", "2 hours ago", "2026-01-05T07:30"):
        done = runner.invoke(app, ["log", "--region", "calf", "--at", when, "--home", home])
        assert done.exit_code == 0, done.output
    found = json.loads(runner.invoke(app, ["diary", "list", "--json", "--home", home]).output)
    starts = sorted(datetime.fromisoformat(e["started_at"]) for e in found)
    now = datetime.now().astimezone()
    assert starts[0].date().isoformat() == "2026-01-05"
    assert abs(starts[1] - (now - timedelta(days=1))) < timedelta(minutes=5)
    assert abs(starts[2] - (now - timedelta(hours=2))) < timedelta(minutes=5)
    recent = runner.invoke(app, ["diary", "list", "--json", "--since", "3 days ago",
                                 "--home", home])  # fmt: skip
    assert len(json.loads(recent.output)) == 2


def test_a_date_that_means_nothing_is_explained(tmp_path: Path) -> None:
    done = runner.invoke(app, ["log", "--region", "calf", "--at", "the blue moon",
                               "--home", str(tmp_path)])  # fmt: skip
    assert done.exit_code == 2
    assert "--at: 'the blue moon' is not a date" in done.output and "yesterday" in done.output
