"""Settings in one place: where the diary lives and which database holds it.

No other module reads the environment, so every interface resolves the same home the same way:
``--home DIR`` beats ``SPASMCARE_HOME``, which beats the platform's user data folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATABASE_FILE = "diary.sqlite3"


@dataclass(frozen=True)
class Limits:
    """Requests allowed a minute before 429 Too Many Requests (SPASMCARE_RATE_<NAME>)."""

    sign_in: int = 10
    """Sign-in and sign-up attempts per address."""
    api_address: int = 1200
    """API requests per client address."""
    api_token: int = 600
    """API requests per access token."""

    @classmethod
    def of(cls, env: Mapping[str, str]) -> Limits:
        def number(name: str, default: int) -> int:
            raw = env.get(f"SPASMCARE_RATE_{name.upper()}", "")
            return int(raw) if raw.isdigit() and int(raw) > 0 else default

        base = cls()
        return cls(*(number(n, getattr(base, n)) for n in ("sign_in", "api_address", "api_token")))


@dataclass(frozen=True)
class Smtp:
    """An SMTP server for the clinic's email (SPASMCARE_SMTP_HOST, _PORT, _FROM, _USER,
    _PASSWORD, _STARTTLS=1)."""

    host: str
    port: int = 25
    sender: str = "spasmcare@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def of(cls, env: Mapping[str, str]) -> Smtp | None:
        if not env.get("SPASMCARE_SMTP_HOST"):
            return None
        port = env.get("SPASMCARE_SMTP_PORT", "")
        return cls(
            env["SPASMCARE_SMTP_HOST"], int(port) if port.isdigit() else 25,
            env.get("SPASMCARE_SMTP_FROM") or cls.sender, env.get("SPASMCARE_SMTP_USER") or None,
            env.get("SPASMCARE_SMTP_PASSWORD") or None,
            env.get("SPASMCARE_SMTP_STARTTLS", "") not in ("", "0"),
        )  # fmt: skip


def _minutes(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


@dataclass(frozen=True)
class Settings:
    """Resolved settings: the data home and the database URL."""

    home: Path
    database_url: str
    require_postgres: bool = False
    redis_url: str | None = None
    """Rate-limit counters live here when set (SPASMCARE_REDIS_URL), else in the database."""
    limits: Limits = Limits()
    cds_token: str | None = None
    """The secret the EHR's CDS client sends as a bearer token (SPASMCARE_CDS_TOKEN); without
    it the CDS service never reads a diary."""
    cds_clients: Path | None = None
    """A JSON file of the EHRs whose signed JWTs the CDS service trusts (SPASMCARE_CDS_CLIENTS);
    read and checked by ``spasmcare.api.cds_auth.load_clients`` when the app starts."""
    cds_origins: tuple[str, ...] = ()
    """The origins of browser-based EHRs allowed to call /cds-services across origins
    (SPASMCARE_CDS_ORIGINS, separated by commas or spaces; ``*`` for any); none: no CORS."""
    allowed_hosts: tuple[str, ...] = ()
    """The host names the web app answers (SPASMCARE_ALLOWED_HOSTS, separated by commas); when
    none are given, only this machine's (127.0.0.1, localhost)."""

    session_idle_minutes: int = 30
    """A web session ends after this long without a request (SPASMCARE_SESSION_IDLE_MINUTES)."""
    session_hours: int = 12
    """...and this long after sign-in, however busy (SPASMCARE_SESSION_HOURS)."""
    smtp: Smtp | None = None
    """Where invitations and reset links are emailed (SPASMCARE_SMTP_HOST...); none: the page
    shows the link to pass on."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto
    ``spasmcare serve`` believes (SPASMCARE_TRUSTED_PROXIES, separated by commas); none by
    default, so a client cannot pick the address that rate limits count."""

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def settings(home: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve the settings from an explicit home, then the environment, then the platform."""
    env = os.environ if environ is None else environ
    if home is None and env.get("SPASMCARE_HOME"):
        home = Path(env["SPASMCARE_HOME"])
    if home is None:
        from platformdirs import user_data_dir

        home = Path(user_data_dir("spasmcare"))
    home = home.expanduser().resolve()
    url = env.get("SPASMCARE_DATABASE_URL") or f"sqlite:///{home / DATABASE_FILE}"
    return Settings(
        home=home,
        database_url=url,
        require_postgres=env.get("SPASMCARE_REQUIRE_POSTGRES", "") not in ("", "0"),
        redis_url=env.get("SPASMCARE_REDIS_URL") or None,
        limits=Limits.of(env),
        cds_token=env.get("SPASMCARE_CDS_TOKEN") or None,
        cds_clients=Path(env["SPASMCARE_CDS_CLIENTS"]).expanduser()
        if env.get("SPASMCARE_CDS_CLIENTS")
        else None,
        cds_origins=tuple(
            o.rstrip("/") for o in env.get("SPASMCARE_CDS_ORIGINS", "").replace(",", " ").split()
        ),
        allowed_hosts=tuple(
            h.strip() for h in env.get("SPASMCARE_ALLOWED_HOSTS", "").split(",") if h.strip()
        ),
        session_idle_minutes=_minutes(env, "SPASMCARE_SESSION_IDLE_MINUTES", 30),
        session_hours=_minutes(env, "SPASMCARE_SESSION_HOURS", 12),
        smtp=Smtp.of(env),
        trusted_proxies=tuple(
            p.strip() for p in env.get("SPASMCARE_TRUSTED_PROXIES", "").split(",") if p.strip()
        ),
    )


def cache_directory(environ: Mapping[str, str] | None = None) -> Path:
    """Where caches that only save time live: SPASMCARE_CACHE, else the platform's user cache
    folder. Read on every call, so a changed environment takes effect at once."""
    env = os.environ if environ is None else environ
    if folder := env.get("SPASMCARE_CACHE"):
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("spasmcare"))
