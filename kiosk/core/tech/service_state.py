"""In service, or 暂停服务: taken out by a technician (with the reason citizens see) or
paused while technician mode is active.

The technician's choice is kept in a small owner-only JSON file (``service.json`` in
the data directory) so that it survives a restart and so that ``kiosk tech service``
from an SSH session reaches the running app: :meth:`ServiceState.refresh` re-reads the
file when it changed (the sync engine's thread calls it before each heartbeat; never
the GUI thread).
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class ServiceState:
    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._out: dict[str, Any] | None = None       # {"reason", "by", "at"}
        self._mtime: float | None = None
        self.technician_active = False                 # set by the technician façade
        self.refresh()

    @property
    def in_service(self) -> bool:
        return self._out is None and not self.technician_active

    @property
    def reason(self) -> str:
        """Why the terminal is paused (what citizens read), "" when in service."""
        if self._out is not None:
            return self._out.get("reason", "")
        return "technician" if self.technician_active else ""

    @property
    def out_of_service(self) -> dict[str, Any] | None:
        return dict(self._out) if self._out else None

    def report(self) -> dict[str, Any]:
        """The heartbeat's ``service``: ``in_service``, ``technician_mode``, ``reason``."""
        self.refresh()
        return {"in_service": self.in_service, "technician_mode": self.technician_active,
                "reason": self.reason or None}

    def take_out(self, reason: str, by: str, at: str) -> None:
        """Blocking (the disk)."""
        if not reason.strip():
            raise ValueError("a reason is needed to take the terminal out of service")
        self._write({"reason": reason.strip()[:200], "by": by, "at": at})

    def put_back(self) -> None:
        """Blocking (the disk)."""
        self._write(None)

    def refresh(self) -> None:
        """Re-read the file if another process changed it. Blocking (the disk)."""
        if self._path is None:
            return
        try:
            mtime = self._path.stat().st_mtime
        except FileNotFoundError:
            mtime = None
        if mtime == self._mtime:
            return
        out = None
        if mtime is not None:
            try:
                out = json.loads(self._path.read_text(encoding="utf-8")).get("out")
            except (OSError, ValueError, AttributeError) as exc:
                log.warning("service state %s unreadable (%s): in service", self._path, exc)
        with self._lock:
            self._out, self._mtime = out, mtime

    def _write(self, out: dict[str, Any] | None) -> None:
        with self._lock:
            self._out = out
            if self._path is None:
                return
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"out": out}, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path)
            self._mtime = self._path.stat().st_mtime
