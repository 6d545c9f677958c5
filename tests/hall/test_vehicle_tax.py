"""车船税 (vehicle_vessel_tax): the holder's dues as query rows, and orders that must pay
exactly one due item: unknown items, wrong amounts and paid items are refused; a pending
order is handed out again; paying it (operator API or CLI) marks the item paid."""
from datetime import datetime

import pytest

from .conftest import run_cli
from .helpers import CST, seed_holder
from .test_auth import assert_error

SERVICE = "vehicle_vessel_tax"
YEAR = datetime.now(CST).year


@pytest.fixture
def k1(demo_hall):
    with demo_hall.kiosk("K1") as s:
        yield s


@pytest.fixture
def k2(demo_hall):
    with demo_hall.kiosk("K2") as s:
        yield s


def dues(session, hall, citizen):
    r = session.post(f"{hall.api}/services/{SERVICE}/query",
                     json={"holder": seed_holder(citizen), "params": {}}, timeout=5)
    assert r.status_code == 200, r.text
    assert r.json()["service_code"] == SERVICE
    return {row["item_id"]: row for row in r.json()["rows"]}


def pay(session, hall, citizen, item_id, amount_fen, **params):
    return session.post(f"{hall.api}/payments", timeout=5, json={
        "service_code": SERVICE, "holder": seed_holder(citizen), "amount_fen": amount_fen,
        "params": {"item_id": item_id, **params} if item_id is not None else params})


def status_of(session, hall, order_id):
    r = session.get(f"{hall.api}/payments/{order_id}", timeout=5)
    assert r.status_code == 200, r.text
    return r.json()["status"]


def test_the_seeded_dues(demo_hall, k1):
    assert dues(k1, demo_hall, 1) == {
        f"VVT-{YEAR}-0101": {"item_id": f"VVT-{YEAR}-0101", "plate": "粤A·12345",
                             "vehicle": "小型轿车", "tax_year": YEAR, "amount_fen": 36000,
                             "status": "due"},
        f"VVT-{YEAR}-0102": {"item_id": f"VVT-{YEAR}-0102", "plate": "粤A·6B789",
                             "vehicle": "中型客车", "tax_year": YEAR, "amount_fen": 48000,
                             "status": "due"}}
    assert list(dues(k1, demo_hall, 2).values()) == [
        {"item_id": f"VVT-{YEAR}-0201", "plate": "粤B·C2468", "vehicle": "摩托车",
         "tax_year": YEAR, "amount_fen": 12000, "status": "due"}]
    assert dues(k1, demo_hall, 1) == dues(k1, demo_hall, 1)      # a query changes nothing
    r = k1.post(f"{demo_hall.api}/services/{SERVICE}/query",
                json={"holder": "0" * 64, "params": {}}, timeout=5)
    assert r.json()["rows"] == []


def test_refusals(demo_hall, k1):
    item = f"VVT-{YEAR}-0101"
    assert_error(pay(k1, demo_hall, 1, "VVT-1999-0101", 36000), 404, "unknown_item")
    # Another citizen's item is unknown to this one.
    assert_error(pay(k1, demo_hall, 2, item, 36000), 404, "unknown_item")
    assert_error(pay(k1, demo_hall, 1, item, 35999), 422, "amount_mismatch")
    for params in ({}, {"item_id": 101}, {"item_id": ""}):
        r = k1.post(f"{demo_hall.api}/payments", timeout=5, json={
            "service_code": SERVICE, "holder": seed_holder(1), "amount_fen": 36000,
            "params": params})
        assert_error(r, 422, "invalid_request")
    assert dues(k1, demo_hall, 1)[item]["status"] == "due"


def test_an_order_paid_by_the_operator_pays_its_item(demo_hall, k1):
    item = f"VVT-{YEAR}-0101"
    r = pay(k1, demo_hall, 1, item, 36000)
    assert r.status_code == 200, r.text
    order = r.json()
    assert set(order) == {"order_id", "qr_payload", "expires_at"}
    # The citizen goes back and comes again: the same order, not a second one.
    again = pay(k1, demo_hall, 1, item, 36000)
    assert again.status_code == 200 and again.json() == order
    assert status_of(k1, demo_hall, order["order_id"]) == "pending"
    assert dues(k1, demo_hall, 1)[item]["status"] == "due"
    demo_hall.admin("POST", f"/payments/{order['order_id']}/status", json={"status": "paid"})
    assert status_of(k1, demo_hall, order["order_id"]) == "paid"
    rows = dues(k1, demo_hall, 1)
    assert rows[item]["status"] == "paid"
    assert rows[f"VVT-{YEAR}-0102"]["status"] == "due"           # only that item
    assert_error(pay(k1, demo_hall, 1, item, 36000), 409, "already_paid")
    # A paid item stays paid whatever else is asked of it.
    assert_error(pay(k1, demo_hall, 1, item, 1), 409, "already_paid")


def test_expired_and_failed_orders_leave_the_item_due(demo_hall, k1, k2):
    item = f"VVT-{YEAR}-0201"
    first = pay(k1, demo_hall, 2, item, 12000).json()
    demo_hall.admin("PUT", "/faults", json={"clock_offset_s": 901})
    try:
        assert status_of(k1, demo_hall, first["order_id"]) == "expired"
        second = pay(k1, demo_hall, 2, item, 12000).json()
    finally:
        demo_hall.admin("PUT", "/faults", json={})
    assert second["order_id"] != first["order_id"]
    demo_hall.admin("POST", f"/payments/{second['order_id']}/status", json={"status": "failed"})
    assert dues(k1, demo_hall, 2)[item]["status"] == "due"
    # The citizen tries again at another kiosk: a new order, which that kiosk follows.
    third = pay(k2, demo_hall, 2, item, 12000).json()
    assert third["order_id"] not in (first["order_id"], second["order_id"])
    assert status_of(k2, demo_hall, third["order_id"]) == "pending"
    # Back at the first kiosk: the pending order again, now followed from there.
    assert pay(k1, demo_hall, 2, item, 12000).json() == third
    assert status_of(k1, demo_hall, third["order_id"]) == "pending"
    assert_error(k2.get(f"{demo_hall.api}/payments/{third['order_id']}", timeout=5), 403,
                 "forbidden")
    paid = run_cli("mark-paid", third["order_id"], "--db", str(demo_hall.db))
    assert paid.returncode == 0, paid.stderr
    assert dues(k1, demo_hall, 2)[item]["status"] == "paid"
    assert_error(pay(k2, demo_hall, 2, item, 12000), 409, "already_paid")


def test_other_services_still_open_plain_orders(demo_hall, k1):
    first = k1.post(f"{demo_hall.api}/payments", timeout=5, json={
        "service_code": "fee_payment", "holder": seed_holder(1), "amount_fen": 2500,
        "params": {}})
    second = k1.post(f"{demo_hall.api}/payments", timeout=5, json={
        "service_code": "fee_payment", "holder": seed_holder(1), "amount_fen": 2500,
        "params": {"item_id": "anything"}})
    assert first.status_code == second.status_code == 200
    assert first.json()["order_id"] != second.json()["order_id"]
