"""The pickup lockers (智能柜: lock boards on one RS-485 bus) as a kind of device: see
drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import LockerBus
    from .protocol import BoardConfig
    return LockerBus(name, o["port"], o["baud"],
                     boards=[BoardConfig.from_mapping(b) for b in o["boards"]], **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import BoardSpec, LockerSimulator
    sim = LockerSimulator(workdir / "locker",
                          boards={1: BoardSpec(locks=24), 2: BoardSpec(locks=24)})
    port = sim.start()
    boards = [{"address": c.address, "locks": c.locks, "polarity": c.polarity.value,
               "byte_order": c.byte_order.value} for c in sim.board_configs()]
    return Simulated(sim, "lockers", False, {"port": str(port), "boards": boards})


KIND = DeviceKind(
    name="locker", title_zh="智能柜", title_en="Lockers",
    # ``boards``: one table per lock board (address, locks, polarity, byte_order).
    options=(Option("port", (str,)), Option("baud", (int,), 9600, 1200, 115200),
             Option("boards", (list,))),
    build=_build, simulate=_simulate,
    checks={"external": ("打开所选柜门并查询所有柜门", "Open the chosen door, query all doors")})
