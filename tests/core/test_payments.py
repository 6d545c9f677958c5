"""Payments (车船税缴纳): the pay flow's states (no I/O), and :mod:`kiosk.core.payments`
against the reference hall in its own process, with the receipt printer simulator on TCP.

The terminal is not started here (no sync thread), so the outbox rows the payments write
stay on the terminal to be looked at."""
import json

import pytest

from drivers.idcard.sim import sample_hmt_card, sample_resident_card
from kiosk.core import catalog as catalog_mod
from kiosk.core import config
from kiosk.core.config import SHIPPED_CONFIG_DIR, SessionSettings
from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.identify import IdentityResult
from kiosk.core.payments import Payments
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from offline_cache import outbox

SERVICE = "vehicle_vessel_tax"
DUE = {"item_id": "I1", "plate": "粤A·12345", "vehicle": "小型轿车", "tax_year": 2025,
       "amount_fen": 36000, "status": "due"}
PAID = {**DUE, "item_id": "I2", "plate": "粤A·6B789", "status": "paid"}
ORDER = {"order_id": "P1", "qr_payload": "https://pay.example/qr/P1",
         "expires_at": "2030-01-01T00:15:00+08:00", "amount_fen": 36000, "item": DUE}


# -- the flow ---------------------------------------------------------------------------
class FakeClock:
    t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def flow(clock):
    cat = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml")
    f = KioskFlow(cat, SessionSettings(timeout_s=90, warning_s=20, elder_factor=2.0), clock)
    f.start()
    f.choose_service(SERVICE)
    assert identified(f) == Screen.PAY_ITEMS
    return f


def identified(flow):
    return flow.card_read(IdentityResult("ok", "id_card", holder="h", card=object()))


def paying(flow):
    flow.dues_loaded([DUE, PAID])
    assert flow.choose_item("I1") == Screen.PAYING
    flow.order_opened(ORDER)
    return flow


def test_a_due_item_is_paid_and_nothing_personal_stays(flow):
    flow.dues_loaded([DUE, PAID])
    assert flow.session.holder == "h"                       # orders need it
    with pytest.raises(FlowError):
        flow.choose_item("I2")                   # paid: not selectable
    flow.choose_item("I1")
    assert flow.session.payment["order"] is None           # being opened
    flow.order_opened(ORDER)
    assert flow.payment_state("pending") == Screen.PAYING
    assert flow.payment_state("unknown") == Screen.PAYING  # a failed poll is not a failure
    assert flow.session.payment["network"]
    assert flow.payment_state("pending") == Screen.PAYING
    assert not flow.session.payment["network"]
    assert flow.payment_state("paid", "paper_out") == Screen.PAY_RESULT
    assert flow.session.payment["status"] == "paid"
    assert flow.session.payment["receipt_error"] == "paper_out"
    assert flow.payment_done() == Screen.RATING
    assert not flow.session.holds_personal_data()


def test_paying_never_times_out_but_its_expiry_ends_it(flow, clock):
    paying(flow)
    clock.t += 10_000
    assert flow.tick() == "active" and flow.screen == Screen.PAYING
    assert flow.payment_timed_out() == Screen.PAY_RESULT
    assert flow.session.payment["status"] == "unknown"
    with pytest.raises(FlowError):
        flow.retry_payment()                     # maybe paid: no second order


def test_cancel_is_decided_by_the_last_check(flow):
    paying(flow).cancel_payment()
    assert flow.screen == Screen.PAYING and flow.session.payment["cancelling"]
    assert flow.payment_state("pending") == Screen.PAY_ITEMS
    assert flow.session.notice == "payment_cancelled"
    assert flow.session.payment["items"] is None           # reloaded
    flow.dues_loaded([DUE])
    flow.choose_item("I1")
    flow.order_opened(ORDER)
    flow.cancel_payment()
    assert flow.payment_state("paid") == Screen.PAY_RESULT  # paid just before cancelling
    assert flow.session.payment["status"] == "paid"


def test_a_cancel_the_hall_cannot_confirm_is_not_called_unpaid(flow):
    paying(flow).cancel_payment()
    assert flow.payment_state("unknown") == Screen.PAY_RESULT
    assert flow.session.payment["status"] == "unknown"


