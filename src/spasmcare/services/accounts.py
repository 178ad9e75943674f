"""Accounts' life cycle, for the pages and the command line alike: signing in with a back-off
instead of a lock-out, changing a password, signing out everywhere.

Every method here is blocking (database and Argon2): the pages call them in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from spasmcare.accounts import backoff, security
from spasmcare.accounts.backoff import Backoff
from spasmcare.accounts.devices import Devices
from spasmcare.accounts.people import AccountError, People, Person, WrongPassword
from spasmcare.accounts.sessions import Sessions


class TryLater(AccountError):
    """Too many wrong passwords for this email or from this address: wait ``seconds``. The
    same for an email no account has."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"Too many wrong passwords for this email or from this address: wait {seconds} "
            f"second{'s' if seconds != 1 else ''} and try again."
        )
        self.seconds = seconds


@dataclass(frozen=True)
class SignedIn:
    person: Person
    device: str
    """The browser's device cookie: it skips the email's back-off next time."""


class Accounts:
    """People, their sessions, known browsers and the sign-in back-off, on one database."""

    def __init__(self, people: People, sessions: Sessions, engine: Engine) -> None:
        self.people = people
        self.sessions = sessions
        self.backoff = Backoff(engine)
        self.devices = Devices(engine)

    def sign_up(self, email: str, password: str, now: datetime, role: str = "patient") -> SignedIn:
        who = self.people.sign_up(email, password, now, role)
        return SignedIn(who, self.devices.remember(who.id, now))

    def sign_in(
        self, email: str, password: str, address: str, device: str | None, now: datetime
    ) -> SignedIn:
        """The person, or AccountError: WrongPassword (also for an unknown email), TryLater.

        A browser that signed in as this person before is held back only by its own failures;
        any other by the email's and the address's."""
        named = self.people.named(email)
        known = self.devices.knows(device, named.id if named else -1)
        keys = (
            [backoff.device_key(security.digest(device or ""))]
            if known
            else [backoff.name_key(email), backoff.address_key(address)]
        )
        wait = self.backoff.wait(keys, now)
        if wait is not None:
            raise TryLater(wait.seconds)
        try:
            who = self.people.sign_in(email, password, now)
        except WrongPassword:
            for key in keys:
                if key.startswith("address:"):
                    self.backoff.failed(key, backoff.ADDRESS_CAP, now, backoff.ADDRESS_FREE)
                else:
                    self.backoff.failed(key, backoff.NAME_CAP, now)
            raise
        self.backoff.clear(keys[0])  # the email's (or this browser's) count starts again
        return SignedIn(who, device if known and device else self.devices.remember(who.id, now))

    def change_password(self, person_id: int, current: str, new: str) -> int:
        """Set a new password once the current one is given; every session of the person ends
        (the caller gives this browser a new one). How many sessions ended."""
        if not self.people.check_password(person_id, current):
            raise AccountError("current_password: that is not your current password.")
        if current == new:
            raise AccountError("new_password: choose a password different from the current one.")
        self.people.set_password(person_id, new)
        return self.sessions.end_all(person_id)

    def sign_out_everywhere(self, person_id: int) -> int:
        """End every session of the person and forget their browsers; how many sessions."""
        self.devices.forget(person_id)
        return self.sessions.end_all(person_id)
