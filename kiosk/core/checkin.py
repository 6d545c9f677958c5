"""预约取号: today's appointments of a citizen, the appointment QR code, and the queue
number issued for an appointment.

Contract:
- :func:`parse_qr` and :meth:`Appointment.from_hall` are pure (no I/O): the flow and the
  UI may call them anywhere.
- :func:`today_appointments` and :func:`check_in` are *blocking* (the hall, the disk, the
  receipt printer): worker threads only. Normal outcomes are returned, never raised.
- Check-in works online only: the hall holds the appointments and marks one used when
  it issues its number (``POST /tickets`` with ``appointment_id``). There is no offline
  fallback on purpose: a number from a leased block would not carry the appointment's
  priority, and the citizen is better told to take an ordinary number.
- Personal data (the holder hash, the QR text, the appointments) is only in arguments
  and results; logs get outcomes, error codes and ticket numbers.

The terminal's own parts used here (its database, lock and clock) are those
:meth:`kiosk.core.terminal.Terminal.issue_ticket` uses for an online number.
"""
from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from drivers.base import DeviceError
from offline_cache import tickets
from offline_cache.hall_errors import HallError

from .catalog import Catalog
from .receipts import ticket_receipt

log = logging.getLogger(__name__)

# GDZWFW-APPT:<appointment_id>:<category>:<kind>[:<HHMM>[:<masked name>]], e.g.
# GDZWFW-APPT:APT-20261122-01:registration:accept:0930:5bygKg (the hall's appointment QR
# code, hall/seed.py appointment_qr): the time and the holder's masked name (张*, UTF-8 in
# unpadded base64url) are optional, so that the citizen can check the appointment is theirs.
QR_PREFIX = "GDZWFW-APPT:"
_QR = re.compile(r"GDZWFW-APPT:([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([a-z][a-z0-9_]{0,31})"
                 r":([a-z][a-z0-9_]{0,31})(?::([0-2][0-9][0-5][0-9])(?::([A-Za-z0-9_-]{1,32}))?)?")

# The citizen is at the screen: bound the waits for the hall (the client's own read
# timeout is 30 s, meant for the sync thread's batches).
LOOKUP_TIMEOUT_S = 5.0
CHECKIN_TIMEOUT_S = 8.0

# What the hall may answer a check-in with (hall-api.md, POST /tickets appointment_id).
REFUSALS = ("unknown_appointment", "appointment_not_today", "appointment_used",
            "appointment_mismatch")
# Failures that mean the hall cannot be reached at all (as in kiosk.core.identify).
_OFFLINE_ERRORS = frozenset({"unreachable", "timeout", "transport_error"})


@dataclass(frozen=True, repr=False)
class Appointment:
    """One appointment. ``status``: ``booked`` (a number can be taken), ``checked_in``
    (taken already) or ``refused`` (the hall refused it at check-in, e.g. not today).
    ``date``/``time`` are empty for an appointment read from its QR code (the code does
    not carry them; the hall checks the day). ``chosen``: the one being checked in."""

    appointment_id: str
    category: str
    kind: str
    date: str = ""
    time: str = ""
    status: str = "booked"
    from_qr: bool = False
    name: str = ""          # the holder's masked name (张*), when the QR code carries it
    chosen: bool = False

    @property
    def bookable(self) -> bool:
        return self.status == "booked"

    def with_status(self, status: str) -> Appointment:
        return replace(self, status=status, chosen=False)

    @classmethod
    def from_hall(cls, row: dict[str, Any], catalog: Catalog) -> Appointment | None:
        """An appointment of ``GET /appointments``; None when this terminal's catalog does
        not know its category or kind (it could neither show nor print it)."""
        if not _known(catalog, row.get("category"), row.get("kind")):
            return None
        status = row.get("status")
        return cls(str(row["appointment_id"]), row["category"], row["kind"],
                   date=str(row.get("date") or ""), time=str(row.get("time") or ""),
                   status=status if status in ("booked", "checked_in") else "refused")

    def __repr__(self) -> str:
        return f"Appointment({self.category}/{self.kind}, {self.status})"


