"""The clinician report as a PDF of one to three pages, laid out with reportlab's platypus.

The disposition banner is coloured (Okabe-Ito) and also says the disposition in words, so it
reads in black and white. The charts are the insight charts, each with its reading beside it.
Nothing is fetched or sent: fonts are reportlab's built-in ones.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import (  # type: ignore[import-untyped]
    ParagraphStyle,
    getSampleStyleSheet,
)
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from spasmcare import private
from spasmcare.insights import charts
from spasmcare.report.clinical import third_person
from spasmcare.report.content import CAUSES, Content

BANNER: Final = {
    "emergency": "#D55E00",
    "urgent": "#E69F00",
    "soon": "#F0E442",
    "routine": "#56B4E9",
    "self_care": "#009E73",
    "none": "#BBBBBB",
}
"""Banner colour per disposition (Okabe-Ito); 'none' when no assessment is saved."""
CHART_NAMES: Final = ("episodes_per_week", "time_of_day", "body_regions", "pain_over_time",
                      "triggers", "what_helped")  # fmt: skip
WIDTH: Final = A4[0] - 30 * mm
FLAG: Final = "#F6D9B8"
"""Row shading of a medicine flagged for a cramp link (light Okabe-Ito orange)."""

_styles = getSampleStyleSheet()
H1 = ParagraphStyle("h1", parent=_styles["Heading1"], fontSize=15, spaceAfter=2)
H2 = ParagraphStyle("h2", parent=_styles["Heading2"], fontSize=11, spaceBefore=6, spaceAfter=2)
BODY = ParagraphStyle("body", parent=_styles["BodyText"], fontSize=8.2, leading=10)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7, leading=8.5)
TINY = ParagraphStyle("tiny", parent=BODY, fontSize=6.2, leading=7.4)


def write(content: Content, out: Path) -> None:
    """Write the report to ``out`` (through a temporary file, so a failure leaves nothing)."""
    private.folder(out.parent)
    partial = out.with_name(out.name + ".partial")
    with private.new_binary(partial) as handle:
        handle.write(render(content))
    partial.replace(out)


def render(content: Content) -> bytes:
    """The report as PDF bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title="spasmcare clinician summary", author="spasmcare",
        creator="spasmcare", invariant=1,
    )  # fmt: skip
    doc.build(story(content), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def story(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("spasmcare clinician summary", H1)]
    period = f"from {c.since:%Y-%m-%d}" if c.since else "the whole diary"
    parts.append(p(f"Prepared {c.now:%Y-%m-%d %H:%M} from the patient's self-kept diary "
                   f"({period}) and their latest spasmcare assessment. Decision support, not "
                   "a diagnosis; the advice shown to the patient is not repeated here.",
                   SMALL))  # fmt: skip
    parts += _who(c) + _assessment(c) + _episodes(c) + _medicines(c) + _plan(c) + _knowledge(c)
    return parts


def _who(c: Content) -> list[Flowable]:
    shown = "; ".join(f"{k}: {v}" for k, v in c.who) or (
        "Not identified: the patient left out name, age and sex (they are added only when "
        "the patient asks)."
    )
    return [p("Who", H2), p(shown)]


def _assessment(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Latest assessment", H2)]
    r = c.result
    disposition = str(r.get("disposition", "none"))
    words = disposition.replace("_", " ").upper() if c.assessment else "NO ASSESSMENT SAVED"
    when = f" ({c.assessment.at:%Y-%m-%d})" if c.assessment else ""
    summary = "No assessment has been saved to the diary."
    if c.assessment and c.screen is not None:
        flags, missing = len(c.flags), len(c.screen.not_asked)
        summary = (f"{flags} red flag{'s' if flags != 1 else ''} fired; {missing} red-flag "
                   f"screening item{'s' if missing != 1 else ''} not asked "
                   "(listed below).")  # fmt: skip
        if r.get("failsafe"):
            summary += " Failsafe: the engine could not complete the assessment."
    banner = Table([[p(f"Disposition: {words}{when}", H2)], [p(summary)]], colWidths=[WIDTH])
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(BANNER.get(disposition, "#BBBBBB"))),
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
    ]))  # fmt: skip
    parts.append(banner)
    parts.append(p("Red flags", H2))
    if c.flags:
        rows = [[p(h, SMALL) for h in ("Red flag", "Level", "Findings", "Ref.")]]
        rows += [[p(t, SMALL), p(level, SMALL), p(why, SMALL), p(refs, SMALL)]
                 for t, level, why, refs in c.flags]  # fmt: skip
        parts.append(_grid(rows, [WIDTH * 0.34, WIDTH * 0.1, WIDTH * 0.46, WIDTH * 0.1], True))
    else:
        parts.append(p("None fired." if c.assessment else "No assessment saved."))
    if c.screen is not None:
        parts.append(p("Red-flag questions and answers", H2))
        lines = (("Present", c.screen.present), ("Absent", c.screen.absent),
                 ("Not asked", c.screen.not_asked), ("Other answers", c.screen.other))  # fmt: skip
        # Findings present come first and large; a long "not asked" list (an assessment the
        # diary made, which asks nothing) is kept small.
        rows = [[p(f"{name} ({len(items)})", SMALL),
                 p("; ".join(items) or "none", TINY if len(items) > 12 else SMALL)]
                for name, items in lines]  # fmt: skip
        parts.append(_grid(rows, [WIDTH * 0.14, WIDTH * 0.86]))
    causes = r.get("causes", [])[:CAUSES]
    parts.append(p("Likely causes", H2))
    if causes:
        rows = [[p(h, SMALL) for h in ("Cause", "Likelihood", "For", "Against", "Ref.")]]
        for cause in causes:
            title = cause["title"] + (" (serious)" if cause.get("serious") else "")
            for_, against = (third_person(" ".join(cause.get(k, []))) or "none"
                             for k in ("for", "against"))  # fmt: skip
            rows.append([p(title, SMALL), p(cause["likelihood"].replace("_", " "), SMALL),
                         p(for_, SMALL), p(against, SMALL),
                         p(c.refs(list(cause.get("sources", []))), SMALL)])  # fmt: skip
        widths = [WIDTH * x for x in (0.22, 0.1, 0.36, 0.24, 0.08)]
        parts.append(_grid(rows, widths, True))
    else:
        parts.append(p("No assessment saved yet."))
    return parts


