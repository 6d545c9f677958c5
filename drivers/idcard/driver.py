"""Driver of the resident ID card reader: a SAM module on a serial port (hardware.md §1).

Contract (see :class:`drivers.base.Device` for the shared part):
- ``read_card(timeout, cancel)`` loops FIND -> SELECT -> READ until a card is read, the
  timeout passes or ``cancel`` is set. No card and a card pulled away mid-read are normal
  outcomes (:class:`ReadOutcome`), not exceptions. The call ends by its timeout (plus the
  wire time of one reply) whatever the reader sends: every resend and every reply wait is
  cut to what is left. Once a card is selected its read runs to completion even past the
  timeout, aborting would only make the citizen try again, but by at most one READ reply
  timeout (``timeout`` + ``sam_read_allowance`` + wire time) beyond it.
- A damaged or missing reply is resent (up to ``_ATTEMPTS``); noise and frames arriving in
  pieces are absorbed by :class:`~drivers.idcard.protocol.FrameDecoder`.
- A card the reader cannot use raises :class:`CardError` (state stays ONLINE: the reader
  is fine). Device failures raise :class:`DeviceError`; a vanished port first calls
  ``connection_lost`` so the supervisor's ``poll()`` reopens it when it is back.
- Every operation holds ``io_lock``. Counters: ``reads``, ``errors``, ``card_errors``,
  ``corrupt_frames``.
- Consumables: ``{"card": "present" | "absent"}``, from FIND (hardware.md §1: SW3 ``9F``
  card found, ``80`` none) at every probe and after every read, so the "take your card"
  reminder knows whether a card still lies on the reader. FIND has no side effect on a
  card already read: a following read starts with its own FIND and SELECT. A reader
  configured with ``reports_presence = false`` (one whose SAM answers ``80`` for a card
  it has read, as some vendors' halt the card) reports no ``card`` at all, and the
  reminder falls back to a fixed hold after every read.
"""
from __future__ import annotations

import contextlib
import errno
import os
import termios
import threading
import time
from dataclasses import dataclass
from typing import Literal

import serial

from drivers.base import (
    Action,
    Device,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
    UsageCounters,
)
from drivers.base.serial_port import open_serial

from . import protocol as p
from .card import CardDataError, IdCard, UnsupportedCardError

_ATTEMPTS = 3             # sends of one request before giving up
_READ_SLICE = 0.05        # serial read timeout: how often a wait re-checks its deadline
_NO_CARD_POLL = 0.1       # pause between FINDs while no card is on the reader
_MIN_REPLY_WAIT = 0.05    # least wait for a reply beyond its wire time, however late


@dataclass(frozen=True)
class ReadOutcome:
    """Result of :meth:`IdCardReader.read_card`: ``card`` is set only when ``outcome`` is
    ``ok``. ``no_card`` also covers a cancelled wait."""

    outcome: Literal["ok", "no_card", "removed"]
    card: IdCard | None = None


class CardError(DeviceError):
    """The card cannot be used (unreadable, failed authentication, unsupported type).
    The reader works, so the implied state is ONLINE."""

    def __init__(self, code: str, message: str, *, action: Action = Action.RETRY) -> None:
        super().__init__(code, message, action=action, state=DeviceState.ONLINE)


class _PortLost(DeviceError):
    """The port vanished; ``connection_lost`` has already recorded it."""


class _NoReply(Exception):
    """No complete frame arrived in time."""


