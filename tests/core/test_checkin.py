"""预约取号 in the core: the appointment QR code, the flow's steps, and the check-in
against the real reference hall (over HTTP) with the simulated receipt printer."""
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests

from drivers.idcard.sim import sample_resident_card
from kiosk.core import catalog as catalog_mod
from kiosk.core import checkin, config
from kiosk.core.checkin import Appointment, parse_qr
from kiosk.core.config import SHIPPED_CONFIG_DIR, SessionSettings
from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.identify import IdentityResult
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from offline_cache import db

CATALOG = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml")
# The hall's day: appointments are booked in the hall's time zone (Asia/Shanghai).
HALL_TZ = ZoneInfo("Asia/Shanghai")


def hall_now():
    return datetime.now(HALL_TZ)


def qr_of(appointment_id, category="registration", kind="accept"):
    return f"GDZWFW-APPT:{appointment_id}:{category}:{kind}"


def seed_id(day: date, citizen: int) -> str:
    """The hall seed's appointment of citizen ``citizen`` (1-based) on ``day``."""
    return f"APT-{day:%Y%m%d}-{citizen:02d}"


# -- the QR code ---------------------------------------------------------------------------
def test_parse_qr():
    got = parse_qr("GDZWFW-APPT:APT-20261122-01:registration:accept", CATALOG)
    assert (got.appointment_id, got.category, got.kind, got.status, got.from_qr) == (
        "APT-20261122-01", "registration", "accept", "booked", True)
    assert (got.date, got.time) == ("", "")
    assert parse_qr("  GDZWFW-APPT:X1:business:consult\n", CATALOG).kind == "consult"


def test_parse_qr_with_time_and_masked_name():
    """The hall's full form (tests/hall/test_appointment_checkin.py SAMPLE_QR_FULL: 张*
    is UTF-8 e5 bc a0 2a, base64url 5bygKg)."""
    got = parse_qr("GDZWFW-APPT:APT-20250301-01:registration:accept:0930:5bygKg", CATALOG)
    assert (got.appointment_id, got.time, got.name) == ("APT-20250301-01", "09:30", "张*")
    assert parse_qr("GDZWFW-APPT:APT-1:registration:accept:1030", CATALOG).name == ""
    # A name field that is no masked name is not shown (张小明: full; junk: not UTF-8).
    assert parse_qr("GDZWFW-APPT:APT-1:registration:accept:1030:5byg5bCP5piO",
                    CATALOG).name == ""
    assert parse_qr("GDZWFW-APPT:APT-1:registration:accept:1030:__8", CATALOG).name == ""


@pytest.mark.parametrize("text", [
    None, "", "KIOSK-APPT:20250315-A012",                       # another scheme
    "GDZWFW-APPT:APT-1:registration",                           # a part missing
    "GDZWFW-APPT:APT-1:registration:accept:extra",
    "GDZWFW-APPT:APT-1:parking:accept",                         # category unknown here
    "GDZWFW-APPT:APT-1:registration:marry",                     # kind unknown here
    "GDZWFW-APPT::registration:accept", "GDZWFW-APPT:APT 1:registration:accept",
    "GDZWFW-APPT:" + "A" * 65 + ":registration:accept",
    "gdzwfw-appt:APT-1:registration:accept",
])
def test_parse_qr_refuses_what_is_no_appointment(text):
    assert parse_qr(text, CATALOG) is None


def test_appointments_from_the_hall():
    row = {"appointment_id": "APT-1", "holder": "h", "date": "2026-11-22", "time": "09:30",
           "service_code": "queue_ticket", "category": "registration", "kind": "accept",
           "status": "checked_in"}
    got = Appointment.from_hall(row, CATALOG)
    assert (got.time, got.status, got.bookable, got.from_qr) == ("09:30", "checked_in", False,
                                                                 False)
    assert Appointment.from_hall({**row, "status": "cancelled"}, CATALOG).status == "refused"
    assert Appointment.from_hall({**row, "category": "parking"}, CATALOG) is None
    assert "APT-1" not in repr(got)


