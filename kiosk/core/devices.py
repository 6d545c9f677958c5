"""Building the configured devices from ``[devices.NAME]`` tables.

``driver`` picks the class; the other keys are its options (see kiosk/data/models/*.toml).
Each device gets a usage-counter file of its own in ``<data_dir>/counters/`` so counts
survive restarts. Driver modules are imported only for the kinds a terminal has.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers.base import Device

from .config import DeviceConfig
from .storage import PrivateCounters


def _idcard(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.idcard.driver import IdCardReader
    return IdCardReader(name, str(o["port"]), int(o.get("baud", 115200)), **kw)


def _sscard(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.sscard.driver import SsCardReader
    return SsCardReader(name, o.get("reader") or None, **kw)


def _receipt(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.receipt.driver import ReceiptPrinter
    return ReceiptPrinter(name, str(o["uri"]), encoding=str(o.get("encoding", "gb18030")),
                          columns=int(o.get("columns", 32)), **kw)


def _docprinter(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.docprinter.driver import DocPrinter
    return DocPrinter(name, str(o["queue"]), server=o.get("server"), **kw)


def _camera(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.camera.driver import Camera
    source = o["source"]
    return Camera(name, int(source) if str(source).isdigit() else str(source),
                  width=o.get("width"), height=o.get("height"),
                  fps=float(o.get("fps", 15.0)), **kw)


def _locker(name: str, o: dict[str, Any], **kw) -> Device:
    from drivers.locker.driver import LockerBus
    from drivers.locker.protocol import BoardConfig
    return LockerBus(name, str(o["port"]), int(o.get("baud", 9600)),
                     boards=[BoardConfig.from_mapping(b) for b in o["boards"]], **kw)


BUILDERS: dict[str, Callable[..., Device]] = {
    "idcard": _idcard, "sscard": _sscard, "receipt": _receipt, "docprinter": _docprinter,
    "camera": _camera, "locker": _locker,
}


def build_device(cfg: DeviceConfig, counters_dir: Path | None) -> Device:
    builder = BUILDERS.get(cfg.driver)
    if builder is None:
        raise ValueError(f"device {cfg.name!r}: unknown driver {cfg.driver!r} "
                         f"(known: {', '.join(sorted(BUILDERS))})")
    counters = PrivateCounters(counters_dir / f"{cfg.name}.json" if counters_dir else None)
    try:
        return builder(cfg.name, cfg.options, required=cfg.required, counters=counters)
    except KeyError as missing:
        raise ValueError(f"device {cfg.name!r}: option {missing} is required") from None
