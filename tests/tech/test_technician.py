"""Technician mode's shared implementation (kiosk/core/tech) against the simulators and
the reference hall over HTTP: the PIN from the hall's config, audit rows arriving at the
hall, 暂停服务 in the heartbeat, each device's checks (and a device made to fail), the
quarantine retried, the diagnostics bundle, and `kiosk tech` sharing all of it."""
import json
import time
import zipfile

import pytest
import requests

from drivers.base import DeviceState
from hall.seed import SEED_TECHNICIAN_PIN
from kiosk import tech_cli
from kiosk.cli import build_parser
from kiosk.core.tech import Technician
from offline_cache import outbox
from offline_cache.db import transaction
from offline_cache.sealing import Sealer

FULL_ID = "440106199101010010"      # the sample card's number (drivers/idcard/sim.py)


def wait(predicate, timeout=15.0, what="condition"):
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


def admin(sim, path):
    r = requests.get(sim.hall.url + "/admin/v1" + path, timeout=5,
                     headers={"Authorization": f"Bearer {sim.hall.admin_token}"})
    r.raise_for_status()
    return r.json()


def online(terminal, name):
    wait(lambda: terminal.devices[name].status.state == DeviceState.ONLINE, 10, f"{name} online")


def test_pin_from_the_hall_audit_synced_and_paused_in_the_heartbeat(make_terminal):
    sim, terminal = make_terminal(hall=True, simulated=False)
    tech = Technician(terminal)
    # Before the first sync the terminal has no hash: no PIN opens it (not simulated).
    assert tech.enter(SEED_TECHNICIAN_PIN, citizen_served=False)["outcome"] == "no_pin"
    wait(lambda: tech._hall_config().get("technician_pin_hash"), 15, "the hall's kiosk config")
    assert tech.enter("000000", citizen_served=False)["outcome"] == "wrong"
    got = tech.enter(SEED_TECHNICIAN_PIN, citizen_served=False)
    assert got["outcome"] == "ok" and got["state"] == "active" and got["role"] == "technician"
    assert not terminal.service_state.in_service
    tech.exit("technician")

    def audits():
        return [t["payload"] for t in admin(sim, "/transactions?kind=audit")["transactions"]]
    wait(lambda: [a["what"] for a in audits()][-2:] == ["entered", "exited"], 20,
         "the audit rows at the hall")
    whats = [a["what"] for a in audits()]
    assert whats == ["entry_refused", "entry_refused", "entry_requested", "entered", "exited"]
    assert all(a["who"] for a in audits()) and all(a["at"] for a in audits())
    # 暂停服务 with its reason reaches the hall in the heartbeat.
    tech.take_out_of_service("机器维修中")
    terminal.sync.trigger(force=True)

    def reported():
        kiosks = admin(sim, "/kiosks")["kiosks"]
        return kiosks and (kiosks[0]["report"].get("service") or {}).get("reason")
    wait(lambda: reported() == "机器维修中", 20, "the heartbeat's service state")
    tech.back_in_service()
    assert terminal.service_state.in_service


def test_simulated_terminal_knows_the_demo_pin_and_entry_waits_for_the_citizen(make_terminal):
    _sim, terminal = make_terminal()
    tech = Technician(terminal)
    got = tech.enter(SEED_TECHNICIAN_PIN, citizen_served=True)
    assert got["outcome"] == "ok" and got["state"] == "requested"
    assert terminal.service_state.in_service          # the citizen is still being served
    assert not tech.acknowledge(citizen_served=True)
    assert tech.acknowledge(citizen_served=False) and tech.state == "active"
    assert terminal.service_state.reason == "technician"


def test_receipt_check_prints_date_and_terminal_id_and_paper_out_says_what_to_do(make_terminal):
    sim, terminal = make_terminal()
    tech = Technician(terminal)
    online(terminal, "receipt")
    result = tech.check("receipt", "external")
    assert result["ok"], result
    printed = sim.printer.wait_for_receipt(1).text
    assert terminal.config.kiosk_id in printed and time.strftime("%Y-%m-%d") in printed
    sim.printer.set_paper("out")
    result = tech.check("receipt", "external")
    assert not result["ok"]
    assert result["words"]["problem_zh"] == "缺纸"
    assert result["words"]["action_zh"] == "装纸后按‘重新检测’"
    assert result["detail"]["error"]["code"] == "paper_out"
    overview = {d["name"]: d for d in tech.overview(poll=True)}
    assert overview["receipt"]["words"]["error"]["action_en"].startswith("Load paper")
    assert overview["receipt"]["counters"]["prints"] >= 1


