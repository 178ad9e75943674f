"""Insights with their charts and plain-language readings, and the downloads: the clinician
report (PDF), FHIR, CSV and JSON. Made on this server from this person's diary only."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from spasmcare.services import exports, insights
from spasmcare.web import context
from spasmcare.web.context import render

if TYPE_CHECKING:
    pass

router = APIRouter()


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request) -> HTMLResponse:
    found = insights.of(context.diary(request))
    charts = insights.charts(found, caption=False) if found.episodes else []
    return render(request, "insights.html", {
        "found": found, "readings": insights.readings(found),
        "charts": [(c.name, c.title, c.sentence, c.empty) for c in charts],
    })  # fmt: skip


@router.get("/insights/chart/{name}.png")
def chart(request: Request, name: str) -> Response:
    made = insights.chart(insights.of(context.diary(request)), name)
    if made is None:
        raise HTTPException(404, "No such chart.")
    return Response(made.png(), media_type="image/png")


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