RECENT_HEADER: Final = ("Started (local)", "Site", "Pain 0-10", "Minutes", "Triggers",
                        "Tried (how much it helped)")  # fmt: skip


def _episodes(c: Content) -> list[Flowable]:
    i = c.insights
    parts: list[Flowable] = [p("Episode summary", H2), p(third_person(i.summary))]
    rows = [[p(k, SMALL), p(v, SMALL)] for k, v in c.numbers]
    parts.append(_grid(rows, [WIDTH * 0.18, WIDTH * 0.82]))
    if i.plan is not None:
        parts.append(p(third_person(i.plan.sentence)))
    if i.episodes == 0:
        return parts
    parts.append(p(f"The {len(c.recent)} most recent episodes", SMALL))
    table = [[p(h, SMALL) for h in RECENT_HEADER]]
    table += [[p(x, SMALL) for x in row] for row in c.recent]
    parts.append(_grid(table, [WIDTH * x for x in (0.15, 0.13, 0.08, 0.08, 0.24, 0.32)], True))
    made = {chart.name: chart for chart in charts.charts(i, caption=False)}
    rows = []
    for name in CHART_NAMES:
        chart = made[name]
        sentence = p(third_person(chart.sentence))
        if chart.empty:
            said = Paragraph(f"<b>{escape(chart.title)}</b>: nothing recorded yet.", BODY)
            rows.append([said, sentence])
            continue
        image = Image(io.BytesIO(chart.png(dpi=100)), width=WIDTH * 0.46, height=WIDTH * 0.46
                      * chart.figure.get_figheight() / chart.figure.get_figwidth())  # fmt: skip
        rows.append([image, sentence])
    grid = Table(rows, colWidths=[WIDTH * 0.48, WIDTH * 0.52])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    parts.append(grid)
    parts += [p(third_person(x), SMALL) for x in i.caveats]
    return parts


