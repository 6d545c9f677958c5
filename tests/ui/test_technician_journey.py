"""Technician mode through the real window, against the simulators: the hidden corner,
the PIN on our keypad (lockout after five wrong ones), entry waiting for a citizen's
session, 暂停服务 on the attract screen, each device's checks with a device made to fail
(paper out, locker jammed, camera gone), a hung check cancelled, a quarantined row
retried, the bundle written (no full ID number in it) and the idle exit.

``TECH_SHOTS=DIR`` saves screenshots of the technician screens there (docs/screenshots)."""
import json
import os
import time
import zipfile
from pathlib import Path

from drivers.base import DeviceState
from drivers.idcard.sim import sample_resident_card
from hall.seed import SEED_TECHNICIAN_PIN
from kiosk.core.tech import Technician
from offline_cache import outbox
from offline_cache.db import transaction
from offline_cache.sealing import Sealer

FULL_ID = "440106199101010010"
KINDS = ("idcard", "receipt", "locker", "camera")


def shot(k, name):
    if os.environ.get("TECH_SHOTS"):
        k.robot.process(0.3)
        k.robot.screenshot(Path(os.environ["TECH_SHOTS"]) / f"tech-{name}.png")


def tech_kiosk(make_kiosk, tech_kwargs=None, **kw):
    k = make_kiosk(kinds=KINDS, **kw)
    k.terminal.simulated = True          # the demo PIN, as with `kiosk run --simulate`
    part = k.controller.parts["tech"]
    if tech_kwargs:
        part.tech = Technician(k.terminal, **tech_kwargs)
    k.tech = part
    return k


def open_pin(k):
    for _ in range(5):
        k.robot.click("techCorner")
    k.robot.item("techPinPad")


def type_pin(k, pin):
    for digit in pin:
        k.robot.click(f"key_{digit}")
    k.robot.click("keypadConfirm")


def enter(k, pin=SEED_TECHNICIAN_PIN):
    open_pin(k)
    type_pin(k, pin)
    k.robot.wait_for(lambda: k.tech.phase == "active", 10, "technician mode")
    k.robot.wait_for(lambda: k.tech.devices, 10, "the overview")


def online(k, name):
    k.robot.wait_for(lambda: k.terminal.devices[name].status.state == DeviceState.ONLINE, 10,
                     f"{name} online")


def run_check(k, device, level, timeout=20):
    k.robot.click("techTab_devices")
    k.robot.click(f"techPick_{device}")
    k.robot.click(f"techCheck_{level}")
    k.robot.wait_for(lambda: not k.tech.checkRunning and k.tech.checkResult.get("device") == device,
                     timeout, f"the {level} check of {device}")
    k.robot.process(0.2)
    return k.robot.text_of("techCheckResult"), k.robot.text_of("techCheckAction")


def test_wrong_pins_lock_entry_then_the_right_one_enters_and_idle_exits(make_kiosk):
    k = tech_kiosk(make_kiosk, tech_kwargs={"lockout_s": 3, "idle_s": 4})
    open_pin(k)
    shot(k, "pin")
    for _ in range(5):
        type_pin(k, "111111")
        k.robot.wait_for(lambda: not k.tech.pinBusy, 5, "the PIN checked")
    assert "错误次数过多" in k.robot.text_of("techPinMessage")
    type_pin(k, SEED_TECHNICIAN_PIN)           # the right PIN, but still locked
    k.robot.wait_for(lambda: not k.tech.pinBusy, 5, "the PIN checked")
    assert k.tech.phase == "pin" and "错误次数过多" in k.robot.text_of("techPinMessage")
    shot(k, "pin-locked")
    time.sleep(3.2)
    type_pin(k, SEED_TECHNICIAN_PIN)
    k.robot.wait_for(lambda: k.tech.phase == "active", 10, "technician mode")
    # Idle for the configured time (4 s here; 120 s by default): back to the citizens.
    k.robot.wait_for(lambda: k.tech.phase == "", 10, "the idle exit")
    k.robot.wait_for(lambda: k.robot.find("touchToStart") is not None, 5, "in service again")
    with k.terminal.database() as conn:
        whats = [r.payload["what"] for r in outbox.pending(conn, 100) if r.kind == "audit"]
    assert whats == ["entry_refused"] * 4 + ["entry_locked"] * 2 + ["entry_requested",
                                                                     "entered", "exited"]


