"""A printer-independent receipt: what to print, not how.

Kiosk flows build a :class:`Receipt` from a few elements; the driver encodes it for the
configured printer (``protocol.encode_receipt``). ``Receipt.plain_text()`` is the same
content as text (for logs, screen readers and tests): the simulator's decoded text of a
printed receipt equals it, except for the symbols the encoder substitutes (``¥`` -> ``￥``).

Text is printed line by line: ``\\n`` starts a new line and every other control character
is dropped, because on the wire it would be read as a printer command. A line wider than
the paper is broken (:func:`wrap`) before it is sent: the printer itself would break it
at the paper's edge, in the middle of a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .charset import columns_of

Align = Literal["left", "center", "right"]
ALIGNS: tuple[str, ...] = ("left", "center", "right")

#: Longest QR payload: version 40 at error correction level M in byte mode (ISO/IEC 18004).
QR_MAX_BYTES = 2331

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(line: str) -> str:
    """``line`` without control characters (they would be ESC/POS commands on the wire)."""
    return _CONTROL.sub("", line)


# Line breaking rules of Chinese typesetting (W3C "Requirements for Chinese Text Layout",
# 禁则), the common subset: closing punctuation never begins a line, opening brackets and
# quotes never end one.
NO_LINE_START = frozenset("，。、；：？！）］｝」』】》〉〕”’…—·％,.;:?!)]}%")
NO_LINE_END = frozenset("（［｛「『【《〈〔“‘([{")
# What breaks into pieces: runs of spaces, runs of single-column characters (a word, a
# number, a URL) and any other character alone (an ideograph).
_PIECE = re.compile(r" +|[\x21-\x7e]+|.")


def wrap(line: str, columns: int, encoding: str = "gb18030") -> list[str]:
    """``line`` broken into lines of at most ``columns`` printer columns
    (:func:`.charset.columns_of`), for a printer with that ``encoding``.

    A line that fits is returned as it is. Otherwise lines break at spaces, which are
    dropped at the break, and between ideographs, never before closing punctuation nor
    after an opening bracket (:data:`NO_LINE_START`, :data:`NO_LINE_END`); a word longer
    than a line is broken where the line is full.
    """
    def width(text: str) -> int:
        return sum(columns_of(ch, encoding) for ch in text)

    if width(line) <= columns:
        return [line]
    pieces: list[str] = []
    for piece in _PIECE.findall(line):
        if pieces and not pieces[-1].isspace() and not piece.isspace() and (
                piece[0] in NO_LINE_START or pieces[-1][-1] in NO_LINE_END):
            pieces[-1] += piece      # held together: no break between them
        else:
            pieces.append(piece)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if width(current + piece) <= columns:
            current += piece
            continue
        if current.strip():
            lines.append(current.rstrip(" "))
        current = ""
        if piece.isspace():
            continue
        while width(piece) > columns:
            cut = 1
            while width(piece[:cut + 1]) <= columns:
                cut += 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        current = piece
    return [*lines, current] if current or not lines else lines


def _check_align(align: str) -> None:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")


@dataclass(frozen=True)
class Text:
    """One or more lines of text. ``width``/``height`` are character magnifications 1-8."""

    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    align: Align = "left"

    def __post_init__(self) -> None:
        _check_align(self.align)
        if not (1 <= self.width <= 8 and 1 <= self.height <= 8):
            raise ValueError("width and height must be between 1 and 8")

    def lines(self, columns: int | None = None, encoding: str = "gb18030") -> list[str]:
        """The lines as printed: split at ``\\n``, control characters removed and, given
        the paper's ``columns``, each one wrapped (:func:`wrap`) to what fits at this
        text's width magnification."""
        lines = [printable(line) for line in self.text.split("\n")]
        if columns is None:
            return lines
        fits = max(1, columns // self.width)
        return [part for line in lines for part in wrap(line, fits, encoding)]


@dataclass(frozen=True)
class QR:
    """A QR code (model 2, error correction M) of ``data``; ``size`` is the module size in
    printer dots (1-16). Centred unless told otherwise."""

    data: str
    size: int = 6
    align: Align = "center"

    def __post_init__(self) -> None:
        _check_align(self.align)
        if not 1 <= self.size <= 16:
            raise ValueError("QR module size must be between 1 and 16")
        if not self.data or len(self.data.encode("utf-8")) > QR_MAX_BYTES:
            raise ValueError(f"QR data must be 1 to {QR_MAX_BYTES} bytes of UTF-8")


@dataclass(frozen=True)
class Feed:
    """Blank paper: ``lines`` empty lines (1-255)."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.lines <= 255:
            raise ValueError("Feed lines must be between 1 and 255")


@dataclass(frozen=True)
class Rule:
    """A line of dashes across the paper; its length is the printer's width in columns."""


Element = Text | QR | Feed | Rule


@dataclass
class Receipt:
    """An ordered list of elements, printed top to bottom and cut after the last one."""

    elements: list[Element] = field(default_factory=list)

    def add(self, *elements: Element) -> Receipt:
        """Append elements; returns the receipt so calls can be chained."""
        self.elements.extend(elements)
        return self

    def plain_text(self, columns: int = 32, encoding: str = "gb18030") -> str:
        """The receipt as text: one line per printed line (wrapped to ``columns`` as a
        printer with that ``encoding`` gets them), ``[QR] data`` for a QR code,
        ``columns`` dashes for a rule, trailing blank lines (paper fed before the cut)
        dropped."""
        lines: list[str] = []
        for element in self.elements:
            if isinstance(element, Text):
                lines.extend(element.lines(columns, encoding))
            elif isinstance(element, QR):
                lines.append(qr_text(element.data))
            elif isinstance(element, Feed):
                lines.extend([""] * element.lines)
            else:
                lines.append("-" * columns)
        return "\n".join(lines).rstrip("\n")


def qr_text(data: str) -> str:
    """How a QR code appears in the plain text of a receipt."""
    return f"[QR] {data}"
