"""One malformed row never fails its batch (issue 9, item 6): numbers the store cannot
hold (beyond 64-bit integers, or too many digits for Python to parse) and out-of-range
ticket ``seq`` are rejected row by row with a reason; the rest of the batch is applied.
Over real HTTP against the shared hall process."""
import json

from .helpers import batch_url, tx
from .test_auth import assert_error


def post_raw(session, hall, body: bytes):
    return session.post(batch_url(hall), data=body, timeout=30,
                        headers={"Content-Type": "application/json"})


def ticket(**payload):
    return tx("ticket", {"number": "B017", "category": "business", "kind": "accept",
                         **payload})


def test_an_out_of_range_ticket_seq_is_rejected_alone(hall, k1):
    before = hall.admin("GET", "/transactions/stats", params={"kiosk_id": "K1"})["applied"]
    good = [tx(), ticket(seq=17), tx()]
    bad = [ticket(seq=10**20), ticket(seq=2**63), ticket(seq=-1), ticket(seq=0),
           ticket(seq=10**10)]
    batch = [good[0], bad[0], good[1], *bad[1:], good[2]]
    r = k1.post(batch_url(hall), json={"transactions": batch}, timeout=30)
    assert r.status_code == 200, r.text
    results = {res["id"]: res for res in r.json()["results"]}
    assert [results[t["id"]]["status"] for t in good] == ["accepted"] * 3
    for t in bad:
        assert results[t["id"]]["status"] == "rejected", results[t["id"]]
        assert results[t["id"]]["error"]["code"] in ("invalid_payload", "number_out_of_range")
        assert "seq" in results[t["id"]]["error"]["message"]
    after = hall.admin("GET", "/transactions/stats", params={"kiosk_id": "K1"})["applied"]
    assert after - before == 3


def test_numbers_beyond_64_bits_or_python_digits_are_rejected_per_row(hall, k1):
    good, fits, huge, wide, door, deep_huge = (
        tx(), tx("rating", {"score": 2**63 - 1, "low": -2**63}), tx(), tx(),
        tx("locker_pickup", {"assignment_id": "a1", "door": 10**20}),
        tx("application", {"form": {"fields": [{"age": 0}]}}))
    # Python's json refuses integers over 4300 digits (and str() cannot write one), so
    # the body is spliced by hand, as a buggy or hostile client would send it.
    items = [json.dumps(t) for t in (good, fits, huge, wide, door, deep_huge)]
    items[2] = items[2].replace('"score": 5', '"score": ' + "9" * 5000)
    items[3] = items[3].replace('"score": 5', '"score": -' + str(2**63 + 1))
    items[5] = items[5].replace('"age": 0', '"age": 1' + "0" * 30)
    body = ('{"transactions": [' + ", ".join(items) + "]}").encode()
    r = post_raw(k1, hall, body)
    assert r.status_code == 200, r.text
    results = {res["id"]: res for res in r.json()["results"]}
    assert results[good["id"]]["status"] == "accepted"
    assert results[fits["id"]]["status"] == "accepted"
    for t in (huge, wide, door, deep_huge):
        assert results[t["id"]]["status"] == "rejected", results[t["id"]]
        assert results[t["id"]]["error"]["code"] == "number_out_of_range"
    stored = hall.admin("GET", "/transactions", params={"kiosk_id": "K1", "kind": "rating"})
    assert {"score": 2**63 - 1, "low": -2**63} in [t["payload"] for t in
                                                   stored["transactions"]]


def test_other_bodies_refuse_unstorable_numbers_with_a_typed_error(hall, k1):
    heartbeat = (b'{"software_version": "1", "uptime_s": 1, "oldest_pending_age_s": null, '
                 b'"devices": {}, "outbox_depth": ')
    for number in (b"1" + b"0" * 20, b"9" * 5000):
        r = k1.post(f"{hall.api}/kiosks/K1/heartbeat", data=heartbeat + number + b"}",
                    headers={"Content-Type": "application/json"}, timeout=10)
        assert_error(r, 422, "number_out_of_range")
    ok = k1.post(f"{hall.api}/kiosks/K1/heartbeat", data=heartbeat + b"3}",
                 headers={"Content-Type": "application/json"}, timeout=10)
    assert ok.status_code == 200, ok.text
