"""Personal data rules: the salted holder hash sent to the hall, and masking in logs.

Logs never contain a full ID number (DESIGN.md): :class:`MaskingFilter` rewrites any
18-character resident ID number (17 digits + digit or X) in a log record to
``4401**********1234`` before a handler sees it.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_id_number(text: str) -> str:
    """Replace every ID number in ``text`` by its masked form."""
    return _ID_NUMBER.sub(lambda m: f"{m.group(1)}{'*' * 10}{m.group(2)}", text)


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


class MaskingFilter(logging.Filter):
    """A logging filter that masks ID numbers in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_id_number(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Mask ID numbers on every handler of ``logger`` (the root logger by default)."""
    logger = logger or logging.getLogger()
    for handler in logger.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
