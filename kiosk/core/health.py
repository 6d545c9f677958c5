"""The running app's health, for systemd and for ``kiosk health``.

The app (:class:`HealthReporter`, its own thread) writes ``<data_dir>/health.json`` every
couple of seconds: the UI's last watchdog tick (the GUI thread only records the time; the
file is written here, never on the GUI thread), each device's state, the hall link and
the one-line status. It also speaks to systemd (:mod:`kiosk.core.sd_notify`): ``READY=1``
once the database is open, every device was polled once and the first frame is on screen;
``STATUS=`` whenever the line changes, e.g. ``在线 · 待同步 3 · 打印机缺纸``.

:func:`verdict` is ``kiosk health``: another process reads that file and the outbox depth
from the database, and says healthy or not, with the reasons as stable codes:
``app_not_running``, ``ui_frozen``, ``device_down:<name>`` (a required device not online),
``hall_unreachable`` (a hall is configured and the link is not up), ``database_unreadable``,
``permission_denied`` (the health file is the kiosk user's: ask as root or as kiosk).

:func:`request_restart` and :func:`wait_restarted` are ``kiosk tech restart``: the app's
pid and start time are in that file.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers import registry
from drivers.base.model import DeviceState, DeviceStatus
from drivers.base.once import Ongoing

from .sd_notify import Notifier

log = logging.getLogger(__name__)

HEALTH_FILE = "health.json"
# Without systemd's watchdog the UI still ticks, so that `kiosk health` can tell a frozen UI.
DEFAULT_TICK_INTERVAL_S = 5.0
# A tick older than this many intervals (and at least STALE_MIN_S): the GUI thread is stuck.
STALE_INTERVALS = 3
STALE_MIN_S = 10.0

_STATE_ZH = {DeviceState.OFFLINE: "离线", DeviceState.NO_DEVICE: "未连接",
             DeviceState.HARDWARE_ERROR: "故障", DeviceState.USER_ERROR: "需处理",
             DeviceState.POWER_OFF: "未通电"}
_PAPER_ZH = {"out": "缺纸", "jammed": "卡纸", "low": "纸将尽"}


def _title_zh(status: DeviceStatus) -> str:
    try:
        return registry.kind(status.kind).title_zh
    except ValueError:          # a kind registered elsewhere and gone (tests)
        return status.name


def status_line(hall: str, depth: int | None, devices: dict[str, DeviceStatus]) -> str:
    """``hall``: ``up``, ``down`` or ``none`` (no hall configured)."""
    parts = [{"up": "在线", "down": "离线", "none": "单机"}[hall]]
    if depth:
        parts.append(f"待同步 {depth}")
    for status in devices.values():
        name = _title_zh(status)
        paper = _PAPER_ZH.get(status.consumables.get("paper", ""))
        if paper:
            parts.append(name + paper)
        elif not status.usable:
            parts.append(name + _STATE_ZH.get(status.state, status.state.value))
    return " · ".join(parts)


class HealthReporter:
    """Writes the health file and notifies systemd, on its own thread (see the module doc).

    ``statuses`` and ``hall_reachable`` read the terminal's memory (no I/O); ``depth``
    reads the outbox (the database: called on this thread only); ``drivers_polled`` says
    whether every device was polled once."""

    def __init__(self, path: Path, *, statuses: Callable[[], dict[str, DeviceStatus]],
                 hall_configured: bool, hall_reachable: Callable[[], bool],
                 depth: Callable[[], int], drivers_polled: Callable[[], bool],
                 notifier: Notifier | None = None, period_s: float = 2.0) -> None:
        self.path = Path(path)
        self.notifier = notifier or Notifier()
        self.tick_interval_s = self.notifier.watchdog_interval_s or DEFAULT_TICK_INTERVAL_S
        self._statuses, self._hall_reachable, self._depth = statuses, hall_reachable, depth
        self._hall_configured, self._drivers_polled = hall_configured, drivers_polled
        self._period_s = period_s
        # A report every period_s: a disk or database that keeps failing is said once.
        self._report_failing = Ongoing(log, level=logging.ERROR)
        self._depth_failing = Ongoing(log)
        self._tick: float | None = None      # time.time() of the UI's last tick
        self._ready = False
        self._line: str | None = None
        self._wake = threading.Event()
        self._started = time.time()     # a restart in place keeps the pid, not this
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> None:
        """The GUI thread's event loop is turning (called from its timer and on the first
        frame). Memory only; the first one wakes the reporter so READY is not late."""
        first = self._tick is None
        self._tick = time.time()
        if first:
            self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kiosk-health", daemon=True)
        self._thread.start()

    def stop(self, *, restarting: bool = False) -> None:
        """Stop reporting; systemd hears STOPPING, or RELOADING when the app is about to
        exec itself again (kiosk/ui/main.py)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(10)
        if restarting:
            self.notifier.reloading()
        else:
            self.notifier.stopping()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.report_once()
            except Exception as err:   # a disk error must not end the reports for good
                self._report_failing.happening("report", "health report failed: %s", err,
                                               exc_info=True)
            else:
                self._report_failing.over("report", "health report written again")
            # Until READY, look again soon: the last driver's first poll lands at any time
            # and systemd (and the citizen's first touch) should not wait a whole period.
            self._wake.wait(self._period_s if self._ready else min(self._period_s, 0.1))
            self._wake.clear()

    def report_once(self) -> dict[str, Any]:
        devices = self._statuses()
        reachable = self._hall_reachable()
        hall = "none" if not self._hall_configured else "up" if reachable else "down"
        try:
            depth: int | None = self._depth()
        except Exception as err:    # the database is what READY waits for
            self._depth_failing.happening("depth", "health: outbox depth unreadable: %s", err)
            depth = None
        else:
            self._depth_failing.over("depth", "health: outbox depth readable again")
        line = status_line(hall, depth, devices)
        ready = depth is not None and self._tick is not None and self._drivers_polled()
        report = {"pid": os.getpid(), "started_at": self._started, "written_at": time.time(),
                  "ui_tick": {"at": self._tick, "interval_s": self.tick_interval_s},
                  "ready": ready, "status": line, "outbox_depth": depth,
                  "hall": {"configured": self._hall_configured, "reachable": reachable},
                  "devices": {name: s.to_dict() for name, s in devices.items()}}
        _write_private(self.path, json.dumps(report, ensure_ascii=False))
        if ready and not self._ready:
            self._ready = True
            self.notifier.ready(line)
            log.info("ready: %s", line)
        elif self._ready and line != self._line:
            self.notifier.status(line)
        self._line = line
        return report


