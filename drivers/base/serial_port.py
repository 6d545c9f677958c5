"""Opening a serial device's port, and what to tell a technician when it fails.

Shared by the serial drivers (ID card reader, locker bus). The port is opened
*exclusively*: a second program (``kiosk diag`` beside the running app) must not
interleave its bytes with the driver's, and on a half-duplex RS-485 bus it would be a
second talker.
"""
from __future__ import annotations

import errno

import serial

from .model import Action, DeviceError, DeviceState


def open_serial(port: str, baud: int, *, timeout: float, write_timeout: float,
                seen_before: bool, zh: str, en: str) -> serial.Serial:
    """Open ``port``; raise a :class:`DeviceError` naming the device (``zh``/``en``, e.g.
    "读卡器"/"ID card reader") with the state and action that fit the failure. A port
    that existed before (``seen_before``) and is gone is an unplug (OFFLINE, reopened by
    the supervisor when it returns); one that never existed is NO_DEVICE."""
    try:
        return serial.Serial(port, baud, timeout=timeout, write_timeout=write_timeout,
                             exclusive=True)
    except (OSError, ValueError) as exc:
        raise open_error(exc, port, seen_before=seen_before, zh=zh, en=en) from None


def open_error(exc: BaseException, port: str, *, seen_before: bool, zh: str,
               en: str) -> DeviceError:
    code = getattr(exc, "errno", None)
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ENOTDIR):
        if seen_before:
            return DeviceError(
                "port_gone", f"{zh}端口消失 / The {en} port {port} is gone (unplugged?);"
                " it is reopened when it comes back. If it does not, check the USB cable",
                action=Action.RESET, state=DeviceState.OFFLINE)
        return DeviceError(
            "no_port", f"找不到{zh} / No {en} at {port}: check its USB cable and the udev"
            " rule that creates this path", action=Action.MAINTENANCE,
            state=DeviceState.NO_DEVICE)
    if code in (errno.EACCES, errno.EPERM):
        return DeviceError(
            "port_denied", f"无权打开{zh}端口 / No permission to open {port}: add the kiosk"
            " user to the dialout group or fix the udev rule", action=Action.MAINTENANCE,
            state=DeviceState.NO_DEVICE)
    if code in (errno.EAGAIN, errno.EBUSY):
        return DeviceError(
            "port_busy", f"{zh}端口被占用 / {port} is in use by another program (is the"
            " kiosk app running?)", action=Action.RETRY, state=DeviceState.OFFLINE)
    return DeviceError("port_error", f"无法打开{zh}端口 / Cannot open {port}: {exc}",
                       action=Action.RESET, state=DeviceState.OFFLINE)
