"""Password hashing (Argon2id) and random tokens, in one place."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Iterable

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn  # type: ignore[import-untyped]

_HASHER = PasswordHasher(type=Type.ID)

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
MIN_STRENGTH = 3
"""zxcvbn's score (0 to 4) a new password needs: 3 is "safely unguessable" (about 10^8
guesses), beyond what an online attacker gets through the sign-in back-off."""
_SCORED_LENGTH = 72
"""zxcvbn scores at most this many characters (its time grows fast with length); a longer
password is at least as strong as its start."""
_ZXCVBN = threading.Lock()
"""zxcvbn keeps the words of each call's user inputs in a module global: one call at a time."""


def hash_password(password: str) -> str:
    """An Argon2id hash of the password, with its own random salt."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether the password matches the stored hash (never raises for a wrong password)."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, personal: Iterable[str] = ()) -> str | None:
    """Why a new password is too easy to guess (common, a pattern, the person's own name), in
    words to show; None when it is strong enough."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        return f"Choose a password of {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters."
    words = [w for p in personal for w in (p, *p.replace("@", " ").replace(".", " ").split())]
    with _ZXCVBN:
        found = zxcvbn(password[:_SCORED_LENGTH], user_inputs=words)
    if found["score"] >= MIN_STRENGTH:
        return None
    feedback = found["feedback"]
    hint = feedback["warning"] or " ".join(feedback["suggestions"][:1])
    return " ".join(
        ("That password is too easy to guess.", hint, "Try a few unrelated words together.")
    ).replace("  ", " ")


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
"""Verified against when the username is unknown, so timing does not reveal which names exist."""


def new_token() -> str:
    """A random token for a cookie or a form (256 bits)."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the database keeps of a session token: a stolen database holds no usable cookie."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison of two tokens."""
    return hmac.compare_digest(a.encode(), b.encode())
