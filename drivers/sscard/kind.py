"""The social security card reader (社保卡读卡器, PC/SC) as a kind of device: see
drivers/base/kind.py."""
from __future__ import annotations

from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import SsCardReader
    return SsCardReader(name, o["reader"] or None, **common)


KIND = DeviceKind(
    name="sscard", title_zh="社保卡读卡器", title_en="Social security card reader",
    # The PC/SC reader name; none (or empty): the first reader pcscd lists.
    options=(Option("reader", (str,), None),),
    build=_build,
    checks={"interactive": ("插测试社保卡，显示读取结果（已遮盖）",
                            "Insert a test ss card: masked result")})
