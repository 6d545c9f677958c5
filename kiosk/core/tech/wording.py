"""A device's state, consumables and errors in words a technician acts on (Chinese and
English), after CUSS component message codes (MEDIA_LOW, MEDIA_EMPTY, MEDIA_JAMMED,
NOT_REACHABLE...). Each entry: what is wrong, and what to do next (the recommended
action in words, e.g. "装纸后按‘重新检测’").

Codes are the drivers' stable ``DeviceError.code``s; a code without an entry is worded
from its recommended ``Action`` so nothing is ever shown without an action.
"""
from __future__ import annotations

from typing import Any

from drivers.base import DeviceError, DeviceStatus

RECHECK_ZH, RECHECK_EN = "按‘重新检测’", "press 'Check again'"

# code -> (problem zh, problem en, action zh, action en)
_ERRORS: dict[str, tuple[str, str, str, str]] = {
    "paper_out": ("缺纸", "Paper out", "装纸后" + RECHECK_ZH, "Load paper, then " + RECHECK_EN),
    "paper_jam": ("卡纸", "Paper jammed", "打开机盖取出卡纸后" + RECHECK_ZH,
                  "Open the cover, remove the jammed paper, then " + RECHECK_EN),
    "cover_open": ("机盖未关", "Cover open", "关好机盖后" + RECHECK_ZH,
                   "Close the cover, then " + RECHECK_EN),
    "cutter_error": ("切刀故障", "Cutter fault", "清除切刀处纸屑后重启打印机",
                     "Clear the cutter and power-cycle the printer"),
    "printer_offline": ("打印机脱机", "Printer offline", "检查电源和连线后" + RECHECK_ZH,
                        "Check power and cable, then " + RECHECK_EN),
    "unreachable": ("连接不上设备", "Device not reachable", "检查电源和网线/串口线后" + RECHECK_ZH,
                    "Check power and cable, then " + RECHECK_EN),
    "connection_lost": ("连接中断", "Connection lost", "检查连线后" + RECHECK_ZH,
                        "Check the cable, then " + RECHECK_EN),
    "no_reply": ("设备无应答", "No reply", "重启设备后" + RECHECK_ZH,
                 "Power-cycle the device, then " + RECHECK_EN),
    "toner_empty": ("墨粉用完", "Toner empty", "更换墨粉盒后" + RECHECK_ZH,
                    "Replace the toner cartridge, then " + RECHECK_EN),
    "tray_missing": ("纸盒未装好", "Paper tray missing", "装好纸盒后" + RECHECK_ZH,
                     "Insert the paper tray, then " + RECHECK_EN),
    "output_full": ("出纸槽已满", "Output tray full", "取走出纸槽的纸后" + RECHECK_ZH,
                    "Empty the output tray, then " + RECHECK_EN),
    "queue_stopped": ("打印队列已停止", "Print queue stopped", "在 CUPS 中恢复队列后" + RECHECK_ZH,
                      "Resume the CUPS queue, then " + RECHECK_EN),
    "cups_unavailable": ("打印服务未运行", "CUPS not running", "重启 cups 服务", "Restart cups"),
    "queue_missing": ("打印队列不存在", "Print queue missing", "联系维护人员配置打印队列",
                      "Have maintenance set up the print queue"),
    "door_jammed": ("柜门卡住，没有打开", "Door jammed: it did not open",
                    "检查门锁和柜门是否被顶住后" + RECHECK_ZH,
                    "Check the lock and that nothing holds the door, then " + RECHECK_EN),
    "board_no_answer": ("锁控板无应答", "Lock board does not answer",
                        "检查锁控板电源和 RS-485 线后" + RECHECK_ZH,
                        "Check the board's power and RS-485 cable, then " + RECHECK_EN),
    "camera_gone": ("摄像头已断开", "Camera gone", "重新插好摄像头 USB 线后" + RECHECK_ZH,
                    "Plug the camera's USB cable back in, then " + RECHECK_EN),
    "no_camera": ("没有找到摄像头", "No camera found", "插好摄像头后" + RECHECK_ZH,
                  "Connect the camera, then " + RECHECK_EN),
    "camera_frozen": ("摄像头画面不动", "Camera picture frozen", "重新插拔摄像头后" + RECHECK_ZH,
                      "Re-plug the camera, then " + RECHECK_EN),
    "camera_stalled": ("摄像头没有画面", "Camera sends no frames", "重新插拔摄像头后" + RECHECK_ZH,
                       "Re-plug the camera, then " + RECHECK_EN),
    "port_gone": ("串口已断开", "Serial port gone", "插好 USB 串口线后" + RECHECK_ZH,
                  "Plug the USB-serial cable back in, then " + RECHECK_EN),
    "port_busy": ("串口被占用", "Serial port busy", "关闭占用串口的程序后" + RECHECK_ZH,
                  "Stop the program holding the port, then " + RECHECK_EN),
    "port_denied": ("没有串口权限", "No permission on the serial port",
                    "检查 udev 规则（dialout 组）", "Check the udev rule (dialout group)"),
    "sam_fault": ("身份证模块（SAM）故障", "ID card SAM fault", "重启读卡器；仍失败请更换",
                  "Power-cycle the reader; replace it if it persists"),
    "sam_timeout": ("身份证模块无应答", "ID card SAM does not answer", "重启读卡器后" + RECHECK_ZH,
                    "Power-cycle the reader, then " + RECHECK_EN),
    "pcsc_error": ("读卡服务出错", "PC/SC error", "重启 pcscd 服务后" + RECHECK_ZH,
                   "Restart pcscd, then " + RECHECK_EN),
    "no_device": ("设备未连接", "No device", "接好设备后" + RECHECK_ZH,
                  "Connect the device, then " + RECHECK_EN),
    "not_configured": ("未配置此设备", "Not configured", "在 kiosk.toml 中配置设备",
                       "Configure the device in kiosk.toml"),
    "cancelled": ("检测已取消", "Check cancelled", RECHECK_ZH, RECHECK_EN),
    "check_timeout": ("检测超时（设备没有回应）", "Check timed out (the device did not answer)",
                      "检查设备电源和连线后" + RECHECK_ZH,
                      "Check the device's power and cable, then " + RECHECK_EN),
    "no_card": ("没有读到卡", "No card read", "放好测试卡后" + RECHECK_ZH,
                "Place the test card, then " + RECHECK_EN),
    "no_qr": ("没有识别到二维码", "No QR code decoded", "把测试二维码放到摄像头前后" + RECHECK_ZH,
              "Hold the test QR code to the camera, then " + RECHECK_EN),
}

