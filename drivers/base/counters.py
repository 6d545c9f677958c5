"""Usage counters (reads, prints, cuts, openings, errors) kept across restarts.

One small JSON file per device, replaced atomically (write temp, fsync, rename, fsync dir)
so a power cut leaves either the old or the new counts, never a torn file. Counts are
flushed at most every ``flush_interval`` seconds and on ``flush()``; a crash can lose at
most that window, which is acceptable for maintenance statistics.

Counters never break the operation they count: a flush that fails (a full disk, a
read-only or vanished data directory) keeps the counts in memory, is retried at the next
due flush (``flush_if_due``, called on every increment and every supervisor poll), and is
recorded as a :class:`StorageError` on :attr:`UsageCounters.storage_error`. It is logged
once when the store starts failing and once when it recovers, not on every count. The
terminal asks :func:`failing_counter_stores` whether any store is failing (e.g. to report
"disk full" in its state and heartbeat).
"""
from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DISK_FULL = "disk_full"
STORAGE_ERROR = "storage_error"
_DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class StorageError:
    """Why a counter store cannot be written. ``code`` is ``disk_full`` (ENOSPC, EDQUOT)
    or ``storage_error`` (anything else: read-only, permission, I/O error); ``since`` is
    the ``time.time()`` of the first failure of this run of failures; ``message`` is for a
    technician and names the file and what to do."""

    code: str
    message: str
    since: float
    path: str

    def to_dict(self) -> dict[str, str | float]:
        return {"code": self.code, "message": self.message, "since": self.since,
                "path": self.path}


# Every live store with a path, so the terminal can ask without holding the devices.
_stores: weakref.WeakSet[UsageCounters] = weakref.WeakSet()
_stores_lock = threading.Lock()


def failing_counter_stores() -> list[StorageError]:
    """The storage errors of every counter store that cannot currently be written, oldest
    first; empty when all are fine."""
    with _stores_lock:
        stores = list(_stores)
    errors = [e for e in (s.storage_error for s in stores) if e is not None]
    return sorted(errors, key=lambda e: e.since)


class UsageCounters:
    """Thread-safe named counters persisted in ``path`` (``None`` keeps them in memory)."""

    def __init__(self, path: str | os.PathLike | None, *, flush_interval: float = 5.0) -> None:
        self._path = Path(path) if path else None
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()    # one writer of the file at a time
        self._flush_interval = flush_interval
        self._last_flush = 0.0
        self._dirty = False
        self._counts: dict[str, int] = {}
        self._error: StorageError | None = None
        if self._path and self._path.exists():
            try:
                data = json.loads(self._path.read_text(encoding="utf-8"))
                self._counts = {str(k): int(v) for k, v in data.items()}
            except (ValueError, OSError, AttributeError):
                # A damaged counters file must not stop the device from working.
                self._counts = {}
        if self._path:
            with _stores_lock:
                _stores.add(self)

    @property
    def storage_error(self) -> StorageError | None:
        """Set while the counts cannot be written (the last flush failed), else None."""
        return self._error

    def increment(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + by
            self._dirty = True
        self.flush_if_due()

    def get(self, name: str) -> int:
        with self._lock:
            return self._counts.get(name, 0)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def reset(self) -> dict[str, int]:
        """Zero every count (a technician's reset, confirmed on screen) and write that now;
        returns the counts before the reset."""
        with self._lock:
            before, self._counts, self._dirty = self._counts, {}, True
        self.flush()
        return before

    def flush_if_due(self) -> bool:
        """Flush when there are unwritten counts and ``flush_interval`` has passed since
        the last attempt (a failed one included: a full disk is retried at that pace)."""
        with self._lock:
            due = (self._path is not None and self._dirty
                   and time.monotonic() - self._last_flush >= self._flush_interval)
        return self.flush() if due else True

    def flush(self) -> bool:
        """Write the counts to disk now (no-op when nothing changed or in memory). Never
        raises: returns False when the write failed (see :attr:`storage_error`)."""
        with self._write_lock:
            with self._lock:
                if not self._path or not self._dirty:
                    return True
                data = json.dumps(self._counts, sort_keys=True)
                self._dirty = False
                self._last_flush = time.monotonic()
            try:
                self._write(data)
            except OSError as exc:
                with self._lock:
                    self._dirty = True       # keep them for the next attempt
                self._failed(exc)
                return False
            self._recovered()
            return True

    def _write(self, data: str) -> None:
        assert self._path is not None
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(self._path.suffix + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path)
        except OSError:
            # A half-written temp file would only take more of a full disk.
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        dfd = os.open(self._path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)

    def _failed(self, exc: OSError) -> None:
        if self._error is not None:
            return                           # already reported for this run of failures
        full = exc.errno in _DISK_FULL_ERRNOS
        code = DISK_FULL if full else STORAGE_ERROR
        remedy = ("free space on the data disk (old logs, bundles)" if full
                  else "check that the data directory exists and is writable")
        self._error = StorageError(
            code, f"使用计数无法保存 / Usage counters cannot be written to {self._path}:"
            f" {exc.strerror or exc}; counting goes on in memory, {remedy}",
            time.time(), str(self._path))
        log.warning("%s (%s)", self._error.message, code)

    def _recovered(self) -> None:
        if self._error is None:
            return
        since = self._error.since
        self._error = None
        log.info("Usage counters written again to %s (failing for %.0f s)", self._path,
                 time.time() - since)
