"""Conditions that last, logged once when they start and once when they end.

A device that keeps failing is polled every second, a camera frame that cannot be read is
tried again at every frame: a line per sighting floods the journal and hides the lines
that matter. A place that sees such a condition tells an :class:`Ongoing` instead, at
every sighting: ``happening(key, msg, *args)`` logs only the first one, ``over(key, msg,
*args)`` logs only if the condition was happening, with how long it lasted and how many
times it was seen. A key names one condition (an error code, a file); several may be
ongoing at once. The lines carry the ``extra`` given at construction (e.g. the device's
journal field, :data:`drivers.base.device.DEVICE_FIELD`) and the caller's file and line.

Thread-safe: a device's polling thread and an operation's thread may both report.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass
class _Sighting:
    since: float     # time.monotonic() of the first sighting
    count: int


class Ongoing:
    """The conditions now happening for one subject (a device, a file), logged to
    ``logger``: the start at ``level``, the end at ``end_level``."""

    def __init__(self, logger: logging.Logger, *, level: int = logging.WARNING,
                 end_level: int = logging.INFO, extra: Mapping[str, Any] | None = None) -> None:
        self._log = logger
        self._level = level
        self._end_level = end_level
        self._extra = dict(extra or {})
        self._lock = threading.Lock()
        self._now: dict[Hashable, _Sighting] = {}

    @property
    def active(self) -> tuple[Hashable, ...]:
        """The keys of the conditions happening now, oldest first."""
        with self._lock:
            return tuple(self._now)

    def happening(self, key: Hashable, msg: str, *args: Any, exc_info: bool = False) -> bool:
        """``key`` is seen (again): logged only when it was not happening (with the
        exception being handled when ``exc_info``); True then."""
        with self._lock:
            sighting = self._now.get(key)
            if sighting is not None:
                sighting.count += 1
                return False
            self._now[key] = _Sighting(time.monotonic(), 1)
        self._log.log(self._level, msg, *args, exc_info=exc_info, extra=self._extra,
                      stacklevel=2)
        return True

    def over(self, key: Hashable, msg: str, *args: Any) -> bool:
        """``key`` is no more: logged, with its duration and count, only when it was
        happening; True then."""
        with self._lock:
            sighting = self._now.pop(key, None)
        if sighting is None:
            return False
        self._log.log(self._end_level, msg + " (for %.0f s, seen %d times)", *args,
                      time.monotonic() - sighting.since, sighting.count,
                      extra=self._extra, stacklevel=2)
        return True
