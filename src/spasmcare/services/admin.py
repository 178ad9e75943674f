"""What an admin does with accounts, for the admin page and ``spasmcare users`` alike: list,
change a role, disable and enable, remove (with the person's diary), and one-time links that
let a person set a new password (emailed when the clinic has SMTP).

Blocking (database, SMTP): the pages call it in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spasmcare.accounts import backoff, mail
from spasmcare.accounts.links import Link, LinkError, Links
from spasmcare.accounts.people import AccountError, Person, email_problem
from spasmcare.accounts.tokens import Tokens
from spasmcare.config import Smtp
from spasmcare.diary.store import Store
from spasmcare.services.accounts import Accounts

RESET_PATH = "/reset/"


@dataclass(frozen=True)
class ResetLink:
    person: Person
    url: str
    """Shown once: only its hash is kept."""
    expires_at: datetime
    emailed: bool
    mail_error: str | None = None


class Admin:
    @classmethod
    def open(cls, store: Store) -> Admin:
        """For the command line: the accounts of this diary's database."""
        from spasmcare.accounts.people import People
        from spasmcare.accounts.sessions import Sessions

        people, engine = People(store.engine), store.engine
        return cls(Accounts(people, Sessions(engine), engine), store, store.settings.smtp)

    def __init__(self, accounts: Accounts, store: Store, smtp: Smtp | None) -> None:
        self.accounts = accounts
        self.people = accounts.people
        self.store = store
        self.links = Links(store.engine)
        self.tokens = Tokens(store.engine)
        self.smtp = smtp

    def page(self, after: int = 0, limit: int = 100) -> list[Person]:
        return self.people.page(after, limit)

    def find(self, email: str) -> Person:
        found = self.people.named(email)
        if found is None:
            raise AccountError(f"There is no account {email.strip()!r}.")
        return found

    def _other(self, actor: Person | None, ident: int) -> Person:
        """The account an admin acts on: never their own (no admin locks themself out)."""
        if not 0 < ident < 2**31:
            raise AccountError("There is no such account.")
        if actor is not None and actor.id == ident:
            raise AccountError("That is your own account: another admin must change it.")
        found = self.people.get(ident)
        if found is None:
            raise AccountError("There is no such account.")
        return found

    def set_role(self, actor: Person | None, ident: int, role: str) -> Person:
        who = self._other(actor, ident)
        self.people.set_role(who.id, role)
        return who

    def disable(self, actor: Person | None, ident: int, now: datetime) -> Person:
        """Disable: no sign-in, every session ended, every API token revoked."""
        who = self._other(actor, ident)
        self.people.set_disabled(who.id, now)
        self.accounts.sign_out_everywhere(who.id)
        self.tokens.revoke_all(who.id, now)
        self.links.cancel_all(who.id, "reset")
        return who

    def enable(self, actor: Person | None, ident: int) -> Person:
        who = self._other(actor, ident)
        self.people.set_disabled(who.id, None)
        return who

    def remove(self, actor: Person | None, ident: int) -> Person:
        """Remove the account and everything stored about the person."""
        who = self._other(actor, ident)
        self.store.as_owner(who.id).forget()
        self.people.remove(who.id)
        return who

    def reset_link(
        self, actor: Person | None, ident: int, base_url: str, now: datetime
    ) -> ResetLink:
        """A one-time link (24 hours) to set a new password; emailed to the account's email
        when the clinic has SMTP. The links made before for the account stop working."""
        who = self._other(actor, ident)
        if who.disabled:
            raise AccountError(f"{who.username} is disabled: enable the account first.")
        self.links.cancel_all(who.id, "reset")
        try:
            link, secret = self.links.make("reset", who.id, who.username, now)
        except LinkError as error:
            raise AccountError(str(error)) from None
        url = base_url.rstrip("/") + RESET_PATH + secret
        if self.smtp is None or email_problem(who.username) is not None:
            return ResetLink(who, url, link.expires_at, emailed=False)
        body = (
            "Your clinic's admin made you a link to set a new spasmcare password.\n\n"
            f"Open it to choose one (it works once, until {link.expires_at:%d %b %Y %H:%M} "
            f"UTC):\n{url}\n\nIf you did not ask for it, tell your clinic.\n"
        )
        try:
            mail.send(self.smtp, who.username, "Set a new spasmcare password", body)
        except mail.MailError as error:
            return ResetLink(who, url, link.expires_at, emailed=False, mail_error=str(error))
        return ResetLink(who, url, link.expires_at, emailed=True)

    def reset_for(self, secret: str, now: datetime) -> Link | None:
        return self.links.find(secret, "reset", now)

    def reset_password(self, secret: str, password: str, now: datetime) -> Person:
        """Set the password of a live reset link; every session of the person ends."""
        link = self.links.find(secret, "reset", now)
        who = self.people.get(link.person_id) if link is not None else None
        if link is None or who is None or who.disabled:
            raise AccountError(RESET_GONE)
        self.people.set_password(who.id, password)
        if not self.links.use(link, now):
            raise AccountError(RESET_GONE)
        self.accounts.sign_out_everywhere(who.id)
        self.accounts.backoff.clear(backoff.name_key(who.username))
        return who


RESET_GONE = "This link has been used or has expired: ask your clinic's admin for a new one."
