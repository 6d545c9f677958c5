"""Wire codec of the pickup lockers' RS-485 lock-control boards (hardware.md §3). Pure: no I/O.

Frames are ``head board lock func BCC`` with BCC = XOR of every preceding byte, 9600 8N1,
board address 1–32 (DIP switches), lock 1..n (0 = every lock of the board):

==============================  =========================  ===============================
request                         frame (board 1, lock 1)    reply
==============================  =========================  ===============================
open one lock                   ``8A 01 01 11 9B``         ``8A 01 01 SS BCC``
open every lock of a board      ``8A 01 00 11 9A``         (not documented; see ``Expect``)
query one lock                  ``80 01 01 33 B3``         ``80 01 01 SS BCC``
query every lock                ``80 01 00 33 B2``         ``80 01 S1..Sn 33 BCC``
open several (bitmask)          ``90 01 M1..Mn BCC``       (not documented; see ``Expect``)
keep powered on / off           ``9A 01 01 11 8B`` / ``9B 01 01 11 8A``   (not documented)
==============================  =========================  ===============================

How the bytes are read here (hardware.md gives the frames; the yunle_sensors lock_controller
README and source and Open-Locker ADR-0058 are the public sources behind them):

- ``SS`` is ``11`` or ``00``. Which one means *door closed* depends on the feedback wiring
  (yunle: ``11`` = closed; Open-Locker calls the other wiring ``door_opening``): that is the
  board's :class:`Polarity`.
- ``S1..Sn`` of the query-all reply are bitmasks, one byte per group of 8 locks, bit 0 (LSB)
  the lowest lock of the group. A set bit means what ``SS = 11`` means on the same board
  (yunle reads set bits as "locked", as it reads ``SS = 11``). Boards differ in the order of
  the groups (:class:`ByteOrder`) and in how many bytes they send (``status_bytes``).
- The open-several request ``90 01 02 02 02 93`` opens locks 2, 10 and 18 of board 1 (yunle
  README): ``90 board M1..Mn BCC`` with no function byte (BCC 93 = XOR of 90 01 02 02 02),
  one mask byte per group of 8 locks, LSB = lowest lock of the group. The example cannot
  tell the order of the groups (all three bytes are 02); yunle's source sends the highest
  group first, the same order in which it reads the query-all reply. We therefore send the
  mask in the order the board's query-all reply uses (its configured :class:`ByteOrder`).
- Replies to open-all, open-several and keep-powered are not documented. :class:`Expect`
  takes ``8A board 00 SS BCC`` for open-all (the shape of the open-one reply) and an echo of
  the request for the other two; the driver confirms every opening by querying anyway.

Some boards prepend junk bytes to a reply: :func:`scan_reply` looks for the header of the
expected reply anywhere in what was received and checks its BCC.
"""
from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from operator import xor
from typing import Any

__all__ = [
    "ALL_LOCKS",
    "CLOSED",
    "FUNC_OPEN",
    "FUNC_QUERY",
    "HEAD_OPEN",
    "HEAD_OPEN_MANY",
    "HEAD_POWER_OFF",
    "HEAD_POWER_ON",
    "HEAD_QUERY",
    "MAX_BOARD",
    "MAX_LOCKS",
    "MAX_STATUS_BYTES",
    "OPEN",
    "SS_CLEAR",
    "SS_SET",
    "BoardConfig",
    "ByteOrder",
    "ChecksumError",
    "Expect",
    "Polarity",
    "ProtocolError",
    "Reply",
    "Request",
    "RequestDecoder",
    "bcc",
    "decode_mask",
    "decode_status",
    "encode_mask",
    "encode_status",
    "keep_power_request",
    "lock_reply",
    "open_all_request",
    "open_many_request",
    "open_request",
    "query_all_request",
    "query_request",
    "scan_reply",
    "status_reply",
    "with_bcc",
]

HEAD_OPEN = 0x8A
HEAD_QUERY = 0x80
HEAD_OPEN_MANY = 0x90
HEAD_POWER_ON = 0x9A
HEAD_POWER_OFF = 0x9B
FUNC_OPEN = 0x11          # also the function byte of the keep-powered frames
FUNC_QUERY = 0x33
ALL_LOCKS = 0x00
SS_SET = 0x11
SS_CLEAR = 0x00
MAX_BOARD = 32            # DIP-switch addresses 1–32
MAX_LOCKS = 64            # the largest board in the sources has 50 locks
MAX_STATUS_BYTES = MAX_LOCKS // 8

OPEN = "open"
CLOSED = "closed"


