"""The terminal's data directory: owner-only, and whether there is room to record.

Modes (DESIGN.md, personal data): the directory and its sub-directories are 0700, the
database (and with it SQLite's ``-wal``/``-shm``, which take the database file's mode),
the counters and the reserve 0600. :func:`prepare_data_dir` sets them before anything
is written; :class:`PrivateCounters` keeps each counters file 0600.

A full disk (:class:`StorageMonitor`) is a condition of the whole terminal, not an
exception somewhere: it starts when a write of the database fails with SQLITE_FULL
(:class:`StorageFull`, from :func:`offline_cache.db.transaction`) or a counters file
cannot be written for lack of space. While it lasts:

- new work is refused at once with :class:`StorageFull` (code ``disk_full``) before it
  is tried, and services that record are unavailable with the reason ``disk_full``;
- the terminal's state and its heartbeat say so (``device_report()["storage"]``);
- the *reserve* — a file of :data:`RESERVE_BYTES` kept in the directory while all is
  well — is given back to the file system, so that the sync engine can still write its
  own state, send the heartbeat that tells the hall, and deliver (and then delete) the
  outbox: citizens' work cannot take that room, it is refused.

It ends by itself when the free space (without the reserve) is back above
:data:`RESERVE_BYTES` + :data:`HEADROOM_BYTES`: the reserve is laid down again and work
is accepted; no restart. The check runs on the monitor's own thread, every ``interval``.
"""
from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drivers.base import StorageError, UsageCounters
from offline_cache.db import StorageFull

log = logging.getLogger(__name__)

RESERVE_BYTES = 1 << 20        # what the sync engine may still use on a full disk
HEADROOM_BYTES = 256 << 10     # free beyond the reserve before work is accepted again
RESERVE_NAME = "reserve"
DB_NAME = "kiosk.db"
_PRIVATE_DIRS = ("keys", "counters")
_DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)

__all__ = ["PrivateCounters", "StorageFull", "StorageMonitor", "prepare_data_dir"]


def prepare_data_dir(data_dir: Path) -> None:
    """Create ``data_dir`` (and keys/, counters/) 0700 and the database file 0600 before
    SQLite opens it; tighten what an older version left wider. The outbox key is not
    touched: :class:`offline_cache.sealing.Sealer` refuses one others could read."""
    for d in (data_dir, *(data_dir / name for name in _PRIVATE_DIRS)):
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        if d.stat().st_mode & 0o077:
            d.chmod(0o700)
    db = data_dir / DB_NAME
    os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))
    for f in (db, data_dir / f"{DB_NAME}-wal", data_dir / f"{DB_NAME}-shm"):
        if f.exists() and f.stat().st_mode & 0o077:
            f.chmod(0o600)


class PrivateCounters(UsageCounters):
    """The drivers' usage counters with the file kept 0600 (the drivers write it with
    the process's umask; inside a 0700 directory, but owner-only all the same). A
    failed write never raises (the drivers keep it as ``storage_error``)."""

    def flush(self) -> bool:
        written = super().flush()
        if (written and self._path is not None and self._path.exists()
                and self._path.stat().st_mode & 0o077):
            self._path.chmod(0o600)
        return written


def counter_failures(stores: Iterable[UsageCounters]) -> list[StorageError]:
    """Why this terminal's counter stores cannot be written now (none: all fine)."""
    return [s.storage_error for s in stores if s.storage_error is not None]


@dataclass(frozen=True)
class StorageState:
    state: str                       # ok | disk_full
    since: datetime | None = None    # when it started (None: ok)
    where: str | None = None         # database | counters


