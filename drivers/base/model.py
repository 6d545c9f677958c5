"""Value types of the device model: states, consumables, errors and reports.

Every error carries the action a technician (or the software) should take, so the UI
and ``kiosk diag`` can say what to do instead of only what went wrong.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class DeviceState(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """Where a device stands. Only ``ONLINE`` means it can serve a citizen now."""

    ONLINE = "online"
    OFFLINE = "offline"            # known device that does not answer (cable, power, port gone)
    NO_DEVICE = "no_device"        # nothing configured / the port never existed
    BUSY = "busy"                  # serving a request; callers should wait, not fail
    HARDWARE_ERROR = "hardware_error"
    USER_ERROR = "user_error"      # fixable on site: paper out, cover open, door left open
    POWER_OFF = "power_off"


class Action(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """What to do about an error (XFS4IoT's recommended action, simplified)."""

    NONE = "none"
    RETRY = "retry"                # transient: try the same thing again
    RESET = "reset"                # reset / reopen the device
    CLEAR = "clear"                # a person on site fixes it: load paper, close the cover
    MAINTENANCE = "maintenance"    # needs a technician or a replacement part


class Paper(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """Paper supply of a printer."""

    FULL = "full"
    LOW = "low"
    OUT = "out"
    JAMMED = "jammed"
    UNKNOWN = "unknown"


class HealthLevel(str, enum.Enum):  # noqa: UP042  (StrEnum changes str(member))
    """How deep a health check goes: internal (no side effect), external (talks to the
    device), interactive (needs a person: prints a page, asks for a card)."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    INTERACTIVE = "interactive"


class DeviceError(Exception):
    """A device failure the caller can act on.

    ``code`` is a stable machine-readable identifier (e.g. ``paper_out``), ``message`` a
    plain-language explanation for technicians, ``action`` the recommended remedy and
    ``state`` the device state the failure implies.
    """

    def __init__(self, code: str, message: str, *, action: Action = Action.RETRY,
                 state: DeviceState = DeviceState.HARDWARE_ERROR) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.action = action
        self.state = state

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "action": self.action.value,
                "state": self.state.value}

    def __repr__(self) -> str:
        return f"DeviceError({self.code!r}, {self.message!r}, action={self.action.value})"


@dataclass(frozen=True)
class DeviceInfo:
    """Identity of the physical device, as far as it tells."""

    model: str | None = None
    serial: str | None = None
    firmware: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"model": self.model, "serial": self.serial, "firmware": self.firmware}


@dataclass(frozen=True)
class DeviceStatus:
    """A snapshot of one device: immutable, safe to hand across threads."""

    name: str
    kind: str
    state: DeviceState
    required: bool = False
    consumables: dict[str, str] = field(default_factory=dict)
    error: DeviceError | None = None

    @property
    def usable(self) -> bool:
        return self.state in (DeviceState.ONLINE, DeviceState.BUSY)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "state": self.state.value,
                "required": self.required, "consumables": dict(self.consumables),
                "error": self.error.to_dict() if self.error else None}


@dataclass
class HealthReport:
    """Result of ``Device.health_check``: ``ok`` plus what was checked and found."""

    ok: bool
    level: HealthLevel
    details: dict[str, Any] = field(default_factory=dict)
    error: DeviceError | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "level": self.level.value, "details": self.details,
                "error": self.error.to_dict() if self.error else None}
