"""The session's timeouts as the hall sets them: ``timeouts`` in the kiosk's config
(hall-api.md "Catalog, config, guides"), over the terminal's own ``[session]`` settings.

``{"session_s": 90, "warning_s": 20, "card_wait_s": 30}``: how long a screen waits for a
touch, how long ahead the "are you still there?" warning comes, how long a card reader
waits. A value outside what a citizen can live with (a 5-second session, a warning
longer than the session) is refused on its own and the terminal's value kept; keys this
terminal does not use (``payment_wait_s``: the payment's own expiry rules) are ignored.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from .config import SessionSettings

# key in the hall's config -> (SessionSettings field, lowest, highest) in seconds
_LIMITS = {"session_s": ("timeout_s", 30.0, 900.0),
           "warning_s": ("warning_s", 5.0, 120.0),
           "card_wait_s": ("card_wait_s", 10.0, 300.0)}


def merge(local: SessionSettings, config: Any) -> tuple[SessionSettings, tuple[str, ...]]:
    """(the settings to use, what was refused) from the terminal's settings and the
    kiosk config document (None or junk: the terminal's own)."""
    timeouts = config.get("timeouts") if isinstance(config, dict) else None
    if timeouts is None:
        return local, ()
    if not isinstance(timeouts, dict):
        return local, ("timeouts: not an object: the terminal's own are used",)
    changes, problems = {}, []
    for key, (field, low, high) in _LIMITS.items():
        value = timeouts.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not low <= value <= high:
            problems.append(f"timeouts: {key} = {value!r} is not between {low:g} and "
                            f"{high:g} seconds: the terminal's own is used")
            continue
        changes[field] = float(value)
    merged = replace(local, **changes)
    if merged.warning_s >= merged.timeout_s:
        problems.append(f"timeouts: the warning ({merged.warning_s:g} s) must come before "
                        f"the end of the session ({merged.timeout_s:g} s): the terminal's "
                        "own are used")
        merged = replace(merged, timeout_s=local.timeout_s, warning_s=local.warning_s)
    return merged, tuple(problems)
