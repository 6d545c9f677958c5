"""ESC/POS codec of the receipt printer: bytes in, bytes out, no I/O.

Three parts, each checked against fixed byte vectors (reference/hardware.md §4, the Epson
ESC/POS command reference, python-escpos 3.1):

- the job: :func:`encode_receipt` turns a :class:`~drivers.receipt.document.Receipt` into
  the bytes sent to a printer whose Chinese mode uses GB18030 or GBK;
- status: ``DLE EOT n`` requests, :func:`decode_status` of their replies, ``GS r 1``;
- :class:`EscPosInterpreter`: the printer's side, parsing a byte stream into render
  operations (used by the simulator).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from drivers.base import Paper

from . import escpos_ready
from .charset import ENCODINGS, REPLACEMENT, encode_char
from .document import QR, Feed, Receipt, Rule, Text, printable, qr_text

# Paper states a simulated printer can be put in (``kiosk sim receipt --paper``).
PAPER_STATES = ("ok", "near_end", "out", "cover_open")

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
LF = b"\n"
INIT = ESC + b"@"
#: FS & selects the double-byte (Chinese) character mode. Chinese models start in it, but
#: some are set to single-byte mode by a DIP or memory switch, and ESC @ goes back to the
#: power-on setting: so the mode is selected explicitly after ESC @.
CHINESE_MODE = FS + b"&"
SINGLE_BYTE_MODE = FS + b"."

_ALIGN_CODE = {"left": 0, "center": 1, "right": 2}

# -- text ----------------------------------------------------------------------------------
def encode_text(line: str, encoding: str) -> bytes:
    """One line of text in the printer's ``encoding`` (``gb18030`` or ``gbk``).

    Control characters are dropped; each character is sent as :func:`.charset.encode_char`
    says (2-byte substitutes for some symbols, '?' for what the encoding lacks).
    python-escpos's ``text()`` is not used because it mangles CJK punctuation and ¥
    (hardware.md §4).
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {ENCODINGS}, not {encoding!r}")
    return b"".join(encode_char(ch, encoding) for ch in printable(line))


def unencodable(text: str, encoding: str) -> list[str]:
    """The distinct characters of ``text`` that :func:`encode_text` replaces by '?'."""
    missing: list[str] = []
    for ch in printable(text.replace("\n", "")):
        if encode_char(ch, encoding) == REPLACEMENT and ch != "?" and ch not in missing:
            missing.append(ch)
    return missing


# -- the job -------------------------------------------------------------------------------
def align(where: str) -> bytes:
    """ESC a n: justification of the lines that follow (Epson: send it at a line start)."""
    return ESC + b"a" + bytes([_ALIGN_CODE[where]])


def bold(on: bool) -> bytes:
    """ESC E n: emphasized mode."""
    return ESC + b"E" + bytes([1 if on else 0])


def char_size(width: int, height: int) -> bytes:
    """GS ! n: magnification, width in the high nibble, height in the low (both 1-8)."""
    return GS + b"!" + bytes([(width - 1) << 4 | (height - 1)])


def feed(lines: int) -> bytes:
    """ESC d n: print the buffer and feed n lines."""
    return ESC + b"d" + bytes([lines])


def qr(data: str, size: int) -> bytes:
    """GS ( k: select model 2, module size, error correction M, store ``data``, print.

    Built by python-escpos's ``qr(native=True)``, which gets this command right."""
    escpos_ready()
    from escpos.constants import QR_ECLEVEL_M
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.qr(data, ec=QR_ECLEVEL_M, size=size, native=True)
    return dummy.output


def cut() -> bytes:
    """Feed past the cutter and cut: ``1b 64 06 1d 56 00`` (python-escpos ``cut()``)."""
    escpos_ready()
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.cut()
    return dummy.output


