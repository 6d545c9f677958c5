"""Application forms: one question per ``form`` screen before the confirm screen.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``catalog``,
``_expect`` and ``_go``); no I/O here.
"""
from __future__ import annotations


class FormFlow:
    """See the module doc."""