def test_entry_waits_for_the_citizens_session_and_pauses_service(make_kiosk):
    k = tech_kiosk(make_kiosk, timeout_s=4, warning_s=1)
    k.robot.click("attractArea")
    k.robot.wait_screen("home")
    open_pin(k)
    type_pin(k, SEED_TECHNICIAN_PIN)
    k.robot.wait_for(lambda: k.tech.phase == "waiting", 10, "waiting for the citizen")
    assert k.robot.find("techWaiting") is not None
    shot(k, "waiting")
    # The citizen's session times out (nobody touches): then technician mode starts.
    k.robot.wait_for(lambda: k.tech.phase == "active", 15, "entry after the session")
    assert k.controller.screen == "attract"
    assert not k.terminal.service_state.report()["in_service"]
    shot(k, "overview")
    k.robot.click("techLanguage")              # English for a vendor's engineer
    k.robot.wait_for(lambda: "without a touch" in k.robot.text_of("techIdle"), 5, "English")
    shot(k, "overview-en")
    k.robot.click("techLanguage")
    k.robot.click("techExit")
    k.robot.wait_for(lambda: k.tech.phase == "", 5, "exit")
    # Out of service with a reason: the attract screen says so and no session starts.
    enter(k)
    k.robot.click("techTab_actions")
    k.robot.click("techOut_0")
    k.robot.wait_for(lambda: k.tech.outOfService, 5, "out of service")
    shot(k, "actions")
    k.robot.click("techExit")
    k.robot.wait_for(lambda: k.tech.phase == "", 5, "exit")
    assert "暂停服务：设备维修中" in k.robot.text_of("attractPaused")
    shot(k, "attract-paused")
    k.robot.click("attractArea")
    k.robot.process(0.3)
    assert k.controller.screen == "attract"
    enter(k)
    k.robot.click("techTab_actions")
    k.robot.click("techBackInService")
    k.robot.wait_for(lambda: not k.tech.outOfService, 5, "back in service")


def test_each_devices_checks_and_failures_on_screen(make_kiosk):
    k = tech_kiosk(make_kiosk)
    k.sim.idcard.insert(sample_resident_card())
    for name in ("receipt", "lockers", "camera", "idcard"):
        online(k, name)
    enter(k)
    result, _ = run_check(k, "receipt", "external")
    assert result.startswith("✔")
    assert k.terminal.config.kiosk_id in \
        k.sim.printer.wait_for_receipt(1).text
    k.sim.printer.set_paper("out")
    result, action = run_check(k, "receipt", "external")
    assert "缺纸" in result and "装纸后按‘重新检测’" in action
    shot(k, "check-paper-out")
    k.robot.click("techTab_overview")
    k.robot.wait_for(lambda: k.robot.find("techDeviceProblem_receipt") is not None, 10,
                     "the overview showing the printer's problem")
    assert "装纸后" in k.robot.text_of("techDeviceProblem_receipt")
    k.sim.printer.set_paper("ok")
    # Lockers: door 2 opens; door 4 is jammed.
    k.robot.click("techTab_devices")
    k.robot.click("techPick_lockers")
    k.robot.click("techDoorUp")
    result, _ = run_check(k, "lockers", "external")
    assert result.startswith("✔") and k.sim.locker.is_open(1, 2)
    k.sim.locker.jam(1, 4)
    k.robot.click("techDoorUp")
    k.robot.click("techDoorUp")
    result, action = run_check(k, "lockers", "external")
    assert "柜门卡住" in result and "检查门锁" in action
    shot(k, "check-locker-jammed")
    # ID card: read and masked on screen.
    result, _ = run_check(k, "idcard", "interactive")
    detail = k.robot.text_of("techCheckDetail")
    assert result.startswith("✔") and "4401**********0010" in detail and FULL_ID not in detail
    shot(k, "check-idcard")
    # Camera: a QR code decoded, then the camera gone.
    k.sim.camera.set_scene("qr", text="TECH-QR-42")
    result, _ = run_check(k, "camera", "interactive")
    assert result.startswith("✔") and "TECH-QR-42" in k.robot.text_of("techCheckDetail")
    k.sim.camera.remove()
    k.robot.wait_for(lambda: k.terminal.devices["camera"].status.state != DeviceState.ONLINE,
                     15, "the camera seen gone")
    result, action = run_check(k, "camera", "external")
    assert result.startswith("⚠") and "摄像头" in result and action
    shot(k, "check-camera-gone")


def test_a_hung_check_shows_progress_and_is_cancelled(make_kiosk):
    k = tech_kiosk(make_kiosk)
    online(k, "camera")
    enter(k)
    k.robot.click("techTab_devices")
    k.robot.click("techPick_camera")
    k.robot.click("techCheck_interactive")          # nothing to decode: it waits
    k.robot.wait_for(lambda: "已用 1 秒" in k.robot.text_of("techCheckProgress"), 5, "progress")
    shot(k, "check-running")
    started = time.monotonic()
    k.robot.click("techCheckCancel")
    k.robot.wait_for(lambda: not k.tech.checkRunning, 2, "the check cancelled")
    assert time.monotonic() - started < 1.5
    assert "检测已取消" in k.robot.text_of("techCheckResult")


