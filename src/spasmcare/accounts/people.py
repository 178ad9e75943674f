"""People who sign in: sign-up, sign-in, passwords, roles, disabling and removal.

Repeated wrong passwords are slowed down by ``accounts.backoff``, never by locking an account.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from spasmcare.accounts import security
from spasmcare.diary import database, tables

USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{3,64}$")
"""What older accounts may be named; new ones are named by their email."""
EMAIL = re.compile(r"^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
ROLES = ("patient", "clinician", "admin")
"""Patients keep a diary; clinicians see the diaries shared with them; admins manage accounts."""


class AccountError(ValueError):
    """A sign-up or sign-in that cannot go ahead, with a message safe to show."""


class WrongPassword(AccountError):
    """The same answer for an unknown email and a wrong password."""

    def __init__(self) -> None:
        super().__init__("The email or password is wrong.")


def email_problem(email: str) -> str | None:
    """Why this is not an email an account can be named by (None: it is)."""
    if len(email) > 64 or not EMAIL.match(email):
        return "Enter your email address, such as name@example.org (at most 64 characters)."
    return None


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    role: str = "patient"
    disabled: bool = False


class People:
    """The person table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def sign_up(self, username: str, password: str, now: datetime, role: str = "patient") -> Person:
        username = username.strip()
        if role not in ROLES:
            raise AccountError(f"Choose a role of {', '.join(ROLES)}.")
        if (problem := email_problem(username)) is not None:
            raise AccountError(problem)
        if (problem := security.password_problem(password, (username,))) is not None:
            raise AccountError(problem)
        row = {"username": username, "password_hash": security.hash_password(password),
               "created_at": now, "failed_logins": 0, "role": role,
               "fhir_id": str(uuid.uuid4())}  # fmt: skip
        try:
            with self.engine.begin() as c:
                key = c.execute(insert(tables.person), row).inserted_primary_key
        except IntegrityError:
            raise AccountError(
                "That email already has an account: sign in, or ask your clinic's admin for a "
                "link to reset its password."
            ) from None
        assert key is not None
        return Person(int(key[0]), username, role)

    def sign_in(self, username: str, password: str, now: datetime) -> Person:
        """The person, when the password is right and the account is not disabled.

        An unknown email is checked against a dummy hash, so it is answered as slowly and in
        the same words as a wrong password. The password is checked outside any transaction
        (Argon2 takes tens of milliseconds), so a sign-in never holds the write lock while it
        hashes."""
        t = tables.person
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(select(t).where(t.c.username == username.strip())).first()
        if row is None:
            security.verify_password(security.DUMMY_HASH, password)
            raise WrongPassword()
        if not security.verify_password(row.password_hash, password):
            raise WrongPassword()
        if row.disabled_at is not None:  # said only to someone who knows the password
            raise AccountError("This account is disabled: ask your clinic's admin.")
        if security.needs_rehash(row.password_hash):
            with self.engine.begin() as c:
                c.execute(
                    update(t)
                    .where(t.c.id == row.id)
                    .values(password_hash=security.hash_password(password))
                )
        return Person(row.id, row.username, row.role)

    def check_password(self, ident: int, password: str) -> bool:
        """Whether this is the person's password (Argon2: call it off the event loop)."""
        t = tables.person
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            stored = c.execute(select(t.c.password_hash).where(t.c.id == ident)).scalar()
        return security.verify_password(stored or security.DUMMY_HASH, password) and bool(stored)

    def set_password(self, ident: int, password: str) -> None:
        """A new password, once it is strong enough (raises AccountError saying why not)."""
        who = self.get(ident)
        if who is None:
            raise AccountError("There is no such account.")
        if (problem := security.password_problem(password, (who.username,))) is not None:
            raise AccountError(problem)
        hashed = security.hash_password(password)
        with self.engine.begin() as c:
            c.execute(
                update(tables.person)
                .where(tables.person.c.id == ident)
                .values(password_hash=hashed)
            )

    def set_role(self, ident: int, role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"role: {role!r} is not one of {', '.join(ROLES)}.")
        self._set(ident, role=role)

    def set_disabled(self, ident: int, now: datetime | None) -> None:
        """Disable (at ``now``) or enable again (None)."""
        self._set(ident, disabled_at=now)

    def _set(self, ident: int, **values: object) -> None:
        t = tables.person
        with self.engine.begin() as c:
            done = c.execute(update(t).where(t.c.id == ident).values(values))
        if done.rowcount == 0:
            raise AccountError("There is no such account.")

    def get(self, ident: int) -> Person | None:
        return self._one(tables.person.c.id == ident)

    def named(self, username: str) -> Person | None:
        return self._one(tables.person.c.username == username.strip())

    def linked(self, fhir_id: str) -> Person | None:
        """The person whose diary is linked to this FHIR Patient id."""
        return self._one(tables.person.c.fhir_id == fhir_id)

    def fhir_id(self, ident: int) -> str | None:
        t = tables.person
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            found = c.execute(select(t.c.fhir_id).where(t.c.id == ident)).scalar()
        return str(found) if found else None

    def page(self, after: int = 0, limit: int = 100) -> list[Person]:
        """People in order of id, ``limit`` at a time after the id ``after``."""
        t = tables.person
        query = select(t.c.id, t.c.username, t.c.role, t.c.disabled_at).where(t.c.id > after)
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            found = c.execute(query.order_by(t.c.id).limit(limit))
            return [Person(r.id, r.username, r.role, r.disabled_at is not None) for r in found]

    def _one(self, where: Any) -> Person | None:
        t = tables.person
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            query = select(t.c.id, t.c.username, t.c.role, t.c.disabled_at).where(where)
            row = c.execute(query).first()
        return Person(row.id, row.username, row.role, row.disabled_at is not None) if row else None

    def remove(self, ident: int) -> None:
        with self.engine.begin() as c:
            c.execute(delete(tables.web_session).where(tables.web_session.c.person_id == ident))
            c.execute(delete(tables.api_token).where(tables.api_token.c.owner == ident))
            c.execute(delete(tables.calendar_feed).where(tables.calendar_feed.c.owner == ident))
            c.execute(delete(tables.consent).where(tables.consent.c.patient == ident))
            c.execute(delete(tables.consent).where(tables.consent.c.clinician == ident))
            c.execute(delete(tables.audit).where(tables.audit.c.patient == ident))
            c.execute(delete(tables.known_device).where(tables.known_device.c.person_id == ident))
            c.execute(delete(tables.account_link).where(tables.account_link.c.person_id == ident))
            c.execute(delete(tables.person).where(tables.person.c.id == ident))
