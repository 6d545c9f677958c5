"""The base class every driver derives from.

Contract:
- ``open()``/``close()``/``probe()`` are the driver's primitives (compare python-escpos:
  a transport implements only a few primitives and the rest is shared). ``open`` and
  ``probe`` raise :class:`DeviceError` when the device is absent or fails.
- ``poll()`` is what the supervisor calls: it reopens a device that is not connected,
  probes a connected one, never raises, never waits for a device operation in progress
  (it reports the last known status instead), and returns the new status.
- Device operations (read a card, print) run under ``self.io_lock`` so a poll never
  interleaves bytes with them. They call ``self.connection_lost(err)`` when the transport
  vanished so that the next poll reopens it.
- Status changes are pushed to listeners (the supervisor) as they happen.
- Usage counters never raise into an operation: a store that cannot be written is
  reported on ``counters.storage_error`` (see :mod:`drivers.base.counters`).
- A trouble (a status with an error) is logged once when it starts and once when it ends
  (:mod:`drivers.base.once`), however many polls see it; every line a driver writes about
  its device carries ``extra=self.log_extra``, the device's name in the journal field
  ``KIOSK_DEVICE``.
"""
from __future__ import annotations

import abc
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import ClassVar

from .counters import UsageCounters
from .model import (
    Action,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
)
from .once import Ongoing

StatusListener = Callable[[DeviceStatus, DeviceStatus], None]

#: The log record attribute naming the device a line is about: the journal handler
#: (kiosk/core/journal.py) writes every ``kiosk_*`` attribute as a field, this one as
#: ``KIOSK_DEVICE`` (``journalctl -t kiosk KIOSK_DEVICE=receipt``).
DEVICE_FIELD = "kiosk_device"


class Device(abc.ABC):
    """A device on the terminal. Subclasses set ``kind`` and implement the primitives."""

    kind: ClassVar[str] = "device"

    def __init__(self, name: str, *, required: bool = False,
                 counters: UsageCounters | None = None) -> None:
        self.name = name
        self.required = required
        self.counters = counters if counters is not None else UsageCounters(None)
        self.io_lock = threading.RLock()
        self._connected = False
        self._listeners: list[StatusListener] = []
        self._status_lock = threading.Lock()
        self._status = DeviceStatus(name, self.kind, DeviceState.OFFLINE, required)
        #: ``extra=`` for a log line about this device (see :data:`DEVICE_FIELD`).
        self.log_extra = {DEVICE_FIELD: name}
        # Its driver's logger: the technician's log view picks a kind's lines by it.
        self._troubles = Ongoing(logging.getLogger(type(self).__module__),
                                 extra=self.log_extra)

    # -- primitives -------------------------------------------------------------------
    @abc.abstractmethod
    def open(self) -> None:
        """Connect to the device; raise DeviceError when it is not there."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the transport. Must not raise."""

    @abc.abstractmethod
    def probe(self) -> DeviceStatus:
        """Ask the connected device how it is; return the status (via ``set_status``)."""

    def info(self) -> DeviceInfo:
        return DeviceInfo()

    # -- shared behaviour ---------------------------------------------------------------
    @property
    def status(self) -> DeviceStatus:
        return self._status

    @property
    def connected(self) -> bool:
        return self._connected

    def add_listener(self, listener: StatusListener) -> None:
        self._listeners.append(listener)

    def set_status(self, state: DeviceState, *, error: DeviceError | None = None,
                   consumables: dict[str, str] | None = None) -> DeviceStatus:
        """Record a new status and tell listeners when anything visible changed."""
        with self._status_lock:
            old = self._status
            new = DeviceStatus(self.name, self.kind, state, self.required,
                               dict(old.consumables if consumables is None else consumables),
                               error)
            changed = (old.state, old.consumables, _err_key(old.error)) != (
                new.state, new.consumables, _err_key(new.error))
            self._status = new
        self._log_trouble(new)
        if changed:
            for listener in list(self._listeners):
                with contextlib.suppress(Exception):  # a faulty listener must not break the device
                    listener(old, new)
        return new

    def _log_trouble(self, status: DeviceStatus) -> None:
        """Each error code once when it starts and once when it ends (another code, or
        none: a later status that carries no error ends it)."""
        err = status.error
        for code in self._troubles.active:
            if err is None or err.code != code:
                self._troubles.over(code, "%s: %s over, now %s", self.name, code,
                                    status.state.value)
        if err is not None:
            self._troubles.happening(err.code, "%s: %s: %s (%s; action: %s)", self.name,
                                     status.state.value, err.message, err.code,
                                     err.action.value)

    def ensure_open(self) -> None:
        """Open the device if it is not connected (raises DeviceError)."""
        if not self._connected:
            self.open()
            self._connected = True

    def connection_lost(self, err: DeviceError) -> None:
        """The transport vanished (unplugged, port gone): close it; the next poll reopens."""
        self._connected = False
        try:
            self.close()
        finally:
            self.counters.increment("errors")
            self.set_status(err.state, error=err)

    def poll(self) -> DeviceStatus:
        """Reopen or probe the device; never raises, never blocks on a running operation."""
        if not self.io_lock.acquire(blocking=False):
            return self._status
        try:
            self.ensure_open()
            return self.probe()
        except DeviceError as err:
            if err.state in (DeviceState.OFFLINE, DeviceState.NO_DEVICE, DeviceState.POWER_OFF):
                self._connected = False
                self.close()
            return self.set_status(err.state, error=err)
        except Exception as exc:  # a driver bug must not kill the supervisor
            self._connected = False
            self.close()
            return self.set_status(DeviceState.HARDWARE_ERROR, error=DeviceError(
                "driver_failure", f"{type(exc).__name__}: {exc}", action=Action.RESET))
        finally:
            self.io_lock.release()
            # Counts a full disk kept in memory are retried here too, so they land once
            # space returns even when the device is idle.
            self.counters.flush_if_due()

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, **options) -> HealthReport:
        """Internal: the last known status. External and above: poll the device now.
        Drivers with a physical check (print a page, read a card) override this; their
        ``options`` (a door to open, a wait's ``timeout`` and ``cancel`` event) are named
        in the override and ignored here."""
        status = self._status if level == HealthLevel.INTERNAL else self.poll()
        return HealthReport(ok=status.usable, level=level,
                            details={"state": status.state.value,
                                     "consumables": dict(status.consumables)},
                            error=status.error)


def _err_key(err: DeviceError | None) -> tuple[str, str] | None:
    return (err.code, err.message) if err else None