def test_quarantined_row_retried_and_bundle_written(make_kiosk, tmp_path):
    k = tech_kiosk(make_kiosk, hall=True)
    stranger = Sealer.load_or_create(tmp_path / "other.key")
    with k.terminal.database() as conn, transaction(conn):
        row_id = outbox.enqueue(conn, "rating", {"service": "queue_ticket", "level": "satisfied"},
                                k.terminal.now(), personal={"holder": "x"}, sealer=stranger)
    k.terminal.sync.trigger(force=True)
    tech = k.tech.tech
    k.robot.wait_for(lambda: [q["id"] for q in tech.quarantine()] == [row_id], 20, "quarantined")
    enter(k)
    k.robot.click("techTab_network")
    k.robot.wait_for(lambda: k.robot.find("techQuarantine_0") is not None, 10, "the row listed")
    assert "seal_error" in k.robot.text_of("techQuarantine_0")
    assert "已校验" in k.robot.text_of("techNet_5")       # the hall's signatures
    shot(k, "network")
    k.robot.click("techRetry_0")
    k.robot.wait_for(lambda: not tech.quarantine() and tech.network(probe=False)["depth"] == 0,
                     20, "the row delivered")
    # Logs: masked lines, filterable.
    k.robot.click("techTab_logs")
    k.robot.wait_for(lambda: k.tech.logLines, 5, "log lines")
    shot(k, "logs")
    # Exported as shown, on this terminal (no USB stick in a test machine).
    k.tech.local_bundle_dir = tmp_path / "bundles"
    k.robot.click("techLogsLocal")
    k.robot.wait_for(lambda: "已导出" in k.tech.message, 10, "the logs exported")
    exported = next((tmp_path / "bundles").glob("kiosk-logs-all-*.txt"))
    assert exported.stat().st_mode & 0o777 == 0o600
    text = exported.read_text(encoding="utf-8")
    assert len(text.splitlines()) >= len(k.tech.logLines) and FULL_ID not in text
    # The bundle, saved on this terminal.
    k.robot.click("techTab_actions")
    k.robot.click("techBundleLocal")
    k.robot.wait_for(lambda: "诊断包已写入" in k.tech.message, 10, "the bundle")
    path = next((tmp_path / "bundles").glob("*.zip"))
    with zipfile.ZipFile(path) as z:
        everything = "".join(z.read(n).decode() for n in z.namelist())
        sync_state = json.loads(z.read("sync.json"))
    assert FULL_ID not in everything and k.terminal.config.holder_salt not in everything
    assert sync_state["quarantined"] == 0
    k.robot.click("techBundleUsb")
    k.robot.wait_for(lambda: "U盘" in k.tech.message or "诊断包已写入" in k.tech.message, 10,
                     "the USB answer")


def test_a_refused_document_from_the_hall_shows_on_the_network_screen(make_kiosk):
    """The hall's config changed on the way (its tamper fault): the network screen says
    it was refused and that the last good one stays (issue 11's signed configuration)."""
    k = tech_kiosk(make_kiosk, hall=True)
    hall = k.sim.hall
    hall.admin("PUT", "/faults", {"tamper_documents": True})
    hall.admin("PUT", f"/kiosks/{k.terminal.config.kiosk_id}/config",
               {"announcements": [{"text": {"zh_CN": "今天下午停电"}}]})
    k.terminal.sync.trigger(force=True)
    tech = k.tech.tech
    k.robot.wait_for(lambda: "config" in tech.network(probe=False)["refused"], 20,
                     "the tampered config refused")
    enter(k)
    k.robot.click("techTab_network")
    k.robot.wait_for(lambda: k.robot.find("techRefused_0") is not None, 10, "the refusal shown")
    # The tamper fault changes every signed document: the catalog may be refused too, and
    # listed first when it was fetched again meanwhile.
    rows = [k.robot.text_of(f"techRefused_{i}") for i in range(3)
            if k.robot.find(f"techRefused_{i}") is not None]
    config_row = next((t for t in rows if "已拒收终端配置（bad_signature" in t), None)
    assert config_row is not None, rows
    assert "仍用上次的" in config_row
    shot(k, "network-refused")



