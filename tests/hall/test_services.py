"""Self-service endpoints: payments (with mark-paid by CLI and expiry), documents as real
one-page A4 PDFs, queries, appointments, identity verification, locker assignments."""
import hashlib
import hmac
import subprocess
from datetime import datetime

import pytest

from .conftest import run_cli
from .helpers import CST, send, tx
from .test_auth import assert_error

# The hall's holder hash of the ID simulator's first sample card, with the default salt.
SEED_HOLDER = hmac.new(b"replace-with-the-hall-salt", b"440106199101010010",
                       hashlib.sha256).hexdigest()


def new_order(session, hall, amount=2500):
    r = session.post(f"{hall.api}/payments", json={"service_code": "fee_payment",
                                                   "holder": SEED_HOLDER, "amount_fen": amount,
                                                   "params": {"item": "工本费"}}, timeout=5)
    assert r.status_code == 200, r.text
    return r.json()


def order_status(session, hall, order_id):
    r = session.get(f"{hall.api}/payments/{order_id}", timeout=5)
    assert r.status_code == 200, r.text
    return r.json()["status"]


def test_payment_paid_through_the_cli(hall, k1):
    order = new_order(hall=hall, session=k1)
    assert set(order) == {"order_id", "qr_payload", "expires_at"}
    assert order["order_id"] in order["qr_payload"]
    expires = datetime.fromisoformat(order["expires_at"])
    assert 800 < (expires - datetime.now(CST)).total_seconds() <= 900
    assert order_status(k1, hall, order["order_id"]) == "pending"
    done = run_cli("mark-paid", order["order_id"], "--db", str(hall.db))
    assert done.returncode == 0, done.stderr
    assert order_status(k1, hall, order["order_id"]) == "paid"
    assert run_cli("mark-paid", order["order_id"], "--db", str(hall.db)).returncode == 0
    failed = run_cli("mark-paid", order["order_id"], "--failed", "--db", str(hall.db))
    assert failed.returncode == 1 and "order_paid" in failed.stderr
    unknown = run_cli("mark-paid", "P-NOPE", "--db", str(hall.db))
    assert unknown.returncode == 1 and "unknown_order" in unknown.stderr


def test_payment_expires_and_then_cannot_be_paid(hall, k1, faults):
    order = new_order(k1, hall)
    faults(clock_offset_s=901)                       # the hall's clock past expires_at
    assert order_status(k1, hall, order["order_id"]) == "expired"
    late = run_cli("mark-paid", order["order_id"], "--db", str(hall.db))
    assert late.returncode == 1 and "order_expired" in late.stderr
    faults()
    assert order_status(k1, hall, order["order_id"]) == "expired"     # expiry is final


def test_payment_failed_by_the_operator(hall, k1):
    order = new_order(k1, hall)
    hall.admin("POST", f"/payments/{order['order_id']}/status", json={"status": "failed"})
    assert order_status(k1, hall, order["order_id"]) == "failed"
    for amount in (0, -5):
        assert_error(k1.post(f"{hall.api}/payments", json={
            "service_code": "fee_payment", "holder": "h", "amount_fen": amount}, timeout=5), 422)


@pytest.mark.parametrize("service, title", [
    ("ss_certificate", "社会保险参保缴费证明"),
    ("property_register_extract", "不动产登记信息查询结果")])
def test_documents_are_one_page_a4_pdfs(hall, k1, tmp_path, service, title):
    r = k1.post(f"{hall.api}/services/{service}/documents",
                json={"holder": SEED_HOLDER, "params": {}}, timeout=30)
    assert r.status_code == 200, r.text
    document_id = r.json()["document_id"]
    pdf = k1.get(f"{hall.api}/documents/{document_id}", timeout=10)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and b"%%EOF" in pdf.content[-32:]
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=10)
    assert info.returncode == 0, info.stderr
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "1"
    assert "(A4)" in fields["Page size"]
    assert fields["Title"].strip() == title


def test_unknown_services(hall, k1):
    for path in ("/services/nope/documents", "/services/nope/query",
                 "/services/ss_payment_history/documents", "/services/ss_certificate/query"):
        assert_error(k1.post(hall.api + path, json={"holder": "h", "params": {}}, timeout=5), 404,
                     "unknown_service")


def test_query_rows(hall, k1):
    r = k1.post(f"{hall.api}/services/ss_payment_history/query",
                json={"holder": SEED_HOLDER, "params": {"months": 3}}, timeout=5)
    rows = r.json()["rows"]
    assert len(rows) == 3 and rows[0]["month"] > rows[1]["month"] > rows[2]["month"]
    assert rows[0]["personal_fen"] == rows[0]["base_fen"] * 8 // 100
    nobody = k1.post(f"{hall.api}/services/ss_payment_history/query",
                     json={"holder": "0" * 64, "params": {}}, timeout=5)
    assert nobody.status_code == 200 and nobody.json()["rows"] == []