class Polarity(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """What ``SS = 11`` (and a set bit of the query-all reply) means on a board."""

    CLOSED_IS_11 = "closed-is-11"     # yunle_sensors: 11 = 锁关闭, 00 = 锁打开
    OPEN_IS_11 = "open-is-11"         # the inverse feedback wiring (Open-Locker door_opening)


class ByteOrder(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """Order of the 8-lock groups in the query-all reply and the open-several mask."""

    LOW_FIRST = "low-first"           # first byte = locks 1–8
    HIGH_FIRST = "high-first"         # first byte = the highest group (yunle_sensors)


@dataclass(frozen=True)
class BoardConfig:
    """One lock-control board on the bus, as wired on this terminal.

    ``status_bytes``: how many ``S`` bytes the board sends in its query-all reply (default
    one per 8 locks). A board that sends fewer covers only its lowest locks; the driver asks
    for the others one by one.
    """

    address: int
    locks: int = 24
    polarity: Polarity = Polarity.CLOSED_IS_11
    byte_order: ByteOrder = ByteOrder.HIGH_FIRST
    status_bytes: int | None = None

    def __post_init__(self) -> None:
        _check_board(self.address)
        if not 1 <= self.locks <= MAX_LOCKS:
            raise ValueError(f"a board has 1–{MAX_LOCKS} locks, not {self.locks}")
        if self.status_bytes is not None and not 1 <= self.status_bytes <= MAX_STATUS_BYTES:
            raise ValueError(f"status_bytes must be 1–{MAX_STATUS_BYTES}")
        # Accept the CLI/TOML spellings ("open-is-11", "low-first") as well as the enums.
        object.__setattr__(self, "polarity", Polarity(self.polarity))
        object.__setattr__(self, "byte_order", ByteOrder(self.byte_order))

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> BoardConfig:
        """From a configuration table, e.g. ``{address = 1, locks = 24, polarity =
        "closed-is-11", byte_order = "high-first"}`` (``status_bytes`` optional)."""
        sb = m.get("status_bytes")
        return cls(int(m["address"]), int(m.get("locks", 24)),
                   Polarity(m.get("polarity", Polarity.CLOSED_IS_11)),
                   ByteOrder(m.get("byte_order", ByteOrder.HIGH_FIRST)),
                   None if sb is None else int(sb))

    @property
    def groups(self) -> int:
        """Mask bytes of the open-several request: one per 8 locks."""
        return math.ceil(self.locks / 8)

    @property
    def reply_bytes(self) -> int:
        """``S`` bytes expected in the query-all reply."""
        return self.status_bytes or self.groups

    def state(self, set_: bool) -> str:
        """The door state meant by ``SS = 11`` / a set bit (``set_``) or ``00`` / a clear bit."""
        return CLOSED if set_ == (self.polarity is Polarity.CLOSED_IS_11) else OPEN

    def is_set(self, state: str) -> bool:
        """Inverse of :meth:`state`: whether ``state`` is sent as ``11`` / a set bit."""
        return state == self.state(True)

    def check_lock(self, lock: int) -> None:
        if not 1 <= lock <= self.locks:
            raise ValueError(f"board {self.address} has locks 1–{self.locks}, not {lock}")


# -- requests --------------------------------------------------------------------------
def bcc(data: bytes | Iterable[int]) -> int:
    """XOR of ``data``: the last byte of every frame."""
    return reduce(xor, data, 0)


def with_bcc(*data: int) -> bytes:
    return bytes([*data, bcc(data)])


def _check_board(board: int) -> None:
    if not 1 <= board <= MAX_BOARD:
        raise ValueError(f"board address must be 1–{MAX_BOARD}, not {board}")


def _check_lock(lock: int) -> None:
    if not 1 <= lock <= MAX_LOCKS:
        raise ValueError(f"lock must be 1–{MAX_LOCKS}, not {lock}")


def open_request(board: int, lock: int) -> bytes:
    _check_board(board)
    _check_lock(lock)
    return with_bcc(HEAD_OPEN, board, lock, FUNC_OPEN)


def open_all_request(board: int) -> bytes:
    _check_board(board)
    return with_bcc(HEAD_OPEN, board, ALL_LOCKS, FUNC_OPEN)


def query_request(board: int, lock: int) -> bytes:
    _check_board(board)
    _check_lock(lock)
    return with_bcc(HEAD_QUERY, board, lock, FUNC_QUERY)


def query_all_request(board: int) -> bytes:
    _check_board(board)
    return with_bcc(HEAD_QUERY, board, ALL_LOCKS, FUNC_QUERY)


def open_many_request(cfg: BoardConfig, locks: Iterable[int]) -> bytes:
    """``90 board M1..Mn BCC``: open ``locks`` of board ``cfg`` at once."""
    return with_bcc(HEAD_OPEN_MANY, cfg.address, *encode_mask(cfg, locks))


def keep_power_request(board: int, lock: int, on: bool) -> bytes:
    """Keep lock ``lock`` powered (``on``) or release it: for electromagnet locks."""
    _check_board(board)
    _check_lock(lock)
    return with_bcc(HEAD_POWER_ON if on else HEAD_POWER_OFF, board, lock, FUNC_OPEN)


# -- bitmasks --------------------------------------------------------------------------
def _bits_to_bytes(cfg: BoardConfig, bits: set[int], nbytes: int) -> bytes:
    groups = [0] * nbytes                         # groups[0] = locks 1–8
    for lock in bits:
        if lock <= nbytes * 8:                    # fewer bytes cover the lowest locks only
            groups[(lock - 1) // 8] |= 1 << ((lock - 1) % 8)
    return bytes(groups if cfg.byte_order is ByteOrder.LOW_FIRST else reversed(groups))


def _bytes_to_bits(cfg: BoardConfig, data: bytes) -> dict[int, bool]:
    # High-first boards end with locks 1–8 whatever their byte count: reading from the end
    # also places the groups right for boards that send more or fewer bytes.
    groups = data if cfg.byte_order is ByteOrder.LOW_FIRST else data[::-1]
    bits: dict[int, bool] = {}
    for g, byte in enumerate(groups):
        for bit in range(8):
            lock = g * 8 + bit + 1
            if lock <= cfg.locks:
                bits[lock] = bool(byte >> bit & 1)
    return bits


def encode_mask(cfg: BoardConfig, locks: Iterable[int]) -> bytes:
    """The ``M1..Mn`` bytes selecting ``locks`` (one byte per 8 locks, board's byte order)."""
    wanted = set(locks)
    for lock in wanted:
        cfg.check_lock(lock)
    return _bits_to_bytes(cfg, wanted, cfg.groups)


def decode_mask(cfg: BoardConfig, data: bytes) -> list[int]:
    """The locks selected by mask bytes ``data``, ascending."""
    return sorted(lock for lock, on in _bytes_to_bits(cfg, data).items() if on)


def encode_status(cfg: BoardConfig, states: Mapping[int, str]) -> bytes:
    """``S1..Sn`` of a query-all reply for door ``states`` (n = ``cfg.reply_bytes``; when
    that is fewer bytes than the board has locks, the lowest locks only)."""
    return _bits_to_bytes(cfg, {lock for lock, s in states.items() if cfg.is_set(s)},
                          cfg.reply_bytes)


def decode_status(cfg: BoardConfig, data: bytes) -> dict[int, str]:
    """Door states of the locks that ``data`` (``S1..Sn``) covers."""
    return {lock: cfg.state(on) for lock, on in _bytes_to_bits(cfg, data).items()}


# -- replies ---------------------------------------------------------------------------
def lock_reply(head: int, board: int, lock: int, ss: int) -> bytes:
    """``head board lock SS BCC``: the answer to open-one / query-one."""
    return with_bcc(head, board, lock, ss)


def status_reply(cfg: BoardConfig, states: Mapping[int, str]) -> bytes:
    """``80 board S1..Sn 33 BCC``: the answer to query-all."""
    return with_bcc(HEAD_QUERY, cfg.address, *encode_status(cfg, states), FUNC_QUERY)


class ProtocolError(Exception):
    """Bytes that cannot be the expected reply."""


class ChecksumError(ProtocolError):
    """The expected reply's header arrived, but its BCC (or shape) is wrong."""


@dataclass(frozen=True)
class Reply:
    """A reply found by :func:`scan_reply`: its bytes, where it started in the buffer and,
    by kind, its state byte ``ss`` or its status bytes ``S1..Sn``."""

    frame: bytes
    start: int
    ss: int | None = None
    status: bytes = b""


@dataclass(frozen=True)
class Expect:
    """The shape of the reply to one request (build with the class methods)."""

    kind: str                 # "lock" | "status" | "echo"
    head: int
    board: int
    lock: int = 0
    status_bytes: int = 0
    echo: bytes = b""

    @classmethod
    def lock_state(cls, head: int, board: int, lock: int) -> Expect:
        """``head board lock SS BCC`` (open-one, open-all with lock 0, query-one)."""
        return cls("lock", head, board, lock=lock)

    @classmethod
    def status(cls, cfg: BoardConfig) -> Expect:
        """``80 board S1..Sn 33 BCC``, n = ``cfg.reply_bytes`` (others accepted when quiet)."""
        return cls("status", HEAD_QUERY, cfg.address, status_bytes=cfg.reply_bytes)

    @classmethod
    def echo_of(cls, request: bytes) -> Expect:
        """The request repeated (open-several, keep-powered)."""
        return cls("echo", request[0], request[1], echo=request)

    @property
    def max_len(self) -> int:
        """Longest reply in bytes (for wire-time allowances)."""
        if self.kind == "lock":
            return 5
        if self.kind == "status":
            return 2 + MAX_STATUS_BYTES + 2
        return len(self.echo)


_INCOMPLETE = object()
_DAMAGED = object()


def scan_reply(buf: bytes | bytearray, expect: Expect, *, quiet: bool = False) -> Reply | None:
    """Find the reply ``expect`` describes in ``buf`` (junk before it is skipped).

    Returns None while it may still be arriving. ``quiet`` says the line has gone silent:
    then a query-all reply of another length than expected is accepted (boards that send
    fewer or more status bytes), and a complete candidate that failed its check raises
    :class:`ChecksumError` so the caller can ask again.
    """
    damaged = False
    for i in range(len(buf) - 1):
        if buf[i] != expect.head or buf[i + 1] != expect.board:
            continue
        found = _match(buf, i, expect, quiet)
        if isinstance(found, Reply):
            return found
        damaged = damaged or found is _DAMAGED
    if quiet and damaged:
        raise ChecksumError(f"damaged reply: {bytes(buf).hex(' ')}")
    return None


def _match(buf: bytes | bytearray, i: int, e: Expect, quiet: bool) -> Reply | object | None:
    rest = len(buf) - i
    if e.kind == "lock":
        if rest < 3:
            return _INCOMPLETE
        if buf[i + 2] != e.lock:
            return None           # another lock's reply: late, or not for us
        if rest < 5:
            return _INCOMPLETE
        frame = bytes(buf[i:i + 5])
        if frame[3] in (SS_SET, SS_CLEAR) and frame[4] == bcc(frame[:4]):
            return Reply(frame, i, ss=frame[3])
        return _DAMAGED
    if e.kind == "echo":
        if rest < len(e.echo):
            return _INCOMPLETE
        return Reply(e.echo, i) if bytes(buf[i:i + len(e.echo)]) == e.echo else _DAMAGED
    # status: head board S1..Sn 33 BCC. While bytes may still come only the configured n is
    # tried; once the line is quiet, any n (the configured one first).
    sizes = [e.status_bytes] + ([n for n in range(1, MAX_STATUS_BYTES + 1)
                                 if n != e.status_bytes] if quiet else [])
    for n in sizes:
        end = i + 2 + n + 2
        if end <= len(buf) and buf[end - 2] == FUNC_QUERY and buf[end - 1] == bcc(buf[i:end - 1]):
            frame = bytes(buf[i:end])
            return Reply(frame, i, status=frame[2:-2])
    return _DAMAGED if rest >= 2 + e.status_bytes + 2 or (quiet and rest >= 5) else _INCOMPLETE


# -- the board's side (simulator) ------------------------------------------------------
@dataclass(frozen=True)
class Request:
    """A request as a board receives it. ``lock`` is 0 for open-several (see ``mask``)."""

    head: int
    board: int
    lock: int
    frame: bytes
    mask: bytes = b""


_FIXED_FUNC = {HEAD_OPEN: FUNC_OPEN, HEAD_QUERY: FUNC_QUERY, HEAD_POWER_ON: FUNC_OPEN,
               HEAD_POWER_OFF: FUNC_OPEN}


class RequestDecoder:
    """Splits the bytes a board hears into :class:`Request` s, dropping noise and frames
    with a bad BCC (a board does not answer those). ``mask_bytes(board)`` gives the length
    of an open-several mask for a board address, or None for an address nobody answers."""

    def __init__(self, mask_bytes: Callable[[int], int | None]) -> None:
        self._mask_bytes = mask_bytes
        self._buf = bytearray()

    def feed(self, data: bytes) -> None:
        self._buf += data

    def next_request(self) -> Request | None:
        buf = self._buf
        while buf:
            head = buf[0]
            if head in _FIXED_FUNC:
                size = 5
            elif head == HEAD_OPEN_MANY and len(buf) >= 2:
                n = self._mask_bytes(buf[1])
                size = 3 + n if n else 0
            elif head == HEAD_OPEN_MANY:
                return None
            else:
                size = 0
            if size and len(buf) < size:
                return None
            frame = bytes(buf[:size])
            if size and frame[-1] == bcc(frame[:-1]) and (
                    head == HEAD_OPEN_MANY or frame[3] == _FIXED_FUNC[head]):
                del buf[:size]
                if head == HEAD_OPEN_MANY:
                    return Request(head, frame[1], 0, frame, mask=frame[2:-1])
                return Request(head, frame[1], frame[2], frame)
            del buf[:1]           # noise, a damaged frame, or a board nobody answers as
        return None
