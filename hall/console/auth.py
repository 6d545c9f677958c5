"""Operator passwords, sessions, CSRF tokens and the login rate limit (no I/O here beyond
the :class:`~hall.console.store.ConsoleStore` calls).

- Passwords: scrypt (memory-hard: N=2^14, r=8 -> 16 MiB per try), stored as
  ``scrypt$N$r$p$<salt hex>$<hash hex>``. An unknown user costs the same hashing as a
  known one, so the timing tells nothing.
- Sessions: a random token in an HttpOnly, SameSite=Strict cookie (``Secure`` when the
  request came over TLS, or always with ``HALL_CONSOLE_SECURE_COOKIE=1``); only its
  SHA-256 is stored. A session ends after :data:`IDLE_S` without use or
  :data:`LIFETIME_S` in all.
- CSRF: each session has its own random token, put into every form; every POST must
  carry it (compared in constant time). The login form, which comes before any session,
  uses a double-submit cookie instead.
- Rate limit: :data:`MAX_FAILURES_PER_USER` failed logins of one username, or
  :data:`MAX_FAILURES_PER_CLIENT` from one client address, within :data:`FAILURE_WINDOW_S`
  refuse further tries (even right ones) until the window moves on.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from .constants import ROLES

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MIN_PASSWORD = 10
IDLE_S = 3600
LIFETIME_S = 12 * 3600
FAILURE_WINDOW_S = 15 * 60
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20
SESSION_COOKIE = "hall_console"
LOGIN_CSRF_COOKIE = "hall_console_login"
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r * p, dklen=32)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


# Hashed against when the username is unknown (same cost, always fails).
_DUMMY = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${'00' * 16}${'00' * 32}"


def check_password(password: str, encoded: str | None) -> bool:
    try:
        scheme, n, r, p, salt, digest = (encoded or _DUMMY).split("$")
        if scheme != "scrypt":
            return False
        got = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return encoded is not None and hmac.compare_digest(got.hex(), digest)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode(), b.encode())


def may(role: str, needed: str) -> bool:
    return ROLE_RANK.get(role, -1) >= ROLE_RANK[needed]
