"""How the web app runs: where the data is, and whether people sign in."""

from __future__ import annotations

from dataclasses import dataclass, field

from spasmcare.config import Settings

LOOPBACK = frozenset(("127.0.0.1", "localhost", "::1"))


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: where the data is, and whether people sign in."""

    settings: Settings
    multi_user: bool = False
    secure_cookies: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_host(cls, settings: Settings, host: str, multi_user: bool = False) -> WebConfig:
        """Single-person mode only on a loopback address; Secure cookies off loopback."""
        local = host in LOOPBACK
        return cls(settings, multi_user=multi_user or not local, secure_cookies=not local)
