"""The CDS Hooks sandbox (``cds-hooks/sandbox``, the reference browser EHR) calling spasmcare
from chromium, and the cards it shows.

Three servers on loopback: spasmcare (``spasmcare serve``) trusting the sandbox's signed JWTs
(its issuer and public key, as a clinic would configure an EHR) and allowing its origin (CORS);
a small FHIR server holding one Patient (born 1950, male) and his MedicationRequests; and the
built sandbox's static files. The sandbox fetches the prefetch from that FHIR server, signs a
JWT without ``sub``, calls the service across origins and renders the cards.

The sandbox is not part of this repository: build a checkout of cds-hooks/sandbox as its own
README says and point ``SPASMCARE_CDS_SANDBOX`` at it (default: ``cds-sandbox`` beside this
repository).
The test skips, saying why, when it finds no build. Requests to anywhere but loopback are
aborted, so the sandbox's default services and FHIR server are never called.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from spasmcare import assess
from spasmcare.config import settings
from spasmcare.diary.model import Assessment
from spasmcare.diary.store import Store
from spasmcare.fhir.patient import stored_id
from tests.browser.conftest import Server
from tests.browser.conftest import _free_port as free_port

SANDBOX = Path(
    os.environ.get("SPASMCARE_CDS_SANDBOX") or Path(__file__).resolve().parents[3] / "cds-sandbox"
)
ISSUER = "https://sandbox.cds-hooks.org"  # the iss of the sandbox's tokens (jwt-generator.js)
CASE = {"region": "calf", "time_of_day": "night", "associated": []}  # no age, no sex
LOOPBACK = ("127.0.0.1", "localhost")


def _sandbox() -> tuple[Path, dict[str, Any]]:
    """The built sandbox's files and its public signing key; skips when there is no build."""
    build, keys = SANDBOX / "build", SANDBOX / "keys" / "jwk-keypair.json"
    if not (build / "app.bundle.js").is_file() or not keys.is_file():
        pytest.skip(
            f"the CDS Hooks sandbox is not built at {SANDBOX} (no build/app.bundle.js or "
            "keys/jwk-keypair.json): build a checkout of cds-hooks/sandbox and set "
            "SPASMCARE_CDS_SANDBOX to it"
        )
    pair = json.loads(keys.read_text(encoding="utf-8"))
    key = pair["keys"][0] if "keys" in pair else pair
    public = {k: value for k, value in key.items() if k != "d"}  # never the private half
    return build, public


@dataclass
class Fhir:
    """A FHIR server with one patient; ``broken`` resource types answer 500 (cannot fetch)."""

    patient: dict[str, Any]
    medicines: list[dict[str, Any]]
    broken: set[str] = field(default_factory=set)
    seen: list[str] = field(default_factory=list)

    def answer(self, path: str) -> tuple[int, dict[str, Any]]:
        parts = urlsplit(path).path.strip("/").split("/")
        self.seen.append(path)
        kind = parts[0]
        if kind in self.broken:
            return 500, {"resourceType": "OperationOutcome", "issue": []}
        if kind == "metadata":
            return 200, {"resourceType": "CapabilityStatement", "status": "active",
                         "kind": "instance", "fhirVersion": "4.0.1", "format": ["json"],
                         "date": "2026-01-01"}  # fmt: skip
        if kind == "Patient" and len(parts) == 2:
            return (200, self.patient) if parts[1] == self.patient["id"] else (404, {})
        if kind == "Patient":
            return 200, _bundle([self.patient])
        if kind == "MedicationRequest":
            return 200, _bundle(self.medicines)
        return 200, _bundle([])


def _bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    entries = [{"resource": r} for r in resources]
    return {"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries}


def _serve(handler: Any) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _fhir_handler(fhir: Fhir) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any] | None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "accept, content-type")
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_OPTIONS(self) -> None:
            self._send(204, None)

        def do_GET(self) -> None:
            self._send(*fhir.answer(self.path))

        def do_POST(self) -> None:  # type-level search: POST Type/_search
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self._send(*fhir.answer(self.path.replace("/_search", "")))

        def log_message(self, *_: Any) -> None:
            pass

    return Handler


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


