"""JSON as RFC 8259 has it, which Python's ``json`` is more lenient than: no ``NaN`` or
``Infinity`` (Python's ``json.dumps`` writes them by default, so a kiosk bug can send
them), no lone UTF-16 surrogates (``"\\ud800"`` parses but cannot be stored as UTF-8),
a bounded nesting depth (deeper documents exhaust the recursion limit elsewhere), and
integers a 64-bit store holds (SQLite's INTEGER; beyond it an insert raises, and beyond
4,300 digits Python's ``json`` refuses the whole document).

:func:`loads` parses leniently; :func:`problem` then says what, if anything, is wrong
with a value, as a :class:`Problem` (a stable code and a message): a non-finite float or
an integer beyond 64 bits as Python's parser gives them, or the markers :func:`loads`
puts in their place when that parser refuses the document (an integer of more than
4,300 digits). The batch endpoint uses the pair per
transaction (one bad transaction is rejected, not the batch); other bodies are checked
whole by the body middleware.
"""
from __future__ import annotations

import json
import math
from typing import Any, NamedTuple

MAX_DEPTH = 64
INT_MIN, INT_MAX = -2**63, 2**63 - 1
# More digits than INT_MAX has is out of range whatever they say: not converted at all
# (Python's int-digit limit would fail the whole document).
_MAX_INT_CHARS = len(str(INT_MIN))


class Problem(NamedTuple):
    code: str           # malformed_json | number_out_of_range
    message: str


class _NonFinite:
    def __repr__(self) -> str:
        return "NaN/Infinity"


NON_FINITE = _NonFinite()


class _OutOfRange:
    def __repr__(self) -> str:
        return "an integer beyond 64 bits"


OUT_OF_RANGE = _OutOfRange()


def _float(text: str) -> float | _NonFinite:
    value = float(text)
    return value if math.isfinite(value) else NON_FINITE


def _int(text: str) -> int | _OutOfRange:
    if len(text) > _MAX_INT_CHARS:
        return OUT_OF_RANGE
    value = int(text)
    return value if INT_MIN <= value <= INT_MAX else OUT_OF_RANGE


def loads(body: bytes | str) -> Any:
    """``json.loads``, lenient: NaN, Infinity and overflowing floats come back as
    non-finite floats, integers beyond 64 bits as they are; when an integer is too long
    for Python's parser at all, the document is parsed again with those numbers as
    :data:`OUT_OF_RANGE` (and non-finite ones as :data:`NON_FINITE`). Raises
    ``ValueError`` for what is not JSON (including nesting beyond the interpreter's
    recursion limit)."""
    try:
        # The plain parser first: the C scanner runs without calling back into Python
        # for every number (the hooks below cost a sixth of a busy hall's time).
        return json.loads(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError:
        pass                # not JSON, or an integer past Python's digit limit: see below
    try:
        return json.loads(body, parse_constant=lambda _: NON_FINITE, parse_float=_float,
                          parse_int=_int)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def problem(value: Any, max_depth: int = MAX_DEPTH) -> Problem | None:
    """Why ``value`` is not storable JSON, or ``None`` when it is; a number out of range
    is named by its path (``payload.seq``)."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, ())]
    texts: list[str] = []
    while stack:
        item, path = stack.pop()
        if len(path) > max_depth:
            return Problem("malformed_json", f"nested deeper than {max_depth} levels")
        kind = type(item)
        if item is NON_FINITE or (kind is float and not math.isfinite(item)):
            return Problem("malformed_json", "NaN and Infinity are not JSON")
        if item is OUT_OF_RANGE or (kind is int and not INT_MIN <= item <= INT_MAX):
            where = ".".join(path) or "the body"
            return Problem("number_out_of_range",
                           f"{where} is an integer outside {INT_MIN}..{INT_MAX}")
        if kind is str:
            texts.append(item)
        elif kind is dict:
            texts.extend(item)
            stack.extend((v, (*path, k)) for k, v in item.items())
        elif kind is list:
            stack.extend((v, (*path, str(i))) for i, v in enumerate(item))
    try:
        # One encode for every string: a surrogate stays one however they are joined.
        "\n".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return Problem("malformed_json", "a string holds a lone UTF-16 surrogate")
    return None
