"""CDS Hooks "Trusting CDS Clients": an EHR's signed JWT opens the linked diary only when it is
signed by a key of a trusted issuer (inline, or from a JWK Set served over real HTTP), meant for
this service, unexpired and not seen before; anything else gets 401 naming what was wrong, and
a call with no token gets cards from the prefetch alone."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from jwt.utils import base64url_encode

from spasmcare import assess
from spasmcare.api import problems
from spasmcare.api.cds_auth import ClientsError, load_clients, trust_of
from spasmcare.api.problems import ProblemError
from spasmcare.app import api_routers as routers
from spasmcare.config import settings
from spasmcare.diary.model import Assessment
from spasmcare.services.sharing import LatestSummary
from tests.test_api_cds_hooks import AT, EMERGENCY, check_cards, hook_call, medicines, text
from tests.web_helpers import make_client

BASE = "https://care.clinic.example"
SERVICE = "/cds-services/spasmcare-patient-view"
AUDIENCE = BASE + SERVICE
EHR = "https://ehr.example.org"
OTHER_EHR = "https://other-ehr.example.net"


def claims(**changes: Any) -> dict[str, Any]:
    """A token's claims as the EHR would send them, with ``changes`` (None drops a claim)."""
    now = int(time.time())
    found = {"iss": EHR, "sub": "ehr-client", "aud": AUDIENCE, "iat": now, "exp": now + 300,
             "jti": str(uuid.uuid4()), **changes}  # fmt: skip
    return {k: v for k, v in found.items() if v is not None}


@dataclass
class Signer:
    """An EHR's key pair: signs tokens, and publishes the public half as a JWK."""

    private: Any
    kid: str
    alg: str

    @classmethod
    def rsa(cls, kid: str = "rsa-1") -> Signer:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid, "RS384")

    @classmethod
    def ec(cls, kid: str = "ec-1") -> Signer:
        return cls(ec.generate_private_key(ec.SECP384R1()), kid, "ES384")

    def jwk(self) -> dict[str, Any]:
        algorithm = (
            jwt.algorithms.RSAAlgorithm if self.alg == "RS384" else jwt.algorithms.ECAlgorithm
        )
        found = json.loads(algorithm.to_jwk(self.private.public_key()))
        return {**found, "kid": self.kid, "use": "sig"}

    def token(self, headers: dict[str, Any] | None = None, **changes: Any) -> str:
        return jwt.encode(
            claims(**changes),
            self.private,
            algorithm=self.alg,
            headers={"kid": self.kid, **(headers or {})},
        )


@dataclass
class KeyServer:
    """A small real HTTP server serving JWK Sets, counting what is asked of it."""

    url: str
    sets: dict[str, dict[str, Any]]
    hits: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def key_server() -> Iterator[KeyServer]:
    served = KeyServer("", {})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.hits.append(self.path)
            body = json.dumps(served.sets.get(self.path, {"keys": []})).encode()
            self.send_response(200 if self.path in served.sets else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def ehr_rsa() -> Signer:
    return Signer.rsa()


@pytest.fixture(scope="module")
def ehr_ec() -> Signer:
    return Signer.ec()


@dataclass
class Service:
    client: TestClient
    looked_up: list[str]


def write(path: Path, content: Any) -> Path:
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.fixture
def service(
    tmp_path: Path, key_server: KeyServer, ehr_rsa: Signer, ehr_ec: Signer
) -> Iterator[Service]:
    """The CDS routes configured from a trusted-clients file, as a clinic would set them up: the
    RSA EHR's keys from its JWK Set URL (served over real HTTP), the EC EHR's inline."""
    key_server.sets["/ehr/jwks.json"] = {"keys": [ehr_rsa.jwk()]}
    clients = {
        "base_url": BASE,
        "clients": [
            {"iss": EHR, "sub": "ehr-client", "jwks_url": key_server.url + "/ehr/jwks.json"},
            {"iss": OTHER_EHR, "jwks": {"keys": [ehr_ec.jwk()]}},
        ],
    }
    path = write(tmp_path / "cds-clients.json", clients)
    trust = trust_of(settings(tmp_path, {"SPASMCARE_CDS_CLIENTS": str(path)}))
    looked_up: list[str] = []

    def lookup(patient: str) -> LatestSummary | None:
        looked_up.append(patient)
        return LatestSummary.of(AT, assess(EMERGENCY).as_json())

    app = FastAPI()
    for router in routers(lookup, trust):
        app.include_router(router)
    problems.install(app)
    with TestClient(app) as client:
        yield Service(client, looked_up)


def call(service: Service, token: str | None, patient: str = "pat-1") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return service.client.post(SERVICE, json=hook_call(patient), headers=headers)


def test_an_rs384_token_checked_against_the_ehrs_jwks_url_reads_the_diary(
    service: Service, ehr_rsa: Signer
) -> None:
    response = call(service, ehr_rsa.token())
    assert response.status_code == 200
    assert check_cards(response.json())[0]["indicator"] == "critical"
    assert service.looked_up == ["pat-1"]


def test_an_es384_token_checked_against_inline_keys_reads_the_diary(
    service: Service, ehr_ec: Signer
) -> None:
    token = ehr_ec.token(iss=OTHER_EHR, sub="any-client", aud=[AUDIENCE, BASE + "/other"])
    assert check_cards(call(service, token).json())[0]["indicator"] == "critical"
    assert service.looked_up == ["pat-1"]


def test_a_call_without_a_token_is_refused_and_reads_nothing(service: Service) -> None:
    prefetch = {"medicationRequests": medicines(text("simvastatin"))}
    response = service.client.post(SERVICE, json=hook_call("pat-1", prefetch))
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert service.looked_up == []


def _none_alg(signer: Signer) -> str:
    return jwt.encode(claims(), None, algorithm="none", headers={"kid": signer.kid})


def _public_key_as_hmac_secret(signer: Signer) -> str:
    """The classic algorithm confusion: HS256 keyed with the EHR's published public key."""
    pem = signer.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "kid": signer.kid, "typ": "JWT"}
    signing = base64url_encode(json.dumps(header).encode()) + b"."
    signing += base64url_encode(json.dumps(claims()).encode())
    signature = hmac.new(pem, signing, hashlib.sha256).digest()
    return (signing + b"." + base64url_encode(signature)).decode()


