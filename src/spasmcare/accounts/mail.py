"""Email through the clinic's SMTP server (SPASMCARE_SMTP_HOST...), for invitations and
password-reset links. Blocking: call it in a worker thread."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Final

from spasmcare.config import Smtp

TIMEOUT: Final = 10
"""Seconds to wait for the SMTP server before giving up."""


class MailError(RuntimeError):
    """The email could not be sent; the message says why, without the email's content."""


def send(smtp: Smtp, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = smtp.sender, to, subject
    message.set_content(body)
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"the email to {to} could not be sent ({type(error).__name__})") from None
