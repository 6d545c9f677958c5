"""Running a device's health checks for a technician: off the caller's thread, with
progress, a deadline and a cancel button.

A check is one ``Device.health_check(level, **options)`` (each driver implements its
levels: internal = no side effect, external = prints a test receipt / the A4 test page /
opens a door and queries all doors, interactive = waits for a test card or QR code). It
runs on its own daemon thread; :class:`CheckJob` says how long it has been running, and
:meth:`CheckJob.cancel` sets the event the driver's waits watch. A driver stuck in I/O
that ignores the event is abandoned (its thread ends when the I/O does) and the job is
reported ``cancelled`` or ``timeout`` at once: the technician is never held by a device.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from drivers import registry
from drivers.base import Device, DeviceError, HealthLevel, HealthReport
from drivers.base.kind import BASE_LEVELS

from .. import pickup
from .wording import words

INTERNAL_WHAT = ("读取设备最近状态（不动作）", "Last known status (no action)")
EXTERNAL_WHAT = ("询问设备当前状态", "Ask the device now")

WAIT_S = 30.0           # how long an interactive check waits for a card or a code
GRACE_S = 30.0          # beyond the driver's own wait, before a check counts as hung


def levels(kind: str) -> tuple[str, ...]:
    """The health-check levels that mean something on ``kind`` (the UI's buttons)."""
    try:
        return registry.kind(kind).levels
    except ValueError:
        return BASE_LEVELS


def what(kind: str, level: str) -> dict[str, str]:
    """What a check of ``level`` does on ``kind``, in words (the button's second line)."""
    try:
        declared = registry.kind(kind).checks
    except ValueError:
        declared = {}
    zh, en = declared.get(level, INTERNAL_WHAT if level == "internal" else EXTERNAL_WHAT)
    return {"zh": zh, "en": en}


@dataclass
class CheckJob:
    device: str
    kind: str
    level: str
    started: float = field(default_factory=time.monotonic)
    deadline_s: float = WAIT_S + GRACE_S
    cancel_event: threading.Event = field(default_factory=threading.Event)
    result: dict[str, Any] | None = None
    _done: threading.Event = field(default_factory=threading.Event)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def cancel(self) -> None:
        """Stop waiting: the driver's wait ends at its next look at the event; the job is
        finished as ``cancelled`` now whatever the driver does."""
        self.cancel_event.set()
        self._finish(self._failed("cancelled"))

    def wait(self, timeout: float | None = None) -> dict[str, Any] | None:
        """Blocking: the result once done (or None after ``timeout``); marks the job
        ``timeout`` when it ran past its deadline."""
        end = None if timeout is None else time.monotonic() + timeout
        while not self._done.wait(0.05):
            self.expire_if_late()
            if end is not None and time.monotonic() >= end:
                return None
        return self.result

    def expire_if_late(self) -> None:
        if not self.done and self.elapsed() > self.deadline_s:
            self.cancel_event.set()
            self._finish(self._failed("check_timeout"))

    def progress(self) -> dict[str, Any]:
        return {"device": self.device, "level": self.level, "running": not self.done,
                "elapsed_s": round(self.elapsed(), 1), "deadline_s": self.deadline_s}

    def _failed(self, code: str) -> dict[str, Any]:
        return {"device": self.device, "kind": self.kind, "level": self.level, "ok": False,
                "outcome": code, "words": words(code), "detail": {},
                "elapsed_s": round(self.elapsed(), 1)}

    def _finish(self, result: dict[str, Any]) -> bool:
        # The first outcome stands: a late report from an abandoned driver is dropped.
        if self._done.is_set():
            return False
        self.result = result
        self._done.set()
        return True


def start(device: Device, level: str, *, kiosk_id: str = "", door: int | None = None,
          wait_s: float = WAIT_S,
          on_done: Callable[[CheckJob], None] | None = None) -> CheckJob:
    """Start ``level``'s check of ``device`` on its own thread; returns at once.
    ``on_done(job)`` is called on that thread once (unless cancelled or late first).
    Raises ValueError for a level the device's kind does not offer or a door it lacks."""
    if level not in levels(device.kind):
        raise ValueError(f"{device.name} ({device.kind}) has no {level} check")
    options: dict[str, Any] = {}
    job = CheckJob(device.name, device.kind, level, deadline_s=wait_s + GRACE_S)
    if device.kind == "receipt":
        options["kiosk_id"] = kiosk_id
    if door is not None and device.kind == "locker":
        from drivers.locker.driver import LockerBus  # loaded with the device
        if not isinstance(device, LockerBus):
            raise ValueError(f"{device.name} is not a locker bus")
        boards = [(a, c.locks) for a, c in sorted(device.boards.items())]
        options["door"] = pickup.door_to_lock(int(door), boards)   # ValueError if none
    if level == "interactive":
        options.update(timeout=wait_s, cancel=job.cancel_event)

    def run() -> None:
        try:
            report = device.health_check(HealthLevel(level), **options)
        except DeviceError as err:      # drivers report errors, but a bug must not hang us
            report = HealthReport(False, HealthLevel(level), {}, err)
        except Exception as exc:
            report = HealthReport(False, HealthLevel(level), {"exception": repr(exc)},
                                  DeviceError("driver_failure", f"{type(exc).__name__}: {exc}"))
        if job._finish(describe(job, report)) and on_done is not None:
            on_done(job)

    threading.Thread(target=run, name=f"tech-check-{device.name}", daemon=True).start()
    return job


def describe(job: CheckJob, report: HealthReport) -> dict[str, Any]:
    """A report in words plus its raw detail (what a vendor's support asks for)."""
    if report.ok:
        worded = {"code": "ok", "problem_zh": "检测通过", "problem_en": "Check passed",
                  "action_zh": "无需处理", "action_en": "Nothing to do"}
    elif report.error is not None:
        worded = words(report.error.code, report.error.action.value)
    else:   # nothing wrong with the device, but nothing was read either
        worded = words(report.details.get("outcome") or "no_card")
    return {"device": job.device, "kind": job.kind, "level": job.level, "ok": report.ok,
            "outcome": "passed" if report.ok else "failed", "words": worded,
            "detail": report.to_dict(), "elapsed_s": round(job.elapsed(), 1)}