# -- the flow ------------------------------------------------------------------------------
@pytest.fixture
def flow():
    f = KioskFlow(CATALOG, SessionSettings(timeout_s=90, warning_s=20, elder_factor=2.0))
    f.start()
    assert f.choose_service("appointment_checkin") == Screen.IDENTIFY
    return f


def identified(flow, *, qr=None):
    if qr is None:
        card = sample_resident_card()
        identity = IdentityResult("ok", "id_card", holder="h" * 64, card=card)
    else:
        identity = IdentityResult("ok", "qr", credential=qr)
    assert flow.card_read(identity) == Screen.APPOINTMENTS
    return flow


BOOKED = Appointment("APT-1", "registration", "accept", "2026-11-22", "09:30")
LATER = Appointment("APT-2", "business", "consult", "2026-11-22", "14:00")
USED = Appointment("APT-3", "registration", "accept", "2026-11-22", "08:30", "checked_in")


def test_flow_card_appointment_to_ticket(flow):
    identified(flow)
    assert flow.session.appointments is None                # loading
    flow.appointments_loaded("ok", [BOOKED, LATER])
    assert flow.session.notice is None and len(flow.session.appointments) == 2
    with pytest.raises(FlowError):
        flow.choose_appointment("APT-9")
    assert flow.choose_appointment("APT-2") == Screen.ISSUING
    assert flow.chosen_appointment.appointment_id == "APT-2"
    assert (flow.session.category, flow.session.kind) == ("business", "consult")
    assert flow.checkin_done(object()) == Screen.TICKET
    # Who the citizen is and what they booked are not needed any more.
    assert flow.session.appointments is None and flow.session.holder is None
    flow.ticket_taken()
    assert flow.rate("satisfied") == Screen.ATTRACT
    assert not flow.session.holds_personal_data()


@pytest.mark.parametrize("outcome, found, notice", [
    ("ok", [], "checkin_none"),
    ("ok", [USED], "appointment_used"),
    ("ok", [USED.with_status("refused")], "checkin_none"),
    ("offline", [], "checkin_offline"),
    ("failed", [], "checkin_failed"),
    ("bad_qr", [], "checkin_bad_qr"),
])
def test_flow_nothing_to_check_in_says_why(flow, outcome, found, notice):
    identified(flow)
    flow.appointments_loaded(outcome, found)
    assert flow.screen == Screen.APPOINTMENTS and flow.session.notice == notice
    with pytest.raises(FlowError):
        flow.choose_appointment("APT-3")                    # checked in: not bookable


@pytest.mark.parametrize("outcome, status", [
    ("appointment_used", "checked_in"), ("appointment_not_today", "refused"),
    ("unknown_appointment", "refused"), ("appointment_mismatch", "refused"),
    ("offline", "booked"), ("failed", "booked")])
def test_flow_refused_check_in_goes_back_with_the_reason(flow, outcome, status):
    identified(flow, qr=qr_of("APT-1"))
    flow.appointments_loaded("ok", [parse_qr(qr_of("APT-1"), CATALOG)])
    flow.choose_appointment("APT-1")
    assert flow.checkin_refused(outcome) == Screen.APPOINTMENTS
    (appointment,) = flow.session.appointments
    assert appointment.status == status and not appointment.chosen
    assert flow.session.notice == checkin_notice(outcome)


def checkin_notice(outcome):
    return {"offline": "checkin_offline", "failed": "checkin_failed"}.get(outcome, outcome)


def test_flow_ordinary_number_instead(flow):
    identified(flow)
    flow.appointments_loaded("ok", [])
    assert flow.take_ordinary_ticket() == Screen.CATEGORY
    assert flow.session.service == "queue_ticket"
    assert not flow.session.holds_personal_data()          # nothing of the check-in stays


def test_flow_late_lookup_is_dropped(flow):
    identified(flow)
    flow.end()
    assert flow.appointments_loaded("ok", [BOOKED]) == Screen.ATTRACT
    assert flow.session.appointments is None


