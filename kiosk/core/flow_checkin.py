"""Appointment check-in (预约取号): appointments -> issuing -> ticket.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``catalog``,
``_expect`` and ``_go``); no I/O here.
"""
from __future__ import annotations


class CheckinFlow:
    """See the module doc."""
