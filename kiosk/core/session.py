"""One citizen's session: what they chose, who they are, and the inactivity clock.

Personal data (the card read, the holder hash) lives only here and only until
:meth:`Session.clear`, which the flow calls at the end of every session and on timeout.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any, Callable


@dataclass
class Session:
    service: str | None = None
    category: str | None = None
    kind: str | None = None
    card: Any = None                # drivers.idcard IdCard: personal data
    holder: str | None = None       # salted hash of the ID number: personal data
    ticket: Any = None              # offline_cache.tickets.IssuedTicket
    print_error: Any = None         # drivers.base.DeviceError when the ticket did not print
    notice: str | None = None       # a code the UI turns into a message (e.g. "no_card")
    pickup_code: str | None = None  # the SMS code typed: personal data until used
    pickup: dict | None = None      # {"outcome", "door"} of the last opening attempt
    document: dict | None = None    # {"outcome", "pages"} of the certificate printed
    guide: str | None = None        # the code of the guide on screen
    application: dict | None = None  # {"reference"} of what was submitted
    results: list | None = None     # a query's rows: personal data
    identity: Any = None            # kiosk.core.identify.IdentityResult: personal data
    photo: bytes | None = None      # the live face photo (JPEG) taken at identification
    payment: dict | None = None     # the order being paid (pay flow): personal data
    form: dict | None = None        # answers to an application's form: personal data
    appointments: list | None = None  # the holder's appointments today: personal data
    rating: str | None = None       # the level chosen, kept until the session ends
    rating_reason: str | None = None

    def clear(self) -> None:
        for f in fields(self):
            setattr(self, f.name, None)

    def holds_personal_data(self) -> bool:
        return any(v is not None for v in (self.card, self.holder, self.pickup_code,
                                           self.results, self.identity, self.photo, self.payment,
                                           self.form, self.appointments))


class InactivityClock:
    """Counts down from the last touch. ``state()`` is ``active``, ``warning`` (the last
    ``warning_s`` seconds: the UI shows a dialog with a button to continue) or
    ``expired``. ``factor`` stretches both for elder mode."""

    def __init__(self, timeout_s: float, warning_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self.factor = 1.0
        self._clock = clock
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def remaining(self) -> float:
        return max(0.0, self.timeout_s * self.factor - (self._clock() - self._last))

    def state(self) -> str:
        left = self.remaining()
        if left <= 0:
            return "expired"
        return "warning" if left <= self.warning_s else "active"
