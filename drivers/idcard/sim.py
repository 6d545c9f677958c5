"""A simulated ID card reader speaking the real wire protocol on a pseudo-terminal.

The driver under test opens :attr:`IdCardSimulator.link`, a symlink to the current pty
slave, exactly as it opens the udev symlink ``/dev/kiosk-idcard`` on a terminal. The
simulator answers on a background thread, holds at most one card, and injects the faults
seen in the field (hardware.md §1: "expect noise"): noise before the preamble, frames in
pieces, damaged checksums, slow SAM, card removed mid-read, a silent reader, a failing SAM
self-test, and a port that vanishes and comes back under the same link.

Fault attributes (``noise``, ``split_frames``, ``mute``, ``garbage``, ``sam_ok``,
``sam_delay``, ``realistic_timing``) may be changed while the simulator runs. ``garbage``
(bytes) is sent instead of every answer (of ``garbage_for`` only, when that is set): a
reader at the wrong baud rate, a bad cable.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import select
import struct
import threading
import time

from drivers.base.pty_link import PtyLink, PtySimulator

from . import protocol as p
from .card import IdCard, encode_text_block

DEFAULT_SAM_ID = struct.pack("<BxBxIII", 5, 1, 20230115, 12345, 67890)
_PACE_CHUNK = 16        # bytes written per paced step (1.4 ms at 115200)


def fake_blob(seed: str, size: int = p.PHOTO_LEN) -> bytes:
    """Deterministic bytes standing in for a WLT photo or a fingerprint template."""
    out, block = bytearray(), seed.encode()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


def sample_resident_card(**changes) -> IdCard:
    """A made-up mainland resident ID card (valid GB 11643 number); ``changes`` override."""
    card = IdCard(
        card_type="resident", name="张小明", gender="1", nation="01",
        birth_date=dt.date(1991, 1, 1), address="广东省广州市天河区天河路100号",
        id_number="440106199101010010", issuer="广州市公安局天河分局",
        valid_from=dt.date(2016, 3, 1), valid_to=dt.date(2036, 3, 1),
        photo=fake_blob("resident"))
    return dataclasses.replace(card, **changes)


def sample_hmt_card(**changes) -> IdCard:
    """A made-up ``J`` Hong Kong/Macao/Taiwan residence permit."""
    card = IdCard(
        card_type="hmt_residence", name="陈大文", gender="1",
        birth_date=dt.date(1985, 6, 1), address="广东省深圳市福田区福华路1号",
        id_number="81000019850601001X", issuer="深圳市公安局福田分局",
        valid_from=dt.date(2022, 7, 1), valid_to=dt.date(2027, 7, 1),
        pass_number="H01234567", photo=fake_blob("hmt"))
    return dataclasses.replace(card, **changes)


def sample_foreign_card(**changes) -> IdCard:
    """A made-up ``I`` (2017) foreigner's permanent residence card."""
    card = IdCard(
        card_type="foreign_permanent", name="史密斯", english_name="SMITH, JOHN WILLIAM",
        gender="1", birth_date=dt.date(1985, 1, 1), id_number="USA440085010100",
        issuer="1500", valid_from=dt.date(2020, 5, 1), valid_to=dt.date(2030, 5, 1),
        nationality="USA", photo=fake_blob("foreign"))
    return dataclasses.replace(card, **changes)


SAMPLE_CARDS = {"resident": sample_resident_card, "hmt": sample_hmt_card,
                "foreign": sample_foreign_card}


