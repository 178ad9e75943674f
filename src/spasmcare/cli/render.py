"""Terminal rendering of results (Rich); the interview's prompts are in ``cli.prompts``."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel

from spasmcare.kb.load import KnowledgeBase, load_default
from spasmcare.result import FiredRedFlag, Result
from spasmcare.wording import reasons as because
from spasmcare.wording import summary

_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "soon": "bold yellow",
    "routine": "bold cyan",
    "self_care": "bold green",
}


def show_result(result: Result, kb: KnowledgeBase | None = None) -> None:
    """Print a result for a person to read, in the pages' order: what to do now and why, the
    warning signs that matter, then the details (causes, the full plan, pain relief, sources)."""
    console = Console()
    kb = kb or load_default()
    if summary.is_emergency(result):
        _show_emergency(console, kb, result)
        return
    title = result.disposition.replace("_", " ").upper()
    console.print(Panel(result.headline, title=title, style=_STYLE[result.disposition]))
    for action in dict.fromkeys(f.action for f in result.red_flags):
        if action != result.headline:
            console.print(f"  - {action}", highlight=False)
    for number, step in enumerate(summary.first_steps(result), 1):
        console.print(f"  {number}. {step.title}", highlight=False)
    reasons = summary.care_reasons(result)
    because = summary.why(result)
    if because:
        console.print(because, highlight=False)
    _show_incomplete(console, result)
    signs, more = summary.warning_signs(kb, result)
    if signs:
        console.print("\n[bold]Watch for these[/bold]")
        for line in signs:
            console.print(f"  - {line}", highlight=False)
    _show_details(console, kb, result, reasons, more)
    console.print(f"\n[dim]{result.disclaimer} Knowledge base {result.knowledge_version}.[/dim]")


def _show_incomplete(console: Console, result: Result) -> None:
    if result.screen.complete or not result.screen.unanswered_text:
        return
    if result.screen.could_raise_to in ("urgent", "emergency"):
        console.print(
            "[bold yellow]This result rests on incomplete answers.[/bold yellow] "
            "Still to answer, most important first:"
        )
    else:
        console.print("[bold]A few answers could still change the advice:[/bold]")
    for text in result.screen.unanswered_text:
        console.print(f"  ? {text}", highlight=False)


def _show_details(
    console: Console, kb: KnowledgeBase, result: Result, reasons: list[FiredRedFlag],
    more_signs: list[str],
) -> None:  # fmt: skip
    """What the pages fold away, after a rule."""
    console.rule("[dim]More detail[/dim]", style="dim")
    for flag in reasons:
        console.print(
            f"[bold]{flag.title}[/bold] ({flag.disposition.replace('_', ' ')}): "
            f"{flag.explanation} [dim]{because.sentences(kb, flag.because)}[/dim]"
        )
    if result.causes:
        console.print("\n[bold]Likely causes[/bold]")
        for cause in result.causes:
            console.print(f"  - {cause.title} [dim]({cause.likelihood.replace('_', ' ')})[/dim]")
            for reason in cause.for_:
                console.print(f"      [green]+[/green] {reason}")
            for reason in cause.against:
                console.print(f"      [red]-[/red] {reason}")
    if result.plan.steps:
        console.print("\n[bold]Your full care plan[/bold]")
        for number, step in enumerate(result.plan.steps, 1):
            console.print(
                f"  {number}. [bold]{step.title}[/bold] {step.text} "
                f"[dim](evidence: {step.evidence.replace('_', ' ')})[/dim]"
            )
            for caution in step.cautions:
                console.print(f"     [yellow]![/yellow] {caution}")
    # A medicine with several reasons is named once, with all of them.
    for heading, items in (("[red]Avoid {}[/red]", result.plan.avoid),
                           ("[yellow]Check with a pharmacist before {}[/yellow]",
                            result.plan.check_first)):  # fmt: skip
        for what in dict.fromkeys(item.what for item in items):
            told = " ".join(
                f"{i.reason} [dim]{because.sentences(kb, i.because)}[/dim]"
                for i in items if i.what == what
            )  # fmt: skip
            console.print(f"{heading.format(what)}: {told}")
    if more_signs:
        console.print("\n[bold]More warning signs[/bold]")
        for line in more_signs:
            console.print(f"  - {line}", highlight=False)
    for warning in result.warnings:
        console.print(f"[yellow]Note:[/yellow] {warning}")


def _titled(title: str, text: str) -> str:
    """The step's text with its title in bold: once, where the text already starts with it
    ("Do not drive yourself to hospital..."), else as a lead-in."""
    if text.lower().startswith(title.lower()):
        return f"[bold]{text[: len(title)]}[/bold]{text[len(title) :]}"
    return f"[bold]{title}:[/bold] {text}"


def _show_emergency(console: Console, kb: KnowledgeBase, result: Result) -> None:
    """One instruction (the headline names the numbers); what to do while waiting, and why."""
    console.print(Panel(result.headline, title="EMERGENCY", style=_STYLE["emergency"]))
    steps = summary.while_waiting(kb, result)
    if steps:
        console.print("\n[bold]While you wait[/bold]")
        for step in steps:
            console.print(f"  - {_titled(step.title, step.text)}")
    console.print("\n[bold]Why[/bold]")
    for flag in summary.emergency_reasons(result):
        console.print(f"  - [bold]{flag.title}[/bold]: {flag.explanation} "
                      f"{because.sentences(kb, flag.because)}")  # fmt: skip
    console.print(f"\n[dim]{result.disclaimer} Knowledge base {result.knowledge_version}.[/dim]")
