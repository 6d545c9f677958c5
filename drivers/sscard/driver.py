"""Driver of the social security card reader: PC/SC through pcscd with pyscard (hardware.md §2).

Contract (see :class:`drivers.base.Device` for the shared part):
- ``read_card(timeout, cancel)`` waits for a card (in slices of ``_WAIT_SLICE`` so that
  ``cancel`` is seen), reads EF05 and EF06 and returns :class:`SsReadOutcome`. No card, a
  card pulled out mid-read and a card that wants its PIN (69 82) are outcomes, not
  exceptions. Once a card is connected its read runs to the end even past the timeout,
  but no new command goes to the card ``read_allowance`` seconds after it (a card that
  answers slowly is ``card_too_slow``): the read ends by timeout + ``read_allowance`` +
  one PC/SC call's ``timeout``.
- A card the reader cannot use (not a social security card, mute, unreadable data, PIN
  blocked) raises :class:`CardError`: the state stays ONLINE, the reader is fine.
- Every PC/SC call runs on the context's own thread and is bounded by ``timeout`` (plus the
  wait it asks for): a mute card blocks SCardTransmit for as long as the reader lets it
  (vpcd: for ever). On such a timeout the context is abandoned to its thread, which
  releases it once the call returns, and the next operation opens a new one.
- pcscd stopped or restarted: the context is dead for good (pyscard/pcsc-lite keep
  answering SCARD_E_NO_SERVICE / SCARD_E_INVALID_HANDLE on it, and SCardIsValidContext
  still says it is valid), so ``connection_lost`` drops it and ``poll()`` establishes a new
  one when pcscd answers again. A reader that disappears is OFFLINE (NO_DEVICE when it
  was never seen) until ``poll()`` finds it again.
- Consumables: ``{"card": "present" | "absent"}``. Counters: ``reads``, ``errors``
  (device errors), ``card_errors``. Every operation holds ``io_lock``.
"""
from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from smartcard import scard as sc

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

from . import protocol as p

_WAIT_SLICE = 0.2         # longest single wait for a card: how often cancel is looked at
_GONE_CONFIRM = 1.0       # how long to wait for pcscd to see a card leave (it polls at 0.4 s)
_MAX_RECORDS = 16         # records scanned by number before giving up on a missing tag
_MAX_CHAIN = 8            # 61xx / 6Cxx rounds for one command
_ATTEMPTS = 2             # reads of a card whose exchange failed while it stayed in

# Errors meaning the context is dead: pcscd stopped or restarted (pcsc-lite answers
# SCARD_E_NO_SERVICE on the old context, SCARD_E_INVALID_HANDLE on its card handles).
_SERVICE_GONE = frozenset({sc.SCARD_E_NO_SERVICE, sc.SCARD_E_SERVICE_STOPPED,
                           sc.SCARD_E_INVALID_HANDLE, sc.SCARD_F_COMM_ERROR})
_READER_GONE = frozenset({sc.SCARD_E_UNKNOWN_READER, sc.SCARD_E_READER_UNAVAILABLE})
_CARD_GONE = frozenset({sc.SCARD_W_REMOVED_CARD, sc.SCARD_E_NO_SMARTCARD})
# The card may have left, or the line to it failed: pcscd's state says which.
_CARD_TROUBLE = frozenset({sc.SCARD_E_NOT_TRANSACTED, sc.SCARD_W_RESET_CARD,
                           sc.SCARD_W_UNPOWERED_CARD, sc.SCARD_E_COMM_DATA_LOST})

PIN_REQUIRED_MESSAGE = ("此社保卡需要先输入密码才能读取个人信息，请到人工窗口办理 / This social"
                        " security card needs its PIN before the holder's data can be read:"
                        " please go to a staffed counter")


