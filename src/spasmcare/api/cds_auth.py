"""Which calls to the CDS service may read a diary: CDS Hooks' "Trusting CDS Clients".

An EHR signs a short-lived JWT with its private key and sends it as ``Authorization: Bearer``.
The service trusts only the issuers listed in the file named by ``SPASMCARE_CDS_CLIENTS``, each
with the JWK Set (inline, or at a URL) that holds its public keys; a ``jku`` header is never
followed. The older shared secret (``SPASMCARE_CDS_TOKEN``) is still accepted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol
from urllib.parse import urlsplit

import jwt

from spasmcare.api.problems import ProblemError
from spasmcare.config import Settings

log = logging.getLogger(__name__)

ALGORITHMS: Final = tuple(
    f"{family}{bits}" for family in ("RS", "PS", "ES") for bits in (256, 384, 512)
)
"""Asymmetric only: with a shared-secret algorithm a public key would be enough to sign."""
LEEWAY: Final = 30
"""Seconds of clock difference allowed between the EHR and this server."""
LONGEST: Final = 300
"""The longest a token may still be valid when it arrives, in seconds (plus the leeway)."""
_KEY_TYPES: Final = ("RSA", "EC")
_LOCAL: Final = ("localhost", "127.0.0.1", "::1")
_CLIENT_FIELDS: Final = ("iss", "sub", "jwks_url", "jwks")

KeyFinder = Callable[[str], Any]
"""kid -> the issuer's public key (a ``cryptography`` key); KeyError when it has none."""


class ClientsError(ValueError):
    """The trusted-clients file is malformed; the message says where and what is allowed."""


class Counter(Protocol):
    """Counts hits on a key that expires (``spasmcare.clinic.limits`` has shared ones)."""

    def add(self, key: str, expires_in: int) -> int: ...


