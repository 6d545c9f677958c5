"""The last few hundred log lines, masked, for the technician's Logs screen and the
diagnostics bundle.

In the app, :func:`install` puts a bounded in-memory handler on the root logger (every
line passes the ID-number mask first: the same mask as the journal's). ``kiosk tech
logs`` runs in another process, so it reads the app's journal instead
(:func:`from_journal`, bounded by a deadline) and masks it the same way.
"""
from __future__ import annotations

import collections
import logging
import subprocess
import threading
from datetime import datetime
from typing import Any

from drivers.base.device import DEVICE_FIELD

from ..privacy import mask_id_number

MAX_LINES = 500
JOURNAL_TIMEOUT_S = 5.0
UNIT = "kiosk.service"


class _Ring(logging.Handler):
    def __init__(self, size: int) -> None:
        # INFO and above: what a technician reads (debug lines would push them out).
        super().__init__(logging.INFO)
        self.lines: collections.deque[dict[str, Any]] = collections.deque(maxlen=size)
        self._ring_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = mask_id_number(record.getMessage())
        except Exception:   # a bad format string must not break logging
            message = mask_id_number(str(record.msg))
        line = {"at": datetime.fromtimestamp(record.created).astimezone().isoformat(
                    timespec="seconds"),
                "level": record.levelname, "logger": record.name, "message": message,
                "device": getattr(record, DEVICE_FIELD, None)}
        with self._ring_lock:
            self.lines.append(line)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._ring_lock:
            return list(self.lines)


_ring: _Ring | None = None
_install_lock = threading.Lock()


def install(size: int = MAX_LINES) -> None:
    """Start keeping the last ``size`` lines of this process (idempotent). The root
    logger's level is left alone: what is logged is what the journal gets."""
    global _ring
    with _install_lock:
        if _ring is None:
            _ring = _Ring(size)
            logging.getLogger().addHandler(_ring)


def lines(device: str | None = None, kind: str | None = None,
          limit: int = 300) -> list[dict[str, Any]]:
    """The newest ``limit`` lines of this process, oldest first; with ``device``/``kind``
    only the lines of that device (about it: its journal field, or its name in the
    message; or from its driver's logger)."""
    got = _ring.snapshot() if _ring is not None else []
    if device or kind:
        got = [ln for ln in got if _about(ln, device, kind)]
    return got[-limit:]


def as_text(found: list[dict[str, Any]]) -> str:
    """Lines as :func:`lines` gives them, one per text line (the bundle's logs.txt, an
    export)."""
    return "".join(f"{ln['at']} {ln['level']} {ln['logger']}: {ln['message']}\n"
                   for ln in found)


def _about(line: dict[str, Any], device: str | None, kind: str | None) -> bool:
    return bool((kind and line["logger"].startswith(f"drivers.{kind}"))
                or (device and (line.get("device") == device or device in line["message"])))


def from_journal(limit: int = 300, unit: str = UNIT) -> tuple[list[dict[str, Any]], str | None]:
    """The app's last ``limit`` journal lines, masked, and None; or ([], why not)."""
    try:
        out = subprocess.run(["journalctl", "-u", unit, "-n", str(limit), "-o", "short-iso",
                              "--no-pager"], capture_output=True, text=True,
                             timeout=JOURNAL_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        return [], f"journal not readable: {exc}"
    if out.returncode != 0:
        return [], f"journalctl failed: {out.stderr.strip()[:200]}"
    parsed = []
    for raw in out.stdout.splitlines():
        at, _, rest = raw.partition(" ")
        parsed.append({"at": at, "level": "", "logger": unit, "message": mask_id_number(rest)})
    return parsed, None
