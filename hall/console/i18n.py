"""The console's words, Chinese first (the default) and English (the switch in the header;
kept in the ``hall_console_lang`` cookie). One key a phrase; a missing key shows itself,
so a forgotten translation is seen, not hidden."""
from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "title": ("政务服务一体机 · 大厅控制台", "Self-service terminals · hall console"),
    "terminals": ("终端", "Terminals"),
    "alerts": ("告警", "Alerts"),
    "queues": ("今日排队", "Queues today"),
    "ratings": ("好差评", "Ratings"),
    "actions": ("操作", "Actions"),
    "audit": ("操作记录", "Audit"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "login_failed": ("用户名或密码错误", "Wrong username or password"),
    "login_limited": ("登录失败次数过多，请 15 分钟后再试",
                      "Too many failed logins; try again in 15 minutes"),
    "csrf_failed": ("页面已过期，请刷新后重试", "This page expired; reload it and try again"),
    "forbidden": ("您的角色无权执行此操作", "Your role may not do this"),
    "not_found": ("没有找到", "Not found"),
    "site": ("站点", "Site"),
    "all_sites": ("全部站点", "All sites"),
    "no_site": ("未分组", "No site"),
    "status": ("状态", "Status"),
    "any": ("全部", "Any"),
    "online": ("在线", "Online"),
    "offline": ("离线", "Offline"),
    "alerting": ("有告警", "With alerts"),
    "search": ("查找", "Search"),
    "filter": ("筛选", "Filter"),
    "terminal": ("终端", "Terminal"),
    "last_heartbeat": ("最近心跳", "Last heartbeat"),
    "for": ("已", "for"),
    "version": ("版本", "Version"),
    "devices": ("设备", "Devices"),
    "outbox": ("待上传", "Outbox"),
    "oldest": ("最早", "oldest"),
    "out_of_service": ("暂停服务", "Out of service"),
    "in_service": ("服务中", "In service"),
    "open_alerts": ("告警", "Alerts"),
    "history": ("状态历史", "History of states"),
    "events": ("设备事件", "Device events"),
    "console_audit": ("控制台操作", "Console actions"),
    "at": ("时间", "At"),
    "kind": ("类型", "Kind"),
    "detail": ("详情", "Detail"),
    "opened": ("发生", "Opened"),
    "ack": ("确认", "Acknowledge"),
    "acked": ("已确认", "Acknowledged"),
    "resolve": ("解决", "Resolve"),
    "resolved": ("已解决", "Resolved"),
    "cleared": ("已恢复", "Cleared"),
    "active": ("未处理", "Active"),
    "all": ("全部", "All"),
    "none": ("无", "None"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "of": ("共", "of"),
    "offline_after": ("离线判定", "Offline after"),
    "kind_paper_low": ("纸将用完", "Paper low"),
    "kind_paper_out": ("缺纸/卡纸", "Paper out / jammed"),
    "kind_door_open": ("盖/门未关", "Cover or door open"),
    "kind_device_error": ("设备故障", "Device error"),
    "kind_offline": ("终端离线", "Terminal offline"),
    "kind_outbox_backlog": ("上传积压", "Outbox backlog"),
    "kind_staff_call": ("呼叫工作人员", "Staff call"),
    "kind_quarantined": ("有记录被大厅拒收", "Rows refused by the hall"),
    "category": ("类别", "Category"),
    "hour": ("时段", "Hour"),
    "tickets": ("取号", "Tickets"),
    "offline_numbered": ("离线号", "Numbered offline"),
    "appointments_checked_in": ("预约签到", "Appointments checked in"),
    "flagged": ("需核对", "To check"),
    "number": ("号码", "Number"),
    "auto_refresh": ("每 15 秒自动刷新", "Refreshes every 15 s"),
    "from": ("从", "From"),
    "to": ("至", "To"),
    "service": ("事项", "Service"),
    "count": ("数量", "Count"),
    "satisfied_share": ("满意率", "Satisfied"),
    "reasons_low": ("不满意原因", "Reasons (two lowest levels)"),
    "export_csv": ("导出 CSV", "Export CSV"),
    "per_service": ("按事项", "Per service"),
    "per_terminal": ("按终端", "Per terminal"),
    "level_very_satisfied": ("非常满意", "Very satisfied"),
    "level_satisfied": ("满意", "Satisfied"),
    "level_basically_satisfied": ("基本满意", "Fairly satisfied"),
    "level_dissatisfied": ("不满意", "Dissatisfied"),
    "level_very_dissatisfied": ("非常不满意", "Very dissatisfied"),
    "reason_long_wait": ("等候时间长", "Long wait"),
    "reason_hard_to_use": ("操作不便", "Hard to use"),
    "reason_device_fault": ("设备故障", "Device fault"),
    "reason_unclear_guidance": ("指引不清", "Unclear guidance"),
    "reason_staff_attitude": ("工作人员态度", "Staff attitude"),
    "reason_other": ("其他", "Other"),
    "send_command": ("下发指令", "Send a command"),
    "command": ("指令", "Command"),
    "cmd_sync_now": ("立即同步", "Sync now"),
    "cmd_reload_config": ("重新加载配置", "Reload config"),
    "cmd_open_locker": ("打开柜门", "Open a locker door"),
    "door": ("柜门", "Door"),
    "send": ("下发", "Send"),
    "sent": ("已下发，终端下次心跳时执行",
             "Queued: the terminal carries it out at its next heartbeat"),
    "take_out": ("暂停服务", "Take out of service"),
    "back_in": ("恢复服务", "Back into service"),
    "reason": ("原因", "Reason"),
    "edit_config": ("修改终端配置", "Edit a terminal's config"),
    "config_json": ("配置（JSON，与现有键合并）", "Config (JSON, merged into its keys)"),
    "save": ("保存", "Save"),
    "saved": ("已保存", "Saved"),
    "publish_catalog": ("发布事项目录", "Publish the catalog"),
    "catalog_json": ("目录（JSON）", "Catalog (JSON)"),
    "publish": ("发布", "Publish"),
    "published": ("已发布", "Published"),
    "catalog_served": ("终端收到的目录及其签名",
                       "The catalog terminals receive, and its signature"),
    "signing_note": ("终端用大厅的签名公钥核对目录（及配置、柜格分配）的签名，签名不符的不会采用；"
                     "终端的公钥文件（kiosk.toml 的 signing_key，由 python -m hall signing-key "
                     "生成）应与下面的公钥一致。",
                     "Terminals check the signature of the catalog (and of their config and "
                     "locker assignments) with the hall's public signing key and apply nothing "
                     "that fails; their key file (signing_key in kiosk.toml, made by python -m "
                     "hall signing-key) must hold the key below."),
    "key_id": ("签名密钥指纹（keyid）", "Signing key fingerprint (keyid)"),
    "public_key": ("签名公钥", "Public signing key"),
    "catalog_version": ("目录版本（ETag）", "Catalog version (ETag)"),
    "catalog_changed": ("目录在您发布后又被修改，以上为当前版本",
                        "The catalog changed again after you published it; shown: the current one"),
    "bad_json": ("JSON 格式错误", "Not valid JSON"),
    "bad_input": ("输入有误", "Invalid input"),
    "who": ("操作人", "Who"),
    "what": ("操作", "What"),
    "target": ("对象", "Target"),
    "never": ("从未", "never"),
    "role": ("角色", "Role"),
    "pending_commands": ("待执行指令", "Pending commands"),
}


def translate(lang: str):
    index = 1 if lang == "en" else 0

    def t(key: str) -> str:
        pair = TEXT.get(key)
        return pair[index] if pair else key
    return t


# Devices in words --------------------------------------------------------------------
# What the terminals report in a heartbeat's ``devices`` (hall-api.md: name -> state,
# consumables, counters; the terminal adds ``kind`` and ``error``), keyed by the wire
# values, so that a hall manager reads 缺纸 rather than ``paper: out``. The hall shares no
# code with the kiosk: these tables follow the kiosk's drivers (drivers/base/model.py's
# DeviceState and Paper, the consumables each driver reports, drivers/registry.py's kinds)
# and tests/hall/test_console_words.py fails when the kiosk reports a value missing here.
# A value not in them shows as it came (raw), never as an error. The words are the
# technician screen's (kiosk/core/tech/wording.py), so the hall and the technician on site
# say the same thing; the test holds them together too.

# Device kinds (drivers/registry.py), the terminal's data disk, and "printer", the device
# name of the contract's examples.
DEVICE_KINDS: dict[str, tuple[str, str]] = {
    "idcard": ("身份证阅读器", "ID card reader"),
    "sscard": ("社保卡读卡器", "Social security card reader"),
    "camera": ("摄像头", "Camera"),
    "receipt": ("凭条打印机", "Receipt printer"),
    "docprinter": ("A4打印机", "A4 printer"),
    "locker": ("智能柜", "Lockers"),
    "storage": ("数据盘", "Data disk"),
    "printer": ("打印机", "Printer"),
}

# Device states (the kiosk's DeviceState; ``ok`` and ``disk_full`` are the data disk's).
DEVICE_STATES: dict[str, tuple[str, str]] = {
    "online": ("正常", "Working"),
    "offline": ("离线", "Offline"),
    "no_device": ("未连接", "Not connected"),
    "busy": ("使用中", "Busy"),
    "hardware_error": ("硬件故障", "Hardware error"),
    "user_error": ("需要现场处理", "Needs attention on site"),
    "power_off": ("已关机", "Powered off"),
    "ok": ("正常", "OK"),
    "disk_full": ("磁盘已满", "Disk full"),
}

# A consumable and its value said in one phrase.
CONSUMABLE_PHRASES: dict[tuple[str, str], tuple[str, str]] = {
    ("paper", "full"): ("纸充足", "Paper full"),
    ("paper", "low"): ("纸将用完", "Paper low"),
    ("paper", "out"): ("缺纸", "Paper out"),
    ("paper", "jammed"): ("卡纸", "Paper jammed"),
    ("paper", "unknown"): ("纸量未知", "Paper unknown"),
    ("cover", "open"): ("机盖未关", "Cover open"),
    ("cover", "closed"): ("机盖已关", "Cover closed"),
    ("cover", "unknown"): ("机盖状态未知", "Cover unknown"),
    ("door", "open"): ("柜门未关", "Door open"),
    ("door", "closed"): ("柜门已关", "Door closed"),
    ("doors", "open"): ("柜门未关", "Doors open"),
    ("doors", "closed"): ("柜门已关", "Doors closed"),
    ("queue", "idle"): ("打印队列空闲", "Print queue idle"),
    ("queue", "printing"): ("正在打印", "Printing"),
    ("queue", "stopped"): ("打印队列已停止", "Print queue stopped"),
    ("queue", "unknown"): ("打印队列状态未知", "Print queue unknown"),
    ("card", "present"): ("有卡", "Card in"),
    ("card", "absent"): ("无卡", "No card"),
}

# Consumables whose value is free (a count, a list of doors, a board's health): a label,
# then the value (in CONSUMABLE_VALUES' words when it is one of them). ``board_`` is a
# prefix: ``board_1`` is the lockers' control board at address 1.
CONSUMABLE_LABELS: dict[str, tuple[str, str]] = {
    "doors_open": ("开着的柜门", "Doors open"),
    "left_open": ("久开未关", "Left open"),
    "jammed": ("打不开的柜门", "Jammed doors"),
    "board_": ("锁控板", "Lock board"),
}
CONSUMABLE_VALUES: dict[str, tuple[str, str]] = {
    "none": ("无", "none"),
    "unknown": ("状态未知", "unknown"),
    "ok": ("正常", "OK"),
    "no_answer": ("无应答", "not answering"),
    "garbled": ("通信错误", "garbled replies"),
}

# The device errors a heartbeat carries most (its ``error`` is the code; the terminal's
# technician screen says what to do). Others show their code.
DEVICE_ERRORS: dict[str, tuple[str, str]] = {
    "paper_out": ("缺纸", "Paper out"),
    "paper_jam": ("卡纸", "Paper jammed"),
    "cover_open": ("机盖未关", "Cover open"),
    "cutter_error": ("切刀故障", "Cutter fault"),
    "printer_offline": ("打印机脱机", "Printer offline"),
    "unreachable": ("连接不上设备", "Device not reachable"),
    "connection_lost": ("连接中断", "Connection lost"),
    "no_reply": ("设备无应答", "No reply"),
    "toner_empty": ("墨粉用完", "Toner empty"),
    "tray_missing": ("纸盒未装好", "Paper tray missing"),
    "output_full": ("出纸槽已满", "Output tray full"),
    "queue_stopped": ("打印队列已停止", "Print queue stopped"),
    "cups_unavailable": ("打印服务未运行", "CUPS not running"),
    "queue_missing": ("打印队列不存在", "Print queue missing"),
    "door_jammed": ("柜门卡住，没有打开", "Door jammed: it did not open"),
    "board_no_answer": ("锁控板无应答", "Lock board does not answer"),
    "sam_fault": ("身份证模块（SAM）故障", "ID card SAM fault"),
    "pcsc_error": ("读卡服务出错", "PC/SC error"),
    "disk_full": ("磁盘已满", "Disk full"),
}


class DeviceWords:
    """The device tables in one language (templates get one as ``dw``)."""

    def __init__(self, lang: str) -> None:
        self.index = 1 if lang == "en" else 0
        self.colon = ": " if lang == "en" else "："

    def _word(self, table: dict[Any, tuple[str, str]], key: Any, raw: str) -> str:
        pair = table.get(key)
        return pair[self.index] if pair else raw

    def kind(self, name: str, kind: Any = None) -> str:
        """What people call a device: by its kind, else by its name, else its name."""
        if isinstance(kind, str) and kind in DEVICE_KINDS:
            return self._word(DEVICE_KINDS, kind, name)
        return self._word(DEVICE_KINDS, name, name)

    def known_kind(self, name: str, kind: Any = None) -> bool:
        return (isinstance(kind, str) and kind in DEVICE_KINDS) or name in DEVICE_KINDS

    def state(self, value: Any) -> str:
        return self._word(DEVICE_STATES, value, str(value)) if isinstance(value, str) \
            else str(value)

    def error(self, code: Any) -> str:
        if isinstance(code, dict):             # a whole DeviceError.to_dict()
            code = code.get("code", code)
        return self._word(DEVICE_ERRORS, code, str(code)) if isinstance(code, str) \
            else str(code)

    def consumable(self, key: Any, value: Any) -> str:
        key, value = str(key), str(value)
        phrase = CONSUMABLE_PHRASES.get((key, value))
        if phrase:
            return phrase[self.index]
        label = CONSUMABLE_LABELS.get(key)
        suffix = ""
        if label is None:
            prefix = next((p for p in CONSUMABLE_LABELS if p.endswith("_")
                           and key.startswith(p) and len(key) > len(p)), None)
            if prefix is None:
                return f"{key} {value}"
            label, suffix = CONSUMABLE_LABELS[prefix], " " + key[len(prefix):]
        return (label[self.index] + suffix + self.colon
                + self._word(CONSUMABLE_VALUES, value, value))

    def alert_detail(self, kind: str, key: str, detail: Any) -> str:
        """An alert's detail in words, from its key (``consumable:DEVICE:KEY:VALUE``,
        ``device:DEVICE``) where it says what the detail said; else the detail."""
        text = "" if detail is None else str(detail)
        if key.startswith("consumable:") and key.count(":") >= 3:
            device, name, value = key[len("consumable:"):].rsplit(":", 2)
            return f"{device}{self.colon}{self.consumable(name, value)}"
        if key.startswith("device:") and text.startswith(key[len("device:"):] + ": "):
            device = key[len("device:"):]
            state, _, error = text[len(device) + 2:].partition(" (")
            words = f"{device}{self.colon}{self.state(state)}"
            if error.endswith(")"):
                words += f" ({self.error(error[:-1])})"
            return words
        return text


def device_words(lang: str) -> DeviceWords:
    return DeviceWords(lang)