_BY_ACTION = {
    "retry": ("重试", "Retry"),
    "reset": ("重启设备后" + RECHECK_ZH, "Reset the device, then " + RECHECK_EN),
    "clear": ("排除现场问题后" + RECHECK_ZH, "Fix it on site, then " + RECHECK_EN),
    "maintenance": ("联系维护人员或更换部件", "Call maintenance or replace the part"),
    "none": ("无需处理", "Nothing to do"),
}

_STATES = {
    "online": ("正常", "Working"), "offline": ("离线", "Offline"),
    "no_device": ("未连接", "Not connected"), "busy": ("使用中", "Busy"),
    "hardware_error": ("硬件故障", "Hardware error"),
    "user_error": ("需要现场处理", "Needs attention on site"),
    "power_off": ("已关机", "Powered off"),
}

_CONSUMABLES = {
    ("paper", "full"): ("纸充足", "Paper full"), ("paper", "low"): ("纸将用完", "Paper low"),
    ("paper", "out"): ("缺纸", "Paper out"), ("paper", "jammed"): ("卡纸", "Paper jammed"),
    ("paper", "unknown"): ("纸量未知", "Paper unknown"),
}


def words(code: str, action: str = "retry") -> dict[str, str]:
    """``{"problem_zh", "problem_en", "action_zh", "action_en"}`` for an error code."""
    if code in _ERRORS:
        pz, pe, az, ae = _ERRORS[code]
    else:
        pz, pe = f"设备错误（{code}）", f"Device error ({code})"
        az, ae = _BY_ACTION.get(action, _BY_ACTION["maintenance"])
    return {"code": code, "problem_zh": pz, "problem_en": pe, "action_zh": az, "action_en": ae}


def error_words(err: DeviceError | None) -> dict[str, str] | None:
    return words(err.code, err.action.value) if err is not None else None


def state_words(state: str) -> dict[str, str]:
    zh, en = _STATES.get(state, (state, state))
    return {"zh": zh, "en": en}


def consumable_words(name: str, value: str) -> dict[str, str]:
    zh, en = _CONSUMABLES.get((name, value), (f"{name}: {value}", f"{name}: {value}"))
    return {"zh": zh, "en": en}


def status_words(status: DeviceStatus) -> dict[str, Any]:
    """The state, each consumable and the error (with its action), in words."""
    out: dict[str, Any] = {"state": state_words(status.state.value),
                           "consumables": {k: consumable_words(k, v)
                                           for k, v in status.consumables.items()},
                           "error": error_words(status.error)}
    # A low roll is no error yet, but the technician should act before it runs out.
    if out["error"] is None and status.consumables.get("paper") == "low":
        out["error"] = {"code": "paper_low", "problem_zh": "纸将用完", "problem_en": "Paper low",
                        "action_zh": "尽快换纸", "action_en": "Replace the roll soon"}
    return out
