"""车船税缴纳 and other payments: pay_items -> paying -> pay_result.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``catalog``,
``_expect`` and ``_go``); no I/O here.
"""
from __future__ import annotations


class PayFlow:
    """See the module doc."""
