"""Building the configured devices from ``[devices.NAME]`` tables.

The driver name picks the class; each device gets a usage-counter file of its own in
``<data_dir>/counters/`` so counts survive restarts.
"""
from __future__ import annotations

from pathlib import Path

from drivers.base import Device, UsageCounters

from .config import DeviceConfig


def build_device(cfg: DeviceConfig, counters_dir: Path | None) -> Device:
    counters = UsageCounters(counters_dir / f"{cfg.name}.json" if counters_dir else None)
    opts = cfg.options
    if cfg.driver == "idcard":
        from drivers.idcard.driver import IdCardReader
        return IdCardReader(cfg.name, str(opts["port"]), int(opts.get("baud", 115200)),
                            required=cfg.required, counters=counters)
    if cfg.driver == "receipt":
        from drivers.receipt.driver import ReceiptPrinter
        return ReceiptPrinter(cfg.name, str(opts["uri"]),
                              encoding=str(opts.get("encoding", "gb18030")),
                              columns=int(opts.get("columns", 32)),
                              required=cfg.required, counters=counters)
    raise ValueError(f"device {cfg.name!r}: unknown driver {cfg.driver!r}")
