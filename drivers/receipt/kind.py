"""The receipt printer (凭条打印机, ESC/POS) as a kind of device: see drivers/base/kind.py."""
from __future__ import annotations

from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import ReceiptPrinter
    return ReceiptPrinter(name, o["uri"], encoding=o["encoding"], columns=o["columns"],
                          **common)


KIND = DeviceKind(
    name="receipt", title_zh="打印机", title_en="Receipt printer",
    # 58 mm paper: 32 columns of the 12x24 font; 80 mm: 48.
    options=(Option("uri", (str,)), Option("encoding", (str,), "gb18030"),
             Option("columns", (int,), 32, 16, 64)),
    build=_build,
    checks={"external": ("打印测试凭条（日期、终端号）",
                         "Print a test receipt (date, terminal id)")})