@dataclass(frozen=True)
class SsReadOutcome:
    """Result of :meth:`SsCardReader.read_card`: ``card`` is set only when ``outcome`` is
    ``ok``. ``no_card`` also covers a cancelled wait."""

    outcome: Literal["ok", "no_card", "removed", "pin_required"]
    card: p.SsCard | None = None

    @property
    def message(self) -> str | None:
        """What to tell the citizen when there is no card data."""
        return {
            "no_card": "未检测到社保卡 / No card was inserted",
            "removed": "读卡途中社保卡被拔出，请重新插卡 / The card was pulled out during the"
                       " read: insert it again",
            "pin_required": PIN_REQUIRED_MESSAGE,
        }.get(self.outcome)


class CardError(DeviceError):
    """The card cannot be used. The reader works, so the implied state is ONLINE."""

    def __init__(self, code: str, message: str, *, action: Action = Action.RETRY) -> None:
        super().__init__(code, message, action=action, state=DeviceState.ONLINE)


class _Lost(DeviceError):
    """pcscd or the reader vanished; ``connection_lost`` has already recorded it."""


class _PcscError(Exception):
    def __init__(self, hr: int) -> None:
        self.hr = hr
        super().__init__(f"{_hr_name(self.hr)}: {sc.SCardGetErrorMessage(hr)}")


class _PcscTimeout(Exception):
    """A PC/SC call did not return in time; its context has been abandoned."""


class _CardGone(Exception):
    """The card left the reader during the read."""


class _CardTrouble(Exception):
    """An exchange with the card failed while it stayed in the reader."""


class _Pcsc:
    """One PC/SC context and the daemon thread that makes every call on it.

    A call that does not return in time abandons the context: the thread stays blocked
    in it (pcsc-lite offers no way to unblock SCardTransmit from another thread: the
    context's lock is held), and releases the context once the call returns. The thread
    is a daemon so that a process exiting is never held back by a mute card.
    """

    def __init__(self, call_timeout: float) -> None:
        self.call_timeout = call_timeout
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._abandoned = False
        self._ctx: Any = None
        self._thread = threading.Thread(target=self._work, name="sscard-pcsc", daemon=True)
        self._thread.start()
        try:
            _, self._ctx = self._call(sc.SCardEstablishContext, sc.SCARD_SCOPE_USER)
        except _PcscError:
            self.release()
            raise

    # -- the calls the driver uses ------------------------------------------------------------
    def readers(self) -> list[str]:
        try:
            return list(self._call(sc.SCardListReaders, self._ctx, [])[1])
        except _PcscError as exc:
            if exc.hr == sc.SCARD_E_NO_READERS_AVAILABLE:
                return []
            raise

    def state(self, reader: str, current: int = sc.SCARD_STATE_UNAWARE,
              wait: float = 0.0) -> int:
        """The reader's event state, waiting up to ``wait`` s for it to differ from
        ``current`` (returned unchanged when nothing happened)."""
        try:
            _, states = self._call(sc.SCardGetStatusChange, self._ctx, int(wait * 1000),
                                   [(reader, current)], extra=wait)
        except _PcscError as exc:
            if exc.hr == sc.SCARD_E_TIMEOUT:
                return current
            raise
        return states[0][1]

    def connect(self, reader: str) -> tuple[Any, int]:
        _, hcard, protocol = self._call(sc.SCardConnect, self._ctx, reader,
                                        sc.SCARD_SHARE_EXCLUSIVE,
                                        sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1)
        return hcard, protocol

    def transmit(self, hcard: Any, protocol: int, apdu: bytes) -> bytes:
        pci = sc.SCARD_PCI_T1 if protocol == sc.SCARD_PROTOCOL_T1 else sc.SCARD_PCI_T0
        return bytes(self._call(sc.SCardTransmit, hcard, pci, list(apdu))[1])

    def disconnect(self, hcard: Any) -> None:
        """Leave the card powered; never raises (the card may be gone already)."""
        if not self._abandoned:
            with contextlib.suppress(_PcscError, _PcscTimeout):
                self._call(sc.SCardDisconnect, hcard, sc.SCARD_LEAVE_CARD)

    def release(self) -> None:
        """Release the context on its thread (after any call still blocked) and end it."""
        self._abandoned = True
        self._jobs.put(None)

    @property
    def alive(self) -> bool:
        """The context's thread still runs (after a timeout: the call is still blocked)."""
        return self._thread.is_alive()

    # -- the thread ---------------------------------------------------------------------------
    def _call(self, fn: Callable, *args: Any, extra: float = 0.0) -> Any:
        if self._abandoned:
            raise _PcscError(sc.SCARD_E_INVALID_HANDLE)
        done = threading.Event()
        box: list = [None, None]
        self._jobs.put((fn, args, box, done))
        if not done.wait(self.call_timeout + extra):
            self.release()
            raise _PcscTimeout()
        result, exc = box
        if exc is not None:
            # pyscard raises SystemError instead of returning an error for some handles
            # that pcscd no longer knows.
            raise _PcscError(sc.SCARD_E_INVALID_HANDLE) from exc
        hr = result if isinstance(result, int) else result[0]
        if hr != sc.SCARD_S_SUCCESS:
            raise _PcscError(hr)
        return result

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                if self._ctx is not None:
                    with contextlib.suppress(Exception):  # a dead context may not even release
                        sc.SCardReleaseContext(self._ctx)
                return
            fn, args, box, done = job
            try:
                box[0] = fn(*args)
            except Exception as exc:
                box[1] = exc
            done.set()


