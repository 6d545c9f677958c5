"""Usage counters (reads, prints, cuts, openings, errors) kept across restarts.

One small JSON file per device, replaced atomically (write temp, fsync, rename, fsync dir)
so a power cut leaves either the old or the new counts, never a torn file. Counts are
flushed at most every ``flush_interval`` seconds and on ``flush()``; a crash can lose at
most that window, which is acceptable for maintenance statistics.
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path


class UsageCounters:
    """Thread-safe named counters persisted in ``path`` (``None`` keeps them in memory)."""

    def __init__(self, path: str | os.PathLike | None, *, flush_interval: float = 5.0) -> None:
        self._path = Path(path) if path else None
        self._lock = threading.Lock()
        self._flush_interval = flush_interval
        self._last_flush = 0.0
        self._dirty = False
        self._counts: dict[str, int] = {}
        if self._path and self._path.exists():
            try:
                data = json.loads(self._path.read_text(encoding="utf-8"))
                self._counts = {str(k): int(v) for k, v in data.items()}
            except (ValueError, OSError, AttributeError):
                # A damaged counters file must not stop the device from working.
                self._counts = {}

    def increment(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + by
            self._dirty = True
            due = time.monotonic() - self._last_flush >= self._flush_interval
        if due:
            self.flush()

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

    def flush(self) -> None:
        """Write the counts to disk now (no-op when nothing changed or in memory)."""
        with self._lock:
            if not self._path or not self._dirty:
                return
            data = json.dumps(self._counts, sort_keys=True)
            self._dirty = False
            self._last_flush = time.monotonic()
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(self._path.suffix + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self._path)
        dfd = os.open(self._path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