def test_appointments_and_an_online_ticket_for_one(hall, k1):
    today = datetime.now(CST).date().isoformat()
    r = k1.get(f"{hall.api}/appointments", params={"holder": SEED_HOLDER, "date": today},
               timeout=5)
    [appointment] = r.json()["appointments"]
    assert appointment["holder"] == SEED_HOLDER and appointment["date"] == today
    ticket = k1.post(f"{hall.api}/tickets", json={
        "category": appointment["category"], "kind": appointment["kind"],
        "appointment_id": appointment["appointment_id"]}, timeout=5)
    assert ticket.status_code == 200, ticket.text
    assert_error(k1.post(f"{hall.api}/tickets", json={
        "category": "registration", "kind": "accept", "appointment_id": "APT-NOPE"},
        timeout=5), 404, "unknown_appointment")
    assert k1.get(f"{hall.api}/appointments", params={"holder": "x", "date": today},
                  timeout=5).json() == {"appointments": []}
    assert_error(k1.get(f"{hall.api}/appointments", params={"holder": "x", "date": "soon"},
                        timeout=5), 422)


def test_identity_verification_without_a_verifier(hall, k1):
    r = k1.post(f"{hall.api}/identity/verify", json={
        "holder": SEED_HOLDER, "id_photo_wlt": "V0xUAAAA", "live_photo_jpeg": "/9j/4AAQ"},
        timeout=5)
    assert r.status_code == 200 and r.json() == {"result": "unavailable"}
    assert_error(k1.post(f"{hall.api}/identity/verify", json={
        "holder": "h", "id_photo_wlt": "not base64!", "live_photo_jpeg": ""}, timeout=5),
        422, "invalid_base64")


def test_locker_assignments_verify_offline_and_pickup_clears_them(hall, k2):
    url = f"{hall.api}/kiosks/K2/lockers/assignments"
    seeded = k2.get(url, timeout=5)
    # The seed: door 1 for the first sample citizen, SMS code 246810.
    [door1] = [a for a in seeded.json()["assignments"] if a["door"] == 1]
    assert door1["holder"] == SEED_HOLDER
    assert door1["code_hash"] == hmac.new(door1["salt"].encode(), b"246810",
                                          hashlib.sha256).hexdigest()
    made = hall.admin("POST", "/kiosks/K2/lockers", json={
        "door": 4, "id_number": "81000019850601001X", "code": "778899"})
    r = k2.get(url, headers={"If-None-Match": seeded.headers["ETag"]}, timeout=5)
    assert r.status_code == 200
    [door4] = [a for a in r.json()["assignments"] if a["door"] == 4]
    assert set(door4) == {"door", "assignment_id", "holder", "code_hash", "salt", "expires_at"}
    assert door4["assignment_id"] == made["assignment_id"]
    assert door4["code_hash"] == hmac.new(door4["salt"].encode(), b"778899",
                                          hashlib.sha256).hexdigest()
    assert door4["holder"] == hmac.new(b"replace-with-the-hall-salt", b"81000019850601001X",
                                       hashlib.sha256).hexdigest()
    assert datetime.fromisoformat(door4["expires_at"]) > datetime.now(CST)

    pickup = tx("locker_pickup", {"assignment_id": door4["assignment_id"], "door": 4})
    stray = tx("locker_pickup", {"assignment_id": "no-such-assignment", "door": 9})
    assert [x["status"] for x in send(k2, hall, [pickup, stray], "K2")] == ["accepted"] * 2
    after = k2.get(url, headers={"If-None-Match": r.headers["ETag"]}, timeout=5)
    assert after.status_code == 200
    assert door4["assignment_id"] not in {a["assignment_id"] for a in after.json()["assignments"]}
    flagged = {t["id"]: t["flags"] for t in
               hall.admin("GET", "/transactions", params={"kiosk_id": "K2",
                                                          "kind": "locker_pickup"})["transactions"]}
    assert flagged[pickup["id"]] == [] and flagged[stray["id"]] == ["unknown_assignment"]


def test_expired_assignments_are_not_listed(hall, k2, faults):
    made = hall.admin("POST", "/kiosks/K2/lockers", json={"door": 6, "holder": "h" * 64,
                                                          "ttl_s": 60})
    url = f"{hall.api}/kiosks/K2/lockers/assignments"

    def listed():
        return {a["assignment_id"] for a in k2.get(url, timeout=5).json()["assignments"]}

    assert made["assignment_id"] in listed()
    faults(clock_offset_s=61)
    assert made["assignment_id"] not in listed()