def test_locker_check_opens_a_door_queries_all_and_reports_a_jam(make_terminal):
    sim, terminal = make_terminal()
    tech = Technician(terminal)
    online(terminal, "lockers")
    result = tech.check("lockers", "external", door=3)
    assert result["ok"], result
    assert sim.locker.is_open(1, 3)
    assert result["detail"]["details"]["doors"]["1"][3] == "open"
    sim.locker.close_door(1, 3)
    sim.locker.jam(1, 5)
    result = tech.check("lockers", "external", door=5)
    assert not result["ok"]
    assert result["words"]["code"] == "door_jammed"
    assert result["detail"]["details"]["opened"]["state"] == "jammed"
    with pytest.raises(ValueError):
        tech.check("lockers", "external", door=999)


def test_camera_gone_and_a_qr_code_decoded(make_terminal):
    sim, terminal = make_terminal()
    tech = Technician(terminal)
    online(terminal, "camera")
    sim.camera.set_scene("qr", text="TECH-TEST-0001")
    result = tech.check("camera", "interactive", wait_s=10)
    assert result["ok"] and result["detail"]["details"]["qr"] == "TECH-TEST-0001"
    sim.camera.remove()
    # The camera driver notices within its stall timeout; the technician comes later.
    wait(lambda: terminal.devices["camera"].status.state != DeviceState.ONLINE, 15,
         "the camera seen gone")
    result = tech.check("camera", "external")
    assert not result["ok"]
    assert result["words"]["code"] in ("camera_gone", "no_camera", "camera_stalled")
    assert result["words"]["action_zh"]


def test_hung_check_is_cancelled_at_once(make_terminal):
    sim, terminal = make_terminal()
    tech = Technician(terminal)
    online(terminal, "camera")
    sim.camera.set_scene("face")         # no QR: the interactive check waits
    job = tech.start_check("camera", "interactive", wait_s=20)
    time.sleep(0.5)
    assert not job.done and job.progress()["running"]
    started = time.monotonic()
    tech.cancel_check(job)
    assert job.done and job.result["outcome"] == "cancelled"
    assert time.monotonic() - started < 1.0
    assert tech.last_checks["camera"]["outcome"] == "cancelled"


def test_id_card_read_masked(make_terminal):
    _sim, terminal = make_terminal(card_present=True)
    tech = Technician(terminal)
    online(terminal, "idcard")
    result = tech.check("idcard", "interactive", wait_s=10)
    assert result["ok"], result
    details = result["detail"]["details"]
    assert details["number"] == "4401**********0010"
    assert FULL_ID not in json.dumps(result, ensure_ascii=False)


def test_quarantined_row_retried_reaches_the_hall(make_terminal, tmp_path):
    sim, terminal = make_terminal(hall=True)
    tech = Technician(terminal)
    # A row sealed with a key this terminal does not have (its key file was replaced):
    # the engine can never send its personal fields and quarantines it.
    stranger = Sealer.load_or_create(tmp_path / "other.key")
    with terminal.database() as conn, transaction(conn):
        row_id = outbox.enqueue(conn, "rating", {"service": "queue_ticket",
                                                 "level": "satisfied"},
                                terminal.now(), personal={"holder": "x"}, sealer=stranger)
    terminal.sync.trigger(force=True)
    wait(lambda: [q["id"] for q in tech.quarantine()] == [row_id], 20, "the row quarantined")
    assert tech.quarantine()[0]["reason_code"] == "seal_error"
    exported = json.loads(tech.export_quarantine(tmp_path / "q.json").read_text())
    assert exported[0]["id"] == row_id
    assert tech.retry(row_id)
    wait(lambda: not tech.quarantine() and tech.network(probe=False)["depth"] == 0, 20,
         "the retried row delivered")
    ids = [t["id"] for t in admin(sim, "/transactions?kind=rating")["transactions"]]
    assert row_id in ids
    net = tech.network()
    assert net["hall"]["reachable"] and net["hall"]["rtt_ms"] >= 0
    assert not tech.retry(row_id)          # once only


def test_bundle_holds_everything_and_no_full_id_number(make_terminal, tmp_path):
    _sim, terminal = make_terminal(card_present=True)
    tech = Technician(terminal)
    online(terminal, "idcard")
    tech.check("idcard", "interactive", wait_s=10)
    tech.check("receipt", "internal")
    path = tech.bundle(tmp_path / "out")
    assert path.suffix == ".zip" and (path.stat().st_mode & 0o777) == 0o600
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert names == {"devices.json", "counters.json", "sync.json", "logs.txt",
                         "config.json", "versions.json"}
        everything = "".join(z.read(n).decode("utf-8") for n in names)
        devices = json.loads(z.read("devices.json"))
        config = json.loads(z.read("config.json"))
    assert FULL_ID not in everything
    assert {d["name"] for d in devices} == set(terminal.devices)
    assert next(d for d in devices if d["name"] == "idcard")["last_check"]["ok"]
    assert config["holder_salt"] == "<redacted>"
    assert terminal.config.holder_salt not in everything


