"""The diagnostics bundle a technician hands to support: one zip with the device report,
counters, sync status, masked logs, the configuration without secrets and the versions.

Every text that goes in passes the ID-number mask once more (belt and braces: the parts
are masked already), and the zip is owner-only. Blocking (the disk).
"""
from __future__ import annotations

import dataclasses
import io
import json
import os
import platform
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from ..privacy import mask_id_number

# Configuration keys whose values never leave the terminal.
_SECRET = re.compile(r"token|secret|password|passwd|salt|key|pin|cert", re.IGNORECASE)
MOUNTS = Path("/proc/mounts")
SYS_BLOCK = Path("/sys/block")


class NoRemovableMedia(Exception):
    """No USB stick (removable filesystem) is mounted."""


def without_secrets(value: Any, key: str = "") -> Any:
    """A JSON-able copy of a config (dataclasses, paths, mappings) with secret values
    replaced by ``"<redacted>"``."""
    if key and _SECRET.search(key) and not isinstance(value, (dict, list, tuple)):
        return "<redacted>" if value else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: without_secrets(getattr(value, f.name), f.name)
                for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): without_secrets(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_secrets(v, key) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def versions() -> dict[str, str]:
    from kiosk import __version__
    found = {"kiosk": __version__, "python": sys.version.split()[0],
             "platform": platform.platform()}
    for module in ("PySide6", "cv2", "fastapi"):
        mod = sys.modules.get(module)
        if mod is not None:
            found[module] = getattr(mod, "__version__", "?")
    return found


def removable_mount(mounts: Path = MOUNTS, sys_block: Path = SYS_BLOCK) -> Path | None:
    """The first mounted filesystem on a removable block device (a USB stick), or None."""
    try:
        table = mounts.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in table:
        parts = line.split()
        if len(parts) < 2 or not parts[0].startswith("/dev/"):
            continue
        dev = Path(parts[0]).name
        disk = re.sub(r"p?\d+$", "", dev) if not (sys_block / dev).exists() else dev
        flag = sys_block / disk / "removable"
        try:
            if flag.read_text().strip() == "1":
                return Path(parts[1].replace("\\040", " "))
        except OSError:
            continue
    return None


def zipped(parts: dict[str, Any]) -> bytes:
    """``parts`` (file name -> JSON-able value, or str) as the bytes of a zip, every
    text masked (:func:`mask_id_number`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in parts.items():
            text = value if isinstance(value, str) else json.dumps(
                value, ensure_ascii=False, indent=2, default=str)
            z.writestr(name, mask_id_number(text))
    return out.getvalue()


def write(dest: Path, parts: dict[str, Any]) -> Path:
    """:func:`zipped` ``parts`` written to ``dest``: a .zip path or a directory (a name
    with the time is chosen); owner-only, complete or absent. Returns the zip's path."""
    if dest.is_dir() or not dest.suffix:
        dest.mkdir(parents=True, exist_ok=True)
        dest = dest / f"kiosk-diagnostics-{datetime.now().strftime('%Y%m%d-%H%M%S')}.zip"
    return write_private(dest, zipped(parts))


def write_private(dest: Path, data: bytes) -> Path:
    """``data`` to the file ``dest``: owner-only, complete or absent (written beside it,
    then renamed). Returns ``dest``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, dest)
    return dest