class SsCardReader(Device):
    """A PC/SC social security card reader named ``reader`` (the exact PC/SC name, or a
    part of it; None: the first reader pcscd lists).

    ``timeout`` bounds each PC/SC call and each card answer beyond the wait it asks for.
    """

    kind = "sscard"
    # How long the read of a card found before the timeout may run past it. A card read
    # (SELECT and about 15 READ RECORDs) takes well under a second through a real reader;
    # an assumption to tune per reader model, as the ID card reader's READ allowance.
    read_allowance = 3.0

    def __init__(self, name: str, reader: str | None = None, *, required: bool = False,
                 counters: UsageCounters | None = None, timeout: float = 1.0) -> None:
        super().__init__(name, required=required, counters=counters)
        self.reader = reader
        self.timeout = timeout
        self._pcsc: _Pcsc | None = None
        self._stuck: _Pcsc | None = None   # a context abandoned while a card did not answer
        self._reader_name: str | None = None
        self._seen_reader = False      # a reader that was there once is OFFLINE, not NO_DEVICE

    # -- primitives ---------------------------------------------------------------------------
    def open(self) -> None:
        """Establish a PC/SC context and find the reader (connected afterwards)."""
        with self.io_lock:
            self.close()
            try:
                self._pcsc = _Pcsc(self.timeout)
                self._reader_name = self._pick_reader(self._pcsc.readers())
            except (_PcscError, _PcscTimeout) as exc:
                self.close()
                raise self._service_error(exc) from None
            except DeviceError:
                self.close()
                raise
            self._seen_reader = True
            self._connected = True

    def close(self) -> None:
        with self.io_lock:
            pcsc, self._pcsc = self._pcsc, None
            self._connected = False
            if pcsc is not None:
                pcsc.release()

    def _opened(self) -> tuple[_Pcsc, str]:
        """The PC/SC context and the reader name of the open reader: open() sets both or
        fails, close() and _abandon() clear the context (call with io_lock held, after
        ensure_open())."""
        if self._pcsc is None or self._reader_name is None:
            raise RuntimeError(f"{self.name}: the social security card reader is not open")
        return self._pcsc, self._reader_name

    def probe(self) -> DeviceStatus:
        """The reader is listed by pcscd: ONLINE with ``card`` present/absent; DeviceError
        (OFFLINE / NO_DEVICE) otherwise."""
        with self.io_lock:
            self.ensure_open()
            pcsc, _ = self._opened()
            try:
                reader_name = self._pick_reader(pcsc.readers())
                self._reader_name = reader_name
                present = self._card_present(pcsc.state(reader_name))
            except (_PcscError, _PcscTimeout) as exc:
                raise self._lost(self._service_error(exc)) from None
            except DeviceError as err:
                raise self._lost(err) from None
            return self.set_status(DeviceState.ONLINE, consumables=_card(present))

    def info(self) -> DeviceInfo:
        return DeviceInfo(model=self._reader_name or self.reader)

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, *, timeout: float = 30.0,
                     cancel: threading.Event | None = None, **options) -> HealthReport:
        """Interactive: wait up to ``timeout`` for a card and report what was read, masked
        (numbers' first and last four, the name's first character)."""
        if level != HealthLevel.INTERACTIVE:
            return super().health_check(level)
        try:
            outcome = self.read_card(timeout, cancel)
        except DeviceError as err:
            return HealthReport(ok=False, level=level, error=err,
                                details={"state": self.status.state.value, "code": err.code})
        card = outcome.card
        details = {"state": self.status.state.value, "outcome": outcome.outcome}
        if card is not None:
            def masked(n: str) -> str:
                return n[:4] + "*" * (len(n) - 8) + n[-4:] if len(n) > 8 else "*" * len(n)
            details.update(region=card.region, name=card.name[:1] + "*",
                           ss_number=masked(card.ss_number), card_number=masked(card.card_number))
        return HealthReport(ok=card is not None, level=level, details=details)

    # -- main API -----------------------------------------------------------------------------
    def read_card(self, timeout: float, cancel: threading.Event | None = None) -> SsReadOutcome:
        """Wait up to ``timeout`` seconds for a card and read it. Raises CardError (the card)
        or DeviceError (pcscd or the reader)."""
        deadline = time.monotonic() + timeout
        with self.io_lock:
            try:
                self.ensure_open()
                self.set_status(DeviceState.BUSY)
                outcome = self._read_loop(deadline, cancel)
            except _Lost:
                raise
            except CardError:
                self.counters.increment("card_errors")
                self.set_status(DeviceState.ONLINE, consumables=_card(True))
                raise
            except DeviceError as err:
                self.counters.increment("errors")
                self.set_status(err.state, error=err)
                raise
            if outcome.outcome == "ok":
                self.counters.increment("reads")
            present = outcome.outcome in ("ok", "pin_required")
            self.set_status(DeviceState.ONLINE, consumables=_card(present))
            return outcome

    def _read_loop(self, deadline: float, cancel: threading.Event | None) -> SsReadOutcome:
        failures = 0
        completion = deadline + self.read_allowance
        while True:
            if not self._wait_for_card(deadline, cancel):
                return SsReadOutcome("no_card")
            try:
                outcome = self._read_inserted(completion)
            except _CardTrouble as exc:
                # Reconnect and read again once: a card reset by another program or a
                # glitch on the contacts (or a card swapped faster than pcscd polls).
                failures += 1
                if failures < _ATTEMPTS and time.monotonic() < deadline:
                    continue
                raise CardError("card_error", f"与社保卡通信失败，请重新插卡 / The exchange with"
                                f" the card failed ({exc}): insert it again") from None
            if outcome is not None:
                return outcome
            # The card left between pcscd seeing it and our connect: wait for the next one.

    def _wait_for_card(self, deadline: float, cancel: threading.Event | None) -> bool:
        pcsc, reader_name = self._opened()
        state = sc.SCARD_STATE_UNAWARE
        while True:
            if cancel is not None and cancel.is_set():
                return False
            remaining = deadline - time.monotonic()
            try:
                state = pcsc.state(reader_name, state, max(0.0, min(_WAIT_SLICE, remaining)))
                present = self._card_present(state)
            except (_PcscError, _PcscTimeout) as exc:
                raise self._lost(self._service_error(exc)) from None
            except DeviceError as err:
                raise self._lost(err) from None
            if present and state & sc.SCARD_STATE_MUTE:
                raise self._mute_card()     # pcscd got no ATR from it
            if present:
                return True
            if remaining <= 0:
                return False

    def _card_present(self, state: int) -> bool:
        if state & (sc.SCARD_STATE_UNKNOWN | sc.SCARD_STATE_UNAVAILABLE):
            raise self._reader_error()
        return bool(state & sc.SCARD_STATE_PRESENT)

    def _read_inserted(self, completion: float) -> SsReadOutcome | None:
        """Connect and read the card by ``completion`` (monotonic); None when it was gone
        before we could connect."""
        pcsc, reader_name = self._opened()
        try:
            hcard, protocol = pcsc.connect(reader_name)
        except _PcscTimeout:
            raise self._abandon(pcsc) from None
        except _PcscError as exc:
            if exc.hr in _CARD_GONE:
                return None
            if exc.hr == sc.SCARD_W_UNRESPONSIVE_CARD or (
                    exc.hr == sc.SCARD_E_SHARING_VIOLATION and self._stuck is not None
                    and self._stuck.alive):
                # Our own abandoned connection still holds the mute card.
                raise self._mute_card() from None
            if exc.hr == sc.SCARD_E_SHARING_VIOLATION:
                raise DeviceError(
                    "reader_busy", "读卡器被其他程序占用 / Another program is using the social"
                    f" security card reader {reader_name}: try again when it is done",
                    action=Action.RETRY, state=DeviceState.BUSY) from None
            raise self._lost(self._service_error(exc)) from None
        try:
            card = _CardSession(pcsc, hcard, protocol, self, completion).read()
        except _CardGone:
            return SsReadOutcome("removed")
        except p.SecurityStatusNotSatisfied:
            return SsReadOutcome("pin_required")
        except _PcscTimeout:
            raise self._abandon(pcsc) from None
        except _PcscError as exc:
            raise self._lost(self._service_error(exc)) from None
        finally:
            pcsc.disconnect(hcard)
        return SsReadOutcome("ok", card)

    def _card_left(self, completion: float) -> bool:
        """After a failed exchange: True when pcscd sees the reader empty (waiting up to
        ``_GONE_CONFIRM`` s for its presence poll, not past ``completion``), False when
        the card is still in."""
        deadline = min(time.monotonic() + _GONE_CONFIRM, completion)
        pcsc, reader_name = self._opened()
        state = sc.SCARD_STATE_UNAWARE
        while True:
            try:
                state = pcsc.state(reader_name, state,
                                   max(0.0, min(_WAIT_SLICE, deadline - time.monotonic())))
            except (_PcscError, _PcscTimeout):
                return False
            if state & sc.SCARD_STATE_EMPTY:
                return True
            if time.monotonic() >= deadline:
                return False

    # -- readers and errors -------------------------------------------------------------------
    def _pick_reader(self, readers: list[str]) -> str:
        if self.reader is None and readers:
            return readers[0]
        if self.reader in readers:
            return self.reader
        matches = [r for r in readers if self.reader and self.reader in r]
        if matches:
            return matches[0]
        raise self._reader_error(readers)

    def _reader_error(self, readers: list[str] | None = None) -> DeviceError:
        wanted = repr(self.reader) if self.reader else "any reader"
        listed = f" (pcscd lists: {', '.join(readers) or 'none'})" if readers is not None else ""
        if self._seen_reader:
            return DeviceError(
                "reader_gone", f"社保卡读卡器已断开 / The social security card reader {wanted}"
                f" went away{listed}; it is used again when it comes back. If it does not,"
                " check its USB cable", action=Action.RESET, state=DeviceState.OFFLINE)
        return DeviceError(
            "reader_not_found", f"找不到社保卡读卡器 / No social security card reader"
            f" {wanted}{listed}: check the reader's USB cable and the reader name in the"
            " configuration", action=Action.MAINTENANCE, state=DeviceState.NO_DEVICE)

    def _service_error(self, exc: _PcscError | _PcscTimeout) -> DeviceError:
        """The device error for a failed PC/SC call (not a card's failure)."""
        if isinstance(exc, _PcscTimeout):
            return self._unavailable(f"it did not answer within {self.timeout:g} s")
        if exc.hr in _READER_GONE:
            return self._reader_error()
        if exc.hr in _SERVICE_GONE:
            return self._unavailable(str(exc))
        # Once pcscd is gone an old context can answer anything (seen: the first call after
        # pcscd was killed gave SCARD_W_SECURITY_VIOLATION): ask pcscd afresh.
        try:
            _Pcsc(self.timeout).release()
        except _PcscError as fresh:
            return self._unavailable(str(fresh))
        except _PcscTimeout:
            return self._unavailable(f"it did not answer within {self.timeout:g} s")
        # pcscd answers: drop this context all the same (OFFLINE), the next poll makes one.
        return DeviceError("pcsc_error", f"智能卡服务出错 / PC/SC error: {exc}",
                           action=Action.RESET, state=DeviceState.OFFLINE)

    @staticmethod
    def _unavailable(detail: str) -> DeviceError:
        return DeviceError(
            "pcsc_unavailable", f"智能卡服务不可用 / The PC/SC service pcscd is not available"
            f" ({detail}): start it (systemctl start pcscd, or scripts/services/pcscd.sh); the"
            " reader is used again once it answers", action=Action.RESET,
            state=DeviceState.OFFLINE)

    def _lost(self, err: DeviceError) -> DeviceError:
        """Record that pcscd or the reader went away (the next poll reconnects)."""
        if err.state not in (DeviceState.OFFLINE, DeviceState.NO_DEVICE):
            return err
        lost = _Lost(err.code, err.message, action=err.action, state=err.state)
        self.connection_lost(lost)
        return lost

    def _abandon(self, pcsc: _Pcsc) -> CardError:
        """A card call timed out: it stays blocked on ``pcsc`` (already released) until the
        card leaves or the reader gives up; the next operation opens a new context."""
        self._stuck = pcsc
        self._pcsc, self._connected = None, False
        return self._mute_card()

    def _mute_card(self) -> CardError:
        return CardError("card_not_responding", "社保卡无响应，请取出后重新插入 / The card does"
                         f" not answer (nothing within {self.timeout:g} s): take it out and"
                         " insert it again; a card that keeps failing may be damaged")