class IdCardReader(Device):
    """A SAM ID card reader on serial port ``port`` (a path, e.g. ``/dev/kiosk-idcard``).

    ``timeout`` bounds each command's reply beyond its wire time; READ gets
    ``sam_read_allowance`` more for the SAM's own work.
    """

    kind = "idcard"
    # Headroom for the SAM's own work before it answers READ (authenticate, read the chip).
    # Not in hardware.md: an assumption to tune per reader model.
    sam_read_allowance = 1.0

    def __init__(self, name: str, port: str | os.PathLike, baud: int = 115200, *,
                 required: bool = False, counters: UsageCounters | None = None,
                 timeout: float = 1.0, reports_presence: bool = True) -> None:
        super().__init__(name, required=required, counters=counters)
        self.port = os.fspath(port)
        self.reports_presence = reports_presence
        self.baud = baud
        self.timeout = timeout
        self._serial: serial.Serial | None = None
        self._decoder = p.FrameDecoder()
        self._sam_id: str | None = None
        self._seen_port = False     # a port that was there once is OFFLINE, not NO_DEVICE

    # -- primitives ----------------------------------------------------------------------
    def open(self) -> None:
        """Open the port (the device counts as connected afterwards)."""
        with self.io_lock:
            self.close()
            self._serial = open_serial(self.port, self.baud, timeout=_READ_SLICE,
                                       write_timeout=self.timeout,
                                       seen_before=self._seen_port, zh="读卡器",
                                       en="ID card reader")
            self._seen_port = True
            self._connected = True

    def close(self) -> None:
        with self.io_lock:
            ser, self._serial = self._serial, None
            self._connected = False
            self._decoder.clear()
            if ser is not None:
                with contextlib.suppress(OSError, termios.error):
                    ser.close()

    def probe(self) -> DeviceStatus:
        """SAM status: ONLINE, or DeviceError (HARDWARE_ERROR when the SAM fails its
        self-test). Reads the SAM id once per reader for :meth:`info`. Ends within three
        reply timeouts whatever the reader sends."""
        with self.io_lock:
            self.ensure_open()
            # One budget for the whole probe: a garbled line costs one command's resends.
            deadline = time.monotonic() + _ATTEMPTS * self._reply_timeout(p.Command.SAM_ID)
            sw3 = self._command(p.Command.SAM_STATUS, deadline).sw3
            if sw3 != p.SW_OK:
                raise self._status_failure(sw3)
            if self._sam_id is None:
                resp = self._command(p.Command.SAM_ID, deadline)
                if resp.sw3 == p.SW_OK and len(resp.data) >= 16:
                    self._sam_id = p.decode_sam_id(resp.data)
            return self.set_status(DeviceState.ONLINE, consumables=self._presence(deadline))

    def _presence(self, deadline: float) -> dict[str, str]:
        """``{"card": ...}`` from one FIND (io_lock held), or {} for a reader that
        cannot tell (``reports_presence``)."""
        if not self.reports_presence:
            return {}
        return {"card": "present" if self._find(deadline) else "absent"}

    def info(self) -> DeviceInfo:
        return DeviceInfo(serial=self._sam_id)

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, *, timeout: float = 30.0,
                     cancel: threading.Event | None = None, **options) -> HealthReport:
        """Interactive: wait up to ``timeout`` for a card (a technician places one) and
        report what was read, masked (the number's first and last four, the name's first
        character): a test card proves the reader and the SAM, no one's data is shown."""
        if level != HealthLevel.INTERACTIVE:
            return super().health_check(level)
        try:
            outcome = self.read_card(timeout, cancel)
        except DeviceError as err:
            return HealthReport(ok=False, level=level, error=err,
                                details={"state": self.status.state.value, "code": err.code})
        card = outcome.card
        details = {"state": self.status.state.value, "outcome": outcome.outcome,
                   "sam": self._sam_id}
        if card is not None:
            details.update(card_type=card.card_type, name=card.name[:1] + "*",
                           number=card.id_number[:4] + "*" * (len(card.id_number) - 8)
                           + card.id_number[-4:])
        return HealthReport(ok=card is not None, level=level, details=details)

    # -- main API ------------------------------------------------------------------------
    def read_card(self, timeout: float, cancel: threading.Event | None = None, *,
                  fingerprint: bool = False) -> ReadOutcome:
        """Wait up to ``timeout`` seconds for a card and read it (text, photo and, with
        ``fingerprint``, the fingerprint templates). Raises CardError or DeviceError."""
        deadline = time.monotonic() + timeout
        with self.io_lock:
            try:
                self.ensure_open()
                self.set_status(DeviceState.BUSY)
                outcome = self._read_loop(deadline, cancel, fingerprint)
            except _PortLost:
                raise
            except CardError:
                self.counters.increment("card_errors")
                self.set_status(DeviceState.ONLINE)
                raise
            except DeviceError as err:
                self.counters.increment("errors")
                self.set_status(err.state, error=err)
                raise
            if outcome.card is not None:
                self.counters.increment("reads")
            # Whether the card is still there (the reminder's), without spoiling the read:
            # a failed FIND leaves the last known presence.
            try:
                consumables = self._presence(time.monotonic() + self._reply_timeout(
                    p.Command.FIND))
            except _PortLost:
                return outcome          # its state (the port gone) is recorded already
            except DeviceError:
                consumables = None
            self.set_status(DeviceState.ONLINE, consumables=consumables)
            return outcome

    def _read_loop(self, deadline: float, cancel: threading.Event | None,
                   fingerprint: bool) -> ReadOutcome:
        read = p.Command.READ_WITH_FINGERPRINT if fingerprint else p.Command.READ
        # A selected card's read runs to completion past ``deadline``, but no further than
        # one READ allowance beyond it.
        completion = deadline + self._reply_timeout(read)
        bad_replies = failed_reads = 0
        while True:
            if cancel is not None and cancel.is_set():
                return ReadOutcome("no_card")
            if self._find(deadline) and self._select(deadline):
                resp, trouble = self._read_reply(read, completion)
                if resp is None:
                    # Start over from FIND: whether a SAM re-reads without a fresh select
                    # is not documented.
                    bad_replies += 1
                    if bad_replies >= _ATTEMPTS or time.monotonic() >= deadline:
                        raise self._read_failure(trouble, read)
                    continue
                if resp.sw3 == p.SW_OK:
                    return ReadOutcome("ok", self._decode(resp.data, fingerprint))
                if resp.sw3 != p.SW_READ_FAILED:
                    raise self._status_failure(resp.sw3)
                # 41 then no card on FIND: the citizen pulled the card away.
                if not self._find(completion):
                    return ReadOutcome("removed")
                failed_reads += 1
                if failed_reads >= _ATTEMPTS or time.monotonic() >= deadline:
                    raise CardError("card_unreadable", "身份证读取失败，请重新放置或到人工窗口"
                                    " / The card cannot be read: place it again, or go to a"
                                    " staffed counter if it keeps failing")
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                return ReadOutcome("no_card")
            if cancel is not None:
                cancel.wait(min(_NO_CARD_POLL, left))
            else:
                time.sleep(min(_NO_CARD_POLL, left))

    def _find(self, deadline: float) -> bool:
        sw3 = self._command(p.Command.FIND, deadline).sw3
        if sw3 not in (p.SW_FOUND, p.SW_NO_CARD):
            raise self._status_failure(sw3)
        return sw3 == p.SW_FOUND

    def _select(self, deadline: float) -> bool:
        sw3 = self._command(p.Command.SELECT, deadline).sw3
        if sw3 not in (p.SW_OK, p.SW_SELECT_FAILED):
            raise self._status_failure(sw3)
        return sw3 == p.SW_OK

    def _read_reply(self, read: p.Command,
                    deadline: float) -> tuple[p.Response | None, str]:
        """The reader's answer to READ, or None and what went wrong ("garbled"/"timeout")."""
        try:
            resp = self._exchange(read, self._wait(read, deadline))
        except p.ChecksumError:
            self.counters.increment("corrupt_frames")
            return None, "garbled"
        except _NoReply:
            return None, "timeout"
        if resp.sw3 in p.REQUEST_REJECTED_SW3:
            return None, "garbled"
        return resp, ""

    @staticmethod
    def _decode(data: bytes, fingerprint: bool) -> IdCard:
        try:
            return p.decode_card(data, fingerprint=fingerprint)
        except UnsupportedCardError as exc:
            raise CardError("unsupported_card", str(exc), action=Action.NONE) from None
        except CardDataError:
            raise CardError("card_data_invalid", "身份证信息无法解析，请重新放置"
                            " / The card's data could not be decoded: place it again") from None

    # -- request/response ----------------------------------------------------------------
    def _reply_timeout(self, command: p.Command) -> float:
        reads = (p.Command.READ, p.Command.READ_WITH_FINGERPRINT)
        return (self.timeout + self._wire_time(command)
                + (self.sam_read_allowance if command in reads else 0.0))

    def _wire_time(self, command: p.Command) -> float:
        return (len(command.frame) + command.max_reply) * 10 / self.baud

    def _wait(self, command: p.Command, deadline: float | None) -> float:
        """How long one send of ``command`` waits for its reply: its own reply timeout,
        cut to what is left before ``deadline`` but never below the reply's wire time
        (plus a little), so a call made just before its deadline can still be answered."""
        own = self._reply_timeout(command)
        if deadline is None:
            return own
        floor = self._wire_time(command) + _MIN_REPLY_WAIT
        return min(own, max(deadline - time.monotonic(), floor))

    def _command(self, command: p.Command, deadline: float | None = None) -> p.Response:
        """Send ``command`` and return the reader's answer (whatever its SW3), resending
        after a damaged reply, no reply, or a reader complaint that our request was
        damaged (SW3 10/11/21) while ``deadline`` (monotonic; None: no overall bound)
        has not passed."""
        garbled = False
        for attempt in range(_ATTEMPTS):
            if attempt and deadline is not None and time.monotonic() >= deadline:
                break
            try:
                resp = self._exchange(command, self._wait(command, deadline))
            except p.ChecksumError:
                self.counters.increment("corrupt_frames")
                garbled = True
                continue
            except _NoReply:
                continue
            if resp.sw3 in p.REQUEST_REJECTED_SW3:
                garbled = True
                continue
            return resp
        raise self._line_failure(garbled)

    def _exchange(self, command: p.Command, wait: float) -> p.Response:
        """Send ``command``; return the first complete frame that can answer it within
        ``wait`` seconds. Raises ChecksumError (damaged frame), _NoReply (none in time)
        or _PortLost."""
        ser = self._serial
        if ser is None:
            raise self._port_lost(OSError(errno.EBADF, "port not open"))
        try:
            # Bytes still queued are the late answer to an earlier request or noise.
            ser.reset_input_buffer()
            self._decoder.clear()
            ser.write(command.frame)
            deadline = time.monotonic() + wait
            while True:
                body = self._decoder.next_frame()
                if body is not None:
                    resp = p.Response.from_body(body)
                    if command.fits(resp):
                        return resp
                    continue
                if time.monotonic() >= deadline:
                    raise _NoReply()
                # Ask for the rest of the frame in one read: no per-byte loop.
                self._decoder.feed(ser.read(self._decoder.wanted()))
        except (OSError, termios.error) as exc:   # SerialException is an OSError
            raise self._port_lost(exc) from None

    # -- errors --------------------------------------------------------------------------
    def _port_lost(self, exc: BaseException) -> _PortLost:
        reason = exc.args[-1] if exc.args else type(exc).__name__
        err = _PortLost("port_lost", f"读卡器连接断开 / The ID card reader on {self.port} went"
                        f" away ({reason}); it is reopened when it comes back. If it does not,"
                        " check its USB cable", action=Action.RESET, state=DeviceState.OFFLINE)
        self.connection_lost(err)
        return err

    def _read_failure(self, trouble: str, read: p.Command) -> DeviceError:
        if trouble == "garbled":
            return self._line_failure(True)
        return DeviceError("sam_timeout", f"读卡超时 / The reader's SAM did not finish reading the"
                           f" card within {self._reply_timeout(read):.1f} s",
                           action=Action.RESET, state=DeviceState.HARDWARE_ERROR)

    def _line_failure(self, garbled: bool) -> DeviceError:
        if garbled:
            return DeviceError(
                "garbled_line", f"读卡器数据反复出错 / Replies from the ID card reader keep"
                f" arriving damaged: check the cable and that the reader runs at {self.baud}"
                " baud", action=Action.RESET, state=DeviceState.HARDWARE_ERROR)
        return DeviceError(
            "no_response", f"读卡器无响应 / The ID card reader on {self.port} does not answer:"
            f" check its power and cable, and that it runs at {self.baud} baud",
            action=Action.RESET, state=DeviceState.OFFLINE)

    def _status_failure(self, sw3: int) -> DeviceError:
        """The error for a status word the current step cannot continue with."""
        err = p.status_error(sw3)
        text = f"{err.zh} / {err.en} (SW3={sw3:02X})"
        if isinstance(err, (p.CardAuthFailed, p.CardReadFailed)):
            return CardError("card_rejected", f"{text}: 请重新放置身份证 / place the card again;"
                             " a card that keeps failing may be damaged or not genuine")
        if sw3 == p.SW_SELF_TEST_FAILED:
            return DeviceError("sam_self_test_failed", f"{text}: 读卡器需要维修 / the reader"
                               " needs service", action=Action.MAINTENANCE,
                               state=DeviceState.HARDWARE_ERROR)
        if isinstance(err, p.SamFault):
            return DeviceError("sam_fault", f"{text}: 读卡器需要维修 / the reader needs service",
                               action=Action.MAINTENANCE, state=DeviceState.HARDWARE_ERROR)
        return DeviceError("unexpected_status", f"{text}: unexpected at this step",
                           action=Action.RESET, state=DeviceState.HARDWARE_ERROR)
