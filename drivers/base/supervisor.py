"""The supervisor: polls each device on a thread of its own and reconnects what came back.

After the Odoo IoT box's loop: devices appear and disappear, and the application never
restarts for it. Status changes are delivered to subscribers as :class:`DeviceEvent` on
the device's polling thread (or the thread of the operation that changed the status);
a GUI must marshal them to its own thread.
"""
from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    """Polls every device every ``interval`` seconds, each on a daemon thread of its own,
    so a slow probe (a camera, a printer that does not answer, a slow CUPS) delays only
    the device it belongs to. A device added while running gets its thread at once."""

    def __init__(self, devices: Iterable[Device] = (), *, interval: float = 1.0) -> None:
        self.interval = interval
        self._devices: dict[str, Device] = {}
        self._subscribers: list[Subscriber] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._running = False
        self._wakes: dict[str, threading.Event] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._polled: set[str] = set()   # devices polled at least once by their thread
        for d in devices:
            self.add(d)

    def add(self, device: Device) -> None:
        with self._lock:
            self._devices[device.name] = device
            device.add_listener(functools.partial(self._emit, device.name))
            if self._running:
                self._start_thread(device)

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
        """Poll every device in turn on the calling thread (tools and tests)."""
        return {name: d.poll() for name, d in list(self._devices.items())}

    def poll_soon(self) -> None:
        """Ask every device for a poll now rather than at its next interval (e.g. after
        an error). A device still in its probe polls again as soon as that one ends."""
        with self._lock:
            wakes = list(self._wakes.values())
        for wake in wakes:
            wake.set()

    def start(self) -> None:
        with self._lock:
            if self._running:
                return
            # A fresh event per run: a thread that outlived stop()'s join (a probe still
            # running) keeps seeing its own run's stop and ends after that probe.
            self._stop = threading.Event()
            self._running = True
            for device in self._devices.values():
                self._start_thread(device)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every polling thread and wait for them (``timeout`` in all), then write
        the counters."""
        with self._lock:
            self._running = False
            self._stop.set()
            threads = list(self._threads.values())
            for wake in self._wakes.values():
                wake.set()
            self._threads.clear()
            self._wakes.clear()
        deadline = time.monotonic() + timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        for d in self._devices.values():
            d.counters.flush()

    def all_polled(self) -> bool:
        """Every device was polled once (the app tells systemd it is ready after that)."""
        return set(self._devices) <= self._polled

    def _start_thread(self, device: Device) -> None:
        # Called with self._lock held.
        old = self._threads.get(device.name)
        if old is not None and old.is_alive():
            return
        wake = self._wakes[device.name] = threading.Event()
        thread = threading.Thread(target=self._run, args=(device, wake, self._stop),
                                  name=f"device-poll-{device.name}", daemon=True)
        self._threads[device.name] = thread
        thread.start()

    def _run(self, device: Device, wake: threading.Event, stop: threading.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            device.poll()
            self._polled.add(device.name)
            wake.wait(max(0.0, self.interval - (time.monotonic() - started)))
            wake.clear()
    def _emit(self, name: str, old: DeviceStatus, new: DeviceStatus) -> None:
        event = DeviceEvent(name, old, new, time.time())
        for s in list(self._subscribers):
            with contextlib.suppress(Exception):
                s(event)