@dataclass(frozen=True)
class Lookup:
    """``outcome``: ``ok`` (``appointments`` may be empty), ``offline`` (the hall cannot
    be reached) or ``failed`` (it answered with an error; ``error`` says which)."""

    outcome: Literal["ok", "offline", "failed"]
    appointments: tuple[Appointment, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class CheckinResult:
    """``outcome``: ``ok`` (``ticket`` issued; ``print_error`` when it did not print: the
    number is valid all the same), one of :data:`REFUSALS`, ``offline`` or ``failed``."""

    outcome: str
    ticket: tickets.IssuedTicket | None = None
    print_error: DeviceError | None = None
    error: str | None = None


def parse_qr(text: str | None, catalog: Catalog) -> Appointment | None:
    """The appointment in an appointment QR code, or None when ``text`` is not one (or
    names a category or kind this terminal does not know)."""
    found = _QR.fullmatch((text or "").strip())
    if found is None or not _known(catalog, found.group(2), found.group(3)):
        return None
    hhmm = found.group(4) or ""
    time = f"{hhmm[:2]}:{hhmm[2:]}" if hhmm and int(hhmm[:2]) < 24 else ""
    return Appointment(found.group(1), found.group(2), found.group(3), time=time,
                       from_qr=True, name=_masked_name(found.group(5)))


def _masked_name(field: str | None) -> str:
    """The masked name of a QR code's last field; "" when it is not one (a full name
    would not be shown: only a masked one, with its "*", short)."""
    if not field:
        return ""
    try:
        name = base64.urlsafe_b64decode(field + "=" * (-len(field) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""
    return name if "*" in name and len(name) <= 8 and name.isprintable() else ""


def today_appointments(terminal, holder: str) -> Lookup:
    """The holder's appointments today in the hall's time zone (the hall books them on
    its dates), earliest first (blocking)."""
    client = terminal.hall_client
    if client is None:
        return Lookup("offline", error="no_hall")
    day = terminal.hall_today().isoformat()
    try:
        rows = client.appointments(holder, day, timeout=LOOKUP_TIMEOUT_S)
    except HallError as err:
        log.info("appointments not available: %s", err.code)
        return Lookup("offline" if err.code in _OFFLINE_ERRORS else "failed", error=err.code)
    found = [a for a in (Appointment.from_hall(r, terminal.catalog) for r in rows) if a]
    if len(found) < len(rows):
        log.warning("%d appointments left out: category or kind unknown to this terminal",
                    len(rows) - len(found))
    return Lookup("ok", tuple(sorted(found, key=lambda a: (a.time, a.appointment_id))))


def check_in(terminal, appointment: Appointment, language: str = "zh_CN") -> CheckinResult:
    """Take the appointment's number at the hall, keep it like any online number, and
    print it marked as an appointment number (blocking). Database errors raise."""
    client = terminal.hall_client
    if client is None:
        return CheckinResult("offline", error="no_hall")
    try:
        got = client.take_ticket(appointment.category, appointment.kind,
                                 timeout=CHECKIN_TIMEOUT_S,
                                 appointment_id=appointment.appointment_id)
    except HallError as err:
        return _refused(err)
    now = terminal.hall_now()
    ticket = terminal.keep_online_ticket(number=got["number"], category=appointment.category,
                                         kind=appointment.kind, now=now,
                                         waiting_ahead=got["waiting_ahead"])
    log.info("appointment ticket %s issued (%s/%s)", ticket.number, ticket.category,
             ticket.kind)
    return CheckinResult("ok", ticket, _print(terminal, ticket, language))


def _refused(err: HallError) -> CheckinResult:
    if err.code in _OFFLINE_ERRORS:
        outcome = "offline"
    else:
        outcome = err.hall_code if err.hall_code in REFUSALS else "failed"
    log.info("appointment check-in refused: %s (%s)", outcome, err.code)
    return CheckinResult(outcome, error=err.code)


def _print(terminal, ticket: tickets.IssuedTicket, language: str) -> DeviceError | None:
    config = terminal.config
    qr = config.ticket_qr.format(kiosk_id=config.kiosk_id,
                                 day=ticket.issued_at.date().isoformat(), number=ticket.number)
    receipt = ticket_receipt(ticket, catalog=terminal.catalog,
                             hall_name=terminal.hall_name(language), kiosk_id=config.kiosk_id,
                             qr=qr, language=language, appointment=True)
    return terminal.print_receipt(receipt, f"appointment ticket {ticket.number}")


def _known(catalog: Catalog, category: Any, kind: Any) -> bool:
    try:
        catalog.category(category)
        catalog.kind(kind)
    except KeyError:
        return False
    return True