class StorageMonitor:
    """See the module doc. ``counters`` returns the terminal's counter stores; ``now``
    is the terminal's clock (for ``since``). Reading :attr:`state` is free (memory):
    the GUI thread may do it."""

    def __init__(self, data_dir: Path, *, now: Callable[[], datetime],
                 counters: Callable[[], Iterable[UsageCounters]] = tuple,
                 interval: float = 1.0, reserve_bytes: int = RESERVE_BYTES,
                 headroom_bytes: int = HEADROOM_BYTES) -> None:
        self.data_dir = Path(data_dir)
        self.reserve = self.data_dir / RESERVE_NAME
        self._now = now
        self._counters = counters
        self.interval = interval
        self.reserve_bytes = reserve_bytes
        self.headroom_bytes = headroom_bytes
        self._lock = threading.Lock()
        self._state = StorageState("ok")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what the terminal asks (no I/O) -----------------------------------------------
    @property
    def state(self) -> str:
        return self._state.state

    @property
    def since(self) -> datetime | None:
        return self._state.since

    @property
    def full(self) -> bool:
        return self._state.state == "disk_full"

    def refuse_if_full(self) -> None:
        """Raise :class:`StorageFull` while the disk is full (new work is not tried)."""
        if self.full:
            raise StorageFull("the terminal's storage is full: new work is refused until "
                              "space is freed")

    def report(self) -> dict:
        """The heartbeat's ``devices["storage"]`` (the hall keeps a device entry's extra
        fields): the state, since when, and for a technician what to do."""
        s = self._state
        return {"kind": "storage", "state": s.state, "consumables": {}, "counters": {},
                "since": s.since.isoformat(timespec="seconds") if s.since else None,
                "error": "disk_full" if s.state == "disk_full" else None,
                "where": s.where,
                "action": "maintenance" if s.state == "disk_full" else None,
                "message": (f"the data disk ({self.data_dir}) is full: free space on it; "
                            "the terminal resumes by itself") if s.state == "disk_full"
                else None}

    # -- what the terminal tells it ----------------------------------------------------
    def write_failed(self, exc: StorageFull, where: str = "database") -> None:
        """A write failed for lack of space: the condition starts (once) and the reserve
        is given back so the sync engine can still tell the hall."""
        with self._lock:
            if self.full:
                return
            self._state = StorageState("disk_full", self._now(), where)
        log.error("storage disk_full: %s (%s); new work refused until space is freed "
                  "(action: maintenance)", self.data_dir, exc)
        self._release_reserve()

    # -- the check (its thread; blocking) ----------------------------------------------
    def start(self) -> None:
        self.lay_reserve()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="storage-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:          # the monitor must outlive any surprise
                log.exception("storage check failed")

    def check(self) -> None:
        """Counter stores failing for lack of space start the condition; enough free
        space ends it (the reserve laid down again, failing counters retried)."""
        failures = counter_failures(self._counters())
        if failures and not self.full and any(f.code == "disk_full" for f in failures):
            self.write_failed(StorageFull(failures[0].message), "counters")
        if not self.full:
            return
        if self.free_bytes() < self.reserve_bytes + self.headroom_bytes:
            return
        for store in self._counters():
            if store.storage_error is not None:
                store.flush()           # now, not at the drivers' next due flush
        if counter_failures(self._counters()) or not self.lay_reserve():
            return
        with self._lock:
            self._state = StorageState("ok")
        log.warning("storage ok again: %s has room, work is accepted", self.data_dir)

    def free_bytes(self) -> int:
        st = os.statvfs(self.data_dir)
        return st.f_bavail * st.f_frsize

    def lay_reserve(self) -> bool:
        """Make sure the reserve file takes its room; False when there is no room."""
        try:
            if self.reserve.exists() and self.reserve.stat().st_size >= self.reserve_bytes:
                return True
            fd = os.open(self.reserve, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.posix_fallocate(fd, 0, self.reserve_bytes)
                os.fsync(fd)
            finally:
                os.close(fd)
            return True
        except OSError as exc:
            if exc.errno not in _DISK_FULL_ERRNOS:
                raise
            self._release_reserve()     # a part-laid reserve only takes room
            self.write_failed(StorageFull(str(exc)), "reserve")
            return False

    def _release_reserve(self) -> None:
        try:
            self.reserve.unlink(missing_ok=True)
        except OSError:
            log.exception("cannot give the storage reserve back")
