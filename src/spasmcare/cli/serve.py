"""`spasmcare serve`: the web app on this machine (the bare `spasmcare` command runs it too)."""

from __future__ import annotations

from pathlib import Path

import typer

from spasmcare.cli.diary import HOME

HOST = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine).")
PORT = typer.Option(8000, "--port", help="Port to listen on.")
MULTI = typer.Option(
    False, "--multi-user", help="People sign up and sign in (always on off 127.0.0.1)."
)


def serve(
    host: str = HOST, port: int = PORT, multi_user: bool = MULTI, home: Path | None = HOME
) -> None:
    """Start the web app; open the address it prints in your browser."""
    import uvicorn

    from spasmcare.app import WebConfig, create_app
    from spasmcare.config import settings

    found = settings(home)
    config = WebConfig.for_host(found, host, multi_user)
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    mode = "sign-in required" if config.multi_user else "single person, no sign-in"
    typer.echo(f"spasmcare is running at http://{shown}:{port}/ ({mode}). Press Ctrl+C to stop.")
    # No access log: paths carry no health data, but a quiet server keeps nothing it need not.
    # Forwarded headers only from the configured proxies: uvicorn would otherwise believe any
    # X-Forwarded-For from 127.0.0.1, and a local client could dodge the rate limits with it.
    proxies = found.trusted_proxies
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                proxy_headers=bool(proxies), forwarded_allow_ips=list(proxies) or None)  # fmt: skip
