"""What a kind of device declares about itself, for everything that is not its driver:
the options of its ``[devices.NAME]`` table (with their defaults and bounds), how to build
its driver from them, what people call it, and which health-check levels mean something
on it (the technician screen's buttons, with the words saying what each does).

Each ``drivers/<kind>/kind.py`` holds one :class:`DeviceKind` as ``KIND``; the registry
(:mod:`drivers.registry`) lists them. A declaration imports nothing heavy: its ``build``
imports the driver (OpenCV, pyscard, CUPS...) only when a terminal has such a device, its
``simulate`` the simulator only when a simulated terminal (``kiosk run --simulate``, the
demo, the tests) starts one.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .device import Device

log = logging.getLogger(__name__)

_REQUIRED = object()


@dataclass(frozen=True)
class Option:
    """One key of a device's table: its type, its default (none: required) and, for
    numbers, its bounds. ``types`` lists what the key may hold (``(int, str)`` for a camera
    source that is an index or a path); ``None`` is accepted where the default is None."""
    name: str
    types: tuple[type, ...]
    default: Any = _REQUIRED
    minimum: float | None = None
    maximum: float | None = None

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def value(self, raw: Mapping[str, Any]) -> Any:
        """This option's value in ``raw``; ValueError says what is wrong."""
        if self.name not in raw:
            if self.required:
                raise ValueError(f"option {self.name!r} is required")
            return self.default
        value = raw[self.name]
        if value is None and self.default is None:
            return None
        if float in self.types and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        # A bool is an int to Python: only an option of type bool takes one.
        if (isinstance(value, bool) and bool not in self.types) \
                or not isinstance(value, self.types):
            wanted = " or ".join(t.__name__ for t in self.types)
            raise ValueError(f"option {self.name!r} must be {wanted}, not {value!r}")
        if isinstance(value, (int, float)):
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"option {self.name!r} is {value}: at least {self.minimum:g}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"option {self.name!r} is {value}: at most {self.maximum:g}")
        return value


class Stoppable(Protocol):
    def stop(self) -> None: ...


@dataclass(frozen=True)
class Simulated:
    """A simulator started for a simulated terminal, and the device table (``name``,
    ``required``, ``options``) that points a terminal at it."""
    simulator: Stoppable
    name: str
    required: bool
    options: dict[str, Any]


# ``simulate(workdir, card_present, configured)``: start the kind's simulator in
# ``workdir`` (a sample card in it when ``card_present``); ``configured`` holds the
# options of the terminal's real device of this kind, if it has one ({} otherwise).
Simulate = Callable[[Path, bool, Mapping[str, Any]], Simulated]


# The levels every kind offers: its last known status, and asking the device now.
BASE_LEVELS = ("internal", "external")


@dataclass(frozen=True)
class DeviceKind:
    """A kind of device (``idcard``, ``receipt``...): see the module doc.

    ``build(name, options, **common)`` returns the driver; ``options`` are already checked
    against :attr:`options`, ``common`` is what every driver takes (``required``,
    ``counters``). ``simulate``: see :data:`Simulate`. ``checks`` maps each health-check
    level beyond the first to its words ``(zh, en)`` when they say more than "ask the
    device now"; a level is offered when it is in :data:`BASE_LEVELS` or in ``checks``."""
    name: str
    title_zh: str
    title_en: str
    options: tuple[Option, ...]
    build: Callable[..., Device]
    simulate: Simulate
    checks: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def levels(self) -> tuple[str, ...]:
        return BASE_LEVELS + tuple(level for level in self.checks if level not in BASE_LEVELS)

    def parse(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """The options of a ``[devices.NAME]`` table, defaults filled in; ValueError for a
        missing or wrong value. A key this kind does not know is logged and left out, not
        refused: a typo must be seen, but a kiosk.toml kept through an upgrade must not
        stop the terminal from starting."""
        known = {o.name for o in self.options}
        for key in sorted(set(raw) - known):
            log.warning("unknown option %r for a device of kind %s, ignored (known: %s)", key,
                        self.name, ", ".join(sorted(known)))
        return {o.name: o.value(raw) for o in self.options}