class _CardSession:
    """One connected card: the APDU exchanges of hardware.md §2."""

    def __init__(self, pcsc: _Pcsc, hcard: Any, protocol: int, reader: SsCardReader,
                 completion: float) -> None:
        self.pcsc = pcsc
        self.hcard = hcard
        self.protocol = protocol
        self.reader = reader
        self.completion = completion    # monotonic: the read ends by then

    def read(self) -> p.SsCard:
        """Select the application, read EF05 and EF06. Raises CardError, _CardGone,
        _CardTrouble, SecurityStatusNotSatisfied (PIN needed), _PcscError, _PcscTimeout."""
        try:
            try:
                self.exchange(p.SELECT_APP).check()
            except (p.FileNotFound, p.NotSupported):
                raise CardError("not_ss_card", "这不是社保卡 / This is not a social security card"
                                " (no application sx1.sh.社会保障)", action=Action.NONE) from None
            values = self.read_file(p.EF05, p.EF05_FIELDS)
            values.update(self.read_file(p.EF06, p.EF06_FIELDS))
            return p.decode_card(values)
        except p.AuthenticationBlocked:
            raise CardError("card_locked", "社保卡密码已锁定，请到人工窗口解锁 / The card's PIN is"
                            " blocked: the holder must have it unblocked at a staffed counter",
                            action=Action.NONE) from None
        except p.SecurityStatusNotSatisfied:
            raise
        except p.StatusError as exc:
            raise CardError("card_error", f"社保卡读取失败，请重新插卡 / The card refused a"
                            f" command ({exc}): insert it again") from None
        except p.CardDataError as exc:
            raise CardError("card_data_invalid", f"社保卡信息无法解析 / The card's data could not"
                            f" be decoded ({exc}): insert it again, or go to a staffed counter")\
                from None

    def read_file(self, ef: int, fields: tuple[p.Field, ...]) -> dict[str, bytes]:
        if self.select(ef):
            try:
                return self.read_by_tag(fields)
            except p.NotSupported:
                pass   # no READ RECORD by identifier on this card: go by record number
        return self.read_by_number(ef, fields)

    def select(self, ef: int) -> bool:
        """SELECT the EF with P1=00, then P1=02 (some cards want it); False when neither
        works (the records are then read by SFI)."""
        for p1 in (p.P1_SELECT_BY_FID, p.P1_SELECT_EF_IN_DF):
            try:
                self.exchange(p.select_ef(ef, p1)).check()
                return True
            except (p.NotSupported, p.FileNotFound):
                continue
        return False

    def read_by_tag(self, fields: tuple[p.Field, ...]) -> dict[str, bytes]:
        values = {}
        for f in fields:
            try:
                data = self.exchange(p.read_record_by_tag(f.tag, f.le)).check()
            except p.RecordNotFound:
                if f.name in p.OPTIONAL_FIELDS:
                    continue
                raise
            tag, value = p.parse_record(data)
            if tag != f.tag:
                raise p.CardDataError(f"asked for tag {f.tag:02X}, the card gave {tag:02X}")
            values[f.name] = value
        return values

    def read_by_number(self, ef: int, fields: tuple[p.Field, ...]) -> dict[str, bytes]:
        """Scan the records by number (Le 00: the card says the length with 6Cxx if it
        must) and keep them by tag: the numbering differs between card generations."""
        wanted = {f.tag: f.name for f in fields}
        values: dict[str, bytes] = {}
        for record in range(1, _MAX_RECORDS + 1):
            try:
                data = self.exchange(p.read_record_sfi(record, p.SFI[ef])).check()
            except p.RecordNotFound:
                break            # past the last record
            tag, value = p.parse_record(data)
            if tag in wanted:
                values[wanted[tag]] = value
                if len(values) == len(wanted):
                    break
        return values

    def exchange(self, apdu: bytes) -> p.Response:
        """Send ``apdu``; follow 6Cxx (resend with Le=xx) and 61xx (GET RESPONSE) to the
        final answer, whose data is everything collected on the way."""
        data = b""
        resp = self.transmit(apdu)
        for _ in range(_MAX_CHAIN):
            if resp.exact_le is not None and len(apdu) == 5:
                apdu = p.with_le(apdu, resp.exact_le)
            elif resp.more_data is not None:
                data += resp.data
                apdu = p.get_response(resp.more_data)
            else:
                return p.Response(data + resp.data, resp.sw1, resp.sw2)
            resp = self.transmit(apdu)
        raise p.CardDataError("the card keeps answering 61xx/6Cxx")

    def transmit(self, apdu: bytes) -> p.Response:
        left = self.completion - time.monotonic()
        if left <= 0:
            raise CardError("card_too_slow", "社保卡响应太慢，请取出后重新插入 / The card answers"
                            f" too slowly (the read took over {self.reader.read_allowance:g} s"
                            " past its timeout): take it out and insert it again")
        try:
            # Not cut to ``left``: a call abandoned mid-way keeps the card (and the reader)
            # until it returns; the overshoot is at most one call's timeout.
            raw = self.pcsc.transmit(self.hcard, self.protocol, apdu)
            return p.Response.parse(raw)
        except _PcscError as exc:
            if exc.hr in _CARD_GONE:
                raise _CardGone() from None
            if exc.hr not in _CARD_TROUBLE:
                raise
            trouble = str(exc)
        except p.ProtocolError:
            # vpcd answers an empty response when the card disconnected mid-command.
            trouble = "empty response"
        if self.reader._card_left(self.completion):
            raise _CardGone()
        raise _CardTrouble(trouble)


def _card(present: bool) -> dict[str, str]:
    return {"card": "present" if present else "absent"}


def _hr_name(hr: int) -> str:
    for name in dir(sc):
        if name.startswith(("SCARD_E_", "SCARD_W_", "SCARD_F_")) and \
                getattr(sc, name) == hr:
            return name
    return f"0x{hr:08X}"
