"""Characters on a GB receipt printer in Chinese mode: the bytes each one is sent as, and
the columns it takes on the paper (hardware.md §4). Shared by the encoder, which sends
the bytes, and the receipt model, which breaks lines to the paper's width."""
from __future__ import annotations

ENCODINGS = ("gb18030", "gbk")

#: Symbols whose GB18030 form takes 4 bytes (or that GBK lacks) mapped to a 2-byte form
#: every GB printer has. hardware.md §4: ¥ comes out as '?' or as a 4-byte sequence that
#: GBK printers misprint; the full-width ￥ (A3 A4) prints everywhere.
SUBSTITUTES = {"¥": "￥", "•": "·", "\u00a0": " "}
#: What a character the printer's encoding cannot express becomes (a rare ideograph of a
#: name in GBK, an emoji): a visible, single-column mark rather than silently nothing.
REPLACEMENT = b"?"


def encode_char(ch: str, encoding: str) -> bytes:
    """``ch`` as sent to the printer: its 1- or 2-byte form, a :data:`SUBSTITUTES` form,
    a 4-byte GB18030 sequence, or :data:`REPLACEMENT`."""
    try:
        raw: bytes | None = ch.encode(encoding)
    except UnicodeEncodeError:
        raw = None
    if raw is not None and len(raw) <= 2:
        return raw
    if ch in SUBSTITUTES:
        return SUBSTITUTES[ch].encode(encoding)
    return raw if raw is not None else REPLACEMENT


def columns_of(ch: str, encoding: str = "gb18030") -> int:
    """Columns ``ch`` takes at magnification 1: 1 for a single-byte character (12 dots of
    font A), 2 for any multi-byte one, which the printer draws from its full-width
    (24-dot) Chinese font."""
    return 1 if len(encode_char(ch, encoding)) == 1 else 2
