"""Importing a FHIR file on the web: upload it, read what it holds and what would be left out
and why, then confirm. Nothing is stored before the confirm step, and that step checks the
file again, all or nothing."""

from __future__ import annotations

import io

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from spasmcare import clock
from spasmcare import vocabulary as v
from spasmcare.errors import TransferError
from spasmcare.services import imports
from spasmcare.web import context
from spasmcare.web.context import flash, redirect, render

router = APIRouter(prefix="/settings/import")
TEMPLATE = "import.html"


@router.get("", response_class=HTMLResponse)
def import_page(request: Request) -> HTMLResponse:
    return render(request, TEMPLATE, {"report": None, "error": None, "regions": v.REGIONS})


@router.post("", response_class=HTMLResponse)
async def check_file(request: Request) -> HTMLResponse:
    """The report of an uploaded file, with the confirm step when something can be used."""
    data = await context.form(request)
    text = await _text(data.get("file"))
    region = _region(data)
    if text is None:
        return _error(request, "file: choose a FHIR file (a Bundle or NDJSON) to read", 400)
    try:
        found = imports.preview_of(context.diary(request), io.StringIO(text), clock.now(), region)
    except TransferError as error:
        return _error(request, str(error), 400, region)
    return render(request, TEMPLATE, {
        "report": found.report, "sections": found.report.sections(), "payload": text,
        "episodes": found.episodes, "error": None, "regions": v.REGIONS, "region": region,
    })  # fmt: skip


@router.post("/confirm")
async def confirm(request: Request) -> Response:
    data = await context.form(request)
    text = data.get("payload")
    if not isinstance(text, str) or not text.strip():
        return _error(request, "file: nothing to import; choose the file again", 400)
    try:
        store = context.diary(request)
        found = imports.preview_of(store, io.StringIO(text), clock.now(), _region(data))
        if not found.report.usable:
            return _error(request, "file: nothing in it is something spasmcare can import", 400)
        count = imports.apply(store, found)
    except TransferError as error:
        return _error(request, str(error), 400)
    changed = " and updated your profile" if found.report.changes else ""
    flash(request, f"Imported {count} episode{'' if count == 1 else 's'}{changed}.", "success")
    return redirect("/diary")


async def _text(upload: object) -> str | None:
    if isinstance(upload, UploadFile):
        raw = await upload.read()
    elif isinstance(upload, str):
        raw = upload.encode()
    else:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text if text.strip() else None


def _region(data: FormData) -> str | None:
    region = data.get("region")
    return region if isinstance(region, str) and region in v.REGIONS else None


def _error(request: Request, message: str, status: int, region: str | None = None) -> HTMLResponse:
    values = {"report": None, "error": message, "regions": v.REGIONS, "region": region}
    return render(request, TEMPLATE, values, status=status)
