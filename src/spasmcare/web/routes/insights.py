"""Insights with their charts and plain-language readings, and the downloads: the clinician
report (PDF), FHIR, CSV and JSON. Made on this server from this person's diary only."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare import clock
from spasmcare.services import exports
from spasmcare.web import context
from spasmcare.web.context import render

if TYPE_CHECKING:
    from spasmcare.insights.analysis import Insights
    from spasmcare.insights.charts import Chart

router = APIRouter()


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request) -> HTMLResponse:
    from spasmcare.insights.analysis import analyse

    store = context.diary(request)
    found = analyse(store.episodes(), clock.now(), store.steps())
    readings = [found.frequency.sentence, found.plan.sentence if found.plan else "",
                found.time_of_day.sentence, found.regions.sentence, found.severity.sentence,
                found.triggers_sentence, *[f.sentence for f in found.factors],
                found.remedies_sentence, *[r.sentence for r in found.remedies]]  # fmt: skip
    charts = _charts(found) if found.episodes else []
    return render(request, "insights.html", {
        "found": found, "readings": [r for r in readings if r],
        "charts": [(c.name, c.title, c.sentence) for c in charts],
    })  # fmt: skip


def _charts(found: Insights) -> list[Chart]:
    from spasmcare.insights import charts

    return charts.charts(found, caption=False)


@router.get("/insights/chart/{name}.png")
def chart(request: Request, name: str) -> Response:
    from spasmcare.insights import charts
    from spasmcare.insights.analysis import analyse

    store = context.diary(request)
    found = analyse(store.episodes(), clock.now(), store.steps())
    for maker in charts.MAKERS:
        made = maker(found)
        if made.name == name:
            return Response(made.png(), media_type="image/png")
    raise HTTPException(404, "No such chart.")


@router.get("/report.pdf")
def report(request: Request) -> Response:
    from spasmcare.services import reports

    made = reports.pdf(context.diary(request))
    return download(made, "application/pdf", "spasmcare-report.pdf")


@router.get("/export/{kind}")
def export(request: Request, kind: str) -> Response:
    if kind not in exports.KINDS:
        raise HTTPException(404, "No such export.")
    made = exports.export(context.diary(request), kind)
    return download(made.body, made.media_type, made.filename)


def download(body: bytes, media: str, name: str) -> Response:
    """``body`` as a file to save, its name dated today."""
    stamp = datetime.now().strftime("%Y-%m-%d")
    stem, _, ext = name.partition(".")
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{stem}-{stamp}.{ext}"',
    })  # fmt: skip
