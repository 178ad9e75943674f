"""`spasmcare users` (accounts: add, list, role, disable, enable, remove, reset-link) and
`spasmcare tokens` (API access tokens)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from spasmcare import clock
from spasmcare.cli.diary import HOME, fail, opened

if TYPE_CHECKING:
    from spasmcare.accounts.people import Person
    from spasmcare.services.admin import Admin
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
        typer.echo(f"{p.id}\t{p.role}\t{p.username}" + ("\tdisabled" if p.disabled else ""))
    if len(found) == limit:
        typer.echo(f"more: spasmcare users list --after {found[-1].id}", err=True)


EMAIL = typer.Argument(..., help="The account's email (its username).")


@contextmanager
def _admin(home: Path | None) -> Iterator[tuple[Admin, Callable[[str], Person]]]:
    """The admin use cases on this home's database, and a finder of accounts by email that
    stops with a clear error for an unknown one; AccountError ends the command with its
    message."""
    from spasmcare.accounts.people import AccountError
    from spasmcare.services.admin import Admin

    with opened(home) as store:
        admin = Admin.open(store)

        def find(email: str) -> Person:
            try:
                return admin.find(email)
            except AccountError as error:
                fail(str(error))

        try:
            yield admin, find
        except AccountError as error:
            fail(str(error))


@users.command("role")
def role(
    email: str = EMAIL,
    new: str = typer.Argument(..., metavar="ROLE", help="patient, clinician or admin."),
    home: Path | None = HOME,
) -> None:
    """Change an account's role."""
    with _admin(home) as (admin, find):
        who = admin.set_role(None, find(email).id, new)
    typer.echo(f"{who.username} now has the role {new}")


@users.command("disable")
def disable(email: str = EMAIL, home: Path | None = HOME) -> None:
    """Disable an account: no sign-in, every session ended, every API token revoked."""
    with _admin(home) as (admin, find):
        who = admin.disable(None, find(email).id, clock.stored_now())
    typer.echo(f"disabled {who.username}: signed out everywhere, API tokens revoked")


@users.command("enable")
def enable(email: str = EMAIL, home: Path | None = HOME) -> None:
    """Let a disabled account sign in again."""
    with _admin(home) as (admin, find):
        who = admin.enable(None, find(email).id)
    typer.echo(f"enabled {who.username}")


@users.command("remove")
def remove(
    email: str = EMAIL,
    yes: bool = typer.Option(False, "--yes", help="Confirm: this cannot be undone."),
    home: Path | None = HOME,
) -> None:
    """Remove an account and everything stored about the person (a departing clinician, say)."""
    if not yes:
        fail(f"nothing was removed: add --yes to remove {email} and everything stored about them")
    with _admin(home) as (admin, find):
        who = admin.remove(None, find(email).id)
    typer.echo(f"removed {who.username} and everything stored about them")


@users.command("reset-link")
def reset_link(
    email: str = EMAIL,
    base_url: str = typer.Option(
        "http://127.0.0.1:8000", "--base-url", help="The address people open spasmcare at."
    ),
    home: Path | None = HOME,
) -> None:
    """A one-time link (24 hours) to set a new password; emailed to the account when
    SPASMCARE_SMTP_HOST is set, else printed to pass on."""
    with _admin(home) as (admin, find):
        made = admin.reset_link(None, find(email).id, base_url, clock.stored_now())
    if made.emailed:
        typer.echo(f"emailed a reset link to {made.person.username}", err=True)
        return
    if made.mail_error:
        typer.echo(f"warning: {made.mail_error}; pass the link on yourself", err=True)
    typer.echo(made.url)
    typer.echo(f"works once, until {made.expires_at:%Y-%m-%d %H:%M} UTC", err=True)


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
