"""The supervisor: polls every device on its own thread and reconnects what came back.

After the Odoo IoT box's loop: devices appear and disappear, and the application never
restarts for it. Status changes are delivered to subscribers as :class:`DeviceEvent` on
the supervisor's thread (or the thread of the operation that changed the status);
a GUI must marshal them to its own thread.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from .device import Device
from .model import DeviceStatus


@dataclass(frozen=True)
class DeviceEvent:
    """One device changed state, consumables or error."""

    name: str
    old: DeviceStatus
    new: DeviceStatus
    at: float  # time.time()


Subscriber = Callable[[DeviceEvent], None]


class Supervisor:
    """Polls devices every ``interval`` seconds on a daemon thread."""

    def __init__(self, devices: Iterable[Device] = (), *, interval: float = 1.0) -> None:
        self.interval = interval
        self._devices: dict[str, Device] = {}
        self._subscribers: list[Subscriber] = []
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        #: Set once every device was polled (the app tells systemd it is ready after that).
        self.polled = threading.Event()
        for d in devices:
            self.add(d)

    def add(self, device: Device) -> None:
        self._devices[device.name] = device
        device.add_listener(lambda old, new, _n=device.name: self._emit(_n, old, new))

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` on every status change; returns an unsubscribe function."""
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def device(self, name: str) -> Device:
        return self._devices[name]

    @property
    def devices(self) -> list[Device]:
        return list(self._devices.values())

    def statuses(self) -> dict[str, DeviceStatus]:
        return {name: d.status for name, d in self._devices.items()}

    def poll_once(self) -> dict[str, DeviceStatus]:
        return {name: d.poll() for name, d in list(self._devices.items())}

    def poll_soon(self) -> None:
        """Ask for a poll now rather than at the next interval (e.g. after an error)."""
        self._wake.set()

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="device-supervisor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
        for d in self._devices.values():
            d.counters.flush()

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            self.poll_once()
            self.polled.set()
            self._wake.wait(max(0.0, self.interval - (time.monotonic() - started)))
            self._wake.clear()

    def _emit(self, name: str, old: DeviceStatus, new: DeviceStatus) -> None:
        event = DeviceEvent(name, old, new, time.time())
        for s in list(self._subscribers):
            try:
                s(event)
            except Exception:
                pass
