"""The receipt printer: ESC/POS over TCP, serial or a file, with real-time paper status.

Besides the :class:`~drivers.base.Device` contract:

- ``probe()`` asks DLE EOT 1, 2 and 4 (and 3 when the printer reports an error) within
  one ``timeout`` (plus ``timeout`` to connect when the link was down) and sets
  the status with consumables ``{"paper": full|low|out|unknown, "cover": closed|open}``.
  A ``file:`` printer cannot be asked: it is online with paper and cover ``unknown``.
- ``print_receipt()`` returns only when the printer confirmed the job. Printers accept
  data while out of paper and report success (hardware.md §4), so the status is checked
  before the job (nothing is sent when the printer is not ready) and after it: ``GS r 1``
  follows the job and is answered only once the job was processed; then DLE EOT again.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.base import (
    Action,
    Device,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
    Paper,
    UsageCounters,
)

from .document import Receipt, Rule, Text
from .protocol import (
    ENCODINGS,
    INFO_FIRMWARE,
    INFO_HEADER,
    INFO_MODEL,
    INFO_SERIAL,
    OFFLINE_ERROR,
    PAPER_SENSOR_REQUEST,
    ROLL_PAPER_END,
    PrinterStatus,
    decode_sensor,
    decode_status,
    encode_receipt,
    info_request,
    is_sensor_byte,
    is_status_byte,
    parse_info_reply,
    status_request,
    unencodable,
)
from .transport import Readable, parse_uri

if TYPE_CHECKING:
    from .escpos_link import EscposPrinter

log = logging.getLogger(__name__)

#: How long a job may take to come out after it was sent, on top of ``timeout``: a long
#: ticket is about 300 mm and slow thermal printers run at 50 mm/s.
PRINT_SECONDS = 8.0
#: While waiting for GS r 1, ask DLE EOT 4 this often: a printer that stops at paper end
#: never answers GS r (it answers in data order) but always answers DLE EOT (real time).
POLL_SECONDS = 0.5


class _LinkError(DeviceError):
    """The connection failed or lost sync: the device goes offline and the next poll
    reopens it."""

    def __init__(self, code: str, message: str, action: Action = Action.RETRY) -> None:
        super().__init__(code, message, action=action, state=DeviceState.OFFLINE)


class ReceiptPrinter(Device):
    """An ESC/POS receipt printer at ``uri`` (see :mod:`drivers.receipt.transport`).

    ``encoding`` is the printer's Chinese encoding (``gb18030`` or ``gbk``), ``columns``
    its paper width in characters (32 for 58 mm, 48 for 80 mm), ``timeout`` the seconds
    to wait for a connection or a status reply.
    """

    kind = "receipt"

    def __init__(self, name: str, uri: str, *, encoding: str = "gb18030", columns: int = 32,
                 required: bool = False, counters: UsageCounters | None = None,
                 timeout: float = 3.0) -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {ENCODINGS}, not {encoding!r}")
        super().__init__(name, required=required, counters=counters)
        self.uri = uri
        self.encoding = encoding
        self.columns = columns
        self.timeout = timeout
        self._endpoint = parse_uri(uri)
        self._printer: EscposPrinter | None = None
        self._replies = bytearray()  # read from the printer, not consumed yet
        self._info: DeviceInfo | None = None

    # -- primitives -----------------------------------------------------------------------
    def open(self) -> None:
        printer = self._endpoint.create(self.timeout)     # escpos imported by now
        from escpos.exceptions import DeviceNotFoundError

        try:
            printer.open()
        except (DeviceNotFoundError, OSError) as exc:
            raise _LinkError("unreachable", f"cannot reach the receipt printer at "
                             f"{self.uri}: {exc}".strip(), action=Action.RESET) from exc
        self._printer = printer
        self._replies.clear()

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception as exc:  # closing a dead socket or port: nothing left to do
                log.debug("%s: close failed: %s", self.name, exc, extra=self.log_extra)

    def probe(self) -> DeviceStatus:
        with self.io_lock:
            return self._record(self._query_status())

    # -- operations -----------------------------------------------------------------------
    def paper(self) -> Paper:
        """The paper supply as last seen (``UNKNOWN`` before the first probe or for file:)."""
        return Paper(self.status.consumables.get("paper", Paper.UNKNOWN.value))

    def info(self) -> DeviceInfo:
        """Model, serial number and firmware (GS I 67, 68, 65), asked once and cached.

        Printers that do not support GS I stay silent: the first unanswered request ends
        the inquiry (after ``timeout``) and the fields stay None."""
        if self._info is not None:
            return self._info
        with self.io_lock:
            values: dict[str, str] = {}
            try:
                self.ensure_open()
                if isinstance(self._printer, Readable):
                    for field, n in (("model", INFO_MODEL), ("serial", INFO_SERIAL),
                                     ("firmware", INFO_FIRMWARE)):
                        text = self._ask_info(n)
                        if text is None:
                            break
                        values[field] = text
            except _LinkError as err:
                self.connection_lost(err)
                return DeviceInfo()
            self._info = DeviceInfo(**values)
            return self._info

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, *, kiosk_id: str = "",
                     now: datetime | None = None, **options) -> HealthReport:
        """External and interactive: print and cut a test receipt (the date and time,
        ``kiosk_id``, both scripts and the digits, so a technician sees the characters
        and the cut) and report the paper as the printer saw it."""
        if level == HealthLevel.INTERNAL:
            return super().health_check(level)
        when = (now or datetime.now().astimezone()).isoformat(sep=" ", timespec="seconds")
        receipt = Receipt([Text("打印测试 TEST RECEIPT", bold=True, align="center"), Rule(),
                           Text(f"{when}\n终端 Terminal: {kiosk_id or '-'}\n"
                                f"打印机 Printer: {self.name}\n中文 ABC abc 0123456789")])
        try:
            self.print_receipt(receipt)
        except DeviceError as err:
            return HealthReport(ok=False, level=level, error=err, details={
                "state": self.status.state.value, "consumables": dict(self.status.consumables)})
        return HealthReport(ok=True, level=level, details={
            "state": self.status.state.value, "consumables": dict(self.status.consumables),
            "printed": receipt.plain_text(self.columns, self.encoding)})

    def print_receipt(self, receipt: Receipt) -> None:
        """Print and cut ``receipt``; return once the printer confirmed it.

        Raises :class:`DeviceError`
        - before sending anything when the printer is not ready (``paper_out``,
          ``cover_open`` with action CLEAR, printer errors);
        - after the job when paper ran out or the cover opened while printing (same codes;
          the receipt is incomplete and must be printed again once cleared);
        - when the connection failed or the printer did not confirm in time
          (``unreachable``, ``connection_lost``, ``no_reply``, ``not_confirmed``): the
          device goes offline and the supervisor's next poll reopens it.
        """
        job = encode_receipt(receipt, self.encoding, self.columns)
        text = "\n".join(e.text for e in receipt.elements if isinstance(e, Text))
        missing = unencodable(text, self.encoding)
        if missing:
            log.warning("%s: %s has no %s; printed as '?'", self.name, self.encoding,
                        " ".join(missing), extra=self.log_extra)
        with self.io_lock:
            try:
                self._run_job(job)
            except _LinkError as err:
                self.connection_lost(err)  # counts the error
                raise
            except DeviceError:
                self.counters.increment("errors")
                raise
        self.counters.increment("prints")
        self.counters.increment("cuts")

    # -- the job --------------------------------------------------------------------------
    def _run_job(self, job: bytes) -> None:
        before = self._status_before_job()
        problem = _problem(before)
        self._record(before)
        if problem:
            raise problem
        if before is None:  # file: written is all that can be known
            self._write(job)
            return
        self.set_status(DeviceState.BUSY)
        self._write(job + PAPER_SENSOR_REQUEST)
        confirmed, sensor_paper = self._await_printed()
        after = self._read_printer_status()  # it answered `before`: it can be read
        if not confirmed or sensor_paper is Paper.OUT:
            # Paper end was seen during the job: the receipt is incomplete even if a new
            # roll is already in when the status is read.
            after = replace(after, paper=Paper.OUT)
        self._record(after)
        if not confirmed:
            # A GS r reply may still come (after paper is loaded) and would confirm the
            # next job: start that one on a fresh connection.
            self._reset_link()
        problem = _problem(after)
        if problem:
            raise DeviceError(problem.code, f"{problem.message} (during printing: the receipt"
                              f" is incomplete, print it again)", action=problem.action,
                              state=problem.state)

    def _status_before_job(self) -> PrinterStatus | None:
        reused = self.connected
        self.ensure_open()
        try:
            return self._query_status()
        except _LinkError:
            if not reused:
                raise
            # Network printers drop idle connections and restart; nothing of the job was
            # sent yet, so one reconnection is safe.
            self._reset_link()
            self.ensure_open()
            return self._query_status()

    def _await_printed(self) -> tuple[bool, Paper | None]:
        """Wait for the GS r 1 reply sent after the job: (True, its paper) when it came,
        (False, None) when a DLE EOT 4 asked meanwhile reported paper end first."""
        deadline = time.monotonic() + self.timeout + PRINT_SECONDS
        next_poll = time.monotonic() + POLL_SECONDS
        outstanding = 0  # DLE EOT 4 requests not answered yet
        confirmed, paper_end, sensor = False, False, None
        while True:
            while self._replies:
                byte = self._replies.pop(0)
                if is_status_byte(byte):
                    outstanding -= 1
                    paper_end = paper_end or bool(byte & ROLL_PAPER_END)
                elif is_sensor_byte(byte) and not confirmed:
                    confirmed, sensor = True, decode_sensor(byte)
            # Leave no status reply in flight: the next query would take it for its own.
            if (confirmed or paper_end) and outstanding <= 0:
                return confirmed, sensor
            now = time.monotonic()
            if now >= deadline:
                raise _LinkError("not_confirmed", f"the receipt printer at {self.uri} did "
                                 f"not confirm the job within "
                                 f"{self.timeout + PRINT_SECONDS:.0f} s; check the receipt")
            if outstanding <= 0 and now >= next_poll:
                self._write(status_request(4))
                outstanding, next_poll = 1, now + POLL_SECONDS
            wait_until = deadline if outstanding > 0 else min(deadline, next_poll)
            self._replies += self._read(wait_until - now)

    # -- status ---------------------------------------------------------------------------
    def _query_status(self) -> PrinterStatus | None:
        """DLE EOT 1, 2, 4 (3 on error) decoded; None when the printer cannot be read."""
        if not isinstance(self._printer, Readable):
            return None
        return self._read_printer_status()

    def _read_printer_status(self) -> PrinterStatus:
        """DLE EOT 1, 2, 4 (3 on error) decoded, from a printer that can be read."""
        # One request for all three: one round trip, replies come in request order. One
        # deadline for the whole query, the error byte included.
        deadline = time.monotonic() + self.timeout
        self._write(status_request(1) + status_request(2) + status_request(4))
        printer, offline, paper = self._read_status(3, deadline)
        error = None
        if offline & OFFLINE_ERROR:
            self._write(status_request(3))
            (error,) = self._read_status(1, deadline)
        return decode_status(printer, offline, paper, error)

    def _record(self, status: PrinterStatus | None) -> DeviceStatus:
        if status is None:
            return self.set_status(DeviceState.ONLINE,
                                   consumables={"paper": "unknown", "cover": "unknown"})
        consumables = {"paper": status.paper.value,
                       "cover": "open" if status.cover_open else "closed"}
        problem = _problem(status)
        if problem:
            return self.set_status(problem.state, error=problem, consumables=consumables)
        return self.set_status(DeviceState.ONLINE, consumables=consumables)

    # -- I/O ------------------------------------------------------------------------------
    def _link(self) -> EscposPrinter:
        """The open printer; none is a connection lost (close() ran meanwhile)."""
        if self._printer is None:
            raise _LinkError("connection_lost", f"no connection to the receipt printer at "
                             f"{self.uri}")
        return self._printer

    def _write(self, data: bytes) -> None:
        try:
            self._link()._raw(data)  # python-escpos's transport primitive
        except OSError as exc:
            raise _LinkError("connection_lost", f"lost the connection to the receipt printer"
                             f" at {self.uri}: {exc}") from exc

    def _read(self, timeout: float) -> bytes:
        try:
            return self._link().read_within(timeout)
        except OSError as exc:
            raise _LinkError("connection_lost", f"lost the connection to the receipt printer"
                             f" at {self.uri}: {exc}") from exc

    def _read_status(self, count: int, deadline: float) -> list[int]:
        """The next ``count`` DLE EOT replies before ``deadline``. Other bytes (a late GS r
        or GS I reply, noise) are dropped: they cannot be status bytes (hardware.md §4:
        0xx1xx10)."""
        found: list[int] = []
        while True:
            while self._replies and len(found) < count:
                byte = self._replies.pop(0)
                if is_status_byte(byte):
                    found.append(byte)
            if len(found) == count:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _LinkError("no_reply", f"the receipt printer at {self.uri} did not "
                                 f"answer DLE EOT within {self.timeout:g} s",
                                 action=Action.RESET)
            self._replies += self._read(remaining)

    def _ask_info(self, n: int) -> str | None:
        self._write(info_request(n))
        deadline = time.monotonic() + self.timeout
        while True:
            while self._replies and self._replies[0] != INFO_HEADER:
                self._replies.pop(0)
            text = parse_info_reply(bytes(self._replies))
            if text is not None:
                del self._replies[:self._replies.index(0) + 1]
                return text
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._reset_link()  # a late answer must not be read as another reply
                return None
            self._replies += self._read(remaining)

    def _reset_link(self) -> None:
        """Drop the connection without changing the status; the next use reopens it."""
        self._connected = False
        self.close()


def _problem(status: PrinterStatus | None) -> DeviceError | None:
    """What keeps the printer from printing, with the recommended action; None if ready.
    The cover comes first: with it open the paper sensor cannot be trusted."""
    if status is None:
        return None
    user = DeviceState.USER_ERROR
    if status.cover_open:
        return DeviceError("cover_open", "the receipt printer cover is open: close it",
                           action=Action.CLEAR, state=user)
    if status.paper is Paper.OUT:
        return DeviceError("paper_out", "the receipt printer is out of paper: load a new roll",
                           action=Action.CLEAR, state=user)
    hardware = DeviceState.HARDWARE_ERROR
    if status.autocutter_error:
        return DeviceError("cutter_error", "the receipt printer's cutter is jammed: open the "
                           "cover and remove the paper", action=Action.CLEAR, state=hardware)
    if status.unrecoverable_error:
        return DeviceError("printer_failure", "the receipt printer reports an unrecoverable "
                           "error", action=Action.MAINTENANCE, state=hardware)
    if status.auto_recoverable_error:
        return DeviceError("printer_overheated", "the receipt printer paused (print head "
                           "temperature); it resumes by itself", action=Action.RETRY,
                           state=hardware)
    if status.error or status.recoverable_error:
        return DeviceError("printer_error", "the receipt printer reports an error",
                           action=Action.RESET, state=hardware)
    if not status.online:
        return DeviceError("printer_offline", "the receipt printer is offline (paper being "
                           "fed or waiting for recovery)", action=Action.RETRY, state=hardware)
    return None
