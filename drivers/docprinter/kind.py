"""The A4 document printer (A4 打印机, a CUPS queue) as a kind of device: see
drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import DocPrinter
    return DocPrinter(name, o["queue"], server=o["server"], **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import DocPrinterSimulator
    sim = DocPrinterSimulator("PDF")
    return Simulated(sim, "docprinter", False, {"queue": sim.start()})


KIND = DeviceKind(
    name="docprinter", title_zh="A4打印机", title_en="A4 printer",
    # ``server``: a CUPS server other than this machine's (host[:port]).
    options=(Option("queue", (str,)), Option("server", (str,), None)),
    build=_build, simulate=_simulate,
    checks={"external": ("打印 A4 测试页", "Print the A4 test page")})
