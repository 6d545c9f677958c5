"""Driver of the pickup lockers: RS-485 lock-control boards sharing one serial port
(hardware.md §3; the byte codec is :mod:`drivers.locker.protocol`).

Contract (the shared part is :class:`drivers.base.Device`):

- Several boards share one bus. RS-485 is half duplex: every request holds ``io_lock`` and
  waits for its reply (or its timeout) before the next one goes out.
- ``open_door`` does not trust the board's answer to the open command: the answer comes
  before the latch has moved, and a jammed door is answered like any other. After
  ``settle`` seconds the lock is queried until it reads open or ``confirm_within`` seconds
  have passed since the command; a door that stays closed raises :class:`DoorJammed`
  (code ``door_jammed``, action maintenance; the bus itself stays ONLINE).
- Every call ends within a bound of its own: a query within 3 sends of ``timeout`` + wire
  time each; an opening within its command's 3 sends plus ``confirm_within`` (the queries
  that confirm it are cut to that window) plus one reply's wire time; ``wait_closed`` within
  its timeout plus one query. Garbage or silence on the line changes nothing to that.
- A query whose reply arrives damaged is asked again (up to 3 sends). A command that moves
  a lock is re-sent only when nothing came back: a damaged reply means the board heard it
  and the lock fired, so the query after it decides.
- ``probe()`` queries every board: all answer -> ONLINE; a board that does not answer ->
  HARDWARE_ERROR naming it (``board_no_answer``; ``garbled_line`` when its replies keep
  arriving damaged); the port gone -> OFFLINE (NO_DEVICE when it never existed).
- Consumables, as ``kiosk diag list`` shows them: ``board_<n>`` = ``ok`` | ``no_answer`` |
  ``garbled`` | ``unknown``; ``doors_open`` = how many doors were seen open; ``left_open``
  = doors open for longer than ``left_open_after`` seconds, ``"1-3,2-17"`` meaning board 1
  door 3 and board 2 door 17 (``none`` when there are none); ``jammed`` = doors whose last
  opening failed, same notation. A door left open does not take the bus out of service:
  every other compartment still works.
- Counters: ``openings`` (doors confirmed open), ``jams``, ``errors``, ``corrupt_frames``.
"""
from __future__ import annotations

import contextlib
import errno
import os
import termios
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

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
from .protocol import CLOSED, OPEN, BoardConfig

_ATTEMPTS = 3           # sends of one request before the board counts as silent
# Serial read timeout. A silence this long after bytes arrived ends a reply (as Modbus RTU
# ends a frame after 3.5 quiet characters): it lets the parser accept a query-all reply of
# an unexpected length and recognise a damaged one without waiting for the full timeout.
_GAP = 0.05
_CONFIRM_POLL = 0.1     # between queries while confirming an opening
_WAIT_POLL = 0.2        # between queries while waiting for a door to close
_FAILED = ("no_answer", "garbled")


@dataclass(frozen=True)
class DoorResult:
    """Outcome of opening one door: ``opened`` when a query after the command read it open;
    ``state`` is what that query read last."""

    board: int
    lock: int
    opened: bool
    state: str

    @property
    def code(self) -> str:
        return "opened" if self.opened else "door_jammed"


@dataclass(frozen=True)
class OpenDoor:
    """A door seen open, for how long (seconds, since it was opened or first seen open),
    and whether that is longer than the bus's ``left_open_after``."""

    board: int
    lock: int
    open_for: float
    left_open: bool


class DoorJammed(DeviceError):
    """The board answered the open command but the door stayed closed. The bus works (state
    ONLINE); this compartment needs a technician."""

    def __init__(self, result: DoorResult) -> None:
        b, n = result.board, result.lock
        super().__init__(
            "door_jammed", f"柜门 {b}-{n} 未能打开（锁舌卡住或门被顶住），请停用该格口并联系维护"
            f" / Door {n} of lock board {b} did not open (jammed latch, or something presses"
            " on the door): take this compartment out of use and call a technician",
            action=Action.MAINTENANCE, state=DeviceState.ONLINE)
        self.result = result


class BoardError(DeviceError):
    """A board did not answer, or its replies keep arriving damaged."""


