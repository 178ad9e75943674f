"""Password hashing (Argon2id) and random tokens, in one place."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher(type=Type.ID)

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


def hash_password(password: str) -> str:
    """An Argon2id hash of the password, with its own random salt."""
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether the password matches the stored hash (never raises for a wrong password)."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


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