def test_cancel_before_the_order_is_open_goes_straight_back(flow):
    flow.dues_loaded([DUE])
    flow.choose_item("I1")
    assert flow.cancel_payment() == Screen.PAY_ITEMS


def test_an_expired_order_is_retried_with_a_new_one(flow):
    paying(flow)
    assert flow.payment_state("expired") == Screen.PAY_RESULT
    assert flow.retry_payment() == Screen.PAYING
    p = flow.session.payment
    assert p["order"] is None and p["item"]["item_id"] == "I1" and p["status"] is None


def test_an_order_refused_as_already_paid(flow):
    flow.dues_loaded([DUE])
    flow.choose_item("I1")
    assert flow.order_failed("already_paid") == Screen.PAY_RESULT
    assert flow.session.payment["status"] == "already_paid"
    with pytest.raises(FlowError):
        flow.retry_payment()


def test_no_dues_or_no_hall(flow):
    assert flow.dues_loaded([PAID]) == Screen.PAY_ITEMS and flow.dues_due == []
    assert flow.payment_done() == Screen.RATING
    flow.end()
    flow.start()
    flow.choose_service(SERVICE)
    identified(flow)
    flow.dues_loaded(None, "unreachable")
    assert flow.session.payment["error"] == "unreachable"


# -- against the hall -------------------------------------------------------------------
@pytest.fixture
def site(tmp_path):
    sim = Simulation(tmp_path, kinds=("receipt",), hall=True)
    cfg = sim.start(config.load())
    terminal = Terminal(cfg)
    yield sim, terminal, Payments(terminal)
    terminal.stop()
    sim.stop()


def admin(sim, method, path, body):
    return sim.hall.admin(method, path, body)


def payment_rows(terminal):
    return [r for r in outbox.pending(terminal._db, 100) if r.kind == "payment"]


def test_dues_of_the_seed_citizens(site):
    _sim, terminal, payments = site
    first = payments.dues(SERVICE, terminal.holder_of(sample_resident_card()))
    second = payments.dues(SERVICE, terminal.holder_of(sample_hmt_card()))
    assert first.error is None and [r["status"] for r in first.rows] == ["due", "due"]
    assert {r["plate"] for r in first.rows} == {"粤A·12345", "粤A·6B789"}
    assert [r["amount_fen"] for r in second.rows] == [12000]
    assert payments.dues(SERVICE, "0" * 64).rows == []


def test_paid_once_recorded_and_printed_once(site):
    sim, terminal, payments = site
    holder = terminal.holder_of(sample_resident_card())
    item = payments.dues(SERVICE, holder).rows[0]
    opened = payments.open_order(SERVICE, holder, item)
    order = opened.order
    assert opened.error is None and order["qr_payload"]
    assert order["amount_fen"] == item["amount_fen"]
    assert 800 < payments.seconds_left(order) <= 900
    assert payments.status(SERVICE, holder, order).status == "pending"
    assert payment_rows(terminal) == [] and sim.printer.receipts == []

    admin(sim, "POST", f"/payments/{order['order_id']}/status", {"status": "paid"})
    first = payments.status(SERVICE, holder, order)
    second = payments.status(SERVICE, holder, order)          # polled twice
    assert (first.status, first.receipt_error) == ("paid", None)
    assert (second.status, second.receipt_error) == ("paid", None)
    receipt = sim.printer.wait_for_receipt(1, timeout=10)
    assert order["order_id"] in receipt.text and "粤A·12345" in receipt.text
    assert "360.00" in receipt.text and "缴费凭条" in receipt.text
    assert len(sim.printer.receipts) == 1
    rows = payment_rows(terminal)
    assert len(rows) == 1
    plain = json.dumps(rows[0].payload, ensure_ascii=False)
    assert holder not in plain and "粤A" not in plain                 # sealed at rest
    sent = rows[0].transaction(terminal._sealer)["payload"]
    assert sent["holder"] == holder and sent["plate"] == "粤A·12345"
    assert sent["order_id"] == order["order_id"] and sent["amount_fen"] == 36000
    # The hall knows it is paid: no second order, and the dues say so.
    assert payments.open_order(SERVICE, holder, item).error == "already_paid"
    assert {r["item_id"]: r["status"] for r in payments.dues(SERVICE, holder).rows}[
        item["item_id"]] == "paid"