class _PortLost(DeviceError):
    """The port vanished; ``connection_lost`` has already recorded it."""


class _NoReply(Exception):
    """Nothing that answers the request arrived in time."""


class LockerBus(Device):
    """Lock-control ``boards`` on the RS-485 bus at serial port ``port``.

    ``timeout`` bounds each reply beyond its wire time. ``settle`` and ``confirm_within``
    time the check that a door opened (see the module docstring); ``left_open_after`` is
    how long a door may stay open before it is reported in ``left_open``.
    """

    kind = "locker"

    def __init__(self, name: str, port: str | os.PathLike, baud: int = 9600, *,
                 boards: Iterable[BoardConfig], required: bool = False,
                 counters: UsageCounters | None = None, timeout: float = 0.5,
                 settle: float = 0.2, confirm_within: float = 1.0,
                 left_open_after: float = 120.0) -> None:
        super().__init__(name, required=required, counters=counters)
        self.port = os.fspath(port)
        self.baud = baud
        self.timeout = timeout
        self.settle = settle
        self.confirm_within = confirm_within
        self.left_open_after = left_open_after
        self.boards: dict[int, BoardConfig] = {}
        for cfg in boards:
            if cfg.address in self.boards:
                raise ValueError(f"board address {cfg.address} configured twice")
            self.boards[cfg.address] = cfg
        if not self.boards:
            raise ValueError("a locker bus needs at least one board")
        self._serial: serial.Serial | None = None
        self._seen_port = False          # a port that was there once is OFFLINE, not NO_DEVICE
        self._health: dict[int, str] = {a: "unknown" for a in self.boards}
        self._open_since: dict[tuple[int, int], float] = {}
        self._jammed: set[tuple[int, int]] = set()

    # -- primitives ----------------------------------------------------------------------
    def open(self) -> None:
        with self.io_lock:
            self.close()
            self._serial = open_serial(self.port, self.baud, timeout=_GAP,
                                       write_timeout=self.timeout,
                                       seen_before=self._seen_port, zh="锁控板总线",
                                       en="lockers' RS-485 adapter")
            self._seen_port = True
            self._connected = True

    def close(self) -> None:
        with self.io_lock:
            ser, self._serial = self._serial, None
            self._connected = False
            if ser is not None:
                with contextlib.suppress(OSError, termios.error):
                    ser.close()

    def probe(self) -> DeviceStatus:
        """Query every board; the status says which ones answer (see module docstring)."""
        with self.io_lock:
            self.ensure_open()
            self._survey()
            return self._publish()

    def info(self) -> DeviceInfo:
        # The protocol has no identity command: describe the configured bus.
        boards = ", ".join(f"{a}: {c.locks}" for a, c in sorted(self.boards.items()))
        return DeviceInfo(model=f"RS-485 lock-control boards (address: locks) {boards}")

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, *,
                     door: tuple[int, int] | None = None, **options) -> HealthReport:
        """External and interactive: open ``door`` (board, lock) when given and confirm it
        opened, then query every door of every board. Not ok when the door stayed shut
        (jammed) or a board did not answer."""
        if level == HealthLevel.INTERNAL:
            return super().health_check(level)
        details: dict[str, Any] = {}
        error: DeviceError | None = None
        if door is not None:
            try:
                result = self.open_door(*door)
                details["opened"] = {"board": result.board, "lock": result.lock,
                                     "state": result.state}
            except DeviceError as err:
                error = err
                details["opened"] = {"board": door[0], "lock": door[1], "state": "jammed"
                                     if isinstance(err, DoorJammed) else "not_opened"}
        doors: dict[str, dict[int, str] | str] = {}
        for address in sorted(self.boards):
            try:
                doors[str(address)] = self.doors(address)
            except DeviceError as err:
                doors[str(address)] = err.code
                error = error or err
        details.update(state=self.status.state.value, doors=doors)
        return HealthReport(ok=error is None, level=level, details=details, error=error)

    # -- doors ---------------------------------------------------------------------------
    def open_door(self, board: int, lock: int) -> DoorResult:
        """Open one door and confirm it opened; raises DoorJammed when it stayed closed."""
        cfg = self._board(board)
        cfg.check_lock(lock)
        with self._operation():
            started = time.monotonic()
            self._command(cfg, p.open_request(board, lock),
                          p.Expect.lock_state(p.HEAD_OPEN, board, lock))
            states = self._confirm(cfg, [lock], started)
            result = self._record_openings(cfg, states, started)[lock]
        if not result.opened:
            raise DoorJammed(result)
        return result

    def open_doors(self, board: int, locks: Iterable[int]) -> dict[int, DoorResult]:
        """Open several doors of one board with one bitmask command and confirm each; a
        door that stayed closed is a result with ``opened`` False (counted in ``jams``)."""
        cfg = self._board(board)
        wanted = sorted(set(locks))
        for lock in wanted:
            cfg.check_lock(lock)
        if not wanted:
            return {}
        with self._operation():
            started = time.monotonic()
            frame = p.open_many_request(cfg, wanted)
            self._command(cfg, frame, p.Expect.echo_of(frame))
            states = self._confirm(cfg, wanted, started)
            return self._record_openings(cfg, states, started)

    def open_all(self, board: int) -> dict[int, DoorResult]:
        """Open every door of a board (a technician emptying a bank), confirmed as above."""
        cfg = self._board(board)
        with self._operation():
            started = time.monotonic()
            self._command(cfg, p.open_all_request(board),
                          p.Expect.lock_state(p.HEAD_OPEN, board, p.ALL_LOCKS))
            states = self._confirm(cfg, list(range(1, cfg.locks + 1)), started)
            return self._record_openings(cfg, states, started)

    def door_state(self, board: int, lock: int) -> str:
        """``'open'`` or ``'closed'``, asked now."""
        cfg = self._board(board)
        cfg.check_lock(lock)
        with self._operation():
            return self._query_one(cfg, lock)

    def doors(self, board: int) -> dict[int, str]:
        """Every door of a board: ``{lock: 'open' | 'closed'}``, asked now."""
        cfg = self._board(board)
        with self._operation():
            return self._query_board(cfg)

    def wait_closed(self, board: int, lock: int, timeout: float,
                    cancel: threading.Event | None = None) -> bool:
        """Wait until the door reads closed: True, or False after ``timeout`` / ``cancel``.
        The bus is free between queries."""
        cfg = self._board(board)
        cfg.check_lock(lock)
        deadline = time.monotonic() + timeout
        while True:
            with self._operation():
                state = self._query_one(cfg, lock, deadline)
            if state == CLOSED:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            pause = min(_WAIT_POLL, remaining)
            if cancel is not None:
                if cancel.wait(pause):
                    return False
            else:
                time.sleep(pause)

    def keep_powered(self, board: int, lock: int, on: bool) -> None:
        """Keep an electromagnet lock powered (``on``) or release it."""
        cfg = self._board(board)
        cfg.check_lock(lock)
        with self._operation():
            frame = p.keep_power_request(board, lock, on)
            self._command(cfg, frame, p.Expect.echo_of(frame))

    def open_doors_report(self) -> list[OpenDoor]:
        """Query every board now and list the open doors, oldest first. Boards that do not
        answer are left out (and reported in the status)."""
        with self._operation():
            self._survey()
            return self._open_report()

    # -- bookkeeping ---------------------------------------------------------------------
    def _board(self, board: int) -> BoardConfig:
        try:
            return self.boards[board]
        except KeyError:
            raise ValueError(f"board {board} is not configured on {self.name}"
                             f" (boards {sorted(self.boards)})") from None

    @contextlib.contextmanager
    def _operation(self) -> Iterator[None]:
        """Hold the bus, open the port if needed, publish the status afterwards."""
        with self.io_lock:
            try:
                self.ensure_open()
                yield
            except _PortLost:
                raise                               # connection_lost recorded it
            except BoardError:
                self.counters.increment("errors")
                self._publish()
                raise
            except DeviceError as err:              # the port could not be opened
                self.counters.increment("errors")
                self.set_status(err.state, error=err)
                raise
            else:
                self._publish()

    def _survey(self) -> None:
        """Query every board, recording which ones answer (no exception for a board)."""
        for cfg in self.boards.values():
            before = self._health[cfg.address]
            try:
                self._query_board(cfg)
            except BoardError:
                # Count a board going silent once, not once per poll while it stays silent.
                if before not in _FAILED:
                    self.counters.increment("errors")

    def _publish(self) -> DeviceStatus:
        bad = sorted(a for a, h in self._health.items() if h in _FAILED)
        if bad:
            return self.set_status(DeviceState.HARDWARE_ERROR, error=self._board_error(bad),
                                   consumables=self._consumables())
        return self.set_status(DeviceState.ONLINE, consumables=self._consumables())

    def _consumables(self) -> dict[str, str]:
        now = time.monotonic()
        left = [k for k, since in sorted(self._open_since.items())
                if now - since >= self.left_open_after]
        out = {f"board_{a}": self._health[a] for a in sorted(self.boards)}
        out["doors_open"] = str(len(self._open_since))
        out["left_open"] = _door_list(left)
        out["jammed"] = _door_list(sorted(self._jammed))
        return out

    def _open_report(self) -> list[OpenDoor]:
        now = time.monotonic()
        return [OpenDoor(b, n, now - since, now - since >= self.left_open_after)
                for (b, n), since in sorted(self._open_since.items(), key=lambda kv: kv[1])]

    def _note_states(self, cfg: BoardConfig, states: dict[int, str]) -> None:
        now = time.monotonic()
        for lock, state in states.items():
            key = (cfg.address, lock)
            if state == OPEN:
                self._open_since.setdefault(key, now)
                self._jammed.discard(key)           # it moved: the latch works again
            else:
                self._open_since.pop(key, None)

    def _record_openings(self, cfg: BoardConfig, states: dict[int, str],
                         started: float) -> dict[int, DoorResult]:
        results = {}
        for lock, state in states.items():
            opened = state == OPEN
            results[lock] = DoorResult(cfg.address, lock, opened, state)
            key = (cfg.address, lock)
            if opened:
                self.counters.increment("openings")
                # Open since the command, not since the query that confirmed it.
                self._open_since[key] = min(self._open_since.get(key, started), started)
            else:
                self.counters.increment("jams")
                self._jammed.add(key)
        return results

    # -- requests ------------------------------------------------------------------------
    def _confirm(self, cfg: BoardConfig, locks: list[int], started: float) -> dict[int, str]:
        """Query ``locks`` after the settle time until all read open or the window closes.
        The window bounds the queries too: a garbled line is not asked again past it."""
        window = started + max(self.confirm_within, self.settle)
        delay = started + self.settle - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        while True:
            if len(locks) == 1:
                states = {locks[0]: self._query_one(cfg, locks[0], window)}
            else:
                board = self._query_board(cfg, window)
                states = {lock: board[lock] for lock in locks}
            left = window - time.monotonic()
            if all(s == OPEN for s in states.values()) or left <= 0:
                return states
            time.sleep(min(_CONFIRM_POLL, left))

    def _query_one(self, cfg: BoardConfig, lock: int, deadline: float | None = None) -> str:
        reply = self._ask(cfg, p.query_request(cfg.address, lock),
                          p.Expect.lock_state(p.HEAD_QUERY, cfg.address, lock), deadline)
        state = cfg.state(reply.ss == p.SS_SET)
        self._note_states(cfg, {lock: state})
        return state

    def _query_board(self, cfg: BoardConfig, deadline: float | None = None) -> dict[int, str]:
        reply = self._ask(cfg, p.query_all_request(cfg.address), p.Expect.status(cfg),
                          deadline)
        states = p.decode_status(cfg, reply.status)
        # A board that sends fewer status bytes than it has locks: ask the rest one by one.
        for lock in range(1, cfg.locks + 1):
            if lock not in states:
                states[lock] = self._query_one(cfg, lock, deadline)
        self._note_states(cfg, states)
        return dict(sorted(states.items()))

    def _ask(self, cfg: BoardConfig, frame: bytes, expect: p.Expect,
             deadline: float | None = None) -> p.Reply:
        """Send a query until its reply arrives intact (up to ``_ATTEMPTS`` sends, and no
        new send once ``deadline`` (monotonic) has passed)."""
        garbled = False
        for attempt in range(_ATTEMPTS):
            if attempt and deadline is not None and time.monotonic() >= deadline:
                break
            try:
                reply = self._exchange(frame, expect, deadline)
            except p.ChecksumError:
                self.counters.increment("corrupt_frames")
                garbled = True
                continue
            except _NoReply:
                continue
            self._health[cfg.address] = "ok"
            return reply
        self._health[cfg.address] = "garbled" if garbled else "no_answer"
        raise self._board_error([cfg.address])

    def _command(self, cfg: BoardConfig, frame: bytes, expect: p.Expect) -> None:
        """Send a command that moves a lock. Re-sent only when nothing came back."""
        for _ in range(_ATTEMPTS):
            try:
                self._exchange(frame, expect)
            except p.ChecksumError:
                self.counters.increment("corrupt_frames")
            except _NoReply:
                continue
            self._health[cfg.address] = "ok"
            return
        self._health[cfg.address] = "no_answer"
        raise self._board_error([cfg.address])

    def _exchange(self, frame: bytes, expect: p.Expect,
                  deadline: float | None = None) -> p.Reply:
        """Send ``frame`` once; return its reply. Waits ``timeout`` beyond the wire time,
        cut to ``deadline`` but never below the wire time and one quiet gap. Raises
        p.ChecksumError (the reply arrived damaged), _NoReply (none in time) or
        _PortLost."""
        ser = self._serial
        if ser is None:
            raise self._port_lost(OSError(errno.EBADF, "port not open"))
        try:
            # Whatever is queued is a late answer to an earlier request, or noise.
            ser.reset_input_buffer()
            ser.write(frame)
            wire = (len(frame) + expect.max_len) * 10 / self.baud
            until = time.monotonic() + self.timeout + wire
            if deadline is not None:
                until = min(until, max(deadline, time.monotonic() + wire + 2 * _GAP))
            buf = bytearray()
            while True:
                chunk = ser.read(max(1, ser.in_waiting))
                if chunk:
                    buf += chunk
                    reply = p.scan_reply(buf, expect)
                else:                               # the line went quiet
                    reply = p.scan_reply(buf, expect, quiet=True) if buf else None
                if reply is not None:
                    return reply
                if time.monotonic() >= until:
                    raise _NoReply()
        except (OSError, termios.error) as exc:    # SerialException is an OSError
            raise self._port_lost(exc) from None

    # -- errors --------------------------------------------------------------------------
    def _board_error(self, bad: list[int]) -> BoardError:
        silent = [a for a in bad if self._health[a] == "no_answer"]
        garbled = [a for a in bad if self._health[a] == "garbled"]
        parts = []
        if silent:
            parts.append(f"锁控板 {_nums(silent)} 无应答 / lock board(s) {_nums(silent)} do not"
                         " answer: check the board's power, its DIP-switch address and the"
                         " A/B wires of the RS-485 bus")
        if garbled:
            parts.append(f"锁控板 {_nums(garbled)} 应答反复出错 / replies from lock board(s)"
                         f" {_nums(garbled)} keep arriving damaged: check the RS-485 wiring"
                         " (A/B swapped, termination, ground)")
        return BoardError("board_no_answer" if silent else "garbled_line",
                          f"{'; '.join(parts)} (port {self.port}, {self.baud} baud)",
                          action=Action.MAINTENANCE, state=DeviceState.HARDWARE_ERROR)

    def _port_lost(self, exc: BaseException) -> _PortLost:
        reason = exc.args[-1] if exc.args else type(exc).__name__
        err = _PortLost("port_lost", f"锁控板总线连接断开 / The lockers' RS-485 adapter on"
                        f" {self.port} went away ({reason}); it is reopened when it comes"
                        " back. If it does not, check its USB cable", action=Action.RESET,
                        state=DeviceState.OFFLINE)
        self.connection_lost(err)
        return err


def _door_list(doors: Iterable[tuple[int, int]]) -> str:
    return ",".join(f"{b}-{n}" for b, n in doors) or "none"


def _nums(addresses: list[int]) -> str:
    return ", ".join(str(a) for a in addresses)
