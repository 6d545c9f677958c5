"""The camera (摄像头: faces and QR codes) as a kind of device: see drivers/base/kind.py."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.base.device import Device
from drivers.base.kind import DeviceKind, Option, Simulated


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    from .driver import Camera
    source = o["source"]
    return Camera(name, int(source) if str(source).isdigit() else str(source),
                  width=o["width"], height=o["height"], fps=o["fps"], **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    from .sim import CameraSimulator
    sim = CameraSimulator(workdir / "camera", scene="face")
    return Simulated(sim, "camera", False, {"source": sim.start()})


KIND = DeviceKind(
    name="camera", title_zh="摄像头", title_en="Camera",
    # ``source``: a V4L2 index (0) or a device path or URL OpenCV opens.
    options=(Option("source", (int, str)), Option("width", (int,), None, 1, 8192),
             Option("height", (int,), None, 1, 8192), Option("fps", (float,), 15.0, 1, 120)),
    build=_build, simulate=_simulate,
    checks={"interactive": ("对准测试二维码，显示识别结果", "Show a test QR code: decoded text")})
