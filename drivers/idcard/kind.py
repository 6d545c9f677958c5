"""The resident ID card reader (身份证阅读器) as a kind of device: see drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import IdCardReader
    return IdCardReader(name, o["port"], o["baud"], reports_presence=o["reports_presence"],
                        **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import IdCardSimulator, sample_resident_card
    sim = IdCardSimulator(link=workdir / "idcard")
    # A card always there (`kiosk run --simulate`): nobody takes it, so the reader is
    # configured as one that cannot tell (the reminder holds a while after each read);
    # else the simulated citizen takes each card once it is read.
    sim.lift_after_read = not card_present
    if card_present:
        sim.insert(sample_resident_card())
    port = sim.start()
    return Simulated(sim, "idcard", True, {"port": str(port), "baud": 115200,
                                           "reports_presence": not card_present})


KIND = DeviceKind(
    name="idcard", title_zh="身份证阅读器", title_en="ID card reader",
    # The SAM module answers at 115200 8N1 unless set otherwise (hardware.md, section 1).
    # reports_presence: false for a SAM that answers FIND with 80 for a card it has read
    # (the take-your-card reminder then holds for a set time after each read instead).
    options=(Option("port", (str,)), Option("baud", (int,), 115200, 1200, 921600),
             Option("reports_presence", (bool,), True)),
    build=_build, simulate=_simulate,
    checks={"interactive": ("放测试身份证，显示读取结果（已遮盖）",
                            "Place a test ID card: masked result")})