def encode_receipt(receipt: Receipt, encoding: str = "gb18030", columns: int = 32) -> bytes:
    """The complete job for ``receipt``: initialise, Chinese mode, elements, cut.

    Every text line sets its own alignment, emphasis and size, so no element depends on
    what the previous one left behind. Lines are wrapped to ``columns`` (the paper's
    width at magnification 1) by :meth:`Text.lines`.
    """
    out = bytearray(INIT + CHINESE_MODE)
    for element in receipt.elements:
        if isinstance(element, Text):
            style = bold(element.bold) + char_size(element.width, element.height)
            for line in element.lines(columns, encoding):
                out += align(element.align) + style + encode_text(line, encoding) + LF
        elif isinstance(element, QR):
            out += align(element.align) + qr(element.data, element.size)
        elif isinstance(element, Feed):
            out += feed(element.lines)
        elif isinstance(element, Rule):
            out += align("left") + bold(False) + char_size(1, 1) + b"-" * columns + LF
        else:
            raise TypeError(f"not a receipt element: {element!r}")
    return bytes(out + cut())


# -- status --------------------------------------------------------------------------------
# DLE EOT n replies look like 0xx1xx10 (hardware.md §4): bits 1 and 4 set, 0 and 7 clear.
STATUS_FIXED = 0x12
STATUS_MASK = 0x93
# n=1 printer status
PRINTER_OFFLINE = 0x08
PRINTER_WAITING_RECOVERY = 0x20
PRINTER_FEED_BUTTON = 0x40
# n=2 offline cause
OFFLINE_COVER_OPEN = 0x04
OFFLINE_FEEDING = 0x08
OFFLINE_PAPER_END_STOP = 0x20
OFFLINE_ERROR = 0x40
# n=3 error cause
ERROR_RECOVERABLE = 0x04
ERROR_AUTOCUTTER = 0x08
ERROR_UNRECOVERABLE = 0x20
ERROR_AUTO_RECOVERABLE = 0x40
# n=4 roll paper sensors (two bits each; either bit set counts, vendors differ)
ROLL_NEAR_END = 0x0C
ROLL_PAPER_END = 0x60
# GS r 1 replies have bit 4 (and bit 7) clear, which tells them apart from DLE EOT
# replies on the same line (Epson); near end 0x03, paper end 0x0C (hardware.md §4).
SENSOR_MASK = 0x90
SENSOR_NEAR_END = 0x03
SENSOR_PAPER_END = 0x0C

PAPER_SENSOR_REQUEST = GS + b"r\x01"


def status_request(n: int) -> bytes:
    """DLE EOT n (``10 04 n``): real-time status, answered even while the printer is busy
    or offline. n=1 printer, 2 offline cause, 3 error cause, 4 roll paper."""
    if n not in (1, 2, 3, 4):
        raise ValueError("DLE EOT n must be 1, 2, 3 or 4")
    return DLE + b"\x04" + bytes([n])


def is_status_byte(byte: int) -> bool:
    """Whether ``byte`` has the fixed bits of a DLE EOT reply (0xx1xx10)."""
    return byte & STATUS_MASK == STATUS_FIXED


def is_sensor_byte(byte: int) -> bool:
    """Whether ``byte`` can be a GS r 1 reply (bits 4 and 7 clear)."""
    return byte & SENSOR_MASK == 0


def decode_sensor(byte: int) -> Paper:
    """The paper supply reported by a GS r 1 reply."""
    if byte & SENSOR_PAPER_END:
        return Paper.OUT
    return Paper.LOW if byte & SENSOR_NEAR_END else Paper.FULL


@dataclass(frozen=True)
class PrinterStatus:
    """What the DLE EOT 1/2/4 (and, on error, 3) replies say."""

    online: bool
    cover_open: bool
    paper: Paper
    feed_button: bool = False
    feeding: bool = False
    waiting_recovery: bool = False
    stopped_by_paper_end: bool = False
    error: bool = False
    recoverable_error: bool = False
    autocutter_error: bool = False
    unrecoverable_error: bool = False
    auto_recoverable_error: bool = False


