"""JSON as RFC 8259 has it, which Python's ``json`` is more lenient than: no ``NaN`` or
``Infinity`` (Python's ``json.dumps`` writes them by default, so a kiosk bug can send
them), no lone UTF-16 surrogates (``"\\ud800"`` parses but cannot be stored as UTF-8),
and a bounded nesting depth (deeper documents exhaust the recursion limit elsewhere).

:func:`loads` parses leniently, marking non-finite numbers; :func:`problem` then says
what, if anything, is wrong with a value. The batch endpoint uses the pair per
transaction (one bad transaction is rejected, not the batch); other bodies are checked
whole by the body middleware.
"""
from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 64


class _NonFinite:
    def __repr__(self) -> str:
        return "NaN/Infinity"


NON_FINITE = _NonFinite()


def _float(text: str) -> float | _NonFinite:
    value = float(text)
    return value if math.isfinite(value) else NON_FINITE


def loads(body: bytes | str) -> Any:
    """``json.loads`` that marks NaN, Infinity and overflowing floats as
    :data:`NON_FINITE`; raises ``ValueError`` for what is not JSON at all (including
    nesting beyond the interpreter's recursion limit)."""
    try:
        return json.loads(body, parse_constant=lambda _: NON_FINITE, parse_float=_float)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def problem(value: Any, max_depth: int = MAX_DEPTH) -> str | None:
    """Why ``value`` is not storable JSON, or ``None`` when it is."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            return f"nested deeper than {max_depth} levels"
        if item is NON_FINITE:
            return "NaN and Infinity are not JSON"
        if isinstance(item, str):
            texts = [item]
        elif isinstance(item, dict):
            texts = list(item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            texts = []
            stack.extend((v, depth + 1) for v in item)
        else:
            continue
        for text in texts:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return "a string holds a lone UTF-16 surrogate"
    return None
