"""`spasmcare users` (accounts and their roles) and `spasmcare tokens` (API access tokens)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from spasmcare import clock
from spasmcare.cli.diary import HOME, fail, opened

if TYPE_CHECKING:
    from spasmcare.services.diary import Store

users = typer.Typer(help="People who sign in, and their roles (patient, clinician, admin).")
tokens = typer.Typer(help="Personal access tokens for the API (Authorization: Bearer).")

USER = typer.Option(
    None, "--user", help="Whose token (username); default: the single local person."
)


@users.command("add")
def add(
    email: str = typer.Argument(..., help="The username to sign in with (an email)."),
    role: str = typer.Option("patient", "--role", help="patient, clinician or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
    home: Path | None = HOME,
) -> None:
    """Add a person with a role (clinicians and admins are only made here)."""
    from spasmcare.accounts.people import AccountError, People

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with opened(home) as store:
        try:
            who = People(store.engine).sign_up(email, password, clock.stored_now(), role)
        except AccountError as error:
            fail(str(error))
    typer.echo(f"added {who.username} ({who.role}), id {who.id}")


@users.command("list")
def list_users(
    after: int = typer.Option(0, "--after", help="Show people with an id after this."),
    limit: int = typer.Option(100, "--limit", min=1, max=1000),
    home: Path | None = HOME,
) -> None:
    """People and their roles, in order of id (a page at a time)."""
    from spasmcare.accounts.people import People

    with opened(home) as store:
        found = People(store.engine).page(after, limit)
    for p in found:
        typer.echo(f"{p.id}\t{p.role}\t{p.username}")
    if len(found) == limit:
        typer.echo(f"more: spasmcare users list --after {found[-1].id}", err=True)


def _owner(store: Store, user: str | None) -> int:
    from spasmcare.accounts.people import People
    from spasmcare.services.diary import LOCAL_OWNER

    if user is None:
        return LOCAL_OWNER
    who = People(store.engine).named(user)
    if who is None:
        fail(f"--user: no person named {user!r}")
    return who.id


@tokens.command("create")
def create(
    scope: str = typer.Option(..., "--scope", help="read (GET only) or write."),
    name: str = typer.Option("token", "--name", help="What the token is for."),
    user: str | None = USER,
    home: Path | None = HOME,
) -> None:
    """Make a token and print it (once: only its hash is kept)."""
    from spasmcare.accounts.tokens import TokenError, Tokens

    with opened(home) as store:
        try:
            made, text = Tokens(store.engine).create(
                _owner(store, user), scope, name, clock.stored_now()
            )
        except TokenError as error:
            fail(str(error))
    typer.echo(text)
    typer.echo(f"token {made.id} ({made.scope}): copy it now, it is not shown again", err=True)


@tokens.command("list")
def list_tokens(user: str | None = USER, home: Path | None = HOME) -> None:
    """The live tokens: id, scope, name, when made (never the secret)."""
    from spasmcare.accounts.tokens import Tokens

    with opened(home) as store:
        found = Tokens(store.engine).of(_owner(store, user))
    for t in found:
        typer.echo(f"{t.id}\t{t.scope}\t{t.name}\t{t.created_at:%Y-%m-%d %H:%M}")


@tokens.command("revoke")
def revoke(
    ident: str = typer.Argument(..., help="The token's id (from `tokens list`)."),
    user: str | None = USER,
    home: Path | None = HOME,
) -> None:
    """Revoke a token: it stops working at once, in every server process."""
    from spasmcare.accounts.tokens import TokenError, Tokens

    with opened(home) as store:
        try:
            Tokens(store.engine).revoke(_owner(store, user), ident, clock.stored_now())
        except TokenError as error:
            fail(str(error))
    typer.echo(f"revoked {ident}")