def test_restart_app_asks_first_then_audits_and_ends_the_event_loop_for_a_restart(make_kiosk):
    """重启应用 on the actions screen: asked twice; the audit row is written (off the GUI
    thread) and the app's event loop ends with RESTART, on which kiosk/ui/main.py execs
    the app again (tests/test_notify_health.py restarts a real process that way)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.ui import restart

    k = tech_kiosk(make_kiosk)
    enter(k)
    k.robot.click("techTab_actions")
    k.robot.click("techRestart")
    k.robot.process(0.2)
    assert "确定重启应用" in k.robot.text_of("techRestartAsk")
    assert k.robot.item("techRestartConfirm").isVisible()
    k.robot.click("techRestartCancel")
    k.robot.process(0.2)
    assert k.robot.find("techRestartConfirm") is None
    assert k.tech.phase == "active"

    k.robot.click("techRestart")
    k.robot.process(0.2)
    shot(k, "actions-restart")
    QTimer.singleShot(0, lambda: k.robot.click("techRestartConfirm"))
    QTimer.singleShot(20000, lambda: QCoreApplication.exit(-1))     # a safety net, not the way
    assert QCoreApplication.instance().exec() == restart.RESTART

    with k.terminal.database() as conn:
        audits = [r.payload for r in outbox.pending(conn, 100) if r.kind == "audit"]
    whats = [(a["what"], a["detail"]) for a in audits]
    assert ("restart_app", {"how": "screen"}) in whats
    assert whats[-1] == ("exited", {"why": "restart"})


def test_the_bundle_uploaded_to_the_hall_arrives_as_an_audit_row_with_the_zip(make_kiosk):
    """上传到大厅: the zip goes by the outbox (an audit row ``diagnostics_bundle`` with it
    as an attachment); the hall's operator downloads it."""
    import io

    import requests

    k = tech_kiosk(make_kiosk, hall=True)
    hall = k.sim.hall
    enter(k)
    k.robot.click("techTab_actions")
    k.robot.click("techBundleHall")
    k.robot.wait_for(lambda: "已排队上传大厅" in k.tech.message, 10, "the bundle queued")

    def bundles():
        rows = hall.admin("GET", "/transactions?kind=audit")["transactions"]
        return [t["payload"] for t in rows if t["payload"]["what"] == "diagnostics_bundle"]
    k.robot.wait_for(lambda: bundles(), 30, "the bundle's audit row at the hall")
    (audit,) = bundles()
    ref = audit["bundle"]
    assert ref["media_type"] == "application/zip" and ref["bytes"] > 1000
    got = requests.get(f"{hall.url}/admin/v1/attachments/{ref['attachment']}", timeout=10,
                       headers={"Authorization": f"Bearer {hall.admin_token}"})
    assert got.status_code == 200 and len(got.content) == ref["bytes"]
    assert got.headers["x-kiosk-id"] == k.terminal.config.kiosk_id
    with zipfile.ZipFile(io.BytesIO(got.content)) as z:
        assert {"devices.json", "sync.json", "logs.txt", "config.json"} <= set(z.namelist())
        everything = "".join(z.read(n).decode() for n in z.namelist())
    assert FULL_ID not in everything and k.terminal.config.holder_salt not in everything
    k.robot.wait_for(lambda: k.tech.tech.network(probe=False)["depth"] == 0, 20,
                     "the outbox drained")


def test_the_cameras_live_preview_shows_the_face_box_and_the_gates_verdict(make_kiosk):
    """设备检测 · camera · 实时预览: frames made off the GUI thread with the gate's face box
    (green when it passes), its verdict in words as the scene changes, no picture when
    the camera is gone, and the preview stops with the tab."""
    import numpy as np

    k = tech_kiosk(make_kiosk)
    online(k, "camera")
    enter(k)
    k.sim.camera.set_scene("face")
    k.robot.click("techTab_devices")
    k.robot.click("techPick_camera")
    k.robot.click("techPreview")
    k.robot.wait_for(lambda: "人脸合格" in (k.robot.text_of("techPreviewVerdict") or ""), 15,
                     "the gate passing the simulated face")
    frame = k.tech.preview_frame()
    pixels = np.frombuffer(frame.rgb, np.uint8).reshape(frame.height, frame.width, 3)
    green = np.all(pixels == (40, 170, 60), axis=2)            # the box, in RGB
    assert green.sum() > 200, "no face box drawn"
    image = k.robot.item("techPreviewImage")
    # The Image shows a frame the provider served (its implicit size is the image's).
    k.robot.wait_for(lambda: image.property("implicitWidth") == frame.width, 5,
                     "the Image loaded from image://techpreview")
    assert "face_ratio" in k.robot.text_of("techPreviewDetail")
    assert threading_names_include("camera-preview")
    shot(k, "camera-preview")

    k.sim.camera.set_scene("too_dark")
    k.robot.wait_for(lambda: "光线太暗" in (k.robot.text_of("techPreviewVerdict") or ""), 15,
                     "the verdict following the scene")
    k.sim.camera.remove()
    k.robot.wait_for(lambda: "摄像头没有画面" in (k.robot.text_of("techPreviewVerdict") or ""),
                     20, "no picture once the camera is gone")
    k.robot.click("techTab_overview")
    k.robot.wait_for(lambda: not threading_names_include("camera-preview"), 5,
                     "the preview thread ended with the tab")
    assert not k.tech.previewOn


def threading_names_include(name):
    import threading
    return any(t.name == name for t in threading.enumerate())
