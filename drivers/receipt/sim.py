"""A receipt printer simulator that speaks ESC/POS over TCP, like a network printer's port
9100 (and over a pseudo-terminal, like a serial printer).

It parses the stream with :class:`~drivers.receipt.protocol.EscPosInterpreter`, answers
DLE EOT n, GS r 1 and GS I n as an Epson-compatible printer does (hardware.md §4, bit for
bit) and renders every cut receipt (:mod:`drivers.receipt.render`), saved as PNG when
``out_dir`` is set. Its paper can be ``ok``, ``near_end``, ``out`` or ``cover_open``.
While it cannot print (out of paper, cover open, an error) it accepts data and prints
nothing, like real printers: only the status tells. ``run_out_after(n)`` makes the paper
end after n more printed lines, in the middle of a job.
"""
from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .protocol import (
    ERROR_AUTO_RECOVERABLE,
    ERROR_AUTOCUTTER,
    ERROR_RECOVERABLE,
    ERROR_UNRECOVERABLE,
    INFO_FIRMWARE,
    INFO_MODEL,
    INFO_SERIAL,
    OFFLINE_COVER_OPEN,
    OFFLINE_ERROR,
    OFFLINE_PAPER_END_STOP,
    PAPER_STATES,
    PRINTER_OFFLINE,
    ROLL_NEAR_END,
    ROLL_PAPER_END,
    SENSOR_NEAR_END,
    SENSOR_PAPER_END,
    STATUS_FIXED,
    Cut,
    EscPosInterpreter,
    InfoRequest,
    Op,
    PrintLine,
    PrintQR,
    SensorRequest,
    StatusRequest,
    Unknown,
    info_reply,
    printed_text,
)
from .render import ReceiptRenderer

ERROR_CAUSES = {"recoverable": ERROR_RECOVERABLE, "autocutter": ERROR_AUTOCUTTER,
                "unrecoverable": ERROR_UNRECOVERABLE, "auto_recoverable": ERROR_AUTO_RECOVERABLE}
INFO = {INFO_MODEL: "KIOSK-SIM-RECEIPT", INFO_SERIAL: "SIM0001", INFO_FIRMWARE: "1.0"}
_TICK = 0.1  # how often blocked reads look at the stop flag


@dataclass
class PrintedReceipt:
    """One receipt that came out of the simulator: the decoded text (see
    ``Receipt.plain_text``), the rendered image, its PNG file if saved, and whether it
    was cut normally (False: the paper ran out while it was printed)."""

    text: str
    image: Image.Image
    png_path: Path | None
    complete: bool = True