def _medicines(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Medicines and conditions", H2)]
    if c.medicines:
        rows = [[p(h, SMALL) for h in ("Medicine", "Cramp link", "Note", "Ref.")]]
        flagged = []
        for n, m in enumerate(c.medicines, 1):
            name = m.name + (f" ({m.known_as})" if m.known_as and m.known_as.lower()
                             != m.name.lower() else "")  # fmt: skip
            flag = f"FLAGGED: grade {m.cramp_link}" if m.cramp_link else "none known"
            if m.cramp_link:
                flagged.append(n)
            rows.append([p(name, SMALL), p(flag, SMALL), p(third_person(m.note or ""), SMALL),
                         p(c.refs(list(m.sources)), SMALL)])  # fmt: skip
        table = _grid(rows, [WIDTH * 0.25, WIDTH * 0.15, WIDTH * 0.5, WIDTH * 0.1], header=True)
        for n in flagged:
            table.setStyle(TableStyle([("BACKGROUND", (0, n), (-1, n), colors.HexColor(FLAG))]))
        parts.append(table)
    else:
        parts.append(p("No medicines recorded."))
    parts.append(p("Conditions: " + (", ".join(c.conditions) or "none recorded") + "."))
    return parts


def _plan(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Care plan and how it went", H2)]
    groups: dict[str, list[str]] = {}
    for s in c.steps:
        stopped = f"stopped {s.stopped_at:%Y-%m-%d}" if s.stopped_at else "ongoing"
        key = f"Self-care plan started {s.started_at:%Y-%m-%d} ({stopped})"
        groups.setdefault(key, []).append(third_person(s.title or s.step_id))
    for key, titles in groups.items():
        unique = list(dict.fromkeys(titles))
        parts.append(p(f"{key}, {len(unique)} items: {'; '.join(unique)}.", SMALL))
    if not c.steps:
        parts.append(p("No care-plan steps followed yet."))
    if c.insights.plan is not None:
        parts.append(p(third_person(c.insights.plan.sentence)))
    answers = [f"{x.at:%Y-%m-%d}: {x.answer}" + (f" ({x.note})" if x.note else "")
               for x in c.checkins]  # fmt: skip
    parts.append(p("Check-ins (is it better?): " + ("; ".join(answers) or "none yet") + "."))
    return parts


def _knowledge(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [
        p("Knowledge base and sources", H2),
        p(f"Knowledge base version {c.knowledge_version}.", SMALL),
    ]
    listed = " ".join(f"[{n}] {s}" for n, s in enumerate(c.sources, 1))
    parts.append(p(listed or "No sources cited.", TINY))
    return [KeepTogether(parts)]


def _grid(rows: list[list[Any]], widths: list[float], header: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    everything = ((0, 0), (-1, -1))
    style = [("GRID", *everything, 0.3, colors.grey), ("VALIGN", *everything, "TOP"),
             ("TOPPADDING", *everything, 1), ("BOTTOMPADDING", *everything, 1)]  # fmt: skip
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")))
    table.setStyle(TableStyle(style))
    return table


def _footer(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(15 * mm, 7 * mm, "spasmcare: information and triage support, not a "
                      "diagnosis. Prepared from the person's own records.")  # fmt: skip
    canvas.drawRightString(A4[0] - 15 * mm, 7 * mm, f"page {doc.page}")
    canvas.restoreState()
