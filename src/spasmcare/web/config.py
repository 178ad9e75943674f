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
    hosts: tuple[str, ...] = ()
    """Host names answered besides this machine's, when the settings name none (the address
    ``spasmcare serve --host`` listens on)."""

    def allowed_hosts(self) -> tuple[str, ...]:
        """The Host headers the app answers; any other gets 400 (no DNS rebinding)."""
        return self.settings.allowed_hosts or (*sorted(LOOPBACK), *self.hosts)

    @classmethod
    def for_host(cls, settings: Settings, host: str, multi_user: bool = False) -> WebConfig:
        """Single-person mode only on a loopback address; Secure cookies off loopback."""
        local = host in LOOPBACK
        named = () if local or host in ("0.0.0.0", "::", "") else (host,)
        return cls(settings, multi_user=multi_user or not local, secure_cookies=not local,
                   hosts=named)  # fmt: skip
