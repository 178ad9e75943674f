"""The web app: server time for a result page, and the bytes of the first page load.

Server time is what the app reports in its Server-Timing header (session, rendering, database),
against the home page as the baseline. The first page load is the home page with everything it
loads (stylesheet, script, icon), against its HTML alone.
"""

from __future__ import annotations

import re
import statistics
import tempfile
from pathlib import Path

from benchmarks.measure import Outcome
from spasmcare.config import settings
from spasmcare.kb.load import load_default

RESULT_TARGET_MS = 10.0
FIRST_LOAD_TARGET_KB = 100.0
SELF_CARE_CASE = {
    "region": "calf", "age": 35, "sex": "male", "time_of_day": "night", "duration_minutes": 2,
    "frequency": "occasional", "severity_0_10": 5, "onset": "sudden", "side": "left",
    "days_since_first": 30, "associated": [], "recent": [], "medications": [], "conditions": [],
}  # fmt: skip


def _server_ms(client: object, url: str, repeats: int) -> float:
    times = []
    for _ in range(repeats + 1):
        header = client.get(url).headers["server-timing"]  # type: ignore[attr-defined]
        times.append(float(header.split("dur=")[1]))
    return statistics.median(times[1:])


def run(quick: bool) -> list[Outcome]:
    from fastapi.testclient import TestClient
    from tests.web_helpers import Browser

    from spasmcare.app import WebConfig, create_app

    repeats = 20 if quick else 200
    with tempfile.TemporaryDirectory() as scratch:
        app = create_app(WebConfig(settings(Path(scratch), environ={})))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            web = Browser(client)
            web.assess(load_default(), SELF_CARE_CASE)
            result = _server_ms(client, "/assess/result", repeats)
            home = _server_ms(client, "/", repeats)
            page = client.get("/")
            assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
            html = len(page.content)
            total = html + sum(len(client.get(a).content) for a in assets)
    return [
        Outcome(
            name="web result page (server time)",
            figure=round(result, 2),
            unit="ms (median, Server-Timing)",
            baseline=round(home, 2),
            ratio=round(result / home, 1),
            target=f"under {RESULT_TARGET_MS:g} ms",
            met=result < RESULT_TARGET_MS,
        ),
        Outcome(
            name="web first page load",
            figure=round(total / 1024, 1),
            unit=f"KB (home page and its {len(assets)} assets)",
            baseline=round(html / 1024, 1),
            ratio=round(total / html, 1),
            target=f"under {FIRST_LOAD_TARGET_KB:g} KB",
            met=total / 1024 < FIRST_LOAD_TARGET_KB,
        ),
    ]
