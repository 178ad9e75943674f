"""The home page: what spasmcare does and does not do, the emergency notice, where to start."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from spasmcare.web.context import render, services

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    kb = services(request).kb
    return render(request, "home.html", {"disclaimer": kb.manifest.disclaimer})
