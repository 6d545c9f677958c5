"""Building the configured devices from ``[devices.NAME]`` tables.

``driver`` names the kind (drivers/registry.py); the other keys are its options, checked
against the kind's declaration (drivers/<kind>/kind.py; examples in kiosk/data/models/*.toml).
Each device gets a usage-counter file of its own in ``<data_dir>/counters/`` so counts
survive restarts. Driver modules are imported only for the kinds a terminal has.
"""
from __future__ import annotations

from pathlib import Path

from drivers import registry
from drivers.base import Device

from .config import DeviceConfig
from .storage import PrivateCounters


def build_device(cfg: DeviceConfig, counters_dir: Path | None) -> Device:
    """The driver of ``cfg``; ValueError names the device and what is wrong with it."""
    try:
        kind = registry.kind(cfg.driver)
        options = kind.parse(cfg.options)
    except ValueError as exc:
        raise ValueError(f"device {cfg.name!r}: {exc}") from None
    counters = PrivateCounters(counters_dir / f"{cfg.name}.json" if counters_dir else None)
    return kind.build(cfg.name, options, required=cfg.required, counters=counters)
