"""Which services and ticket kinds can run now, and if not, why.

A device that fails takes out of service only what needs it. Reasons are stable codes
(``printer_paper_out``...) that the UI turns into translated sentences such as
"打印机缺纸，请到窗口办理": the citizen is told before choosing, never after.

Identification counts too: a service is out when none of the ways it accepts to identify
the citizen can work now (e.g. both card readers down), with the reason of the way it
prefers (the first in the catalog's ``identity`` list).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drivers.base import DeviceState, DeviceStatus

from .catalog import Service, TicketKind

# The device kinds each identification method needs: identify's own table, so that what
# the home screen offers and what the identify screen can run never disagree.
from .identify import METHOD_DEVICES, plan


@dataclass(frozen=True)
class Availability:
    available: bool
    reason: str | None = None   # code, see reason_for()


AVAILABLE = Availability(True)


def reason_for(status: DeviceStatus | None, prefix: str) -> str:
    """A reason code for an unusable device: ``<prefix>_<cause>``."""
    if status is None or status.state == DeviceState.NO_DEVICE:
        return f"{prefix}_missing"
    if status.error is not None and status.error.code in ("paper_out", "cover_open", "paper_jam"):
        return f"{prefix}_{status.error.code}"
    if status.consumables.get("paper") == "out":
        return f"{prefix}_paper_out"
    if status.state in (DeviceState.OFFLINE, DeviceState.POWER_OFF):
        return f"{prefix}_offline"
    return f"{prefix}_error"


# Reason codes start with the device's kind, except the receipt printer's, which the
# citizen knows simply as "the printer".
_PREFIX = {"receipt": "printer"}


def _device_reason(kind: str, statuses: Mapping[str, DeviceStatus]) -> str | None:
    """None when a device of ``kind`` is usable, else the reason code. With several
    devices of one kind (two lockers buses), one usable device is enough."""
    of_kind = [s for s in statuses.values() if s.kind == kind]
    if any(s.usable for s in of_kind):
        return None
    return reason_for(of_kind[0] if of_kind else None, _PREFIX.get(kind, kind))


def identity_reason(identity: str | Iterable[str],
                    statuses: Mapping[str, DeviceStatus]) -> str | None:
    """None when the citizen can identify the way ``identity`` asks (a catalog list or a
    ticket kind's string, see :func:`kiosk.core.identify.plan`); else the reason code of
    the preferred method when no method can work now, or ``identity_unsupported`` when
    this terminal knows none of them. Identification that may be skipped never blocks."""
    wanted = plan(identity)
    if wanted.optional:
        return None
    # Face verification needs the camera besides the ID card reader.
    extra = METHOD_DEVICES["face"] if wanted.verify_face else ()
    reasons = []
    for method in wanted.methods:
        down = [r for r in (_device_reason(kind, statuses)
                            for kind in METHOD_DEVICES[method] + extra) if r]
        if not down:
            return None
        reasons.append(down[0])
    return reasons[0] if reasons else "identity_unsupported"


def service_availability(service: Service, statuses: Mapping[str, DeviceStatus]) -> Availability:
    """``service.devices`` lists device *kinds* (catalog data is the same on every
    terminal model; which device of that kind a terminal has is configuration); then
    the ways to identify (:func:`identity_reason`)."""
    for kind in service.devices:
        reason = _device_reason(kind, statuses)
        if reason:
            return Availability(False, reason)
    reason = identity_reason(service.identity, statuses)
    return Availability(False, reason) if reason else AVAILABLE


def kind_availability(kind: TicketKind, statuses: Mapping[str, DeviceStatus]) -> Availability:
    """A kind that requires an ID card is out when the reader is; consultation is not."""
    reason = identity_reason(kind.identity, statuses)
    return Availability(False, reason) if reason else AVAILABLE
