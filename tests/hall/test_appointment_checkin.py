"""Appointment check-in (预约取号): ``POST /tickets`` with ``appointment_id`` checks the
appointment (known, today's, not used, same category and kind) and checks it in once,
even when two kiosks try at the same moment; the appointment QR code's format; what a
restart keeps (check-ins, paid items) and what seeding adds."""
import threading
from datetime import date, datetime, timedelta

import pytest

from hall.sealing import HallKeys, default_key_path
from hall.seed import appointment_qr, parse_appointment_qr, seed
from hall.settings import holder_hash
from hall.storage import SQLiteStorage

from .conftest import run_cli
from .helpers import CST, seed_holder
from .test_auth import assert_error

# The format, fixed here as the kiosk's own parser must read it (tests/core/test_checkin.py
# reads the same strings).
SAMPLE_QR = "GDZWFW-APPT:APT-20250301-01:registration:accept"
# With the time and the holder's masked name, 张* (UTF-8 e5 bc a0 2a, base64url "5bygKg").
SAMPLE_QR_FULL = "GDZWFW-APPT:APT-20250301-01:registration:accept:0930:5bygKg"


def test_the_qr_code_with_time_and_masked_name():
    booked = {"appointment_id": "APT-20250301-01", "category": "registration",
              "kind": "accept", "time": "09:30"}
    assert appointment_qr(booked, masked_name="张*") == SAMPLE_QR_FULL
    assert appointment_qr(booked) == SAMPLE_QR + ":0930"
    assert parse_appointment_qr(SAMPLE_QR_FULL) == ("APT-20250301-01", "registration",
                                                    "accept")
    with pytest.raises(ValueError):
        appointment_qr(booked, masked_name="张小明")          # never a full name
    for text in (SAMPLE_QR + ":930", SAMPLE_QR + ":0961", SAMPLE_QR + ":0930:a=b",
                 SAMPLE_QR_FULL + ":x"):
        assert parse_appointment_qr(text) is None, text


def test_the_qr_format():
    assert appointment_qr({"appointment_id": "APT-20250301-01", "category": "registration",
                           "kind": "accept", "holder": "h", "date": "2025-03-01"}) == SAMPLE_QR
    assert parse_appointment_qr(SAMPLE_QR) == ("APT-20250301-01", "registration", "accept")
    assert parse_appointment_qr(f" {SAMPLE_QR}\r\n") == ("APT-20250301-01", "registration",
                                                         "accept")
    for text in ("", "GDZWFW-APPT:APT-1:registration", "GDZWFW-APPT:APT-1:a:b:c",
                 "gdzwfw-appt:APT-1:registration:accept", "GDZWFW-APPT::registration:accept",
                 "GDZWFW-APPT:APT 1:registration:accept", "https://example.gov.cn/APT-1",
                 "GDZWFW-APPT:" + "A" * 65 + ":registration:accept"):
        assert parse_appointment_qr(text) is None, text
    with pytest.raises(ValueError):
        appointment_qr({"appointment_id": "a:b", "category": "registration", "kind": "accept"})


def today() -> date:
    return datetime.now(CST).date()


def appointments(session, hall, citizen, day):
    r = session.get(f"{hall.api}/appointments", timeout=5,
                    params={"holder": seed_holder(citizen), "date": day.isoformat()})
    assert r.status_code == 200, r.text
    return r.json()["appointments"]


def check_in(session, hall, appointment_id, category="registration", kind="accept"):
    return session.post(f"{hall.api}/tickets", timeout=5, json={
        "category": category, "kind": kind, "appointment_id": appointment_id})


@pytest.fixture
def k1(demo_hall):
    with demo_hall.kiosk("K1") as s:
        yield s


def test_check_in_by_qr_code_once(demo_hall, k1):
    [booked] = appointments(k1, demo_hall, 1, today())
    assert booked["status"] == "booked"
    assert booked["appointment_id"] == f"APT-{today():%Y%m%d}-01"
    # What the kiosk does with a scanned code: parse it, then ask for the ticket.
    appointment_id, category, kind = parse_appointment_qr(appointment_qr(booked))
    assert_error(check_in(k1, demo_hall, appointment_id, category, "consult"), 422,
                 "appointment_mismatch")
    assert_error(check_in(k1, demo_hall, appointment_id, "business", kind), 422,
                 "appointment_mismatch")
    r = check_in(k1, demo_hall, appointment_id, category, kind)
    assert r.status_code == 200, r.text
    assert r.json()["number"].startswith("A")
    [after] = appointments(k1, demo_hall, 1, today())
    assert after == {**booked, "status": "checked_in"}
    assert_error(check_in(k1, demo_hall, appointment_id), 409, "appointment_used")
    tickets = demo_hall.admin("GET", "/tickets", params={"day": today().isoformat(),
                                                          "category": "registration"})
    [mine] = [t for t in tickets["tickets"] if t["appointment_id"] == appointment_id]
    # The ticket is the citizen's: the appointment's holder, keyed at rest with the
    # hall's key (hall.sealing), never the terminal's hash in clear.
    keyed = HallKeys.load_or_create(default_key_path(demo_hall.db)).holder(seed_holder(1))
    assert mine["number"] == r.json()["number"] and mine["holder"] == keyed


