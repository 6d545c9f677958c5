"""Personal data rules: the salted holder hash sent to the hall, and masking in logs.

Logs never contain a full ID number (DESIGN.md). :func:`mask_id_number` rewrites, to
``4401**********1234``:

- 18-character resident ID numbers (17 digits + digit or X), also after a letter
  (``ID440106...``) and in full-width digits (``４４０１...``, ``Ｘ``);
- 15-digit numbers of the first-generation cards (6-digit region, YYMMDD, 3 digits);
- the old foreigner's permanent residence card (3 letters + 12 digits).

A number is only taken for one when no other digit touches it: longer digit runs (order
numbers, epoch microseconds) and shorter ones (ticket numbers, amounts, times, phone
numbers) stay readable. Masking applies to the whole record a handler formats: the
message with its arguments, the traceback (``exc_info``/``exc_text``) and the stack.
:func:`install_log_masking` masks every record the process creates, so handlers added
later (a journald handler, a test's) are covered too.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Callable
from typing import Any

# Full-width forms typed by input methods, matched as their ASCII twins (one character
# for one: positions in the normalised copy are positions in the original).
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
_DIGIT = r"[0-9\uff10-\uff19]"
_BEFORE = rf"(?<!{_DIGIT})"     # \d would also take Arabic-Indic digits etc.: not IDs
_AFTER = rf"(?!{_DIGIT})"
_ID_NUMBER = re.compile(
    _BEFORE + r"(?:"
    # 18 characters: any 17 digits and a check character (a mistyped number is personal
    # data all the same, so the checksum is not asked for).
    r"(?P<head18>\d{4})\d{10}(?P<tail18>\d{3}[\dXx])"
    # 15 digits (first-generation card): region, YYMMDD birth date, sequence. The date
    # must be one, so that other 15-digit numbers (an IMEI...) are mostly left alone.
    r"|(?P<head15>\d{4})(?=\d{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\d{7}(?P<tail15>\d{4})"
    r")" + _AFTER, re.ASCII)
# Foreigner's permanent residence card before 2017: ISO country code + 12 digits.
_RESIDENCE_CARD = re.compile(r"(?<![A-Za-z])(?P<head>[A-Z]{3}\d)\d{7}(?P<tail>\d{4})"
                             + _AFTER, re.ASCII)


def mask_id_number(text: str) -> str:
    """Replace every ID number in ``text`` by its masked form (first four and last four
    characters kept, as typed: full-width stays full-width)."""
    plain = text.translate(_HALF_WIDTH)
    spans = []
    for m in _ID_NUMBER.finditer(plain):
        head, tail = ("head18", "tail18") if m.group("head18") else ("head15", "tail15")
        spans.append((m.start(), m.end(), m.end(head), m.start(tail)))
    for m in _RESIDENCE_CARD.finditer(plain):
        spans.append((m.start(), m.end(), m.end("head"), m.start("tail")))
    if not spans:
        return text
    out, done = [], 0
    for start, end, stars_from, stars_to in sorted(spans):
        if start < done:
            continue
        out += [text[done:stars_from], "*" * (stars_to - stars_from), text[stars_to:end]]
        done = end
    out.append(text[done:])
    return "".join(out)


def masked_number(number: str) -> str:
    """A card number to show on a public screen or a receipt: 4401**********0010; numbers
    that are not 18 characters (a foreigner's permanent residence card) keep only their
    first and last four."""
    masked = mask_id_number(number)
    if masked != number or len(number) <= 8:
        return masked
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def holder_hash(id_number: str, salt: str) -> str:
    """HMAC-SHA256 of the ID number with the hall's salt, hex (hall-api.md ``holder``)."""
    return hmac.new(salt.encode(), id_number.upper().encode(), hashlib.sha256).hexdigest()


def mask_record(record: logging.LogRecord) -> None:
    """Mask ``record`` in place: its message (arguments merged in when it changes), its
    traceback (formatted now, as the handler's formatter would, and kept in ``exc_text``
    where formatters take it from) and its stack. A message whose arguments do not fit
    is left for the handler, whose error path reports it."""
    try:
        message = record.getMessage()
    except Exception:
        message = None
    if message is not None:
        masked = mask_id_number(message)
        if masked != message:
            record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        record.exc_text = _TRACEBACKS.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask_id_number(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_id_number(record.stack_info)


_TRACEBACKS = logging.Formatter()


class MaskingFilter(logging.Filter):
    """A handler filter that masks ID numbers in what the handler will format."""

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


class _MaskingFactory:
    """A log record factory that masks every record ``make`` creates."""

    def __init__(self, make: Callable[..., logging.LogRecord]) -> None:
        self._make = make

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self._make(*args, **kwargs)
        mask_record(record)
        return record


def install_log_masking() -> None:
    """Mask every log record this process creates from now on, whichever logger and
    handler it goes to (those added later too): the record factory masks it. Call once
    at start (the ``kiosk`` CLI does); calling again changes nothing."""
    current = logging.getLogRecordFactory()
    if not isinstance(current, _MaskingFactory):
        logging.setLogRecordFactory(_MaskingFactory(current))
