"""People who sign in: sign-up, sign-in with lock-out after repeated failures, removal."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from spasmcare.accounts import security
from spasmcare.diary import database, tables

MAX_FAILURES = 5
LOCK_OUT = timedelta(minutes=15)
USERNAME = re.compile(r"^[A-Za-z0-9._@+-]{3,64}$")
ROLES = ("patient", "clinician", "admin")
"""Patients keep a diary; clinicians see the diaries shared with them; admins manage accounts."""


class AccountError(ValueError):
    """A sign-up or sign-in that cannot go ahead, with a message safe to show."""


@dataclass(frozen=True)
class Person:
    id: int
    username: str
    role: str = "patient"


class People:
    """The person table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def sign_up(self, username: str, password: str, now: datetime, role: str = "patient") -> Person:
        username = username.strip()
        if role not in ROLES:
            raise AccountError(f"Choose a role of {', '.join(ROLES)}.")
        if not USERNAME.match(username):
            raise AccountError(
                "Choose a username of 3 to 64 letters, digits or . _ @ + - (no spaces)."
            )
        if not security.MIN_PASSWORD_LENGTH <= len(password) <= security.MAX_PASSWORD_LENGTH:
            raise AccountError(
                f"Choose a password of at least {security.MIN_PASSWORD_LENGTH} characters."
            )
        row = {"username": username, "password_hash": security.hash_password(password),
               "created_at": now, "failed_logins": 0, "role": role,
               "fhir_id": str(uuid.uuid4())}  # fmt: skip
        try:
            with self.engine.begin() as c:
                key = c.execute(insert(tables.person), row).inserted_primary_key
        except IntegrityError:
            raise AccountError("That username is taken; choose another.") from None
        assert key is not None
        return Person(int(key[0]), username, role)

    def sign_in(self, username: str, password: str, now: datetime) -> Person:
        """The person, when the password is right and the account is not locked out.

        The password is checked outside any transaction (Argon2 takes tens of milliseconds),
        so a sign-in never holds the database's write lock while it hashes; the failure count
        is then changed in one short statement."""
        t = tables.person
        refused = AccountError("The username or password is wrong.")
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(select(t).where(t.c.username == username.strip())).first()
        if row is None:
            security.verify_password(security.DUMMY_HASH, password)
            raise refused
        if row.locked_until is not None and row.locked_until > now:
            raise AccountError("Too many wrong passwords: this account is locked for 15 minutes.")
        if not security.verify_password(row.password_hash, password):
            with self.engine.begin() as c:  # commits although the sign-in fails
                failures = c.execute(
                    update(t)
                    .where(t.c.id == row.id)
                    .values(failed_logins=t.c.failed_logins + 1)
                    .returning(t.c.failed_logins)
                ).scalar_one()
                if failures >= MAX_FAILURES:
                    c.execute(
                        update(t)
                        .where(t.c.id == row.id)
                        .values(failed_logins=0, locked_until=now + LOCK_OUT)
                    )
            raise refused
        values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
        if security.needs_rehash(row.password_hash):
            values["password_hash"] = security.hash_password(password)
        with self.engine.begin() as c:
            c.execute(update(t).where(t.c.id == row.id).values(values))
        return Person(row.id, row.username, row.role)

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
        query = select(t.c.id, t.c.username, t.c.role).where(t.c.id > after)
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            found = c.execute(query.order_by(t.c.id).limit(limit))
            return [Person(r.id, r.username, r.role) for r in found]

    def _one(self, where: Any) -> Person | None:
        t = tables.person
        with self.engine.connect() as raw:
            c = raw.execution_options(**{database.READ: True})
            row = c.execute(select(t.c.id, t.c.username, t.c.role).where(where)).first()
        return Person(row.id, row.username, row.role) if row else None

    def remove(self, ident: int) -> None:
        with self.engine.begin() as c:
            c.execute(delete(tables.web_session).where(tables.web_session.c.person_id == ident))
            c.execute(delete(tables.api_token).where(tables.api_token.c.owner == ident))
            c.execute(delete(tables.calendar_feed).where(tables.calendar_feed.c.owner == ident))
            c.execute(delete(tables.consent).where(tables.consent.c.patient == ident))
            c.execute(delete(tables.consent).where(tables.consent.c.clinician == ident))
            c.execute(delete(tables.audit).where(tables.audit.c.patient == ident))
            c.execute(delete(tables.person).where(tables.person.c.id == ident))
