"""The kinds of device this software drives, in one place: the command line (``kiosk diag``,
``kiosk sim``), the devices of a terminal's configuration, the simulated terminal, the
health line and the technician screens all read them from here.

Adding a kind: a subpackage ``drivers/<kind>/`` with its codec, driver, simulator, ``cli``
and a ``kind.py`` declaring ``KIND`` (drivers/base/kind.py), and its name in
:data:`KINDS` (docs/ARCHITECTURE.md, "Adding a device kind"). :func:`register` adds one
from elsewhere (the test suite's own kind).
"""
from __future__ import annotations

import importlib

from drivers.base.kind import DeviceKind

# In the order a terminal's devices are listed (and simulated).
KINDS = ("idcard", "sscard", "camera", "receipt", "docprinter", "locker")

_extra: dict[str, DeviceKind] = {}


def names() -> tuple[str, ...]:
    return KINDS + tuple(_extra)


def kind(name: str) -> DeviceKind:
    """The declaration of kind ``name``; ValueError for one this software does not know."""
    if name in _extra:
        return _extra[name]
    if name not in KINDS:
        raise ValueError(f"unknown device kind {name!r} (known: {', '.join(names())})")
    found: DeviceKind = importlib.import_module(f"drivers.{name}.kind").KIND
    return found


def register(declared: DeviceKind) -> None:
    """Add a kind that does not live in drivers/ (a test's); a name taken is refused."""
    if declared.name in names():
        raise ValueError(f"device kind {declared.name!r} is already registered")
    _extra[declared.name] = declared


def unregister(name: str) -> None:
    """Remove a kind :func:`register` added (tests clean up after themselves)."""
    _extra.pop(name, None)
