"""The exported Questionnaire rendered by NLM's LHC-Forms (npm ``lforms``, served from
node_modules on loopback, no CDN) in chromium: its enableWhen skip logic works there. Answering
"male" hides the pregnancy question (and "female" brings it back); choosing the calf shows the
leg questions and keeps "are both legs swollen?" hidden."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from spasmcare.fhir.questionnaire import questionnaire
from spasmcare.kb.load import load_default
from tests.browser.conftest import _need

LFORMS = Path(__file__).resolve().parents[2] / "node_modules" / "lforms" / "dist" / "lforms"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LHC-Forms</title>
<link rel="stylesheet" href="lforms/webcomponent/styles.css"></head>
<body><div id="form"></div>
<script src="lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="lforms/webcomponent/runtime.js"></script>
<script src="lforms/webcomponent/polyfills.js"></script>
<script src="lforms/webcomponent/main.js"></script>
<script src="lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>"""
PREGNANT = "Are you pregnant, or could you be pregnant?"
LIMB = "Is the painful arm or leg any of these?"
BOTH_LEGS = "Are both of your legs or ankles swollen?"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def form_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need(LFORMS / "webcomponent" / "main.js", "LHC-Forms (npm ci installs lforms)")
    root = tmp_path_factory.mktemp("lforms")
    (root / "lforms").symlink_to(LFORMS, target_is_directory=True)
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def form(browser: Any, form_url: str) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(form_url)
    page.wait_for_function("() => window.LForms && LForms.Util && LForms.Util.addFormToPage")
    exported = questionnaire(load_default(), "spasmcare-intake")
    page.evaluate("async q => { await LForms.Util.addFormToPage(q, 'form', {}); }", exported)
    page.get_by_text("Where in your body is the cramp", exact=False).wait_for()
    yield page
    context.close()
    assert not errors, errors


def _choose(page: Any, link_id: str, typed: str) -> None:
    """Pick an answer in an LHC-Forms list as a person does: type, arrow down, Enter."""
    field = page.locator(f'[id="{link_id}/1"]')
    field.click()
    field.fill("")
    field.press_sequentially(typed)
    page.wait_for_timeout(200)
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_timeout(300)


def _shown(page: Any, text: str) -> bool:
    found = page.get_by_text(text, exact=True)
    return any(found.nth(n).is_visible() for n in range(found.count()))


def test_answering_male_hides_the_pregnancy_question(form: Any, tmp_path: Path) -> None:
    assert _shown(form, PREGNANT)  # not yet known: asked, as spasmcare asks it
    _choose(form, "sex", "Male")
    assert form.locator('[id="sex/1"]').input_value() == "Male"
    assert not _shown(form, PREGNANT)
    form.screenshot(path=str(tmp_path / "lforms-male.png"))
    _choose(form, "sex", "Female")
    assert _shown(form, PREGNANT)


def test_the_region_decides_the_leg_questions(form: Any) -> None:
    assert not _shown(form, LIMB)  # nothing chosen yet: a "=" condition is not met
    assert not _shown(form, BOTH_LEGS)
    _choose(form, "where", "Calf")
    assert form.locator('[id="where/1"]').input_value().startswith("Calf")
    assert _shown(form, LIMB)
    assert not _shown(form, BOTH_LEGS)  # asked only when the pain is not in a limb
    _choose(form, "where", "Lower back")
    assert not _shown(form, LIMB)
    assert _shown(form, BOTH_LEGS)


def test_hidden_and_required_items(form: Any) -> None:
    body = form.inner_text("body")
    assert "Symptoms recorded with the episode" not in body  # the hidden list-field items
    assert "C6q" not in body and "A1, A2" not in body  # no internal references
    assert form.locator(".lhc-required, [aria-required='true']").count() >= 1 or "*" in body
    exported = questionnaire(load_default(), "x")
    assert json.dumps(exported).count('"required": true') == 1
