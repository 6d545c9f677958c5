"""The hall's settings, the hashes it shares with kiosks by contract, and its clock.

Hashes (hall-api.md names them "salted hash"; this is how the reference hall computes
them, and what a kiosk must compute to compare):

- ``holder``: HMAC-SHA256, key = the hall's holder salt (sent in each kiosk's config as
  ``holder_salt``), message = the ID number in upper case (UTF-8); lower-case hex.
- locker ``code_hash``: HMAC-SHA256, key = the assignment's ``salt``, message = the SMS
  pickup code (UTF-8); lower-case hex.
- ``technician_pin_hash``: ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``
  (PBKDF2-HMAC-SHA256 of the PIN).
"""
from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

# The salt of the shipped kiosk.toml, so that a simulated terminal finds the seeded
# citizens with no set-up. A real hall sets its own (``serve --holder-salt``).
DEFAULT_HOLDER_SALT = "replace-with-the-hall-salt"
PIN_ITERATIONS = 200_000


def hall_timezone(name: str) -> tzinfo:
    """A zone by IANA name; China keeps no DST, so +08:00 stands in without tzdata."""
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo(name)
    except Exception:
        if name in ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "PRC"):
            return timezone(timedelta(hours=8))
        raise ValueError(f"unknown time zone {name!r}") from None


@dataclass
class HallSettings:
    holder_salt: str = DEFAULT_HOLDER_SALT
    timezone: tzinfo = field(default_factory=lambda: hall_timezone("Asia/Shanghai"))
    admin_token: str | None = None        # None: the operator API is disabled
    payment_ttl_s: float = 900            # how long a payment QR code stays payable
    block_max_size: int = 500             # numbers per leased block
    block_days_ahead: int = 14            # how far ahead a kiosk may lease blocks
    # Blocks one kiosk may lease per day and category (409 lease_limit_reached beyond):
    # a kiosk bug or a stolen token cannot take the day's numbering from the others.
    max_blocks_per_day: int = 20
    key_window_s: float = 30 * 86400      # idempotency keys are kept at least this long
    max_body_bytes: int = 16 * 1024 * 1024
    max_attachment_bytes: int = 512 * 1024   # a card photo is ~30 KB (358x441 JPEG)
    # A technician's diagnostics bundle (zip: reports, masked logs): ~100 KB measured.
    max_bundle_bytes: int = 8 * 1024 * 1024
    demo_verifier: bool = False           # /identity/verify by the demo stand-in


@dataclass(frozen=True)
class ServeLimits:
    """How the hall's HTTP server bounds its clients (:mod:`hall.serving`)."""
    max_connections: int = 2048            # kept below the descriptor limit at start
    max_connections_per_client: int = 64   # per client address; 0: none (behind a proxy)
    header_timeout_s: float = 10.0         # request line + headers, from connect or reuse
    body_timeout_s: float = 60.0           # the whole body, from its headers
    keep_alive_s: float = 5.0              # an idle keep-alive connection is closed
    log_repeat_s: float = 10.0             # a repeating log message, once per this


@dataclass
class Clock:
    """The hall's "now", shiftable by an operator (``PUT /admin/v1/faults``) for tests of
    expiries and of kiosks that stay offline for days."""
    tz: tzinfo
    offset_s: float = 0.0

    def now(self) -> datetime:
        return datetime.now(self.tz) + timedelta(seconds=self.offset_s)

    def ts(self) -> float:
        return self.now().timestamp()

    def iso(self, ts: float) -> str:
        return datetime.fromtimestamp(ts, self.tz).isoformat(timespec="seconds")


def holder_hash(id_number: str, salt: str) -> str:
    return hmac.new(salt.encode(), id_number.upper().encode(), hashlib.sha256).hexdigest()


def code_hash(code: str, salt: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def pin_hash(pin: str, *, salt: bytes | None = None, iterations: int = PIN_ITERATIONS) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, encoded: str) -> bool:
    scheme, iterations, salt, digest = encoded.split("$")
    if scheme != "pbkdf2_sha256":
        return False
    return hmac.compare_digest(pin_hash(pin, salt=bytes.fromhex(salt),
                                        iterations=int(iterations)).split("$")[3], digest)