def decode_status(printer: int, offline: int, paper: int,
                  error: int | None = None) -> PrinterStatus:
    """Decode the replies to DLE EOT 1, 2, 4 and optionally 3.

    Raises ValueError for a byte without the fixed bits (line noise, or a reply to some
    other command) rather than guess. Paper end wins over near end: when the roll is gone
    both sensors see no paper.
    """
    replies = (printer, offline, paper) + (() if error is None else (error,))
    for byte in replies:
        if not is_status_byte(byte):
            raise ValueError(f"0x{byte:02x} is not a DLE EOT status byte (0xx1xx10)")
    paper_end = bool(paper & ROLL_PAPER_END or offline & OFFLINE_PAPER_END_STOP)
    err = error or 0
    return PrinterStatus(
        online=not printer & PRINTER_OFFLINE,
        cover_open=bool(offline & OFFLINE_COVER_OPEN),
        paper=Paper.OUT if paper_end else Paper.LOW if paper & ROLL_NEAR_END else Paper.FULL,
        feed_button=bool(printer & PRINTER_FEED_BUTTON),
        feeding=bool(offline & OFFLINE_FEEDING),
        waiting_recovery=bool(printer & PRINTER_WAITING_RECOVERY),
        stopped_by_paper_end=bool(offline & OFFLINE_PAPER_END_STOP),
        error=bool(offline & OFFLINE_ERROR),
        recoverable_error=bool(err & ERROR_RECOVERABLE),
        autocutter_error=bool(err & ERROR_AUTOCUTTER),
        unrecoverable_error=bool(err & ERROR_UNRECOVERABLE),
        auto_recoverable_error=bool(err & ERROR_AUTO_RECOVERABLE),
    )


# -- printer information (GS I n, "type B": header 0x5F, text, NUL) -----------------------
INFO_FIRMWARE, INFO_MAKER, INFO_MODEL, INFO_SERIAL = 65, 66, 67, 68
INFO_HEADER = 0x5F


def info_request(n: int) -> bytes:
    """GS I n: transmit printer information (65 firmware, 66 maker, 67 model, 68 serial)."""
    return GS + b"I" + bytes([n])


def info_reply(text: str) -> bytes:
    """The printer's answer to GS I 65-68 (used by the simulator)."""
    return bytes([INFO_HEADER]) + text.encode("ascii") + b"\0"


def parse_info_reply(buf: bytes) -> str | None:
    """The text of a complete GS I reply at the start of ``buf``; None while incomplete."""
    if not buf or buf[0] != INFO_HEADER or 0 not in buf:
        return None
    return buf[1:buf.index(0)].decode("ascii", "replace")


# -- the printer's side: stream interpreter --------------------------------------------------
@dataclass(frozen=True)
class Run:
    """Text printed in one style."""

    text: str
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True)
class PrintLine:
    """A printed line (LF or ESC d): its runs, empty for a blank line."""

    runs: tuple[Run, ...]
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class PrintQR:
    """GS ( k fn 81: print the stored symbol."""

    data: bytes
    module_size: int
    ec: str  # L, M, Q, H
    align: str = "left"


@dataclass(frozen=True)
class Cut:
    """GS V: cut the paper."""

    partial: bool


@dataclass(frozen=True)
class StatusRequest:
    """DLE EOT n: answer now (real time)."""

    n: int


@dataclass(frozen=True)
class SensorRequest:
    """GS r 1: answer once everything before it was processed."""


@dataclass(frozen=True)
class InfoRequest:
    """GS I n."""

    n: int


@dataclass(frozen=True)
class Unknown:
    """A command the interpreter does not model (its first bytes); the rest of its
    parameters, if any, will be read as text, as a printer without it would."""

    command: bytes


Op = PrintLine | PrintQR | Cut | StatusRequest | SensorRequest | InfoRequest | Unknown