def test_a_pending_order_is_answered_again(site):
    _sim, terminal, payments = site
    holder = terminal.holder_of(sample_resident_card())
    item = payments.dues(SERVICE, holder).rows[0]
    first = payments.open_order(SERVICE, holder, item).order
    again = payments.open_order(SERVICE, holder, item).order     # one order per item
    assert (again["order_id"], again["qr_payload"]) == (first["order_id"], first["qr_payload"])


def test_expired_and_failed_orders(site):
    sim, terminal, payments = site
    holder = terminal.holder_of(sample_resident_card())
    first, second = payments.dues(SERVICE, holder).rows
    order = payments.open_order(SERVICE, holder, first).order
    admin(sim, "PUT", "/faults", {"clock_offset_s": 1000})      # past the 900 s TTL
    assert payments.status(SERVICE, holder, order).status == "expired"
    again = payments.open_order(SERVICE, holder, first).order    # a new order after expiry
    assert again["order_id"] != order["order_id"]
    other = payments.open_order(SERVICE, holder, second).order
    admin(sim, "POST", f"/payments/{other['order_id']}/status", {"status": "failed"})
    assert payments.status(SERVICE, holder, other).status == "failed"
    assert payment_rows(terminal) == [] and sim.printer.receipts == []


def test_refusals_of_the_hall(site):
    _sim, terminal, payments = site
    holder = terminal.holder_of(sample_resident_card())
    item = payments.dues(SERVICE, holder).rows[0]
    assert payments.open_order(SERVICE, holder, {**item, "amount_fen": 100}).error \
        == "amount_mismatch"
    assert payments.open_order(SERVICE, holder, {**item, "item_id": "VVT-1999-0101"}).error \
        == "unknown_item"


def test_a_receipt_that_does_not_print_leaves_the_payment_standing(site):
    sim, terminal, payments = site
    holder = terminal.holder_of(sample_hmt_card())
    order = payments.open_order(SERVICE, holder, payments.dues(SERVICE, holder).rows[0]).order
    sim.printer.set_paper("out")
    admin(sim, "POST", f"/payments/{order['order_id']}/status", {"status": "paid"})
    state = payments.status(SERVICE, holder, order)
    assert state.status == "paid" and state.receipt_error == "paper_out"
    assert len(payment_rows(terminal)) == 1


def test_with_the_hall_gone_the_state_is_unknown_never_failed(site):
    sim, terminal, payments = site
    holder = terminal.holder_of(sample_resident_card())
    item = payments.dues(SERVICE, holder).rows[0]
    order = payments.open_order(SERVICE, holder, item).order
    sim.hall.stop()
    state = payments.status(SERVICE, holder, order)
    assert state.status == "unknown" and state.error == "unreachable"
    assert payments.dues(SERVICE, holder).error == "unreachable"
    assert payments.open_order(SERVICE, holder, item).order is None
    sim.hall.start()                                     # back, same database
    assert payments.status(SERVICE, holder, order).status == "pending"


# -- the countdown runs on the hall's clock, not the terminal's (issue 9, item 10) ------
def test_a_fast_terminal_clock_still_counts_down_the_halls_fifteen_minutes(tmp_path):
    """A terminal 16 minutes fast used to show 0 s left on a fresh 15-minute order; the
    remaining time is the hall's expiry against the hall's clock (the heartbeat measured
    the skew), counted down with the monotonic clock."""
    import time
    from datetime import datetime, timedelta

    from offline_cache import sync
    from tests.sync.support import wait_for

    sim = Simulation(tmp_path, kinds=("receipt",), hall=True)
    cfg = sim.start(config.load())
    terminal = Terminal(cfg, now=lambda: datetime.now().astimezone() + timedelta(minutes=16))
    terminal.start()
    try:
        wait_for(lambda: sync.status(terminal._db)["clock_skew_s"], 30,
                 "a heartbeat measuring the skew")
        assert 950 < sync.status(terminal._db)["clock_skew_s"] < 970
        payments = Payments(terminal)
        holder = terminal.holder_of(sample_resident_card())
        item = payments.dues(SERVICE, holder).rows[0]
        order = payments.open_order(SERVICE, holder, item).order
        left = payments.seconds_left(order)
        assert 880 < left <= 900, left
        time.sleep(1.2)
        assert 0.8 < left - payments.seconds_left(order) < 3     # it ticks, monotonic
    finally:
        terminal.stop()
        sim.stop()
