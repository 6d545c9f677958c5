"""Collecting a document from a pickup locker (自助取件), verified with no network.

The hall sends, per door, the assignment's holder (salted hash of the ID number) and a
salted hash of the SMS pickup code (hall-api.md, Lockers); the terminal caches them. A
citizen who types the code and shows the matching ID card gets the door opened. Wrong
codes are limited per card and per minute, so the six digits cannot be guessed at the
terminal.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from drivers.base import DeviceError
from offline_cache import caches, locker_pickups

log = logging.getLogger(__name__)

MAX_WRONG_PER_CARD = 3           # then that card waits LOCKOUT_S
LOCKOUT_S = 15 * 60
MAX_ATTEMPTS_PER_MINUTE = 10     # all cards together: stops a scripted guesser


def code_hash(code: str, salt: str) -> str:
    """HMAC-SHA256 with the assignment's salt as key (the hall's definition)."""
    return hmac.new(salt.encode(), code.strip().encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Assignment:
    assignment_id: str
    door: int
    holder: str
    code_hash: str
    salt: str
    expires_at: datetime

    @classmethod
    def from_hall(cls, d: dict[str, Any]) -> Assignment:
        return cls(str(d["assignment_id"]), int(d["door"]), str(d["holder"]),
                   str(d["code_hash"]), str(d["salt"]),
                   datetime.fromisoformat(str(d["expires_at"]).replace("Z", "+00:00")))


CodeOutcome = Literal["ok", "wrong_code", "collected", "expired"]


def find(assignments: Iterable[Assignment], *, code: str, holder: str, now: datetime,
         done: set[str]) -> tuple[CodeOutcome, Assignment | None]:
    """(``ok``, the assignment) or (``collected`` | ``expired`` | ``wrong_code``, None).
    ``collected``: the right code for a door already emptied here (``done``) — the
    citizen is told so, and it counts as a wrong attempt for the limiter."""
    outcome: CodeOutcome = "wrong_code"
    for a in assignments:
        if not hmac.compare_digest(a.holder, holder):
            continue
        if hmac.compare_digest(code_hash(code, a.salt), a.code_hash):
            if a.assignment_id in done:
                outcome = "collected"
            elif a.expires_at <= now:
                outcome = "expired"
            else:
                return "ok", a
    return outcome, None


class AttemptLimiter:
    """Wrong codes per card, attempts per minute. In memory: a restart resets it, which
    costs a guesser a power cycle per three tries."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._wrong: dict[str, deque[float]] = {}
        self._attempts: deque[float] = deque()

    def allowed(self, holder: str) -> bool:
        now = self._clock()
        while self._attempts and now - self._attempts[0] > 60:
            self._attempts.popleft()
        wrong = self._wrong.get(holder, deque())
        while wrong and now - wrong[0] > LOCKOUT_S:
            wrong.popleft()
        return len(self._attempts) < MAX_ATTEMPTS_PER_MINUTE and len(wrong) < MAX_WRONG_PER_CARD

    def record(self, holder: str, *, wrong: bool) -> None:
        now = self._clock()
        self._attempts.append(now)
        if wrong:
            self._wrong.setdefault(holder, deque()).append(now)
        else:
            self._wrong.pop(holder, None)


def door_to_lock(door: int, boards: list[tuple[int, int]]) -> tuple[int, int]:
    """Door numbers run across the boards in order: with boards [(1, 24), (2, 24)] door
    25 is board 2, lock 1. ``boards`` is [(address, lock count)]."""
    n = door
    for address, locks in boards:
        if n <= locks:
            return address, n
        n -= locks
    raise ValueError(f"door {door} is not on this terminal's lockers")


PickupOutcome = CodeOutcome | Literal["locked_out", "no_data", "no_lockers", "device_error"]


@dataclass(frozen=True)
class PickupResult:
    outcome: PickupOutcome
    door: int | None = None
    error: DeviceError | None = None


class LockerPickups:
    """A terminal's pickup service: the code and the card checked against the cached
    assignments (no network needed), the door opened, the pickup recorded with its
    outbox row. ``terminal``: the :class:`kiosk.core.terminal.Terminal` it serves (its
    devices, database, clocks and outbox). Blocking: worker threads only."""

    def __init__(self, terminal: Any) -> None:
        self.terminal = terminal
        self.limiter = AttemptLimiter()

    def collect(self, code: str, holder: str) -> PickupResult:
        from drivers.locker.driver import LockerBus  # loaded with the device, if any
        t = self.terminal
        lockers = t.device(LockerBus)
        if lockers is None:
            return PickupResult("no_lockers")
        t.storage.refuse_if_full()    # never a door opened that cannot be recorded
        if not self.limiter.allowed(holder):
            return PickupResult("locked_out")
        now = t.now()
        with t.database() as conn:
            cached = caches.get(conn, "locker_assignments")
            done = locker_pickups.done(conn)
        if cached is None:
            return PickupResult("no_data")      # never synced: say so, not "wrong code"
        assignments = [Assignment.from_hall(a) for a in cached[1].get("assignments", [])]
        # The code's expiry is the hall's: compared on the hall's clock.
        outcome, found = find(assignments, code=code, holder=holder, now=t.hall_clock(),
                              done=done)
        self.limiter.record(holder, wrong=outcome != "ok")
        if found is None:
            return PickupResult(outcome)
        board, lock = door_to_lock(
            found.door, [(a, c.locks) for a, c in sorted(lockers.boards.items())])
        try:
            lockers.open_door(board, lock)
        except DeviceError as err:
            log.warning("locker door %s did not open: %s", found.door, err.code,
                        extra=lockers.log_extra)
            return PickupResult("device_error", found.door, err)
        t.record("locker_pickup", {"assignment_id": found.assignment_id, "door": found.door,
                                   "picked_up_at": now.isoformat(timespec="seconds")},
                 personal={"holder": holder}, at=now,
                 along=lambda conn: locker_pickups.record(conn, found.assignment_id,
                                                          found.door, now))
        return PickupResult("ok", found.door)