class OutboxDepth:
    """The outbox depth, read through a connection of the calling thread's own (SQLite
    connections stay on the thread that opened them), opened on first use."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._conn: sqlite3.Connection | None = None

    def __call__(self) -> int:
        from offline_cache import db, outbox
        if self._conn is None:
            self._conn = db.connect(self._db_path)
        return outbox.pending_count(self._conn)


def _write_private(path: Path, text: str) -> None:
    """Atomically (a reader never sees half a file), owner-only like the rest of data_dir."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True      # another user's (the kiosk user's, seen by monitoring)
    return True


def verdict(data_dir: Path, depth: int | None, *, now: float | None = None) -> dict[str, Any]:
    """``kiosk health``: the app's last report in ``data_dir`` judged now. ``depth`` is the
    outbox depth as read from the database by the caller (None: unreadable)."""
    now = time.time() if now is None else now
    path = Path(data_dir) / HEALTH_FILE
    problems: list[str] = []
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except PermissionError:
        report, problems = None, ["permission_denied"]    # run as root or the kiosk user
    except (OSError, ValueError):
        report = None
    result: dict[str, Any] = {"outbox_depth": depth, "devices": {}, "hall": None,
                              "ui_tick": None, "status": None}
    if report is None:
        problems = problems or ["app_not_running"]
    elif not _alive(int(report.get("pid", 0))):
        problems.append("app_not_running")
    else:
        tick = report["ui_tick"]
        age = None if tick["at"] is None else round(now - tick["at"], 1)
        stale_after = max(STALE_INTERVALS * tick["interval_s"], STALE_MIN_S)
        result["ui_tick"] = {"at": tick["at"], "age_s": age, "stale_after_s": stale_after}
        if age is None or age > stale_after:
            problems.append("ui_frozen")
        result["devices"] = report["devices"]
        for name, d in report["devices"].items():
            if d["required"] and d["state"] != DeviceState.ONLINE.value:
                problems.append(f"device_down:{name}")
        hall = report["hall"]
        result["hall"] = ("none" if not hall["configured"]
                          else "up" if hall["reachable"] else "down")
        if result["hall"] == "down":
            problems.append("hall_unreachable")
        result["status"] = report["status"]
    if depth is None:
        problems.append("database_unreadable")
    return {"healthy": not problems, "problems": problems, **result}


class NotRunning(RuntimeError):
    """No running app answers for this data directory (no health file, or its pid is
    gone): there is nothing to restart. Stable ``code``."""

    code = "app_not_running"


def _report(data_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((Path(data_dir) / HEALTH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def request_restart(data_dir: Path) -> dict[str, Any]:
    """Ask the running app to restart in place (SIGHUP: kiosk/ui/main.py ends its event
    loop and execs itself again, same pid). Returns the report it had before. Raises
    :class:`NotRunning`, or ``PermissionError`` (ask as root or as the kiosk user)."""
    report = _report(data_dir)
    pid = int(report.get("pid", 0)) if report else 0
    if not pid or not _alive(pid) or not _is_kiosk(pid):
        raise NotRunning(f"no running app writes {Path(data_dir) / HEALTH_FILE}")
    os.kill(pid, signal.SIGHUP)
    return report   # type: ignore[return-value]


def _is_kiosk(pid: int) -> bool:
    """The process ``pid`` is a kiosk app (``kiosk run`` or ``python -m kiosk.cli``), not
    another program that got the pid of one that is gone: SIGHUP would end that one."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(Path(a.decode(errors="replace")).name == "kiosk" or a == b"kiosk.cli"
               for a in argv)


def wait_restarted(data_dir: Path, before: dict[str, Any], timeout: float
                   ) -> dict[str, Any] | None:
    """The app's report once it has started again since ``before`` and is ready (its
    first frame is up), or None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = _report(data_dir)
        if (report and report.get("started_at") != before.get("started_at")
                and report.get("ready")):
            return report
        time.sleep(0.2)
    return None
