"""Inviting a clinician to see a diary: by a one-time link, emailed when the clinic has SMTP.

The invitation is made the same way whether or not the email has an account, so sharing never
tells a patient which accounts exist. The clinician accepts it signed in with that email, or
creates their clinician account from the link itself. Blocking (database, SMTP): the pages call
it in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from spasmcare.accounts import mail
from spasmcare.accounts.links import Link, LinkError, Links
from spasmcare.accounts.people import People, Person, email_problem
from spasmcare.clinic.consent import ConsentError, Consents
from spasmcare.config import Smtp

PATH = "/invitations/"


class InvitationError(ValueError):
    """An invitation that cannot be made or accepted, with a message safe to show."""


@dataclass(frozen=True)
class Sent:
    email: str
    url: str
    """The link (shown once: only its hash is kept)."""
    expires_at: datetime
    emailed: bool
    mail_error: str | None = None


@dataclass(frozen=True)
class Opened:
    link: Link
    patient: Person


class Invitations:
    def __init__(self, engine: Engine, people: People, consents: Consents, smtp: Smtp | None):
        self.links = Links(engine)
        self.people = people
        self.consents = consents
        self.smtp = smtp

    def invite(self, patient: Person, email: str, base_url: str, now: datetime) -> Sent:
        email = email.strip().lower()
        if (problem := email_problem(email)) is not None:
            raise InvitationError(f"email: {problem}")
        if email == patient.username.lower():
            raise InvitationError("email: that is your own email; enter your clinician's.")
        try:
            link, secret = self.links.make("invite", patient.id, email, now)
        except LinkError as error:
            raise InvitationError(str(error)) from None
        url = base_url.rstrip("/") + PATH + secret
        if self.smtp is None:
            return Sent(email, url, link.expires_at, emailed=False)
        body = (
            f"{patient.username} would like to share their spasmcare diary with you.\n\n"
            f"Open this link to accept (it works once, until {link.expires_at:%d %b %Y}):\n"
            f"{url}\n\nIf you do not know them, ignore this email: nothing is shared until "
            "you accept.\n"
        )
        try:
            mail.send(self.smtp, email, "A diary shared with you on spasmcare", body)
        except mail.MailError as error:
            return Sent(email, url, link.expires_at, emailed=False, mail_error=str(error))
        return Sent(email, url, link.expires_at, emailed=True)

    def pending(self, patient: int, now: datetime) -> list[Link]:
        return self.links.pending(patient, "invite", now)

    def cancel(self, patient: int, ident: str) -> bool:
        return self.links.cancel(patient, "invite", ident)

    def open(self, secret: str, now: datetime) -> Opened | None:
        """The live invitation of this link, and who sent it (None: used, expired, unknown)."""
        link = self.links.find(secret, "invite", now)
        patient = self.people.get(link.person_id) if link is not None else None
        if link is None or patient is None or patient.disabled:
            return None
        return Opened(link, patient)

    def accept(self, secret: str, clinician: Person, now: datetime) -> Person:
        """Share the patient's diary with the clinician; the patient."""
        opened = self.open(secret, now)
        if opened is None:
            raise InvitationError(GONE)
        if clinician.username.lower() != opened.link.email:
            raise InvitationError(
                f"This invitation is for {opened.link.email}: sign out, then sign in as "
                f"{opened.link.email} to accept it."
            )
        if clinician.role != "clinician":
            raise InvitationError(
                f"Only a clinician account can accept: ask your clinic's admin to make "
                f"{clinician.username} a clinician."
            )
        try:
            self.consents.grant(opened.patient.id, clinician, now)
        except ConsentError as error:
            raise InvitationError(str(error)) from None
        self.links.use(opened.link, now)
        return opened.patient


GONE = "This invitation has been used, cancelled or has expired: ask for a new one."
