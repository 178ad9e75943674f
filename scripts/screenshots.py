"""Make the README's screenshots from the real app: `python scripts/screenshots.py`.

Starts `spasmcare serve` on a free port with a temporary diary filled by `spasmcare demo`,
drives Debian's chromium through the main pages with Playwright, and writes
docs/screenshots/*.png. Nothing here is mocked: what the pictures show is what the app does.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from spasmcare.kb.load import load_default

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' answers for a case, shared with the browser tests
from tests.browser.clicks import answer_all  # noqa: E402
from tests.web_helpers import EMERGENCY_CASE, SELF_CARE_CASE  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "SPASMCARE_HOME": str(home)}
    env.pop("SPASMCARE_DATABASE_URL", None)
    spasmcare = [sys.executable, "-m", "spasmcare"]
    subprocess.run([*spasmcare, "demo", "--episodes", "60", "--seed", "7", "--home", str(home)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    server = subprocess.Popen([*spasmcare, "serve", "--port", str(port), "--home", str(home)],
                              env=env, stdout=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/static/app.css", timeout=1).close()
            return server, url
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def _assess(page: object, case: dict[str, object]) -> None:
    page.goto("/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Start an assessment").click()  # type: ignore[attr-defined]
    answer_all(page, load_default(), case)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        server, url = _serve(Path(scratch))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                context = browser.new_context(base_url=url, viewport={"width": 1000, "height": 900})
                page = context.new_page()

                def shot(name: str) -> None:
                    page.screenshot(path=str(options.out / f"{name}.png"))
                    print(f"wrote {options.out / name}.png")

                page.goto("/")
                shot("home")
                page.get_by_role("button", name="Start an assessment").click()
                page.locator('.body-map .back [data-region="calf"]').first.click()
                page.evaluate("window.scrollTo(0, 0)")
                shot("assessment-body-map")
                _assess(page, EMERGENCY_CASE)
                shot("result-emergency")
                _assess(page, SELF_CARE_CASE)
                shot("result-self-care")
                page.goto("/diary")
                shot("diary")
                page.goto("/insights")
                page.wait_for_load_state("networkidle")
                page.locator("#charts").scroll_into_view_if_needed()
                shot("insights")
                page.goto("/settings/reminders")
                page.fill("#daily_at", "21:00")
                page.get_by_role("button", name="Make an address").click()
                shot("reminders")
                phone = browser.new_context(base_url=url, viewport={"width": 320, "height": 640})
                small = phone.new_page()
                small.goto("/")
                small.screenshot(path=str(options.out / "home-320px.png"))
                print(f"wrote {options.out / 'home-320px.png'}")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
