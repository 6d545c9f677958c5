"""Who may enter technician mode, and when (after XFS4IoT VendorMode).

- The PIN is checked against ``technician_pin_hash`` of the hall's kiosk config
  (``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``, hall/settings.py); a terminal
  that never received one refuses every PIN, except a simulated one, which knows the
  demo hall's PIN (``SIMULATED_PIN``).
- ``max_attempts`` wrong PINs in a row lock entry for ``lockout_s`` seconds (the count
  survives neither a right PIN nor the end of the lockout).
- Entry is *requested* (right PIN) and *acknowledged* only while no citizen is served;
  a request made during a session waits for its end or its timeout.
- Active mode ends by itself after ``idle_s`` seconds without a touch or a command.

All of it is plain state with an injectable clock: no I/O, no threads, safe on the GUI
thread.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

# The demo hall's technician PIN (hall/seed.py SEED_TECHNICIAN_PIN). Copied, not
# imported: the kiosk shares no code with the hall. Used only by a simulated terminal
# that has no hash from a hall.
SIMULATED_PIN = "135790"
SIMULATED_ROLE = "technician (simulated default)"
ROLE = "technician"

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_LOCKOUT_S = 300.0
DEFAULT_IDLE_S = 120.0
TAPS_TO_OPEN = 5
TAP_WINDOW_S = 3.0


class PinFormatError(ValueError):
    """The hall sent a ``technician_pin_hash`` this terminal cannot read."""


def check_pin(pin: str, encoded: str) -> bool:
    """``pin`` against ``pbkdf2_sha256$iterations$salt$hash`` (constant-time compare).
    Raises PinFormatError for a hash in another format."""
    try:
        scheme, iterations, salt, digest = encoded.split("$")
        rounds, salt_bytes, expected = int(iterations), bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        raise PinFormatError("technician_pin_hash is not pbkdf2_sha256$iter$salt$hash") from None
    if scheme != "pbkdf2_sha256" or not 1 <= rounds <= 10_000_000:
        raise PinFormatError(f"unsupported technician_pin_hash scheme {scheme!r}")
    got = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt_bytes, rounds)
    return hmac.compare_digest(got, expected)


@dataclass(frozen=True)
class PinOutcome:
    """``ok`` | ``wrong`` (``attempts_left``) | ``locked`` (``locked_for_s``) |
    ``no_pin`` (no hash from the hall: technician mode cannot be entered here)."""
    outcome: Literal["ok", "wrong", "locked", "no_pin"]
    role: str | None = None
    attempts_left: int = 0
    locked_for_s: float = 0.0

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "role": self.role, "attempts_left": self.attempts_left,
                "locked_for_s": round(self.locked_for_s, 1)}


class PinGate:
    """Counts wrong PINs and locks entry. ``pin_hash`` is asked each time (the hall may
    send a new one); it returns ``(encoded hash or None, role)``."""

    def __init__(self, pin_hash: Callable[[], tuple[str | None, str]], *,
                 max_attempts: int = DEFAULT_MAX_ATTEMPTS, lockout_s: float = DEFAULT_LOCKOUT_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._pin_hash = pin_hash
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self._clock = clock
        self._wrong = 0
        self._locked_until = 0.0

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def check(self, pin: str) -> PinOutcome:
        left = self.locked_for()
        if left > 0:
            return PinOutcome("locked", locked_for_s=left)
        encoded, role = self._pin_hash()
        if not encoded:
            return PinOutcome("no_pin")
        if check_pin(pin, encoded):
            self._wrong = 0
            return PinOutcome("ok", role=role)
        self._wrong += 1
        if self._wrong >= self.max_attempts:
            self._wrong = 0
            self._locked_until = self._clock() + self.lockout_s
            return PinOutcome("locked", locked_for_s=self.lockout_s)
        return PinOutcome("wrong", attempts_left=self.max_attempts - self._wrong)


class CornerTaps:
    """The hidden entry: ``taps`` touches of one corner within ``window_s`` seconds."""

    def __init__(self, taps: int = TAPS_TO_OPEN, window_s: float = TAP_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.taps, self.window_s, self._clock = taps, window_s, clock
        self._times: list[float] = []

    def tap(self) -> bool:
        """One touch; True when it completes the gesture (and starts counting anew)."""
        now = self._clock()
        self._times = [t for t in self._times if now - t <= self.window_s] + [now]
        if len(self._times) >= self.taps:
            self._times = []
            return True
        return False


class VendorMode:
    """``off`` -> ``requested`` (a right PIN) -> ``active`` (acknowledged: no citizen is
    being served) -> ``off`` (exit, or ``idle_s`` without activity)."""

    def __init__(self, *, idle_s: float = DEFAULT_IDLE_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_s = idle_s
        self._clock = clock
        self.state = "off"
        self.role: str | None = None
        self.requested_at: float | None = None
        self._last = clock()

    def request(self, role: str) -> None:
        if self.state == "off":
            self.state, self.role, self.requested_at = "requested", role, self._clock()

    def acknowledge(self, citizen_served: bool) -> bool:
        """Enter if entry was requested and nobody is being served; True when entered."""
        if self.state != "requested" or citizen_served:
            return False
        self.state = "active"
        self.touch()
        return True

    def cancel(self) -> None:
        if self.state == "requested":
            self.state, self.role, self.requested_at = "off", None, None

    def touch(self) -> None:
        self._last = self._clock()

    def idle_left(self) -> float:
        return max(0.0, self.idle_s - (self._clock() - self._last))

    def idle_expired(self) -> bool:
        return self.state == "active" and self.idle_left() <= 0

    def exit(self) -> str | None:
        """Leave; returns the role that was in (None when nobody was)."""
        role = self.role if self.state == "active" else None
        self.state, self.role, self.requested_at = "off", None, None
        return role