class ReceiptPrinterSimulator:
    """A simulated ESC/POS receipt printer; ``start()`` returns the TCP port it listens on
    (``port=0``: an ephemeral one, kept on restart). Thread-safe."""

    def __init__(self, port: int = 0, out_dir: str | os.PathLike | None = None,
                 encoding: str = "gb18030", host: str = "127.0.0.1", columns: int = 32) -> None:
        self.host = host
        self.port = port
        self.encoding = encoding
        self.out_dir = Path(out_dir) if out_dir else None
        self.receipts: list[PrintedReceipt] = []
        self.unknown: list[bytes] = []  # commands not understood, for diagnosis
        self.discarded = 0  # lines and QR codes received while unable to print
        # Sent instead of every reply (a printer of another make, a broken board); b""
        # answers nothing at all. A fault that may be set while the simulator runs.
        self.garbage: bytes | None = None
        self._renderer = ReceiptRenderer(columns, encoding)
        self._cond = threading.Condition()
        self._paper = "ok"
        self._error: str | None = None
        self._lines_left: int | None = None
        self._page: list[PrintLine | PrintQR] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._fds: list[int] = []

    # -- control --------------------------------------------------------------------------
    def start(self) -> int:
        """Listen (again) and serve connections one thread each; returns the port."""
        self._stop.clear()
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self.port))
        server.listen()
        server.settimeout(_TICK)
        self.port = server.getsockname()[1]
        self._spawn(self._accept, server)
        return self.port

    def attach_pty(self) -> str:
        """Serve a pseudo-terminal as a serial printer would; returns its path."""
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no newline translation: bytes pass unchanged
        self._fds += [master, slave]  # the slave stays open so the master never sees EOF
        self._spawn(self._serve, *_pty_stream(master, self._stop))
        return os.ttyname(slave)

    def stop(self) -> None:
        """Stop listening and drop every connection (like switching the printer off)."""
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._threads = []
        for fd in self._fds:
            os.close(fd)
        self._fds = []
        with self._cond:
            self._page = []

    def set_paper(self, state: str) -> None:
        """``ok``, ``near_end``, ``out`` or ``cover_open``."""
        if state not in PAPER_STATES:
            raise ValueError(f"paper state must be one of {PAPER_STATES}, not {state!r}")
        with self._cond:
            self._paper = state
            self._lines_left = None

    def set_error(self, cause: str | None) -> None:
        """Raise a printer error (a key of :data:`ERROR_CAUSES`), or clear it with None."""
        if cause is not None and cause not in ERROR_CAUSES:
            raise ValueError(f"error cause must be one of {sorted(ERROR_CAUSES)} or None")
        with self._cond:
            self._error = cause

    def run_out_after(self, lines: int) -> None:
        """Let the paper end after ``lines`` more printed lines (a QR code counts as one)."""
        with self._cond:
            self._lines_left = lines

    def wait_for_receipt(self, count: int = 1, timeout: float = 5.0) -> PrintedReceipt:
        """Wait until ``count`` receipts came out; returns the count-th one.
        Raises TimeoutError."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.receipts) >= count, timeout):
                raise TimeoutError(f"{len(self.receipts)} receipt(s) after {timeout} s, "
                                   f"expected {count}")
            return self.receipts[count - 1]

    # -- connections ----------------------------------------------------------------------
    def _spawn(self, target: Callable, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,
                                  name=f"receipt-sim-{self.port}")
        self._threads.append(thread)
        thread.start()

    def _accept(self, server: socket.socket) -> None:
        with server:
            while not self._stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                conn.settimeout(_TICK)
                self._spawn(self._serve, *_socket_stream(conn))

    def _serve(self, recv: Callable[[], bytes | None], send: Callable[[bytes], None],
               close: Callable[[], None]) -> None:
        """Interpret one connection until it closes or the simulator stops.
        ``recv`` returns None when nothing arrived yet, b"" at end of stream."""
        interpreter = EscPosInterpreter(self.encoding)
        try:
            while not self._stop.is_set():
                data = recv()
                if data == b"":
                    return
                for op in interpreter.feed(data or b""):
                    reply = self._execute(op)
                    if reply and self.garbage is not None:
                        reply = self.garbage
                    if reply:
                        send(reply)
        except OSError:
            return  # the host went away mid-reply
        finally:
            close()

    # -- the printer ----------------------------------------------------------------------
    def _execute(self, op: Op) -> bytes | None:
        with self._cond:
            if isinstance(op, StatusRequest):
                return bytes([self._status_byte(op.n)]) if 1 <= op.n <= 4 else None
            if isinstance(op, SensorRequest):
                sensor = {"near_end": SENSOR_NEAR_END, "out": SENSOR_PAPER_END}
                return bytes([sensor.get(self._paper, 0)])
            if isinstance(op, InfoRequest):
                return info_reply(INFO[op.n]) if op.n in INFO else None
            if isinstance(op, Unknown):
                self.unknown.append(op.command)
            elif isinstance(op, Cut):
                if self._can_print() and self._page:
                    self._finish(complete=True)
            else:
                self._print(op)
            return None

    def _status_byte(self, n: int) -> int:
        """DLE EOT n reply for the current state: 0x12 plus the bits of hardware.md §4."""
        paper, error = self._paper, self._error
        bits = 0
        if n == 1 and not self._can_print():
            bits = PRINTER_OFFLINE
        elif n == 2:
            bits = ((OFFLINE_COVER_OPEN if paper == "cover_open" else 0)
                    | (OFFLINE_PAPER_END_STOP if paper == "out" else 0)
                    | (OFFLINE_ERROR if error else 0))
        elif n == 3 and error:
            bits = ERROR_CAUSES[error]
        elif n == 4:
            bits = {"near_end": ROLL_NEAR_END, "out": ROLL_PAPER_END}.get(paper, 0)
        return STATUS_FIXED | bits

    def _can_print(self) -> bool:
        return self._paper in ("ok", "near_end") and self._error is None

    def _print(self, op: PrintLine | PrintQR) -> None:
        if self._can_print() and self._lines_left == 0:
            self._paper, self._lines_left = "out", None
        if not self._can_print():
            self.discarded += 1
            if self._page:  # what was printed so far falls out, uncut
                self._finish(complete=False)
            return
        if self._lines_left is not None:
            self._lines_left -= 1
        self._page.append(op)

    def _finish(self, complete: bool) -> None:
        ops, self._page = self._page, []
        image = self._renderer.render(ops)
        path = None
        if self.out_dir:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            number = len(self.receipts) + 1
            while (candidate := self.out_dir / f"receipt-{number:03d}.png").exists():
                number += 1  # keep the receipts of an earlier run in the same folder
            image.save(candidate)
            path = candidate
        self.receipts.append(PrintedReceipt(printed_text(ops), image, path, complete))
        self._cond.notify_all()


def _socket_stream(conn: socket.socket):
    def recv() -> bytes | None:
        try:
            return conn.recv(4096)
        except TimeoutError:
            return None
        except OSError:
            return b""
    return recv, conn.sendall, conn.close


def _pty_stream(master: int, stop: threading.Event):
    def recv() -> bytes | None:
        ready, _, _ = select.select([master], [], [], _TICK)
        if stop.is_set():
            return b""
        return os.read(master, 4096) if ready else None

    def send(data: bytes) -> None:
        os.write(master, data)
    return recv, send, lambda: None  # the descriptors are closed by stop()
