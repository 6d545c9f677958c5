"""The receipt printer (凭条打印机, ESC/POS) as a kind of device: see drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import ReceiptPrinter
    return ReceiptPrinter(name, o["uri"], encoding=o["encoding"], columns=o["columns"],
                          **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import ReceiptPrinterSimulator
    # The terminal's own code page, so the simulated paper shows what the real one would.
    encoding = str(configured.get("encoding", "gb18030"))
    sim = ReceiptPrinterSimulator(port=0, out_dir=workdir / "receipts", encoding=encoding)
    port = sim.start()
    return Simulated(sim, "receipt", True, {"uri": f"tcp://127.0.0.1:{port}",
                                            "encoding": encoding, "columns": 32})


KIND = DeviceKind(
    name="receipt", title_zh="打印机", title_en="Receipt printer",
    # 58 mm paper: 32 columns of the 12x24 font; 80 mm: 48.
    options=(Option("uri", (str,)), Option("encoding", (str,), "gb18030"),
             Option("columns", (int,), 32, 16, 64)),
    build=_build, simulate=_simulate,
    checks={"external": ("打印测试凭条（日期、终端号）",
                         "Print a test receipt (date, terminal id)")})
