"""预约取号 through the real screens, with the real reference hall: ID card or the
appointment's QR code on the simulated camera -> the appointment -> "取号" -> the ticket
printed as an appointment number; a second check-in, refusals, no appointment, and the
hall out of reach (an ordinary number instead)."""
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests

from drivers.idcard.sim import sample_foreign_card, sample_hmt_card, sample_resident_card
from hall.seed import appointment_qr

SHOTS = "/tmp/checkin"


@pytest.fixture(autouse=True)
def hall_time_zone(monkeypatch):
    """The terminal's clock in the hall's time zone, as on the appliance: the reference
    hall books its seed appointments on its own (Asia/Shanghai) day."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def seed_id(day: date, citizen: int) -> str:
    """The hall seed's appointment of citizen ``citizen`` (1: the resident card,
    2: the HMT permit) on ``day``."""
    return f"APT-{day:%Y%m%d}-{citizen:02d}"


def open_checkin(k):
    r = k.robot
    r.open_service("appointment_checkin")
    r.wait_screen("identify")
    return r


def with_card(k, card):
    k.sim.idcard.remove()                   # the citizen before took theirs
    r = open_checkin(k)
    k.sim.idcard.insert(card)
    r.wait_screen("appointments", timeout=15)
    r.wait_for(lambda: not k.controller.parts["checkin"].loading, 15, "the appointments")
    return r


def with_qr(k, text):
    r = open_checkin(k)
    k.sim.camera.set_scene("qr", text=text)
    r.click("method_qr")
    r.wait_screen("appointments", timeout=15)
    return r


def finish(k):
    """Rate and end the session; nothing personal may stay behind."""
    r = k.robot
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_satisfied")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
    assert k.controller.parts["checkin"].appointments == []


def hall_tickets(k):
    got = requests.get(f"{k.sim.hall.url}/admin/v1/tickets",
                       params={"day": today().isoformat()},
                       headers={"Authorization": f"Bearer {k.sim.hall.admin_token}"},
                       timeout=10)
    got.raise_for_status()
    return got.json()["tickets"]


def test_card_appointment_to_ticket_then_used(make_kiosk):
    k = make_kiosk(hall=True)
    appointment = seed_id(today(), 1)
    r = with_card(k, sample_resident_card())
    part = k.controller.parts["checkin"]
    (shown,) = part.appointments
    assert (shown["time"], shown["title"], shown["statusText"]) == (
        "09:30", "注册登记类 · 受理", "待取号")
    assert part.message == "" and not r.find("ordinaryTicket")
    assert k.controller.screen == "appointments"           # nothing issued before the touch
    r.screenshot(f"{SHOTS}/appointments.png")
    k.controller.setElderMode(True)
    r.screenshot(f"{SHOTS}/appointments_elder.png")
    k.controller.setElderMode(False)

    r.click(f"checkIn_{appointment}")
    r.wait_screen("ticket", timeout=15)
    number = r.text_of("ticketNumber")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert number in receipt.text and "预约号" in receipt.text
    assert "注册登记类" in receipt.text and "张小明" not in receipt.text
    assert [t["appointment_id"] for t in hall_tickets(k) if t["number"] == number] == [
        appointment]
    assert r.text_of("appointmentMark") == "预约号"        # as on the receipt
    r.screenshot(f"{SHOTS}/ticket.png")
    k.controller.setElderMode(True)
    r.screenshot(f"{SHOTS}/ticket_elder.png")
    k.controller.setElderMode(False)
    finish(k)

    # The same card again: the appointment is used; an ordinary number is offered.
    r = with_card(k, sample_resident_card())
    part = k.controller.parts["checkin"]
    assert [a["statusText"] for a in part.appointments] == ["已取过号"]
    assert not r.find(f"checkIn_{appointment}")
    assert "该预约已取过号" in r.text_of("checkinMessage")
    assert r.item("ordinaryTicket")
    r.screenshot(f"{SHOTS}/used.png")
    k.controller.setElderMode(True)
    r.screenshot(f"{SHOTS}/used_elder.png")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {} and len(k.sim.printer.receipts) == 1


def test_qr_appointment_checks_in_and_refusals_are_said(make_kiosk):
    k = make_kiosk(kinds=("idcard", "receipt", "camera"), hall=True)
    # Tomorrow's appointment: shown from the code, refused by the hall on "取号".
    tomorrow = seed_id(today() + timedelta(days=1), 2)
    r = with_qr(k, f"GDZWFW-APPT:{tomorrow}:registration:accept")
    part = k.controller.parts["checkin"]
    assert part.fromQr and [a["title"] for a in part.appointments] == ["注册登记类 · 受理"]
    r.click(f"checkIn_{tomorrow}")
    r.wait_for(lambda: part.message != "", 15, "the hall's answer")
    assert k.controller.screen == "appointments"
    assert "不是今天" in r.text_of("checkinMessage")
    assert not r.find(f"checkIn_{tomorrow}") and r.item("ordinaryTicket")
    r.screenshot(f"{SHOTS}/qr_not_today.png")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}

    # A code that is no appointment.
    r = with_qr(k, "EID:1234567890")
    assert "不是预约二维码" in r.text_of("checkinMessage") and part.appointments == []
    r.click("homeButton")
    r.wait_screen("attract")

    # Today's appointment, its code as the hall's booking page draws it: its time and
    # whose it is (masked) on screen, then its number.
    appointment = seed_id(today(), 2)
    r = with_qr(k, appointment_qr({"appointment_id": appointment, "category": "registration",
                                   "kind": "accept", "time": "10:30"}, masked_name="陈*"))
    assert r.text_of("appointmentTitle").startswith("10:30")
    assert r.text_of("appointmentHolder") == "预约人：陈*"
    r.screenshot(f"{SHOTS}/qr.png")
    r.click(f"checkIn_{appointment}")
    r.wait_screen("ticket", timeout=15)
    number = r.text_of("ticketNumber")
    assert "预约号" in k.sim.printer.wait_for_receipt(1, timeout=10).text
    assert [t["appointment_id"] for t in hall_tickets(k) if t["number"] == number] == [
        appointment]
    finish(k)


def test_no_appointment_today_offers_an_ordinary_number(make_kiosk):
    k = make_kiosk(hall=True)
    r = with_card(k, sample_foreign_card())
    assert "今天没有查到您的预约" in r.text_of("checkinMessage")
    assert k.controller.parts["checkin"].appointments == []
    r.screenshot(f"{SHOTS}/none.png")
    k.controller.setElderMode(True)
    r.screenshot(f"{SHOTS}/none_elder.png")
    r.click("ordinaryTicket")
    r.wait_screen("category")
    # Nothing of the check-in stays (the masked greeting is the controller's: see
    # KioskController.holderGreeting, it lasts until the session ends).
    assert not k.controller.flow.session.holds_personal_data()
    assert set(k.controller.personal_data()) <= {"greeting"}


def test_hall_out_of_reach_then_an_ordinary_number(make_kiosk):
    k = make_kiosk(hall=True)
    r = open_checkin(k)
    k.sim.hall.stop()                                     # gone between choice and card
    k.sim.idcard.insert(sample_hmt_card())
    r.wait_screen("appointments", timeout=15)
    r.wait_for(lambda: k.controller.parts["checkin"].message != "", 15, "the offline notice")
    assert r.text_of("checkinMessage") == (
        "⚠ 预约取号需要联网核对预约，网络暂时不通。您可以先取普通号。")
    r.screenshot(f"{SHOTS}/offline.png")
    k.sim.idcard.remove()
    r.click("ordinaryTicket")
    r.wait_screen("category")
    r.click("category_registration")
    r.wait_screen("kind")
    r.click("kind_accept")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_hmt_card())
    r.wait_screen("ticket", timeout=15)
    number = r.text_of("ticketNumber")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert number in receipt.text and "预约号" not in receipt.text   # an ordinary number
    assert r.find("appointmentMark") is None
    finish(k)
