"""The resident ID card reader (身份证阅读器) as a kind of device: see drivers/base/kind.py."""
from __future__ import annotations

from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import IdCardReader
    return IdCardReader(name, o["port"], o["baud"], **common)


KIND = DeviceKind(
    name="idcard", title_zh="身份证阅读器", title_en="ID card reader",
    # GB/T 20008 serial modules: 115200 baud unless the vendor's tool changed it.
    options=(Option("port", (str,)), Option("baud", (int,), 115200, 1200, 921600)),
    build=_build,
    checks={"interactive": ("放测试身份证，显示读取结果（已遮盖）",
                            "Place a test ID card: masked result")})