class IdCardSimulator(PtySimulator):
    """Serves the SAM protocol on a pty behind a stable symlink ``link``.

    ``link`` None puts the symlink in a temporary directory made by :meth:`start` and
    removed by :meth:`stop`. With
    ``realistic_timing`` the simulator spends the wire time of every byte (10 bits at
    ``baud``) in both directions; ``sam_delay`` is what the SAM takes for a read command.
    ``bytes_in``/``bytes_out`` count the bytes on the wire.
    """

    link_name = "kiosk-idcard"

    def __init__(self, link: str | os.PathLike | None = None, *, card: IdCard | None = None,
                 baud: int = 115200, realistic_timing: bool = False, sam_delay: float = 0.0,
                 sam_id: bytes = DEFAULT_SAM_ID, split_delay: float = 0.005) -> None:
        self.link: str | None = os.fspath(link) if link else None
        self._tmpdir: str | None = None
        self.baud = baud
        self.realistic_timing = realistic_timing
        self.sam_delay = sam_delay
        self.sam_id = sam_id
        self.split_delay = split_delay
        self.noise = b""
        self.split_frames = False
        self.mute = False
        self.garbage: bytes | None = None
        self.garbage_for: p.Command | None = None     # None: every answer
        self.sam_ok = True
        self.bytes_in = 0
        self.bytes_out = 0
        self._lock = threading.Lock()
        self._card: tuple[bytes, bytes, bytes] | None = None   # text, photo, fingerprint
        self._found = self._selected = False
        self._corrupt_left = 0
        self._corrupt_command: p.Command | None = None
        self._remove_during_read = False
        self._failing_reads = 0
        self._damaged_requests = 0
        # The citizen takes the card once it has been read (the UI journeys and the demo:
        # a card left on the reader would, rightly, hold the take-your-card reminder).
        self.lift_after_read = False
        self._pty: _Pty | None = None
        if card is not None:
            self.insert(card)

    def _new_link(self, link: str) -> PtyLink:
        return _Pty(self, link)

    @property
    def pty_name(self) -> str | None:
        return self._pty.name if self._pty else None

    def __enter__(self) -> IdCardSimulator:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the card ------------------------------------------------------------------------
    def insert(self, card: IdCard) -> None:
        self.insert_text_block(encode_text_block(card), card.photo, card.fingerprint)

    def insert_text_block(self, text: bytes, photo: bytes,
                          fingerprint: bytes | None = None) -> None:
        """Put a card given by its raw blocks (e.g. a ``Y`` card IdCard cannot hold)."""
        with self._lock:
            self._card = (text, photo, fingerprint or b"")
            self._found = self._selected = False

    def remove(self) -> None:
        with self._lock:
            self._card = None
            self._found = self._selected = False

    # -- one-shot faults -----------------------------------------------------------------
    def corrupt_checksum(self, n: int = 1, command: p.Command | None = None) -> None:
        """Damage the CHK of the next ``n`` responses (to ``command`` only, if given)."""
        with self._lock:
            self._corrupt_left, self._corrupt_command = n, command

    def remove_during_read(self) -> None:
        """The card leaves during the next read: SW3 41, then 80 to FIND."""
        with self._lock:
            self._remove_during_read = True

    def damage_requests(self, n: int = 1) -> None:
        """The next ``n`` requests arrive damaged (noise on the host -> reader line): the
        reader answers SW3 10 as to a bad checksum."""
        with self._lock:
            self._damaged_requests = n

    def fail_reads(self, n: int) -> None:
        """Answer SW3 41 to the next ``n`` reads although the card stays (a bad card)."""
        with self._lock:
            self._failing_reads = n

    # -- protocol ------------------------------------------------------------------------
    def _answer(self, body: bytes, command: p.Command | None, stop: threading.Event) -> bytes:
        """The response frame to one request body (``command`` None: not in the table)."""
        with self._lock:
            if self._damaged_requests:
                self._damaged_requests -= 1
                return p.encode_response(p.SW_BAD_CHECKSUM)
        cmd, para = body[0], body[1]
        if cmd == p.SET_BAUD and para in p.BAUD_CODES.values():
            self.baud = next(b for b, code in p.BAUD_CODES.items() if code == para)
            return p.encode_response(p.SW_OK)
        if command in (p.Command.READ, p.Command.READ_WITH_FINGERPRINT) and self.sam_delay:
            stop.wait(self.sam_delay)
        with self._lock:
            return self._answer_locked(command)

    def _answer_locked(self, command: p.Command | None) -> bytes:
        C, resp = p.Command, p.encode_response
        if command is C.RESET_SAM:
            return resp(p.SW_OK)
        if command is C.SAM_STATUS:
            return resp(p.SW_OK if self.sam_ok else p.SW_SELF_TEST_FAILED)
        if command is C.SAM_ID:
            return resp(p.SW_OK, self.sam_id)
        if command is C.FIND:
            self._found = self._card is not None
            self._selected = False
            return resp(p.SW_FOUND, bytes(4)) if self._found else resp(p.SW_NO_CARD)
        if command is C.SELECT:
            self._selected = self._found and self._card is not None
            return resp(p.SW_OK, bytes(8)) if self._selected else resp(p.SW_SELECT_FAILED)
        if command in (C.READ, C.READ_WITH_FINGERPRINT):
            if self._remove_during_read:
                self._remove_during_read = False
                self._card, self._found, self._selected = None, False, False
            if self._failing_reads:
                self._failing_reads -= 1
                return resp(p.SW_READ_FAILED)
            if self._card is None or not self._selected:
                return resp(p.SW_READ_FAILED)
            text, photo, finger = self._card
            if self.lift_after_read:
                self._card, self._found, self._selected = None, False, False
            return resp(p.SW_OK, p.encode_card_data(
                text, photo, finger if command is C.READ_WITH_FINGERPRINT else None))
        if command is C.READ_ADDRESS:
            return resp(p.SW_NO_CONTENT)   # the sample cards carry no newer address
        return resp(p.SW_BAD_COMMAND)

    def _damage(self, frame: bytes, command: p.Command | None) -> bytes:
        with self._lock:
            hit = self._corrupt_left and self._corrupt_command in (None, command)
            if hit:
                self._corrupt_left -= 1
        return frame[:-1] + bytes([frame[-1] ^ 0xFF]) if hit else frame

    def _pieces(self, data: bytes, frame_at: int) -> list[bytes]:
        # Cut inside the preamble, inside LEN and after the status words: the places a
        # splitter that assumes whole frames gets wrong.
        cuts = sorted({c for c in (frame_at + 2, frame_at + 6, frame_at + 10,
                                   frame_at + (len(data) - frame_at) // 2)
                       if 0 < c < len(data)})
        return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]

    def _wire_time(self, nbytes: int) -> float:
        return nbytes * 10 / self.baud


