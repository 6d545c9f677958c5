"""One citizen's session: what they chose, who they are, and the inactivity clock.

Personal data (the card read, the holder hash) lives only here and only until
:meth:`Session.clear`, which the flow calls at the end of every session and on timeout.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

#: Metadata marking a session field that holds personal data: it is listed in
#: :data:`PERSONAL_FIELDS` (the end-of-session audit and the UI's list derive from it).
PERSONAL = {"personal": True}


@dataclass
class Session:
    service: str | None = None
    category: str | None = None
    kind: str | None = None
    # drivers.idcard IdCard: personal data
    card: Any = field(default=None, metadata=PERSONAL)
    # salted hash of the ID number: personal data
    holder: str | None = field(default=None, metadata=PERSONAL)
    ticket: Any = None              # offline_cache.tickets.IssuedTicket
    print_error: Any = None         # drivers.base.DeviceError when the ticket did not print
    notice: str | None = None       # a code the UI turns into a message (e.g. "no_card")
    # the SMS code typed: personal data until used
    pickup_code: str | None = field(default=None, metadata=PERSONAL)
    pickup: dict | None = None      # {"outcome", "door"} of the last opening attempt
    document: dict | None = None    # {"outcome", "pages"} of the certificate printed
    guide: str | None = None        # the code of the guide on screen
    application: dict | None = None  # {"reference"} of what was submitted
    # a query's rows: personal data
    results: list | None = field(default=None, metadata=PERSONAL)
    # kiosk.core.identify.IdentityResult: personal data
    identity: Any = field(default=None, metadata=PERSONAL)
    # the live face photo (JPEG) taken at identification: personal data
    photo: bytes | None = field(default=None, metadata=PERSONAL)
    # the order being paid (pay flow): personal data
    payment: dict | None = field(default=None, metadata=PERSONAL)
    # answers to an application's form: personal data
    form: dict | None = field(default=None, metadata=PERSONAL)
    # the holder's appointments today: personal data
    appointments: list | None = field(default=None, metadata=PERSONAL)
    rating: str | None = None       # the level chosen, kept until the session ends
    rating_reason: str | None = None

    def clear(self) -> None:
        for f in fields(self):
            setattr(self, f.name, None)

    def personal_data(self) -> dict[str, Any]:
        """The personal fields still set (name -> value)."""
        return {n: getattr(self, n) for n in PERSONAL_FIELDS if getattr(self, n) is not None}

    def holds_personal_data(self) -> bool:
        return bool(self.personal_data())


#: The names of the session fields marked personal, in declaration order.
PERSONAL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Session)
                                         if f.metadata.get("personal"))


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
        # Stretched too: an elder who reads slowly gets the longer warning as well (it
        # was 20 s in elder mode, against a 180 s session).
        return "warning" if left <= self.warning_s * self.factor else "active"