def printed_text(ops: Iterable[Op]) -> str:
    """The text of printed operations, in the form of ``Receipt.plain_text()``."""
    lines = [qr_text(op.data.decode("utf-8", "replace")) if isinstance(op, PrintQR)
             else op.text for op in ops if isinstance(op, (PrintLine, PrintQR))]
    return "\n".join(lines).rstrip("\n")


# Commands understood only to be skipped (font, underline, spacing, code page, drawer...):
# prefix -> total length in bytes.
_SKIPPED = {
    b"\x1b-": 3, b"\x1bM": 3, b"\x1bt": 3, b"\x1b2": 2, b"\x1b3": 3, b"\x1bG": 3,
    b"\x1bR": 3, b"\x1b{": 3, b"\x1bV": 3, b"\x1bp": 5, b"\x1bc": 4,
    b"\x1dB": 3, b"\x1dH": 3, b"\x1dh": 3, b"\x1dw": 3, b"\x1df": 3, b"\x1dL": 4,
    b"\x1dW": 4, b"\x1db": 3, b"\x1c!": 3, b"\x10\x05": 3,
}
_EC_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}
_ALIGN_NAMES = {0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right"}
_CUT_WITH_FEED = (65, 66, 97, 98, 103, 104)  # GS V m n (function B, C, D)


@dataclass
class _Style:
    bold: bool = False
    width: int = 1
    height: int = 1
    align: str = "left"
    double_byte: bool = True  # FS & is the power-on default of Chinese models


@dataclass
class _QRState:
    module_size: int = 3
    ec: str = "L"
    data: bytes = b""


@dataclass
class EscPosInterpreter:
    """Parses an ESC/POS byte stream incrementally into :data:`Op` s.

    ``feed`` may be called with arbitrary chunks: an incomplete command or text run stays
    buffered until the rest arrives. Text is decoded with ``encoding`` in double-byte mode
    (undecodable bytes become U+FFFD, as a printer prints garbage) and as code page 437
    after FS . (single-byte mode). ESC a applies to the line being printed.
    """

    encoding: str = "gb18030"
    _buf: bytearray = field(default_factory=bytearray)
    _style: _Style = field(default_factory=_Style)
    _runs: list[Run] = field(default_factory=list)
    _qr: _QRState = field(default_factory=_QRState)

    def feed(self, data: bytes) -> list[Op]:
        self._buf += data
        ops: list[Op] = []
        while self._buf:
            used = self._step(ops)
            if not used:
                break
            del self._buf[:used]
        return ops

    # Each step consumes one command or text run and returns its length (0: incomplete).
    def _step(self, ops: list[Op]) -> int:
        buf = self._buf
        first = buf[0]
        if first >= 0x20:
            end = next((i for i, b in enumerate(buf) if b < 0x20), None)
            if end is None:
                return 0
            self._text(bytes(buf[:end]))
            return end
        if first == 0x0A:
            ops.append(self._print_line())
            return 1
        if first not in (0x1B, 0x1D, 0x1C, 0x10):
            return 1  # CR, HT and other single control bytes: nothing to print
        if len(buf) < 2:
            return 0
        prefix = bytes(buf[:2])
        if prefix == b"\x1d(":
            return self._gs_paren(ops)
        if prefix in _SKIPPED:
            return _SKIPPED[prefix] if len(buf) >= _SKIPPED[prefix] else 0
        if prefix in (INIT, CHINESE_MODE, SINGLE_BYTE_MODE):
            self._two_byte(prefix)
            return 2
        if prefix == b"\x1dv":
            return self._raster_image(ops)
        if prefix in (b"\x1bE", b"\x1ba", b"\x1bd", b"\x1b!", b"\x1d!", b"\x1dV", b"\x10\x04",
                      b"\x1dr", b"\x1dI", b"\x1bJ"):
            if len(buf) < 3:
                return 0
            return self._three_byte(prefix, buf[2], ops)
        ops.append(Unknown(prefix))
        return 2

    def _text(self, raw: bytes) -> None:
        text = raw.decode(self.encoding if self._style.double_byte else "cp437", "replace")
        s = self._style
        self._runs.append(Run(text, s.bold, s.width, s.height))

    def _print_line(self) -> PrintLine:
        line = PrintLine(tuple(self._runs), self._style.align)
        self._runs = []
        return line

    def _two_byte(self, prefix: bytes) -> None:
        if prefix == INIT:  # styles, print buffer and QR store reset
            self._style, self._runs, self._qr = _Style(), [], _QRState()
        else:
            self._style.double_byte = prefix == CHINESE_MODE

    def _three_byte(self, prefix: bytes, n: int, ops: list[Op]) -> int:
        s = self._style
        if prefix == b"\x1bE":
            s.bold = bool(n & 1)
        elif prefix == b"\x1ba":
            s.align = _ALIGN_NAMES.get(n, s.align)
        elif prefix == b"\x1b!":  # print mode: bit 3 emphasized, 4 double height, 5 double width
            s.bold, s.height, s.width = bool(n & 0x08), 2 if n & 0x10 else 1, 2 if n & 0x20 else 1
        elif prefix == b"\x1d!":
            s.width, s.height = (n >> 4 & 7) + 1, (n & 7) + 1
        elif prefix in (b"\x1bd", b"\x1bJ"):
            # ESC d n prints the buffer and feeds n lines; ESC J feeds n dots: one line.
            count = max(n, 1) if prefix == b"\x1bd" else 1
            ops.append(self._print_line())
            ops.extend(PrintLine((), s.align) for _ in range(count - 1))
        elif prefix == b"\x1dV":
            if n in _CUT_WITH_FEED:
                if len(self._buf) < 4:
                    return 0
                ops.append(Cut(partial=n in (66, 98, 104)))
                return 4
            ops.append(Cut(partial=n in (1, 49)))
        elif prefix == b"\x10\x04":
            ops.append(StatusRequest(n))
        elif prefix == b"\x1dr":
            ops.append(SensorRequest() if n in (1, 49) else Unknown(prefix + bytes([n])))
        elif prefix == b"\x1dI":
            ops.append(InfoRequest(n))
        return 3

    def _gs_paren(self, ops: list[Op]) -> int:
        # GS ( x pL pH <pL + 256 pH bytes>
        buf = self._buf
        if len(buf) < 5:
            return 0
        total = 5 + buf[3] + 256 * buf[4]
        if len(buf) < total:
            return 0
        if buf[2] == ord("k") and total >= 7 and buf[5] == ord("1"):  # cn 49: QR code
            self._qr_function(buf[6], bytes(buf[7:total]), ops)
        else:  # graphics (GS ( L), other 2D symbols: not rendered
            ops.append(Unknown(bytes(buf[:3])))
        return total

    def _qr_function(self, fn: int, params: bytes, ops: list[Op]) -> None:
        qr_state = self._qr
        if fn == 67 and params:          # module size
            qr_state.module_size = params[0]
        elif fn == 69 and params:        # error correction level
            qr_state.ec = _EC_LEVELS.get(params[0], qr_state.ec)
        elif fn == 80:                   # store: m (0x30), data
            qr_state.data = params[1:]
        elif fn == 81 and qr_state.data:  # print the stored symbol
            ops.append(PrintQR(qr_state.data, qr_state.module_size, qr_state.ec,
                               self._style.align))

    def _raster_image(self, ops: list[Op]) -> int:
        # GS v 0 m xL xH yL yH d1...dk, k = (xL + 256 xH) * (yL + 256 yH): not rendered
        buf = self._buf
        if len(buf) < 8:
            return 0
        total = 8 + (buf[4] + 256 * buf[5]) * (buf[6] + 256 * buf[7])
        if len(buf) < total:
            return 0
        ops.append(Unknown(bytes(buf[:3])))
        return total