class _Pty(PtyLink):
    """One plugged-in life of the simulated reader: a pty, its link and a server thread."""

    def __init__(self, sim: IdCardSimulator, link: str) -> None:
        self.sim = sim
        super().__init__(link, "idcard-sim")

    def serve(self) -> None:
        sim = self.sim
        decoder = p.FrameDecoder(min_len=p.REQUEST_LEN, max_len=p.REQUEST_LEN)
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
                try:
                    body = decoder.next_frame()
                except p.ChecksumError:
                    self._send(p.encode_response(p.SW_BAD_CHECKSUM), None)
                    continue
                if body is None:
                    break
                if sim.realistic_timing:   # the request took its wire time to arrive
                    time.sleep(sim._wire_time(p.HEADER_LEN + len(body) + 1))
                command = _command_of(body)
                self._send(sim._answer(body, command, self.stop), command)

    def _send(self, frame: bytes, command: p.Command | None) -> None:
        sim = self.sim
        if sim.mute:
            return
        if sim.garbage is not None and sim.garbage_for in (None, command):
            self._write_paced(sim.garbage)
            return
        data = sim.noise + sim._damage(frame, command)
        pieces = sim._pieces(data, len(sim.noise)) if sim.split_frames else [data]
        for i, piece in enumerate(pieces):
            if i and self.stop.wait(sim.split_delay):
                return
            self._write_paced(piece)

    def _write_paced(self, data: bytes) -> None:
        sim = self.sim
        if not sim.realistic_timing:
            self.write(data)
            return
        # Each chunk is written when its last byte would have left a real UART, measured
        # from one start time so that sleep overshoot does not accumulate.
        start = time.monotonic()
        for i in range(0, len(data), _PACE_CHUNK):
            chunk = data[i:i + _PACE_CHUNK]
            delay = start + sim._wire_time(i + len(chunk)) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.write(chunk)

    def written(self, n: int) -> None:
        self.sim.bytes_out += n


def _command_of(body: bytes) -> p.Command | None:
    try:
        return p.Command((body[0], body[1]))
    except ValueError:
        return None