def test_not_today_and_unknown(demo_hall, k1):
    tomorrow = today() + timedelta(days=1)
    [later] = appointments(k1, demo_hall, 2, tomorrow)
    assert_error(check_in(k1, demo_hall, later["appointment_id"]), 422, "appointment_not_today")
    assert_error(check_in(k1, demo_hall, "APT-19990101-01"), 404, "unknown_appointment")
    # Tomorrow on the hall's clock, it is today's.
    demo_hall.admin("PUT", "/faults", json={"clock_offset_s": 86400})
    try:
        r = check_in(k1, demo_hall, later["appointment_id"])
        today_now = check_in(k1, demo_hall, f"APT-{today():%Y%m%d}-02")
    finally:
        demo_hall.admin("PUT", "/faults", json={})
    assert r.status_code == 200, r.text
    assert_error(today_now, 422, "appointment_not_today")        # yesterday's by then
    assert appointments(k1, demo_hall, 2, tomorrow)[0]["status"] == "checked_in"
    assert appointments(k1, demo_hall, 2, today())[0]["status"] == "booked"


def test_two_kiosks_checking_in_one_appointment_at_once(demo_hall):
    appointment_id = f"APT-{today():%Y%m%d}-02"
    barrier, answers = threading.Barrier(6), []

    def go(kiosk_id):
        with demo_hall.kiosk(kiosk_id) as s:
            barrier.wait(10)
            r = check_in(s, demo_hall, appointment_id)
            answers.append((r.status_code, r.json().get("error", {}).get("code")))

    threads = [threading.Thread(target=go, args=(k,)) for k in ("K1", "K2", "K3") * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(answers) == [(200, None)] + [(409, "appointment_used")] * 5
    tickets = demo_hall.admin("GET", "/tickets", params={"day": today().isoformat()})
    assert [t["appointment_id"] for t in tickets["tickets"]].count(appointment_id) == 1


def test_a_restart_keeps_check_ins_and_paid_items(stores):
    hall = stores.process().start()
    try:
        with hall.kiosk("K1") as k1:
            assert check_in(k1, hall, f"APT-{today():%Y%m%d}-01").status_code == 200
            item = f"VVT-{today().year}-0102"
            order = k1.post(f"{hall.api}/payments", timeout=5, json={
                "service_code": "vehicle_vessel_tax", "holder": seed_holder(1),
                "amount_fen": 48000, "params": {"item_id": item}}).json()
            assert run_cli("mark-paid", order["order_id"], *hall.store.args).returncode == 0
            hall.stop()
            hall.start()
            assert appointments(k1, hall, 1, today())[0]["status"] == "checked_in"
            assert appointments(k1, hall, 2, today())[0]["status"] == "booked"
            rows = k1.post(f"{hall.api}/services/vehicle_vessel_tax/query", timeout=5,
                           json={"holder": seed_holder(1), "params": {}}).json()["rows"]
            assert {r["item_id"]: r["status"] for r in rows} == {
                f"VVT-{today().year}-0101": "due", item: "paid"}
    finally:
        hall.stop()


def test_seeding_a_new_day_adds_its_appointments_and_keeps_the_old(tmp_path):
    storage = SQLiteStorage(tmp_path / "seed.db")
    try:
        day = date(2025, 3, 1)
        seed(storage, holder_salt="s", today=day, now=0)
        holder = holder_hash("440106199101010010", "s")
        storage.issue_ticket("K1", day="2025-03-01", category="registration", prefix="A",
                             kind="accept", appointment_id="APT-20250301-01", issued_at="x")
        seed(storage, holder_salt="s", today=day + timedelta(days=1), now=0)
        assert storage.appointment("APT-20250301-01")["status"] == "checked_in"
        assert [a["status"] for a in storage.appointments(holder, "2025-03-08")] == ["booked"]
    finally:
        storage.close()
