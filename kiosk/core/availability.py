"""Which services and ticket kinds can run now, and if not, why.

A device that fails takes out of service only what needs it. Reasons are stable codes
(``printer_paper_out``...) that the UI turns into translated sentences such as
"打印机缺纸，请到窗口办理": the citizen is told before choosing, never after.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from drivers.base import DeviceState, DeviceStatus

from .catalog import Service, TicketKind


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


def service_availability(service: Service, statuses: Mapping[str, DeviceStatus]) -> Availability:
    """``service.devices`` lists device *kinds* (catalog data is the same on every
    terminal model; which device of that kind a terminal has is configuration)."""
    for kind in service.devices:
        reason = _device_reason(kind, statuses)
        if reason:
            return Availability(False, reason)
    return AVAILABLE


def kind_availability(kind: TicketKind, statuses: Mapping[str, DeviceStatus]) -> Availability:
    """A kind that requires an ID card is out when the reader is; consultation is not."""
    if kind.needs_identity:
        reason = _device_reason("idcard", statuses)
        if reason:
            return Availability(False, reason)
    return AVAILABLE