@dataclass
class Setup:
    spasmcare: Server
    fhir: Fhir
    fhir_url: str
    sandbox_url: str
    patient_id: str


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    build, public_key = _sandbox()
    home = tmp_path_factory.mktemp("cds-sandbox")
    store = Store(settings(home, {}))
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    store.add_assessment(Assessment(at, CASE, assess(CASE).as_json(), "sandbox test"))
    store.engine.dispose()
    patient_id = stored_id(home)  # the diary's FHIR Patient id, which the EHR knows it by
    static, sandbox_url = _serve(partial(_Quiet, directory=str(build)))
    patient = {"resourceType": "Patient", "id": patient_id, "birthDate": "1950-04-01",
               "gender": "male", "name": [{"family": "Tester", "given": ["Sam"]}]}  # fmt: skip
    medicines = [
        {"resourceType": "MedicationRequest", "id": f"mr-{n}", "status": "active",
         "intent": "order", "subject": {"reference": f"Patient/{patient_id}"},
         "medicationCodeableConcept": {"text": name}}
        for n, name in enumerate(["Atorvastatin 20 MG Oral Tablet", "Warfarin Sodium 5 MG"])
    ]  # fmt: skip
    fhir = Fhir(patient, medicines)
    fhir_server, fhir_url = _serve(_fhir_handler(fhir))
    clients_path = home / "cds-clients.json"
    environ = {
        "SPASMCARE_CDS_CLIENTS": str(clients_path),
        "SPASMCARE_CDS_ORIGINS": sandbox_url,
    }
    running = _start(home, clients_path, public_key, environ)
    try:
        yield Setup(running, fhir, fhir_url, sandbox_url, patient_id)
    finally:
        running.stop()
        for server in (static, fhir_server):
            server.shutdown()
            server.server_close()


def _start(home: Path, path: Path, key: dict[str, Any], environ: dict[str, str]) -> Server:
    """spasmcare trusting the sandbox: its issuer and public key, no ``sub`` configured."""
    port = free_port()
    clients = {"base_url": f"http://127.0.0.1:{port}",
               "clients": [{"iss": ISSUER, "jwks": {"keys": [key]}}]}  # fmt: skip
    path.write_text(json.dumps(clients), encoding="utf-8")
    return Server(home, multi_user=False, environ=environ, port=port)


def _open(browser: Any, setup: Setup) -> Any:
    context = browser.new_context()

    def loopback_only(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host in LOOPBACK:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", loopback_only)
    page = context.new_page()
    query = urlencode({
        "fhirServiceUrl": setup.fhir_url,
        "serviceDiscoveryURL": f"{setup.spasmcare.url}/cds-services",
        "patientId": setup.patient_id,
        "hook": "patient-view",
    })  # fmt: skip
    page.goto(f"{setup.sandbox_url}/?{query}")
    return page


def _cards_text(page: Any) -> str:
    page.get_by_text("spasmcare 2026-11-20", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    return str(page.inner_text("body"))


def test_the_sandbox_shows_spasmcares_cards(browser: Any, setup: Setup, tmp_path: Path) -> None:
    setup.fhir.broken.clear()
    page = _open(browser, setup)
    try:
        text = _cards_text(page)
        page.screenshot(path=str(tmp_path / "sandbox-cards.png"), full_page=True)
    finally:
        page.context.close()
    assert "All clear" not in text
    # the diary's latest assessment, read with the sandbox's JWT (no sub claim)
    assert "spasmcare 2026-11-20: " in text
    # its pain-relief screen used the EHR's Patient: age and sex were not in the diary
    assert "Pain relief screened with the EHR's age" in text and "sex male" in text
    # the prefetched medicines went through the screen: a statin linked to cramps, warfarin
    assert "Atorvastatin" in text and "Ibuprofen" in text
    assert "Medicines not screened" not in text  # every prefetch arrived
    assert any(p.startswith("/Patient/") for p in setup.fhir.seen)


def test_the_sandbox_shows_what_was_not_screened(browser: Any, setup: Setup) -> None:
    setup.fhir.broken = {"MedicationRequest", "MedicationStatement"}
    page = _open(browser, setup)
    try:
        page.get_by_text("Medicines not screened", exact=False).first.wait_for(timeout=30_000)
        text = str(page.inner_text("body"))
    finally:
        page.context.close()
        setup.fhir.broken = set()
    assert "All clear" not in text
    assert "Medicines not screened: the EHR sent no MedicationRequest list or" in text
    assert "spasmcare 2026-11-20: " in text
