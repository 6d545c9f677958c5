"""The citizen's screens and the flow kinds, declared once: the vocabulary the flow
(:mod:`kiosk.core.flow` and its mixins), the catalog and the UI share. No I/O, and it
imports nothing of the domain, so every flow module may import it.

Adding a flow kind: its row in :data:`FLOW_KINDS` (where the tile leads, where the card
leads, what back from the identify screen returns to, whether it records anything), the
screens it adds to :class:`Screen`, its mixin in ``kiosk/core/flow_<kind>.py``, and its
UI part (docs/ARCHITECTURE.md, "Adding a service").
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Screen(enum.StrEnum):
    ATTRACT = "attract"
    HOME = "home"
    CATEGORY = "category"
    KIND = "kind"
    IDENTIFY = "identify"
    ISSUING = "issuing"
    TICKET = "ticket"
    PICKUP_CODE = "pickup_code"
    OPENING = "opening"
    PICKUP_RESULT = "pickup_result"
    PRINTING = "printing"
    PRINTED = "printed"
    CONFIRM = "confirm"
    QUERYING = "querying"
    RESULTS = "results"
    SUBMITTED = "submitted"
    GUIDES = "guides"
    GUIDE_DETAIL = "guide_detail"
    PAY_ITEMS = "pay_items"
    PAYING = "paying"
    PAY_RESULT = "pay_result"
    FORM = "form"
    APPOINTMENTS = "appointments"
    RATING = "rating"
    RATING_REASON = "rating_reason"


class FlowError(RuntimeError):
    """A method was called on a screen where it makes no sense (a UI bug)."""


@dataclass(frozen=True)
class FlowKind:
    """One way through a service (the catalog's ``flow``)."""
    first: Screen                       # where the service's tile leads
    after_card: Screen | None           # where a successful identification leads
    back_from_identify: Screen | None   # what back on the identify screen returns to
    records: bool = True                # writes something: refused on a full disk


FLOW_KINDS: dict[str, FlowKind] = {
    "ticket": FlowKind(Screen.CATEGORY, Screen.ISSUING, Screen.KIND),
    "pickup": FlowKind(Screen.PICKUP_CODE, Screen.OPENING, Screen.PICKUP_CODE),
    "print": FlowKind(Screen.IDENTIFY, Screen.PRINTING, Screen.HOME),
    "guide": FlowKind(Screen.GUIDES, None, None, records=False),
    "apply": FlowKind(Screen.IDENTIFY, Screen.CONFIRM, Screen.HOME),
    "query": FlowKind(Screen.IDENTIFY, Screen.QUERYING, Screen.HOME, records=False),
    "pay": FlowKind(Screen.IDENTIFY, Screen.PAY_ITEMS, Screen.HOME),
    "checkin": FlowKind(Screen.IDENTIFY, Screen.APPOINTMENTS, Screen.HOME),
}
FLOWS = tuple(FLOW_KINDS)
