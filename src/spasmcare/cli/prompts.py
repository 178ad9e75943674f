"""The terminal interview's prompts: a reply may be a number, a word or the start of one ("y",
"no", "not sure", "calf", "lower back"), several of them with commas on a checklist."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.prompt import Prompt

from spasmcare.errors import form_message
from spasmcare.kb import schema
from spasmcare.kb.load import KnowledgeBase
from spasmcare.services.assessments import NOT_SURE, AnswerError, checklist, parse
from spasmcare.vocabulary import REGIONS

YES_NO = [("yes", "Yes"), ("no", "No"), (NOT_SURE, "Not sure")]
SAID = {"y": "yes", "yeah": "yes", "yep": "yes", "n": "no", "nope": "no",
        "ns": NOT_SURE, "?": NOT_SURE, "dont know": NOT_SURE, "do not know": NOT_SURE,
        "don't know": NOT_SURE, "unsure": NOT_SURE}  # fmt: skip
"""Everyday short answers to a yes-or-no question."""
HINT = "[dim](a number or words; b: back, q: quit)[/dim]"


class Back(Exception):
    """The person asked to go back to the previous question."""


class Quit(Exception):
    """The person asked to stop the interview."""


def _prompt(console: Console, text: str) -> str:
    reply = Prompt.ask(f"{text} {HINT}", default="", console=console, show_default=False)
    if reply.strip().lower() in ("b", "back"):
        raise Back
    if reply.strip().lower() in ("q", "quit"):
        raise Quit
    return reply.strip()


def ask(console: Console, kb: KnowledgeBase, q: schema.Question) -> tuple[Any, str]:
    """Ask one question until the reply can be used: the engine's value and the words for it,
    as ``assessments.parse`` gives them. Raises Back or Quit."""
    console.print(f"\n[bold]{q.text}[/bold]")
    if q.help:
        console.print(f"[dim]{q.help}[/dim]")
    choices = options(kb, q)
    for number, (_, label) in enumerate(choices, 1):
        console.print(f"  {number}. {label}")
    while True:
        if q.type in ("number", "names"):
            hint = (f"{q.unit or 'Number'} (blank if not known)" if q.type == "number"
                    else "Names, separated by commas (blank for none)")  # fmt: skip
            values = [_prompt(console, hint)]
        else:
            many = q.type == "multi_choice"
            text = _prompt(console, "Choose all that apply, with commas" if many else "Choose")
            try:
                values = picked(choices, text, many)
            except AnswerError as error:
                console.print(f"[red]{form_message(error)}[/red]")
                continue
        try:
            return parse(kb, q, values)
        except AnswerError as error:
            console.print(f"[red]{form_message(error)}[/red]")


def options(kb: KnowledgeBase, q: schema.Question) -> list[tuple[str, str]]:
    """The numbered choices of a question (none for numbers and names)."""
    if q.type in ("number", "names"):
        return []
    if q.type == "yes_no":
        return YES_NO
    if q.type == "multi_choice":
        return checklist(q)
    if q.type == "region":
        return [(r, kb.label("region", r)) for r in REGIONS]
    return [(c.id, c.label) for c in q.choices]


def picked(choices: list[tuple[str, str]], text: str, many: bool) -> list[str]:
    """The choice ids a reply names: numbers, ids, labels, their first words or a word of one;
    an unclear or unknown part raises AnswerError naming it."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise AnswerError("Type the number or the words of a choice.")
    if len(parts) > 1 and not many:
        raise AnswerError("Choose one answer.")
    return list(dict.fromkeys(_one(choices, part) for part in parts))


def _one(choices: list[tuple[str, str]], part: str) -> str:
    if part.isdigit():
        if 1 <= int(part) <= len(choices):
            return choices[int(part) - 1][0]
        raise AnswerError(f"{part}: there is no choice {part}; choose 1 to {len(choices)}.")
    said = _words(part)
    ids = {i for i, _ in choices}
    if SAID.get(said) in ids:
        return SAID[said]
    # Best first: the id or the whole label, then the label before its brackets, then the
    # start of the label, then a whole word of it.
    for rank in range(4):
        found = [i for i, label in choices if _matches(rank, said, i, label)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(label for i, label in choices if i in found)
            raise AnswerError(f"{part!r} could be {names}: type more of it, or its number.")
    raise AnswerError(f"{part!r} is not one of the choices: type its number or its words.")


def _matches(rank: int, said: str, ident: str, label: str) -> bool:
    words = _words(label)
    if rank == 0:
        return said in (_words(ident), words)
    if rank == 1:
        return said == _words(label.split("(")[0])
    if rank == 2:
        return len(said) >= 2 and words.startswith(said)
    return len(said) >= 3 and f" {said} " in f" {words} "


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w?']+", " ", text.lower().replace("_", " ")).split())