REFUSED = {
    "expired": (lambda s: s.token(iat=int(time.time()) - 900, exp=int(time.time()) - 600), "exp"),
    "wrong-aud": (lambda s: s.token(aud="https://elsewhere.example/cds-services/x"), "aud"),
    "unknown-iss": (lambda s: s.token(iss="https://stranger.example"), "iss"),
    "wrong-sub": (lambda s: s.token(sub="someone-else"), "sub"),
    "bad-signature": (lambda s: Signer.rsa(kid=s.kid).token(), "signature"),
    "alg-none": (_none_alg, "alg"),
    "hs256-public-key": (_public_key_as_hmac_secret, "alg"),
    "no-jti": (lambda s: s.token(jti=None), "jti"),
    "unknown-kid": (lambda s: s.token(headers={"kid": "rotated-away"}), "kid"),
    "too-long-lived": (lambda s: s.token(exp=int(time.time()) + 3600), "exp"),
    "not-a-jwt": (lambda s: "not.a-jwt", "JWT"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_token_gets_401_naming_what_was_wrong(
    service: Service, ehr_rsa: Signer, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    make, named = REFUSED[case]
    token = make(ehr_rsa)
    with caplog.at_level(logging.DEBUG):
        response = call(service, token)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    assert named in detail
    assert token not in response.text and token not in caplog.text
    assert service.looked_up == []


def test_a_replayed_token_is_refused(service: Service, ehr_ec: Signer) -> None:
    token = ehr_ec.token(iss=OTHER_EHR)
    assert call(service, token).status_code == 200
    again = call(service, token)
    assert again.status_code == 401 and "used before (jti)" in again.json()["detail"]
    assert service.looked_up == ["pat-1"]


def test_a_jku_header_pointing_elsewhere_is_not_followed(
    service: Service, key_server: KeyServer, ehr_rsa: Signer
) -> None:
    attacker = Signer.rsa(kid="attacker-1")
    key_server.sets["/attacker/jwks.json"] = {"keys": [attacker.jwk()]}
    jku = key_server.url + "/attacker/jwks.json"
    for signer in (attacker, Signer.rsa(kid=ehr_rsa.kid)):  # a new kid, and the EHR's own kid
        response = call(service, signer.token(headers={"jku": jku}))
        assert response.status_code == 401
    assert "/attacker/jwks.json" not in key_server.hits
    assert service.looked_up == []


def test_an_unreachable_key_set_is_a_503_not_a_diary(tmp_path: Path, ehr_rsa: Signer) -> None:
    path = write(tmp_path / "clients.json", one({"iss": EHR, "jwks_url": closed_port() + "/k"}))
    trust = trust_of(settings(tmp_path, {"SPASMCARE_CDS_CLIENTS": str(path)}))
    app = FastAPI()
    for router in routers(lambda _: None, trust):
        app.include_router(router)
    with TestClient(app) as client:
        response = client.post(
            SERVICE, json=hook_call(), headers={"Authorization": f"Bearer {ehr_rsa.token()}"}
        )
    assert response.status_code == 503
    assert "key set could not be fetched" in response.json()["detail"]


def closed_port() -> str:
    """The address of a port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_the_clinic_app_reads_the_linked_diary_with_a_jwt(tmp_path: Path, ehr_ec: Signer) -> None:
    clients = {**one({"iss": OTHER_EHR, "jwks": {"keys": [ehr_ec.jwk()]}}), "base_url": BASE + "/"}
    path = write(tmp_path / "clients.json", clients)
    web = make_client(tmp_path, environ={"SPASMCARE_CDS_CLIENTS": str(path)})
    store = web.client.app.state.web.store  # type: ignore[attr-defined]
    store.add_assessment(Assessment(AT, EMERGENCY, assess(EMERGENCY).as_json(), "test"))
    bundle = web.client.get("/export/fhir").json()
    patient = next(
        e["resource"]["id"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    token = ehr_ec.token(iss=OTHER_EHR)
    headers = {"Authorization": f"Bearer {token}"}
    response = web.client.post(SERVICE, json=hook_call(patient), headers=headers)
    assert check_cards(response.json())[0]["indicator"] == "critical"
    anonymous = web.client.post(SERVICE, json=hook_call(patient))
    assert anonymous.status_code == 401
    replayed = web.client.post(SERVICE, json=hook_call(patient), headers=headers)
    assert replayed.status_code == 401


def test_the_shared_token_still_works_beside_jwts(tmp_path: Path, ehr_ec: Signer) -> None:
    clients = one({"iss": OTHER_EHR, "jwks": {"keys": [ehr_ec.jwk()]}})
    path = write(tmp_path / "clients.json", clients)
    environ = {"SPASMCARE_CDS_CLIENTS": str(path), "SPASMCARE_CDS_TOKEN": "legacy-secret"}
    trust = trust_of(settings(tmp_path, environ))
    assert trust is not None
    assert trust.admits("Bearer legacy-secret", SERVICE) is True
    assert trust.admits("Bearer " + ehr_ec.token(iss=OTHER_EHR), SERVICE) is True
    with pytest.raises(ProblemError):
        trust.admits(None, SERVICE)


def one(entry: dict[str, Any]) -> dict[str, Any]:
    return {"base_url": BASE, "clients": [entry]}


UNUSABLE = {"kty": "EC", "crv": "P-256", "kid": "k1", "x": "", "y": ""}
MALFORMED = {
    "json": ("{not json", "the file: is not JSON"),
    "shape": ([], 'the file: must be a JSON object with exactly "base_url" and "clients"'),
    "base-url": ({"base_url": "ftp://x", "clients": []}, "base_url: 'ftp://x' is not allowed"),
    "empty": ({"base_url": BASE, "clients": []}, "clients: must be a non-empty list"),
    "http": (
        one({"iss": EHR, "jwks_url": "http://ehr.example.org/k"}),
        f"clients[0] ({EHR}): jwks_url: 'http://ehr.example.org/k' is not allowed; allowed: "
        "an https:// URL",
    ),
    "no-keys": (one({"iss": EHR}), f"clients[0] ({EHR}): give exactly one of jwks_url"),
    "unknown-field": (
        one({"iss": EHR, "jwks_url": "https://e/k", "key": 1}),
        f"clients[0] ({EHR}): unknown field 'key'; allowed: iss, sub, jwks_url, jwks",
    ),
    "no-iss": (one({"jwks_url": "https://e/k"}), "clients[0]: iss: must be the EHR's issuer"),
    "symmetric": (
        one({"iss": EHR, "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}),
        f"clients[0] ({EHR}): jwks.keys[0]: kty must be one of RSA, EC",
    ),
    "private": (
        one({"iss": EHR, "jwks": {"keys": [{**UNUSABLE, "d": "x"}]}}),
        f"clients[0] ({EHR}): jwks.keys[0]: is a private key",
    ),
    "unusable": (
        one({"iss": EHR, "jwks": {"keys": [UNUSABLE]}}),
        f"clients[0] ({EHR}): jwks.keys[0]: is not a usable key",
    ),
    "twice": (
        {"base_url": BASE, "clients": [{"iss": EHR, "jwks_url": "https://e/k"}] * 2},
        f"clients[1] ({EHR}): iss '{EHR}' is listed twice",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_clients_file_names_the_entry_field_and_what_is_allowed(
    tmp_path: Path, case: str
) -> None:
    content, message = MALFORMED[case]
    path = tmp_path / "clients.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(ClientsError) as raised:
        load_clients(path)
    assert str(raised.value).startswith(f"SPASMCARE_CDS_CLIENTS ({path}): ")
    assert message in str(raised.value)


def test_a_missing_clients_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ClientsError, match=r"the file: cannot be read \(No such file"):
        load_clients(tmp_path / "nowhere.json")


def test_the_server_refuses_to_start_on_a_malformed_file_with_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "clients.json", {"base_url": BASE, "clients": [{"iss": EHR}]})
    env = {**os.environ, "SPASMCARE_HOME": str(tmp_path), "SPASMCARE_CDS_CLIENTS": str(path)}
    env.pop("SPASMCARE_DATABASE_URL", None)
    command = [sys.executable, "-m", "uvicorn", "spasmcare.app:app_from_environment",
               "--factory", "--port", "0", "--log-level", "warning"]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"error: SPASMCARE_CDS_CLIENTS ({path}): clients[0] ({EHR}): give exactly one of" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
