"""The social security card reader (社保卡读卡器, PC/SC) as a kind of device: see
drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import SsCardReader
    return SsCardReader(name, o["reader"] or None, **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import SsCardSimulator
    from .vpcd import process_slot
    # This process's vpcd reader: no other program (a test suite, another demo) on the
    # machine puts its card there.
    sim = SsCardSimulator(process_slot().port)
    if card_present:
        sim.start()
    return Simulated(sim, "sscard", False, {"reader": sim.reader_name})


KIND = DeviceKind(
    name="sscard", title_zh="社保卡读卡器", title_en="Social security card reader",
    # The PC/SC reader name; none (or empty): the first reader pcscd lists.
    options=(Option("reader", (str,), None),),
    build=_build, simulate=_simulate,
    checks={"interactive": ("插测试社保卡，显示读取结果（已遮盖）",
                            "Insert a test ss card: masked result")})
