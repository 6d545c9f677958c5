"""Simulated RS-485 lock-control boards speaking the real protocol on a pseudo-terminal.

One simulator is one bus: any number of boards behind one pty, as on a terminal where the
boards hang off one USB-RS485 adapter. The driver under test opens
:attr:`LockerSimulator.link`, a symlink to the current pty slave, as it opens the udev
symlink ``/dev/kiosk-locker`` on a terminal.

Doors open when told (after ``open_delay`` seconds, as a latch springs) and stay open until
the test closes them with :meth:`~LockerSimulator.close_door`. A jammed door answers the
open command but stays closed. Board variants (hardware.md §3: "expect noise") live in
:class:`BoardSpec`: polarity, byte order, lock count, status byte count, junk before every
reply, a silent board; ``garbage`` replaces every reply on the bus. Faults may be changed
while the simulator runs.
"""
from __future__ import annotations

import os
import select
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from drivers.base.pty_link import PtyLink, PtySimulator

from . import protocol as p
from .protocol import BoardConfig, ByteOrder, Polarity


@dataclass
class BoardSpec:
    """How one simulated board behaves (mutable: tests change it while the bus runs)."""

    locks: int = 24
    polarity: Polarity = Polarity.CLOSED_IS_11
    byte_order: ByteOrder = ByteOrder.HIGH_FIRST
    status_bytes: int | None = None    # S bytes in the query-all reply (default: locks / 8)
    junk: bytes = b""                  # sent before every reply
    silent: bool = False               # hears everything, answers nothing

    def config(self, address: int) -> BoardConfig:
        """The driver configuration matching this board."""
        return BoardConfig(address, self.locks, self.polarity, self.byte_order,
                           self.status_bytes)


