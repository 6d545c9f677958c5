"""A simulated social security card behind pcscd, through vsmartcard's virtual reader.

The driver under test talks PC/SC to pcscd exactly as on a terminal; pcscd's vpcd driver
listens on TCP (35963 for "Virtual PCD 00 00", 35964 for "Virtual PCD 00 01", more readers
from scripts/services/pcscd.sh: :mod:`drivers.sscard.vpcd`) and the simulator connects
to it as the card (hardware.md §2). Programs running side by side each claim a reader of
their own (:func:`drivers.sscard.vpcd.claim_slot`). Messages both ways are a
2-byte big-endian length and the message; a 1-byte message from vpcd is a control code
(0 power off, 1 power on, 2 reset, 4 get ATR: answer the ATR, nothing else is answered),
anything longer an APDU to answer with a response APDU.

:class:`VirtualSsCard` is the card (pure: APDU in, response out): MF -> application
"sx1.sh.社会保障" -> EF05 (card) and EF06 (holder), records readable by tag and by SFI.
:class:`SsCardSimulator` inserts it into a vpcd reader (connects) and removes it
(disconnects). A card stays inserted across a pcscd restart: it connects again when vpcd
is back, as a card left in a reader is seen again.

Faults (attributes, may be changed while the card is inserted): ``pin_required`` (69 82
on EF06, as some 3rd-generation cards), ``by_tag`` False (no READ RECORD by identifier:
the reader must use record numbers), ``select_p1s`` (which SELECT P1 the card accepts for
EF05/EF06), ``get_response`` (data announced with 61xx, fetched by GET RESPONSE, as T=0
cards do), ``t0_le`` (6Cxx whenever Le is not the exact length, Le=00 included),
``mute`` (answers the ATR, never an APDU), ``delay`` (a slow card: seconds before each
answer), ``garbage`` (bytes sent as every APDU's answer), ``remove_after`` (pulled out of
the reader on the APDU after that many).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import socket
import struct
import threading

from . import protocol as p
from .vpcd import DEFAULT_PORT, slot_for_port

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
_RECONNECT_EVERY = 0.1        # seconds between connection attempts while pcscd is away

# Record numbers of EF06 by generation. 1st: gender is record 3; 2nd and 3rd: record 4
# (hardware.md §2). What a real 2nd-generation card keeps in the record before gender is
# not in our references: the simulator puts a record of its own there (tag 0x20).
_FILLER_TAG = 0x20
_EF06_ORDER = {
    1: ("ss_number", "name", "gender", "nation", "birthplace", "birth_date"),
    2: ("ss_number", "name", _FILLER_TAG, "gender", "nation", "birthplace", "birth_date"),
}
_EF06_ORDER[3] = _EF06_ORDER[2]
_FCI = p.encode_tlv(0x6F, p.encode_tlv(0x84, p.APP_NAME))   # answer to SELECT application


def _atr(historical: bytes) -> bytes:
    """An ATR offering T=0 and T=1 (TD1 80, TD2 01) with ``historical`` bytes and TCK."""
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


DEFAULT_ATR = _atr(b"SSCARD-SIM")


def sample_ss_card(**changes) -> p.SsCard:
    """A made-up 2nd-generation Guangzhou card (valid GB 11643 number); ``changes``
    override fields."""
    card = p.SsCard(
        card_id_code=bytes.fromhex("440100D15600000500A1B2C3D4E5F601"),
        card_type="1", spec_version="2.00", issuer="440100000000",
        issued_on=dt.date(2019, 6, 1), expires_on=dt.date(2029, 6, 1),
        card_number="A01234567", ss_number="440106199101010010", name="张小明",
        gender="1", nation="01", birthplace="440106", birth_date=dt.date(1991, 1, 1))
    return dataclasses.replace(card, **changes)


class VirtualSsCard:
    """The card's answers to APDUs (hardware.md §2), with the faults of the module doc;
    ``data`` is the holder data it carries."""

    def __init__(self, card: p.SsCard | None = None, *, generation: int = 2) -> None:
        if generation not in _EF06_ORDER:
            raise ValueError("generation is 1, 2 or 3")
        self.data = card if card is not None else sample_ss_card()
        self.generation = generation
        self.pin_required = generation >= 3
        self.by_tag = True
        self.select_p1s = frozenset({p.P1_SELECT_BY_FID, p.P1_SELECT_EF_IN_DF})
        self.get_response = False
        self.t0_le = False
        self.power_on()

    def power_on(self) -> None:
        """Power on or reset: back to the MF, nothing selected, nothing pending."""
        self._app = False
        self._ef: int | None = None
        self._pending = b""

    def records(self, ef: int) -> list[bytes]:
        """The records of ``ef`` in record-number order, each ``tag len value``."""
        values = p.encode_card(self.data)
        if ef == p.EF05:
            names: tuple = tuple(f.name for f in p.EF05_FIELDS)
        else:
            names = _EF06_ORDER[self.generation]
        out = []
        for name in names:
            if name == _FILLER_TAG:
                out.append(p.encode_tlv(_FILLER_TAG, bytes(8)))
            elif name in values:
                out.append(p.encode_tlv(p.FIELDS[name].tag, values[name]))
        return out

    def answer(self, apdu: bytes) -> bytes:
        """The response APDU (data + SW1 SW2) to one command APDU."""
        if len(apdu) < 4:
            return _sw(0x6700)
        cla, ins, p1, p2 = apdu[:4]
        if cla != 0x00:
            return _sw(0x6E00)
        if ins == p.INS_GET_RESPONSE:
            return self._get_response(apdu)
        self._pending = b""
        if ins == p.INS_SELECT:
            return self._select(p1, apdu)
        if ins == p.INS_READ_RECORD:
            return self._read_record(p1, p2, apdu)
        return _sw(0x6D00)

    def _select(self, p1: int, apdu: bytes) -> bytes:
        if len(apdu) < 5 or len(apdu) not in (5 + apdu[4], 6 + apdu[4]):
            return _sw(0x6700)
        data = apdu[5:5 + apdu[4]]
        if p1 == 0x04:
            if data != p.APP_NAME:
                return _sw(0x6A82)
            self._app, self._ef = True, None
            if self.get_response or len(apdu) == 6 + apdu[4]:
                return self._with_data(_FCI, None)   # FCI: asked for (Le) or T=0 style 61xx
            return _sw(0x9000)
        if p1 not in (p.P1_SELECT_BY_FID, p.P1_SELECT_EF_IN_DF) or len(data) != 2:
            return _sw(0x6A86)
        fid = int.from_bytes(data, "big")
        if fid == 0x3F00 and p1 == p.P1_SELECT_BY_FID:
            self._app, self._ef = False, None
            return _sw(0x9000)
        if p1 not in self.select_p1s:
            return _sw(0x6A86)
        if not self._app or fid not in (p.EF05, p.EF06):
            return _sw(0x6A82)
        self._ef = fid
        return _sw(0x9000)

    def _read_record(self, p1: int, p2: int, apdu: bytes) -> bytes:
        if len(apdu) != 5:
            return _sw(0x6700)
        sfi, mode = p2 >> 3, p2 & 0x07
        if sfi:
            ef = next((ef for ef, s in p.SFI.items() if s == sfi), None)
            if ef is None or not self._app:
                return _sw(0x6A82)
            self._ef = ef            # ISO 7816-4: reading by SFI makes it the current EF
        elif self._ef is None:
            return _sw(0x6986)
        if mode == 0x00 and not self.by_tag:
            return _sw(0x6A81)
        if mode not in (0x00, 0x04) or p1 == 0:
            return _sw(0x6A86)
        if self._ef == p.EF06 and self.pin_required:
            return _sw(0x6982)
        records = self.records(self._ef)
        if mode == 0x04:
            record = records[p1 - 1] if p1 <= len(records) else None
        else:
            record = next((r for r in records if r[0] == p1), None)
        if record is None:
            return _sw(0x6A83)
        return self._with_data(record, apdu[4])

    def _with_data(self, data: bytes, le: int | None) -> bytes:
        if le is not None and ((self.t0_le and (le or 256) != len(data))
                               or (le or 256) < len(data)):
            return _sw(0x6C00 | len(data))
        if self.get_response:
            self._pending = data
            return _sw(0x6100 | len(data))
        return data + _sw(0x9000)

    def _get_response(self, apdu: bytes) -> bytes:
        if not self._pending:
            return _sw(0x6985)
        le = (apdu[4] if len(apdu) == 5 else 0) or 256
        if self.t0_le and le != len(self._pending):
            return _sw(0x6C00 | len(self._pending))
        chunk, self._pending = self._pending[:le], self._pending[le:]
        return chunk + (_sw(0x6100 | len(self._pending)) if self._pending else _sw(0x9000))


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


class SsCardSimulator:
    """A :class:`VirtualSsCard` in the vpcd reader on ``host:port``.

    :meth:`start`/:meth:`insert` put the card in (connect, reconnecting while pcscd is
    away), :meth:`stop`/:meth:`remove` pull it out. ``apdus`` logs the commands received
    during the current insertion. ``card`` is the :class:`VirtualSsCard` (holder data in
    ``card.data``, card faults); ``mute``, ``delay``, ``garbage`` and ``remove_after`` are
    here.
    """

    def __init__(self, port: int = DEFAULT_PORT, *, card: p.SsCard | None = None,
                 generation: int = 2, host: str = "127.0.0.1", atr: bytes = DEFAULT_ATR) -> None:
        self.host = host
        self.port = port
        self.atr = atr
        self.card = VirtualSsCard(card, generation=generation)
        self.mute = False
        self.delay = 0.0                     # seconds before each APDU is answered
        self.garbage: bytes | None = None    # sent instead of every APDU's answer
        self.remove_after: int | None = None
        self.apdus: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()   # a new one for each insertion
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._seen = threading.Event()

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def reader_name(self) -> str:
        """The PC/SC reader the card appears in: the vpcd reader declared for this port in
        /etc/reader.conf.d (Debian's own: "Virtual PCD 00 00" on 35963, "... 00 01")."""
        slot = slot_for_port(self.port)
        return slot.reader if slot else f"Virtual PCD 00 {self.port - DEFAULT_PORT:02X}"

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> str:
        """Insert the card; return the vpcd address it connects to."""
        self.insert()
        return self.address

    def stop(self) -> None:
        self.remove()

    def insert(self, card: p.SsCard | None = None) -> None:
        """Put the card (``card``: new holder data) in the reader. No-op when it is in."""
        if card is not None:
            self.card.data = card
        with self._lock:
            if self.inserted:
                return
            self.apdus = []
            self._seen.clear()
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._stop,),
                                            name=f"sscard-sim-{self.port}", daemon=True)
            self._thread.start()

    def remove(self) -> None:
        """Pull the card out (disconnect from vpcd). No-op when it is out."""
        with self._lock:
            thread, stop, sock = self._thread, self._stop, self._sock
            self._thread = None
        if thread is None:
            return
        stop.set()
        _shutdown(sock)
        thread.join(5)

    def wait_seen(self, timeout: float) -> bool:
        """Wait until vpcd talked to the card (it is in the reader, not only connecting)."""
        return self._seen.wait(timeout)

    # -- the connection -----------------------------------------------------------------------
    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                stop.wait(_RECONNECT_EVERY)     # pcscd not (yet) running: try again
                continue
            sock.settimeout(None)
            with self._lock:
                self._sock = sock
            if stop.is_set():                   # removed while connecting
                sock.close()
                return
            try:
                pulled_out = self._serve(sock, stop)
            except OSError:
                pulled_out = False              # vpcd went away (pcscd stopped)
            finally:
                _shutdown(sock)
                sock.close()
                with self._lock:
                    self._sock = None
            if pulled_out:
                return
            stop.wait(_RECONNECT_EVERY)

    def _serve(self, sock: socket.socket, stop: threading.Event) -> bool:
        """Answer vpcd until it disconnects (False) or the card is pulled out (True)."""
        count = 0
        self.card.power_on()
        while not stop.is_set():
            header = _recv_exactly(sock, 2)
            if header is None:
                return False
            message = _recv_exactly(sock, struct.unpack(">H", header)[0])
            if message is None:
                return False
            self._seen.set()
            if len(message) == 1:
                code = message[0]
                if code == CTRL_ATR:
                    sock.sendall(struct.pack(">H", len(self.atr)) + self.atr)
                elif code in (CTRL_ON, CTRL_RESET, CTRL_OFF):
                    self.card.power_on()
                continue
            count += 1
            if self.remove_after is not None and count > self.remove_after:
                self.remove_after = None
                return True
            self.apdus.append(message)
            if self.mute:
                continue
            if self.delay and stop.wait(self.delay):
                return True
            reply = self.card.answer(message) if self.garbage is None else self.garbage
            sock.sendall(struct.pack(">H", len(reply)) + reply)
        return True


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        # vpcd (vsmartcard 3.3) writes the 2-byte length and the message in two send()
        # calls on a socket with Nagle on: unless we acknowledge the first part at once,
        # our delayed ACK holds the second part back 40 ms, on every message. Quick ACK
        # mode is not sticky, so it is asked for before every read.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _shutdown(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
