"""Technician mode's screens for QML as ``tech``: the hidden corner, the PIN, waiting for
the citizen's session to end, and the Overview / Devices / Network / Logs / Actions tabs.
The logic is :class:`kiosk.core.tech.Technician` (shared with ``kiosk tech``); this part
only turns it into properties and runs its blocking calls off the GUI thread.

Not a citizen flow: its jobs are not tied to a citizen's session (the hub's session end
does not drop them), and :meth:`accepts_citizens` tells the hub when a citizen may start
(not while technician mode is requested or active, nor out of service).

Threading: slots return within a frame. The PIN's key derivation, the database, the
devices and the hall run on the hub's worker pool; device checks on their own threads
(:mod:`kiosk.core.tech.checks`), watched by a timer for progress and cancellable.
"""
from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, QTimer, Signal, Slot

from kiosk.core.flow import Screen
from kiosk.core.tech import Technician, access
from kiosk.core.tech.bundle import NoRemovableMedia
from kiosk.core.tech.technician import NoHall

from .. import restart
from .base import Part

log = logging.getLogger(__name__)

TABS = ("overview", "devices", "network", "logs", "actions")
REFRESH_MS = 2000

# The reasons a technician can pick (no keyboard on the terminal); citizens read them.
REASONS = (QT_TRANSLATE_NOOP("Tech", "设备维修中"), QT_TRANSLATE_NOOP("Tech", "更换耗材中"),
           QT_TRANSLATE_NOOP("Tech", "网络故障"))

_TEXT = {
    "wrong": QT_TRANSLATE_NOOP("Tech", "密码错误，还可以再试 %1 次"),
    "locked": QT_TRANSLATE_NOOP("Tech", "错误次数过多，请 %1 秒后再试"),
    "no_pin": QT_TRANSLATE_NOOP("Tech", "本机尚未收到技术员密码（需先与大厅同步）"),
    "checking": QT_TRANSLATE_NOOP("Tech", "正在验证…"),
    "bundle_written": QT_TRANSLATE_NOOP("Tech", "诊断包已写入：%1"),
    "no_usb": QT_TRANSLATE_NOOP("Tech", "没有找到U盘，请插入U盘或保存到本机"),
    "failed": QT_TRANSLATE_NOOP("Tech", "操作失败：%1"),
    "retried": QT_TRANSLATE_NOOP("Tech", "已重新发送，下次同步时送达大厅"),
    "exported": QT_TRANSLATE_NOOP("Tech", "已导出：%1"),
    "counters_reset": QT_TRANSLATE_NOOP("Tech", "计数已清零"),
    "sync_started": QT_TRANSLATE_NOOP("Tech", "已开始同步"),
    "restarting": QT_TRANSLATE_NOOP("Tech", "正在重启应用…"),
    "bundle_queued": QT_TRANSLATE_NOOP("Tech", "诊断包（%1 KB）已排队上传大厅，同步时送达"),
    "no_hall": QT_TRANSLATE_NOOP("Tech", "本机未配置大厅，请导出到U盘"),
}


def _say_text(key: str) -> str:
    return QCoreApplication.translate("Tech", _TEXT.get(key, key))