# -- against the reference hall ------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    sim = Simulation(tmp_path_factory.mktemp("checkin"), kinds=("receipt",),
                     card_present=False, hall=True)
    cfg = sim.start(config.load())
    term = Terminal(cfg, now=hall_now, poll_interval=0.2)
    term.supervisor.start()            # no sync thread: check-in uses the hall client only
    end = time.monotonic() + 10
    while not term.device_of_kind("receipt").status.usable:
        assert time.monotonic() < end, "the simulated printer did not come online"
        time.sleep(0.05)
    yield term, sim
    term.stop()
    sim.stop()


def admin_tickets(sim, day):
    r = requests.get(f"{sim.hall.url}/admin/v1/tickets", params={"day": day.isoformat()},
                     headers={"Authorization": f"Bearer {sim.hall.admin_token}"}, timeout=10)
    r.raise_for_status()
    return r.json()["tickets"]


def test_card_holder_checks_in_once(site):
    term, sim = site
    today = hall_now().date()
    holder = term.holder_of(sample_resident_card())
    found = checkin.today_appointments(term, holder)
    assert found.outcome == "ok"
    (appointment,) = found.appointments
    assert (appointment.appointment_id, appointment.category, appointment.kind,
            appointment.time, appointment.status) == (seed_id(today, 1), "registration",
                                                      "accept", "09:30", "booked")

    printed = len(sim.printer.receipts)
    got = checkin.check_in(term, appointment)
    assert got.outcome == "ok" and got.print_error is None
    assert got.ticket.source == "hall" and got.ticket.category == "registration"
    receipt = sim.printer.wait_for_receipt(printed + 1, timeout=10)
    assert got.ticket.number in receipt.text and "预约号" in receipt.text
    assert "注册登记类" in receipt.text

    hall_side = [t for t in admin_tickets(sim, today) if t["number"] == got.ticket.number]
    assert [t["appointment_id"] for t in hall_side] == [appointment.appointment_id]
    conn = db.connect(term.config.data_dir / "kiosk.db")
    assert conn.execute("SELECT COUNT(*) FROM tickets WHERE number = ?",
                        (got.ticket.number,)).fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'ticket'").fetchone()[0] == 0

    again = checkin.check_in(term, appointment)
    assert (again.outcome, again.ticket) == ("appointment_used", None)
    assert len(sim.printer.receipts) == printed + 1                # nothing printed
    (after,) = checkin.today_appointments(term, holder).appointments
    assert after.status == "checked_in"


def test_hall_refusals_of_a_qr_appointment(site):
    term, _ = site
    today = hall_now().date()
    tomorrow = parse_qr(qr_of(seed_id(today + timedelta(days=1), 2)), CATALOG)
    assert checkin.check_in(term, tomorrow).outcome == "appointment_not_today"
    unknown = parse_qr(qr_of("APT-19990101-99"), CATALOG)
    assert checkin.check_in(term, unknown).outcome == "unknown_appointment"
    wrong = parse_qr(qr_of(seed_id(today, 2), "business"), CATALOG)
    assert checkin.check_in(term, wrong).outcome == "appointment_mismatch"
    # Refusals used nothing up: the right code still checks in.
    right = parse_qr(qr_of(seed_id(today, 2)), CATALOG)
    assert checkin.check_in(term, right).outcome == "ok"


def test_nobody_booked(site):
    term, _ = site
    got = checkin.today_appointments(term, "0" * 64)
    assert (got.outcome, got.appointments) == ("ok", ())


def test_hall_unreachable(site):
    term, sim = site
    holder = term.holder_of(sample_resident_card())
    sim.hall.stop()
    try:
        assert checkin.today_appointments(term, holder).outcome == "offline"
        appointment = parse_qr(qr_of(seed_id(hall_now().date(), 1)), CATALOG)
        assert checkin.check_in(term, appointment).outcome == "offline"
    finally:
        sim.hall.start()