def test_kiosk_tech_cli_shares_the_implementation(make_terminal, tmp_path, capsys):
    sim, terminal = make_terminal()
    online(terminal, "receipt")
    parser = build_parser(with_devices=False)

    def run(*argv):
        args = parser.parse_args(["tech", *argv, "--json"])
        code = tech_cli.main_args(args, terminal=terminal)
        return code, json.loads(capsys.readouterr().out)

    code, out = run("checks", "receipt", "--level", "external")
    assert code == 0 and out["ok"] and out["words"]["code"] == "ok"
    sim.printer.set_paper("out")
    code, out = run("checks", "receipt", "--level", "external")
    assert code == 1 and out["words"]["code"] == "paper_out"
    code, out = run("service", "out", "--reason", "更换打印纸")
    assert code == 0 and out == {"in_service": False, "technician_mode": False,
                                 "reason": "更换打印纸"}
    code, out = run("service", "in")
    assert out["in_service"]
    code, out = run("bundle", "--out", str(tmp_path / "b.zip"))
    assert code == 0 and zipfile.is_zipfile(out["path"])
    code, out = run("logs", "--out", str(tmp_path / "logs.txt"))     # the journal's lines
    assert code == 0 and out["path"] == str(tmp_path / "logs.txt"), out
    assert (tmp_path / "logs.txt").stat().st_mode & 0o777 == 0o600
    code, out = run("counters-reset", "receipt")
    assert code == 2 and "--yes" in out["error"]
    code, out = run("counters-reset", "receipt", "--yes")
    assert code == 0 and out["before"]["prints"] >= 1
    assert terminal.devices["receipt"].counters.snapshot() == {} or \
        terminal.devices["receipt"].counters.get("prints") == 0
    code, out = run("checks", "nosuch")
    assert code == 2


def test_kiosk_tech_bundle_upload_delivers_it_to_the_hall_or_keeps_it(make_terminal, capsys):
    """``kiosk tech bundle --upload``: with the hall up it is delivered in this command's
    own sync round; with no hall configured it says so and records nothing."""
    parser = build_parser(with_devices=False)

    def run(terminal, *argv):
        args = parser.parse_args(["tech", *argv, "--json"])
        code = tech_cli.main_args(args, terminal=terminal)
        return code, json.loads(capsys.readouterr().out)

    sim, terminal = make_terminal(hall=True, start=False)
    code, out = run(terminal, "bundle", "--upload")
    assert code == 0 and out["delivered"] is True, out
    got = requests.get(f"{sim.hall.url}/admin/v1/attachments/{out['sha256']}", timeout=10,
                       headers={"Authorization": f"Bearer {sim.hall.admin_token}"})
    assert got.status_code == 200 and len(got.content) == out["bytes"]
    assert zipfile.ZipFile(__import__("io").BytesIO(got.content)).testzip() is None
    audits = [t["payload"] for t in admin(sim, "/transactions?kind=audit")["transactions"]]
    assert [a["bundle"]["attachment"] for a in audits if a["what"] == "diagnostics_bundle"] \
        == [out["sha256"]]

    _, alone = make_terminal(hall=False, start=False)
    code, out = run(alone, "bundle", "--upload")
    assert code == 1 and out["error"] == "no_hall"
    with alone.database() as conn:
        assert [r for r in outbox.pending(conn, 100) if r.payload.get("what") ==
                "diagnostics_bundle"] == []


def test_camera_preview_frames_verdicts_and_its_idle_stop(make_terminal):
    sim, terminal = make_terminal()
    online(terminal, "camera")
    tech = Technician(terminal)
    with pytest.raises(ValueError):
        tech.preview("receipt")
    preview = tech.preview("camera")
    preview.idle_s = 2.0
    sim.camera.set_scene("too_small")
    preview.start()
    wait(lambda: preview.verdict().get("reason") == "too_small", 10, "the gate's verdict")
    frame = preview.latest()
    assert frame is not None and frame.width <= 640 and len(frame.rgb) == frame.width * \
        frame.height * 3
    wait(lambda: not preview.running, 10, "the preview stopping by itself when idle")