class LockerSimulator(PtySimulator):
    """Serves the lock-board protocol for ``boards`` (address -> spec) on a pty behind the
    symlink ``link`` (None: a temporary directory made by :meth:`start`).

    ``requests`` logs every well-formed frame received, ``bytes_in``/``bytes_out`` count
    the bytes on the wire.
    """

    link_name = "kiosk-locker"

    def __init__(self, link: str | os.PathLike | None = None, *,
                 boards: Mapping[int, BoardSpec] | None = None,
                 open_delay: float = 0.0) -> None:
        self.link: str | None = os.fspath(link) if link else None
        self._tmpdir: str | None = None
        self.boards: dict[int, BoardSpec] = dict(boards) if boards else {1: BoardSpec()}
        for address, spec in self.boards.items():
            spec.config(address)                   # validates address and lock count
        self.open_delay = open_delay
        # Sent instead of every reply (a wrong baud rate, a babbling board): a bus fault.
        self.garbage: bytes | None = None
        self.requests: list[bytes] = []
        self.bytes_in = 0
        self.bytes_out = 0
        self._lock = threading.Lock()
        self._opens_at: dict[tuple[int, int], float] = {}    # door -> when it reads open
        self._jammed: set[tuple[int, int]] = set()
        self._powered: set[tuple[int, int]] = set()
        self._corrupt_left = 0
        self._answers_left: int | None = None
        self._pty: _Pty | None = None

    def _new_link(self, link: str) -> PtyLink:
        return _Pty(self, link)

    @property
    def pty_name(self) -> str | None:
        return self._pty.name if self._pty else None

    def __enter__(self) -> LockerSimulator:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def board_configs(self) -> list[BoardConfig]:
        """Driver configurations for every simulated board."""
        return [spec.config(a) for a, spec in sorted(self.boards.items())]

    # -- the doors -----------------------------------------------------------------------
    def is_open(self, board: int, lock: int) -> bool:
        with self._lock:
            return self._is_open((board, lock))

    def open_doors(self, board: int) -> list[int]:
        """The doors of ``board`` that are open now, ascending."""
        with self._lock:
            return [n for n in range(1, self.boards[board].locks + 1)
                    if self._is_open((board, n))]

    def close_door(self, board: int, lock: int) -> None:
        """Someone pushes the door shut."""
        with self._lock:
            self._opens_at.pop(self._door(board, lock), None)

    def force_open(self, board: int, lock: int) -> None:
        """The door opens without a command (a technician's key, a forced door)."""
        with self._lock:
            self._opens_at[self._door(board, lock)] = time.monotonic()

    def jam(self, board: int, lock: int, jammed: bool = True) -> None:
        """A jammed door: the open command is answered, the door stays closed."""
        with self._lock:
            key = self._door(board, lock)
            (self._jammed.add if jammed else self._jammed.discard)(key)

    def is_powered(self, board: int, lock: int) -> bool:
        with self._lock:
            return (board, lock) in self._powered

    def fall_silent_after(self, n: int | None) -> None:
        """Every board answers ``n`` more requests, then nothing (a board that resets as
        its latch fires, a cable shaken loose); None answers again."""
        with self._lock:
            self._answers_left = n

    def corrupt_replies(self, n: int = 1) -> None:
        """Damage the BCC of the next ``n`` replies (from any board)."""
        with self._lock:
            self._corrupt_left = n

    def _door(self, board: int, lock: int) -> tuple[int, int]:
        if not 1 <= lock <= self.boards[board].locks:
            raise ValueError(f"board {board} has locks 1–{self.boards[board].locks}")
        return board, lock

    def _is_open(self, key: tuple[int, int]) -> bool:
        at = self._opens_at.get(key)
        return at is not None and time.monotonic() >= at

    def _open(self, board: int, locks: list[int]) -> None:
        at = time.monotonic() + self.open_delay
        for lock in locks:
            key = (board, lock)
            if key not in self._jammed and key not in self._opens_at:
                self._opens_at[key] = at

    # -- protocol ------------------------------------------------------------------------
    def _mask_bytes(self, board: int) -> int | None:
        spec = self.boards.get(board)
        return spec.config(board).groups if spec else None

    def _answer(self, req: p.Request) -> bytes | None:
        """The bytes a board puts on the bus for ``req`` (None: nobody answers)."""
        with self._lock:
            self.requests.append(req.frame)
            spec = self.boards.get(req.board)
            if spec is None or spec.silent:
                return None
            if self._answers_left is not None:
                if self._answers_left <= 0:
                    return None
                self._answers_left -= 1
            if self.garbage is not None:
                return self.garbage
            reply = self._reply(req, spec, spec.config(req.board))
            if reply is not None and self._corrupt_left:
                self._corrupt_left -= 1
                reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
            return spec.junk + reply if reply is not None else None

    def _reply(self, req: p.Request, spec: BoardSpec, cfg: BoardConfig) -> bytes | None:
        b = req.board
        if req.head == p.HEAD_OPEN and req.lock == p.ALL_LOCKS:
            self._open(b, list(range(1, spec.locks + 1)))
            # Undocumented reply: the shape of the open-one reply, for lock 0.
            return p.lock_reply(p.HEAD_OPEN, b, p.ALL_LOCKS, p.SS_SET)
        if req.lock > spec.locks:
            return None                  # no such lock: real boards stay silent
        if req.head == p.HEAD_OPEN:
            self._open(b, [req.lock])
            return self._lock_reply(p.HEAD_OPEN, cfg, req.lock)
        if req.head == p.HEAD_QUERY and req.lock == p.ALL_LOCKS:
            states = {n: p.OPEN if self._is_open((b, n)) else p.CLOSED
                      for n in range(1, spec.locks + 1)}
            return p.status_reply(cfg, states)
        if req.head == p.HEAD_QUERY:
            return self._lock_reply(p.HEAD_QUERY, cfg, req.lock)
        if req.head == p.HEAD_OPEN_MANY:
            self._open(b, p.decode_mask(cfg, req.mask))
            return req.frame
        if req.head in (p.HEAD_POWER_ON, p.HEAD_POWER_OFF):
            (self._powered.add if req.head == p.HEAD_POWER_ON else self._powered.discard)(
                (b, req.lock))
            return req.frame
        return None

    def _lock_reply(self, head: int, cfg: BoardConfig, lock: int) -> bytes:
        state = p.OPEN if self._is_open((cfg.address, lock)) else p.CLOSED
        return p.lock_reply(head, cfg.address, lock,
                            p.SS_SET if cfg.is_set(state) else p.SS_CLEAR)


class _Pty(PtyLink):
    """One plugged-in life of the simulated bus: a pty, its link and a server thread."""

    def __init__(self, sim: LockerSimulator, link: str) -> None:
        self.sim = sim
        super().__init__(link, "locker-sim")

    def serve(self) -> None:
        sim = self.sim
        decoder = p.RequestDecoder(sim._mask_bytes)
        while not self.stop.is_set():
            ready, _, _ = select.select([self.master, self.wake_r], [], [])
            if self.wake_r in ready:
                return
            try:
                data = os.read(self.master, 4096)
            except BlockingIOError:
                continue
            except OSError:
                return
            sim.bytes_in += len(data)
            decoder.feed(data)
            while not self.stop.is_set():
                req = decoder.next_request()
                if req is None:
                    break
                reply = sim._answer(req)
                if reply:
                    self.write(reply)

    def written(self, n: int) -> None:
        self.sim.bytes_out += n