class MemoryCounter:
    """Counts in this process's memory: enough for a single server process."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()
        self._swept = time.monotonic()

    def add(self, key: str, expires_in: int) -> int:
        now = time.monotonic()
        with self._lock:
            if now - self._swept > 60:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
                self._swept = now
            count, until = self._counts.get(key, (0, now + expires_in))
            if until <= now:
                count, until = 0, now + expires_in
            self._counts[key] = (count + 1, until)
            return count + 1


@dataclass(frozen=True)
class Client:
    """A trusted EHR: its issuer, optionally the client id (``sub``) its tokens must carry,
    and its keys. CDS Hooks 2.0 has no ``sub`` claim, so a token without one is refused only
    when the EHR is configured with one."""

    iss: str
    keys: KeyFinder
    sub: str | None = None


@dataclass(frozen=True)
class Clients:
    """The trusted-clients file: where EHRs reach this server, and whom to trust."""

    base_url: str
    by_issuer: Mapping[str, Client]


@dataclass(frozen=True)
class Trust:
    """What a call must show before the service reads a diary."""

    token: str | None = None
    clients: Clients | None = None
    replays: Counter = field(default_factory=MemoryCounter)

    def admits(self, authorization: str | None, service_path: str) -> bool:
        """True when the call may read a diary; a ProblemError (401) when what it shows is
        refused or it shows nothing: a service the clinic has set up to trust EHRs answers only
        EHRs it trusts."""
        scheme, _, credential = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not credential:
            raise _refused("it needs 'Authorization: Bearer' with the CDS client's token")
        if self.token is not None and hmac.compare_digest(credential.encode(), self.token.encode()):
            return True
        if self.clients is None:
            raise _refused("it is not the CDS client's token")
        self._verify(credential, self.clients.base_url + service_path)
        return True

    def _verify(self, token: str, audience: str) -> None:
        assert self.clients is not None
        try:
            header = jwt.get_unverified_header(token)
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError:
            raise _refused("it is neither the shared token nor a signed JWT") from None
        if header.get("alg") not in ALGORITHMS:
            raise _refused(f"its algorithm (alg) must be one of {', '.join(ALGORITHMS)}")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise _refused("its header has no key id (kid)")
        client = self.clients.by_issuer.get(issuer) if isinstance(issuer, str) else None
        if client is None:
            raise _refused("its issuer (iss) is not a trusted EHR")
        # The key comes from the issuer's configured key set; a jku header is never fetched.
        try:
            key = client.keys(kid)
        except KeyError:
            raise _refused("the EHR has no key with its key id (kid)") from None
        except (KeysUnavailable, jwt.PyJWTError, ValueError):
            log.warning("the key set of CDS client %s could not be fetched", client.iss)
            raise ProblemError(
                503, "keys-unavailable", "The EHR's key set could not be fetched; try again."
            ) from None
        # CDS Hooks 2.0 defines no sub claim: it is required only of an EHR configured with one.
        required = ["iss", "aud", "exp", "iat", "jti"] + (["sub"] if client.sub else [])
        try:
            claims = jwt.decode(
                token, key, algorithms=list(ALGORITHMS), audience=audience, issuer=client.iss,
                subject=client.sub, leeway=LEEWAY, options={"require": required},
            )  # fmt: skip
        except jwt.PyJWTError as error:
            raise _refused(_reason(error)) from None
        remaining = float(claims["exp"]) - time.time()
        if remaining > LONGEST + LEEWAY:
            raise _refused(f"it is valid for longer than {LONGEST} seconds (exp)")
        # Each token id is remembered until the token expires; a second use is a replay.
        used = hashlib.sha256(f"{client.iss}\0{claims['jti']}".encode()).hexdigest()
        if self.replays.add("cds-jti:" + used, int(remaining) + LEEWAY + 1) > 1:
            raise _refused("it was used before (jti)")


def _reason(error: jwt.PyJWTError) -> str:
    """What was wrong, in words that name the claim and never repeat the token."""
    reasons: list[tuple[type[jwt.PyJWTError], str]] = [
        (jwt.ExpiredSignatureError, "it has expired (exp)"),
        (jwt.InvalidAudienceError, "it is meant for another service (aud)"),
        (jwt.InvalidIssuerError, "its issuer (iss) is not a trusted EHR"),
        (
            jwt.exceptions.InvalidSubjectError,
            "its client id (sub) is not the one configured for the EHR",
        ),
        (jwt.ImmatureSignatureError, "it is not valid yet (iat or nbf)"),
        (jwt.InvalidSignatureError, "its signature does not match the EHR's key"),
        (jwt.InvalidKeyError, "its algorithm (alg) does not fit the EHR's key"),
        (jwt.InvalidAlgorithmError, "its algorithm (alg) is not allowed"),
    ]
    if isinstance(error, jwt.MissingRequiredClaimError):
        return f"it lacks the {error.claim} claim"
    return next((text for kind, text in reasons if isinstance(error, kind)), "it is malformed")


def _refused(reason: str) -> ProblemError:
    log.info("CDS client refused: %s", reason)
    return ProblemError(401, "invalid-token", f"The CDS client's token was refused: {reason}.")


def trust_of(settings: Settings, replays: Counter | None = None) -> Trust | None:
    """The trust the settings configure, or None when the service must never read a diary.

    ``replays`` counts token ids; give one shared by every server process (the rate-limit
    counters) so that a token replayed to another process is refused too.
    """
    path = settings.cds_clients
    clients = load_clients(path) if path is not None else None
    if settings.cds_token is None and clients is None:
        return None
    return Trust(settings.cds_token, clients, replays or MemoryCounter())


def load_clients(path: Path) -> Clients:
    """Read and check the trusted-clients file; ClientsError names what is wrong."""

    def fail(where: str, message: str) -> ClientsError:
        return ClientsError(f"SPASMCARE_CDS_CLIENTS ({path}): {where}: {message}")

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise fail("the file", f"cannot be read ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise fail("the file", f"is not JSON ({error})") from None
    if not isinstance(data, dict) or set(data) != {"base_url", "clients"}:
        raise fail("the file", 'must be a JSON object with exactly "base_url" and "clients"')
    base_url = data["base_url"]
    if not isinstance(base_url, str) or not _url(base_url):
        raise fail(
            "base_url",
            f"{base_url!r} is not allowed; allowed: the address EHRs call spasmcare at, such as "
            '"https://care.clinic.example" (https://, or http:// only on this machine)',
        )
    entries = data["clients"]
    if not isinstance(entries, list) or not entries:
        raise fail("clients", "must be a non-empty list of trusted EHRs")
    found: dict[str, Client] = {}
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise fail(f"clients[{n}]", "must be an object with iss and jwks_url or jwks")
        named = f"clients[{n}]" + (
            f" ({entry['iss']})" if isinstance(entry.get("iss"), str) else ""
        )
        try:
            client = _client(entry)
        except ClientsError as error:
            raise fail(named, str(error)) from None
        if client.iss in found:
            raise fail(named, f"iss {client.iss!r} is listed twice")
        found[client.iss] = client
    return Clients(base_url.rstrip("/"), found)


def _client(entry: dict[str, Any]) -> Client:
    unknown = sorted(set(entry) - set(_CLIENT_FIELDS))
    if unknown:
        raise ClientsError(f"unknown field {unknown[0]!r}; allowed: {', '.join(_CLIENT_FIELDS)}")
    iss, sub = entry.get("iss"), entry.get("sub")
    if not isinstance(iss, str) or not iss.strip():
        raise ClientsError("iss: must be the EHR's issuer, the iss claim of its tokens")
    if sub is not None and (not isinstance(sub, str) or not sub.strip()):
        raise ClientsError("sub: when given, must be the client id, the sub claim of its tokens")
    if ("jwks_url" in entry) == ("jwks" in entry):
        raise ClientsError("give exactly one of jwks_url (the EHR's JWK Set URL) or jwks")
    if "jwks_url" in entry:
        url = entry["jwks_url"]
        if not isinstance(url, str) or not _url(url):
            raise ClientsError(
                f"jwks_url: {url!r} is not allowed; allowed: an https:// URL "
                "(http:// only on this machine)"
            )
        return Client(iss, _remote(url), sub)
    return Client(iss, _inline(entry["jwks"]), sub)


def _url(url: str) -> bool:
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname in _LOCAL
    return (parts.scheme == "https" or local) and bool(parts.hostname)


CONNECT_TIMEOUT: Final = 2.0
"""Seconds to connect to a key-set address, and to wait for each part of its answer."""
FETCH_DEADLINE: Final = 4.0
"""Seconds a whole key-set fetch may take."""
KEYS_LIFESPAN: Final = 300.0
"""Seconds fetched keys are used before they are fetched again (a withdrawn key stops soon)."""
RETRY_AFTER: Final = 30.0
"""Seconds after a failed fetch, or a fetch for an unknown key id, before the next one."""
MAX_KEY_SET: Final = 256 * 1024
"""Bytes of the largest key set read."""


class KeysUnavailable(ValueError):
    """The issuer's key set cannot be had now (not the caller's fault): 503."""


class RemoteKeys:
    """An issuer's keys from its JWK Set URL, fetched with short timeouts and kept.

    One fetch at a time per issuer, and a caller never waits for another's fetch: it uses the
    keys already fetched, or is told at once that they are unavailable. After a failure the
    address is left alone for ``RETRY_AFTER``, so a hanging address costs one short fetch then,
    not one a caller. An unknown key id fetches again (the EHR may have rotated its keys), at
    most once per ``RETRY_AFTER``.
    """

    def __init__(self, url: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self._clock = clock
        self._fetching = threading.Lock()
        self._keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._tried_at: float | None = None

    def __call__(self, kid: str) -> Any:
        now = self._clock()
        fresh = self._fetched_at is not None and now - self._fetched_at < KEYS_LIFESPAN
        if kid in self._keys and fresh:
            return self._keys[kid]
        waited = self._tried_at is not None and now - self._tried_at < RETRY_AFTER
        if not waited and self._fetching.acquire(blocking=False):
            try:
                self._tried_at = now
                self._keys, self._fetched_at = self._fetch(), self._clock()
            finally:
                self._fetching.release()
        elif self._fetched_at is None:
            raise KeysUnavailable(self.url)
        if kid not in self._keys:
            raise KeyError(kid)
        return self._keys[kid]

    def _fetch(self) -> dict[str, Any]:
        import urllib.request

        deadline = self._clock() + FETCH_DEADLINE
        body = b""
        try:
            request = urllib.request.Request(self.url, headers={"Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=CONNECT_TIMEOUT) as response:
                while part := response.read(16384):
                    body += part
                    if len(body) > MAX_KEY_SET or self._clock() > deadline:
                        raise KeysUnavailable(f"{self.url}: too large or too slow")
            found = jwt.PyJWKSet.from_dict(json.loads(body))
        except (OSError, ValueError, jwt.PyJWTError) as error:
            log.warning("the key set at %s could not be fetched: %s", self.url,
                        type(error).__name__)  # fmt: skip
            raise KeysUnavailable(self.url) from None
        return {k.key_id: k.key for k in found.keys if k.key_id and k.key_type in _KEY_TYPES}


def _remote(url: str) -> KeyFinder:
    return RemoteKeys(url)


def _inline(jwks: object) -> KeyFinder:
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list) or not jwks["keys"]:
        raise ClientsError('jwks: must be a JWK Set, {"keys": [...]}, with at least one key')
    keys: dict[str, Any] = {}
    for n, raw in enumerate(jwks["keys"]):
        at = f"jwks.keys[{n}]"
        if not isinstance(raw, dict) or raw.get("kty") not in _KEY_TYPES:
            raise ClientsError(f"{at}: kty must be one of {', '.join(_KEY_TYPES)} (a public key)")
        if "d" in raw:
            raise ClientsError(f"{at}: is a private key; give the EHR's public key only")
        kid = raw.get("kid")
        if not isinstance(kid, str) or not kid:
            raise ClientsError(f"{at}: kid must be the key id the EHR's tokens name")
        try:
            keys[kid] = jwt.PyJWK(raw).key
        except jwt.PyJWTError as error:
            raise ClientsError(f"{at}: is not a usable key ({error})") from None
    return keys.__getitem__
