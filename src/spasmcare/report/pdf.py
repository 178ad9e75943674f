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
from spasmcare.report.content import Content

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
    parts.append(p(f"Prepared {c.now:%Y-%m-%d %H:%M} from the person's own diary ({period}). "
                   "Information and triage support, not a diagnosis.", SMALL))  # fmt: skip
    parts += _who(c) + _assessment(c) + _episodes(c) + _medicines(c) + _plan(c) + _knowledge(c)
    return parts


def _who(c: Content) -> list[Flowable]:
    shown = "; ".join(f"{k}: {v}" for k, v in c.who) or "Not included (the person's choice)."
    return [p("Who", H2), p(shown)]


def _assessment(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Latest assessment", H2)]
    r = c.result
    disposition = str(r.get("disposition", "none"))
    words = disposition.replace("_", " ").upper() if c.assessment else "NO ASSESSMENT SAVED"
    when = f" ({c.assessment.at:%Y-%m-%d})" if c.assessment else ""
    banner = Table([[p(f"Disposition: {words}{when}", H2)], [p(str(r.get("headline", "")))]],
                   colWidths=[WIDTH])  # fmt: skip
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(BANNER.get(disposition, "#BBBBBB"))),
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
    ]))  # fmt: skip
    parts.append(banner)
    parts += _short(c)
    flags = r.get("red_flags", [])
    parts.append(p("Red flags", H2))
    if flags:
        for f in flags:
            said = c.because.get(str(f.get("id")), "")
            parts.append(p(f"{f['title']} ({f['disposition']}): {f['explanation']} {said} "
                           f"Action: {f['action']}"))  # fmt: skip
    else:
        parts.append(p("None fired."))
    if c.answers:
        parts.append(p("Red-flag questions and answers", H2))
        cells = [[p(q, SMALL), p(a, SMALL)] for q, a in c.answers]
        half = (len(cells) + 1) // 2
        rows = [[*cells[n], *(cells[n + half] if n + half < len(cells) else ["", ""])]
                for n in range(half)]  # fmt: skip
        parts.append(_grid(rows, [WIDTH * 0.37, WIDTH * 0.13] * 2))
    causes = r.get("causes", [])[:4]
    parts.append(p("Likely causes", H2))
    for cause in causes:
        parts.append(p(f"{cause['title']} ({cause['likelihood'].replace('_', ' ')}"
                       f"{', serious' if cause.get('serious') else ''}). For: "
                       f"{' '.join(cause.get('for', [])) or 'none'} Against: "
                       f"{' '.join(cause.get('against', [])) or 'none'}"))  # fmt: skip
    if not causes:
        parts.append(p("No assessment saved yet."))
    return parts


def _short(c: Content) -> list[Flowable]:
    """What to do now and why, and the warning signs that matter: first, as on the pages."""
    if c.short is None:
        return []
    s = c.short
    parts: list[Flowable] = [p("What to do now", H2)]
    if s.first_steps:
        parts.append(p("; ".join(s.first_steps) + "."))
    if s.why:
        parts.append(p(s.why))
    if s.signs:
        parts.append(p("Watch for: " + " ".join(s.signs), SMALL))
    return parts


def _episodes(c: Content) -> list[Flowable]:
    i = c.insights
    span = f" from {i.first:%Y-%m-%d} to {i.last:%Y-%m-%d}" if i.first and i.last else ""
    parts: list[Flowable] = [
        p("Episode summary", H2),
        p(f"{i.episodes} episodes{span}. {i.summary}"),
    ]
    if i.plan is not None:
        parts.append(p(i.plan.sentence))
    if i.episodes == 0:
        return parts
    made = {chart.name: chart for chart in charts.charts(i, caption=False)}
    rows = []
    for name in CHART_NAMES:
        chart = made[name]
        if chart.empty:
            said = Paragraph(f"<b>{escape(chart.title)}</b>: nothing recorded yet.", BODY)
            rows.append([said, p(chart.sentence)])
            continue
        image = Image(io.BytesIO(chart.png(dpi=100)), width=WIDTH * 0.46, height=WIDTH * 0.46
                      * chart.figure.get_figheight() / chart.figure.get_figwidth())  # fmt: skip
        rows.append([image, p(chart.sentence)])
    grid = Table(rows, colWidths=[WIDTH * 0.48, WIDTH * 0.52])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    parts.append(grid)
    parts += [p(x, SMALL) for x in i.caveats]
    return parts


def _medicines(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Medicines and conditions", H2)]
    if c.medicines:
        rows = [[p("Medicine", SMALL), p("Cramp link", SMALL), p("Note", SMALL)]]
        for m in c.medicines:
            name = m.name + (f" ({m.known_as})" if m.known_as and m.known_as != m.name else "")
            flag = f"FLAGGED: grade {m.cramp_link}" if m.cramp_link else "none known"
            rows.append([p(name, SMALL), p(flag, SMALL), p(m.note or "", SMALL)])
        parts.append(_grid(rows, [WIDTH * 0.25, WIDTH * 0.17, WIDTH * 0.58], header=True))
    else:
        parts.append(p("No medicines recorded."))
    parts.append(p("Conditions: " + (", ".join(c.conditions) or "none recorded") + "."))
    return parts


def _plan(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [p("Care plan and how it went", H2)]
    groups: dict[str, list[str]] = {}
    for s in c.steps:
        stopped = f"stopped {s.stopped_at:%Y-%m-%d}" if s.stopped_at else "ongoing"
        key = f"Started {s.started_at:%Y-%m-%d} ({stopped})"
        groups.setdefault(key, []).append(s.title or s.step_id)
    for key, titles in groups.items():
        parts.append(p(f"{key}: {'; '.join(dict.fromkeys(titles))}."))
    if not c.steps:
        parts.append(p("No care-plan steps followed yet."))
    if c.insights.plan is not None:
        parts.append(p(c.insights.plan.sentence))
    answers = [f"{x.at:%Y-%m-%d}: {x.answer}" + (f" ({x.note})" if x.note else "")
               for x in c.checkins]  # fmt: skip
    parts.append(p("Check-ins: " + ("; ".join(answers) or "none yet") + "."))
    return parts


def _knowledge(c: Content) -> list[Flowable]:
    parts: list[Flowable] = [
        p("Knowledge base and sources", H2),
        p(f"Knowledge base version {c.knowledge_version}."),
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