class TechnicianPart(Part):
    updated = Signal()

    def __init__(self, hub, technician: Technician | None = None) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self.tech = technician or Technician(hub.terminal)
        self.taps = access.CornerTaps()
        self.local_bundle_dir: Path = hub.terminal.config.data_dir / "diagnostics"
        self._pin_open = False
        self._pin_busy = False
        self._message = ""
        self._tab = "overview"
        self._devices: list[dict[str, Any]] = []
        self._device = ""
        self._door = 1
        self._job = None
        self._result: dict[str, Any] | None = None
        self._network: dict[str, Any] = {}
        self._logs: list[dict[str, Any]] = []
        self._log_device = ""
        self._preview = None            # kiosk.core.camera_preview.Preview while it runs
        self._loading = False
        self._exiting = False
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._reload)

    def shutdown(self) -> None:
        # Its ticks read the flow and the hub: a closed kiosk's timer firing on a later
        # event loop (the next app, the next test) touched deleted objects and crashed.
        self._timer.stop()
        self._refresh.stop()
        self.stopPreview()

    # -- jobs ----------------------------------------------------------------------------
    def _work(self, work: Callable[[], Any], done: Callable[[Any], None], what: str) -> None:
        """A technician's job: not tied to a citizen's session (none runs meanwhile)."""
        def finish(result: Any) -> None:
            done(result)
            # A technician's action may change what every screen shows (the service paused,
            # a device reset, the hall's config): all of them read it again.
            self.hub.changed.emit()
        self.run(work, finish, f"technician: {what}", session_bound=False)

    # -- what the hub asks ------------------------------------------------------------------
    def accepts_citizens(self) -> bool:
        return self.tech.state == "off" and self.hub.terminal.service_state.in_service \
            and not self._pin_open

    @Slot()
    def touched(self) -> None:
        if self.tech.state == "active":
            self.tech.touch()

    def _citizen_served(self) -> bool:
        return self.flow.screen != Screen.ATTRACT

    def _tick(self) -> None:
        state = self.tech.state
        if state == "requested" and not self._citizen_served() and not self._loading:
            self._loading = True
            self._work(lambda: self.tech.acknowledge(False), self._entered, "entry")
        elif state == "active" and self.tech.idle_expired() and not self._exiting:
            self._leave("idle")
        if self._job is not None:
            self._job.expire_if_late()
            if self._job.done:
                job, self._job = self._job, None
                self._result = job.result
                if job.result and job.result["outcome"] == "check_timeout":
                    # The driver never reported: record the timeout (the thread is left).
                    self._work(lambda: self.tech.cancel_check(job), lambda _r: None, "timeout")
                self._work(self.tech.overview, self._got_devices, "overview")
            self.changed.emit()     # progress: this part's screens only
        elif state == "active":
            self.changed.emit()     # the idle countdown (and the preview's next frame)
        if self._preview is not None and not self._preview.running:
            self.stopPreview()      # it stopped by itself (idle)

    def _entered(self, result) -> None:
        self._loading = False
        if result is True:
            self._tab = "overview"
            self._reload()
            self._refresh.start()
            self.hub.changed.emit()       # the attract screen says 暂停服务

    def _leave(self, why: str) -> None:
        self._exiting = True
        self.stopPreview()
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._refresh.stop()
        self._work(lambda: self.tech.exit(why), self._left, "exit")

    def _left(self, _result) -> None:
        self._exiting = False
        self._result, self._message, self._pin_open = None, "", False
        if self.language != "zh_CN":        # the next citizen starts in the default
            self.hub.setLanguage("zh_CN")
        self.hub.changed.emit()

    def _reload(self) -> None:
        self._work(self.tech.overview, self._got_devices, "overview")
        if self._tab == "network":
            self._work(self.tech.network, self._got_network, "network")
        if self._tab == "logs":
            self._load_logs()

    def _got_devices(self, result) -> None:
        if isinstance(result, list):
            self._devices = result
            if not self._device and result:
                self._device = result[0]["name"]

    def _got_network(self, result) -> None:
        if isinstance(result, dict):
            self._network = result

    def _load_logs(self) -> None:
        device = self._log_device or None
        self._work(lambda: self.tech.logs(device=device, limit=300), self._got_logs, "logs")

    def _got_logs(self, result) -> None:
        if isinstance(result, list):
            self._logs = result

    def _say(self, text: str) -> None:
        self._message = text

    # -- properties --------------------------------------------------------------------------
    def _en(self) -> bool:
        return self.language == "en"

    def _w(self, pair: dict[str, str] | None, stem: str = "") -> str:
        if not pair:
            return ""
        return pair[f"{stem}en" if self._en() else f"{stem}zh"]

    def _phase(self) -> str:
        state = self.tech.state
        if state == "active":
            return "active"
        if state == "requested":
            return "waiting"
        return "pin" if self._pin_open else ""

    def _device_rows(self) -> list[dict[str, Any]]:
        rows = []
        for d in self._devices:
            w = d["words"]
            err = w["error"]
            info = ", ".join(f"{k}: {v}" for k, v in d["info"].items() if v)
            rows.append({
                "name": d["name"], "kind": d["kind"], "ok": d["state"] == "online" and not err,
                "state": self._w(w["state"]),
                "problem": self._w(err, "problem_") if err else "",
                "action": self._w(err, "action_") if err else "",
                "consumables": "  ".join(self._w(v) for v in w["consumables"].values()),
                "info": info, "counters": "  ".join(f"{k} {v}" for k, v in
                                                     sorted(d["counters"].items())),
                "resetAt": d["counters_reset_at"] or "",
                "checks": [{"level": c["level"], "what": self._w(c["what"])}
                           for c in d["checks"]]})
        return rows

    def _result_view(self) -> dict[str, Any]:
        r = self._result
        if not r:
            return {}
        w = r["words"]
        return {"device": r["device"], "level": r["level"], "ok": bool(r["ok"]),
                "outcome": r["outcome"], "problem": self._w(w, "problem_"),
                "action": self._w(w, "action_"), "code": w.get("code", ""),
                "detail": json.dumps(r["detail"], ensure_ascii=False, indent=1,
                                     default=str)}

    def _network_view(self) -> dict[str, Any]:
        n = self._network
        if not n:
            return {}
        hall = n["hall"]
        err = n.get("last_error") or {}
        return {"reachable": bool(hall.get("reachable")),
                "configured": bool(hall.get("configured")),
                "rtt": "" if hall.get("rtt_ms") is None else f"{hall['rtt_ms']:.0f} ms",
                "hallError": (hall.get("error") or {}).get("code", ""),
                "lastSuccess": n.get("last_success") or "", "lastError":
                    f"{err.get('code', '')} {err.get('message', '')}".strip(),
                "depth": n.get("depth", 0),
                "oldest": "" if n.get("oldest_pending_age_s") is None
                          else f"{n['oldest_pending_age_s']:.0f} s",
                "catalog": f"{n['catalog']['source']} ({n['catalog']['services']})",
                "version": n.get("version", ""),
                "sigChecked": bool(n["signatures"]["checked"]),
                "sigProblem": n["signatures"]["problem"] or "",
                "sigKeys": ", ".join(n["signatures"]["key_ids"]),
                "refused": [{"name": name, "code": r["code"], "since": r["since"]}
                            for name, r in n.get("refused", {}).items()],
                "quarantine": [{"id": q["id"], "kind": q["kind"], "at": q["created_at"],
                                "reason": f"{q['reason_code']}: {q['reason']}"}
                               for q in n.get("quarantine", [])]}

    visible = Property(bool, lambda self: self._phase() != "", notify=updated)
    phase = Property(str, _phase, notify=updated)
    pinBusy = Property(bool, lambda self: self._pin_busy, notify=updated)
    message = Property(str, lambda self: self._message, notify=updated)
    role = Property(str, lambda self: self.tech.mode.role or "", notify=updated)
    idleLeft = Property(int, lambda self: int(self.tech.mode.idle_left() + 0.999), notify=updated)
    tab = Property(str, lambda self: self._tab, notify=updated)
    devices = Property("QVariantList", _device_rows, notify=updated)
    device = Property(str, lambda self: self._device, notify=updated)
    door = Property(int, lambda self: self._door, notify=updated)
    checkRunning = Property(bool, lambda self: self._job is not None, notify=updated)
    checkElapsed = Property(int, lambda self: int(self._job.elapsed()) if self._job else 0,
                            notify=updated)
    checkResult = Property("QVariantMap", _result_view, notify=updated)
    network = Property("QVariantMap", _network_view, notify=updated)
    logLines = Property("QVariantList", lambda self: [
        f"{ln['at'][11:19]} {ln['level'][:1]} {ln['logger']}: {ln['message']}"
        for ln in self._logs], notify=updated)
    logDevice = Property(str, lambda self: self._log_device, notify=updated)
    reasons = Property("QVariantList", lambda self: [
        QCoreApplication.translate("Tech", r) for r in REASONS], notify=updated)

    def _paused_reason(self) -> str:
        st = self.hub.terminal.service_state
        if st.out_of_service:
            return st.out_of_service["reason"]
        return ""

    paused = Property(bool, lambda self: not self.hub.terminal.service_state.in_service
                      or self.tech.state == "active", notify=updated)
    pausedReason = Property(str, _paused_reason, notify=updated)
    outOfService = Property(bool, lambda self: self.hub.terminal.service_state.out_of_service
                            is not None, notify=updated)

    # -- slots: entry ----------------------------------------------------------------------------
    @Slot()
    def cornerTapped(self) -> None:
        if self.tech.state == "off" and self.taps.tap():
            self._pin_open, self._message = True, ""
            self.hub.changed.emit()

    @Slot(str)
    def submitPin(self, pin: str) -> None:
        if self._pin_busy or not self._pin_open:
            return
        self._pin_busy, self._message = True, _say_text("checking")
        served = self._citizen_served()
        self._work(lambda: self.tech.enter(pin, served), self._pin_checked, "PIN")
        self.notify()

    def _pin_checked(self, result) -> None:
        self._pin_busy = False
        if isinstance(result, Exception):
            self._message = _say_text("failed").replace("%1", type(result).__name__)
            return
        outcome = result["outcome"]
        if outcome == "ok":
            self._pin_open, self._message = False, ""
            if result["state"] == "active":
                self._entered(True)
            self.hub.changed.emit()
        elif outcome == "wrong":
            self._message = _say_text("wrong").replace("%1", str(result["attempts_left"]))
        elif outcome == "locked":
            wait_s = math.ceil(result["locked_for_s"])
            self._message = _say_text("locked").replace("%1", str(wait_s))
        else:
            self._message = _say_text("no_pin")

    @Slot()
    def cancelPin(self) -> None:
        """Close the PIN pad, or withdraw a request still waiting for the citizen."""
        if self.tech.state == "requested":
            self._leave("cancelled")
        self._pin_open, self._message = False, ""
        self.hub.changed.emit()

    @Slot()
    def exit(self) -> None:
        if self.tech.state == "active" and not self._exiting:
            self._leave("technician")

    # -- slots: tabs and checks ----------------------------------------------------------------
    @Slot(str)
    def setTab(self, tab: str) -> None:
        if tab in TABS:
            self.stopPreview()
            self._tab, self._message = tab, ""
            self._reload()
            self.notify()

    @Slot(str)
    def selectDevice(self, name: str) -> None:
        if name in self.hub.terminal.devices and self._job is None:
            if name != self._device:
                self.stopPreview()
            self._device, self._result = name, None
            self.notify()

    # -- the camera's live preview (frames made on its own thread: kiosk/core/camera_preview)
    @Slot()
    def startPreview(self) -> None:
        if self._job is None and self._device:
            try:
                self._preview = self.tech.preview(self._device)
            except ValueError:
                return
            self._preview.start()
            self.notify()

    @Slot()
    def stopPreview(self) -> None:
        if self._preview is not None:
            self._preview.stop()
            self._preview = None
            self.notify()

    def preview_frame(self):
        """The image provider's source (kiosk/ui/preview_images.py): never blocks."""
        return self._preview.latest() if self._preview is not None else None

    def _preview_source(self) -> str:
        frame = self.preview_frame()
        return f"image://techpreview/{frame.seq}" if frame is not None else ""

    def _preview_verdict(self) -> dict[str, Any]:
        v = self._preview.verdict() if self._preview is not None else {}
        if not v:
            return {}
        metrics = v.get("metrics") or {}
        return {"ok": bool(v.get("ok")), "reason": v.get("reason", ""),
                "text": (v.get("prompt") or {}).get("en" if self._en() else "zh", ""),
                "detail": "  ".join(f"{k} {val}" for k, val in metrics.items())}

    previewOn = Property(bool, lambda self: self._preview is not None, notify=updated)
    previewSource = Property(str, _preview_source, notify=updated)
    previewVerdict = Property("QVariantMap", _preview_verdict, notify=updated)

    @Slot(int)
    def setDoor(self, door: int) -> None:
        self._door = max(1, door)
        self.notify()

    @Slot(str)
    def runCheck(self, level: str) -> None:
        if self._job is not None or self.tech.state != "active" or not self._device:
            return
        device = self.hub.terminal.devices[self._device]
        door = self._door if device.kind == "locker" else None
        try:
            self._job = self.tech.start_check(self._device, level, door=door)
        except ValueError as exc:
            self._say(_say_text("failed").replace("%1", str(exc)))
        self._result = None
        self.notify()

    @Slot()
    def cancelCheck(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            # Cancelling marks the job at once (memory only); the audit row is written
            # on a worker (cancelling again there changes nothing: the first outcome stands).
            job.cancel()
            self._work(lambda: self.tech.cancel_check(job), lambda _r: None, "cancel")
            self._result = job.result
        self.notify()

    # -- slots: network, logs, actions ------------------------------------------------------
    def _action(self, work: Callable[[], Any], ok_text: Callable[[Any], str], what: str,
                then: Callable[[], None] | None = None) -> None:
        def done(result):
            if isinstance(result, NoRemovableMedia):
                self._say(_say_text("no_usb"))
            elif isinstance(result, Exception):
                self._say(_say_text("failed").replace("%1", str(result)))
            else:
                self._say(ok_text(result))
            if then is not None:
                then()
        self._work(work, done, what)

    @Slot()
    def syncNow(self) -> None:
        self._action(self.tech.sync_now, lambda _r: _say_text("sync_started"), "sync now",
                     lambda: QTimer.singleShot(1500, self._reload))

    @Slot(str)
    def retryRow(self, row_id: str) -> None:
        self._action(lambda: self.tech.retry(row_id), lambda _r: _say_text("retried"), "retry",
                     self._reload)

    @Slot()
    def exportQuarantine(self) -> None:
        path = self.local_bundle_dir / "quarantine.json"
        self._action(lambda: self.tech.export_quarantine(path),
                     lambda p: _say_text("exported").replace("%1", str(p)), "export")

    @Slot(str)
    def setLogDevice(self, name: str) -> None:
        self._log_device = name if name in self.hub.terminal.devices else ""
        self._load_logs()
        self.notify()

    @Slot(bool)
    def exportLogs(self, usb: bool) -> None:
        """The lines shown (all, or the chosen device's) to the USB stick or this terminal."""
        dest = None if usb else self.local_bundle_dir
        device = self._log_device or None
        self._action(lambda: self.tech.export_logs(dest, device),
                     lambda p: _say_text("exported").replace("%1", str(p)), "logs export")

    @Slot(str)
    def resetCounters(self, name: str) -> None:
        """Called after the screen's confirmation."""
        self._action(lambda: self.tech.reset_counters(name), lambda _r: _say_text("counters_reset"),
                     "counters reset", self._reload)

    @Slot(str)
    def takeOutOfService(self, reason: str) -> None:
        self._action(lambda: self.tech.take_out_of_service(reason), lambda _r: "",
                     "out of service", self.hub.changed.emit)

    @Slot()
    def backInService(self) -> None:
        self._action(self.tech.back_in_service, lambda _r: "", "in service",
                     self.hub.changed.emit)

    @Slot()
    def restartApp(self) -> None:
        """Called after the screen's confirmation: the audit row first (off the GUI
        thread), then the event loop ends for a restart in place."""
        def done(result):
            if isinstance(result, Exception):
                self._say(_say_text("failed").replace("%1", str(result)))
            else:
                restart.request()
        self._say(_say_text("restarting"))
        self._work(lambda: self.tech.restart_app("screen"), done, "restart")

    @Slot()
    def uploadBundle(self) -> None:
        def done(result):
            if isinstance(result, NoHall):
                self._say(_say_text("no_hall"))
            elif isinstance(result, Exception):
                self._say(_say_text("failed").replace("%1", str(result)))
            else:
                self._say(_say_text("bundle_queued").replace(
                    "%1", str(max(1, round(result["bytes"] / 1024)))))
                QTimer.singleShot(1500, self._reload)     # the outbox on the network tab
        self._work(self.tech.upload_bundle, done, "bundle upload")

    @Slot(bool)
    def writeBundle(self, usb: bool) -> None:
        dest = None if usb else self.local_bundle_dir
        self._action(lambda: self.tech.bundle(dest),
                     lambda p: _say_text("bundle_written").replace("%1", str(p)), "bundle")
