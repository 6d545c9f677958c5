"""Idempotent batch ingestion (hall-api.md, Transactions): accepted, duplicate, conflict,
rejected with a code, gzip bodies, the 500 limit; on each store."""
import gzip
import json
import uuid

import pytest

from .helpers import batch_url, gzipped, send, tx
from .test_auth import assert_error


@pytest.fixture
def hall(any_hall):
    return any_hall


def stats(hall, kiosk_id):
    return hall.admin("GET", "/transactions/stats", params={"kiosk_id": kiosk_id})


def test_accepted_then_duplicate_with_no_second_effect(hall, k2):
    before = stats(hall, "K2")
    batch = [tx("rating", {"score": n % 5 + 1}) for n in range(20)] + \
            [tx("card_loss_report", {"card": "ss", "holder": "abc"})]
    assert [r["status"] for r in send(k2, hall, batch, "K2")] == ["accepted"] * 21
    assert [r["id"] for r in send(k2, hall, batch, "K2")] == [t["id"] for t in batch]
    again = send(k2, hall, batch, "K2")
    assert [r["status"] for r in again] == ["duplicate"] * 21
    assert all("error" not in r for r in again)
    after = stats(hall, "K2")
    assert after["applied"] - before["applied"] == 21
    assert after["applied_more_than_once"] == 0
    stored = hall.admin("GET", "/transactions", params={"kiosk_id": "K2",
                                                         "kind": "card_loss_report"})
    assert stored["transactions"][-1]["payload"] == {"card": "ss", "holder": "abc"}


def test_same_id_with_another_payload_is_an_idempotency_conflict(hall, k1):
    first = tx("rating", {"score": 5})
    assert send(k1, hall, [first])[0]["status"] == "accepted"
    changed = {**first, "payload": {"score": 1}}
    other_kind = {**first, "kind": "application"}
    for variant in (changed, other_kind):
        result = send(k1, hall, [variant])[0]
        assert result["status"] == "rejected"
        assert result["error"]["code"] == "idempotency_conflict"
    # Key order and a different created_at are the same transaction (payload-only hash).
    same = {"payload": {"score": 5}, "created_at": "2020-01-01T00:00:00Z",
            "kind": "rating", "id": first["id"].upper()}
    assert send(k1, hall, [same])[0]["status"] == "duplicate"
    # The same id from another kiosk is not that kiosk's duplicate.
    with hall.kiosk("K2") as k2:
        assert send(k2, hall, [first], "K2")[0]["error"]["code"] == "idempotency_conflict"


def test_duplicates_inside_one_batch(hall, k1):
    t = tx()
    results = send(k1, hall, [t, t, {**t, "payload": {"score": 2}}])
    assert [r["status"] for r in results] == ["accepted", "duplicate", "rejected"]


def test_rejections_carry_a_code_and_do_not_stop_the_batch(hall, k1):
    good = tx()
    cases = {
        "malformed_transaction": [
            "not an object", {"kind": "rating"}, tx(tx_id="1234"),
            tx(tx_id=str(uuid.uuid4()) + "\n"),
            tx(created_at="2024-05-01T10:00:00"),              # no offset
            tx(created_at="yesterday"), {**tx(), "payload": [1, 2]}],
        "unknown_kind": [tx("teleport"), {**tx(), "kind": None}],
        "invalid_payload": [tx("ticket", {"category": "business"}),       # no number
                            tx("ticket", {"number": "B001"}),              # no category
                            tx("locker_pickup", {"door": 3})],             # no assignment
    }
    batch = [good] + [item for items in cases.values() for item in items]
    results = send(k1, hall, batch)
    assert results[0] == {"id": good["id"], "status": "accepted"}
    codes = [code for code, items in cases.items() for _ in items]
    for result, code, item in zip(results[1:], codes, batch[1:], strict=True):
        assert result["status"] == "rejected", (item, result)
        assert result["error"]["code"] == code, (item, result)
        assert result["id"] == (item.get("id") if isinstance(item, dict) else None)
    # A rejection is given again for the same input (the kiosk quarantines it anyway).
    assert send(k1, hall, [batch[3]])[0]["error"]["code"] == "malformed_transaction"


def test_what_strict_json_forbids_rejects_only_that_transaction(hall, k1):
    ids = [str(uuid.uuid4()) for _ in range(5)]
    created = '"created_at": "2025-01-01T10:00:00+08:00"'
    items = [f'{{"id": "{ids[0]}", "kind": "rating", {created}, "payload": {{"x": NaN}}}}',
             f'{{"id": "{ids[1]}", "kind": "rating", {created}, "payload": {{"x": -Infinity}}}}',
             f'{{"id": "{ids[2]}", "kind": "rating", {created}, "payload": {{"x": 1e999}}}}',
             f'{{"id": "{ids[3]}", "kind": "rating", {created}, "payload": {{"x": "\\ud800"}}}}',
             f'{{"id": "{ids[4]}", "kind": "rating", {created}, "payload": '
             + "[" * 100 + "]" * 100 + "}"]
    good = tx()
    body = '{"transactions": [' + ", ".join(items) + ", " + json.dumps(good) + "]}"
    r = k1.post(batch_url(hall), data=body.encode(), timeout=10,
                headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [(x["id"], x["status"]) for x in results] == \
        [(i, "rejected") for i in ids] + [(good["id"], "accepted")]
    assert {x["error"]["code"] for x in results[:5]} == {"malformed_transaction"}
    # Nesting beyond the interpreter's limit is not JSON we can read at all.
    r = k1.post(batch_url(hall), data=b"[" * 100_000 + b"]" * 100_000, timeout=10,
                headers={"Content-Type": "application/json"})
    assert_error(r, 400, "malformed_json")


def test_gzip_bodies(hall, k1):
    batch = [tx() for _ in range(50)]
    r = k1.post(batch_url(hall), data=gzipped({"transactions": batch}), timeout=10,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["accepted"] * 50
    assert [x["status"] for x in send(k1, hall, batch)] == ["duplicate"] * 50

    broken = gzipped({"transactions": [tx()]})
    for body, code in ((broken[:-12], "bad_gzip"), (b"plain, not gzip", "bad_gzip")):
        r = k1.post(batch_url(hall), data=body, timeout=10,
                    headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
        assert_error(r, 400, code)
    r = k1.post(batch_url(hall), data=b"x", timeout=10,
                headers={"Content-Type": "application/json", "Content-Encoding": "br"})
    assert_error(r, 415, "unsupported_encoding")
    # A gzip bomb: 20 MiB of spaces in a ~20 KiB body is refused, not inflated.
    bomb = gzip.compress(b'{"transactions": []' + b" " * (20 * 1024 * 1024) + b"}")
    r = k1.post(batch_url(hall), data=bomb, timeout=30,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert_error(r, 413, "body_too_large")


def test_at_most_500_per_request(hall, k1):
    before = stats(hall, "K1")["applied"]
    too_many = [tx() for _ in range(501)]
    assert_error(k1.post(batch_url(hall), json={"transactions": too_many}, timeout=30),
                 413, "batch_too_large")
    assert stats(hall, "K1")["applied"] == before           # nothing of it applied
    results = send(k1, hall, too_many[:500])
    assert [r["status"] for r in results] == ["accepted"] * 500
    assert stats(hall, "K1")["applied"] == before + 500


def test_malformed_envelopes(hall, k1):
    for body, status, code in ((b"[]", 400, "malformed_batch"),
                               (b'{"transactions": {}}', 400, "malformed_batch"),
                               (b'{"transactions": [', 400, "malformed_json"),
                               ("\u00ff".encode("latin-1"), 400, "malformed_json")):
        r = k1.post(batch_url(hall), data=body, timeout=10,
                    headers={"Content-Type": "application/json"})
        assert_error(r, status, code)
    assert k1.post(batch_url(hall), json={"transactions": []}, timeout=10).json() == \
        {"results": []}
    unicode = tx("application", {"service": "社保卡挂失", "note": "\u2603 \U0001F600"})
    assert send(k1, hall, [unicode])[0]["status"] == "accepted"
    stored = hall.admin("GET", "/transactions", params={"kiosk_id": "K1",
                                                         "kind": "application"})
    assert stored["transactions"][-1]["payload"] == unicode["payload"]


def test_a_batch_answer_says_where_its_time_went(hall, k1):
    """Server-Timing (ms): the JSON and validation, then the store; what
    bench/sync_drain.py reports the hall's share of a drain from."""
    r = k1.post(batch_url(hall), json={"transactions": [tx() for _ in range(3)]}, timeout=30)
    assert r.status_code == 200
    parts = dict(p.strip().split(";dur=") for p in r.headers["Server-Timing"].split(","))
    assert set(parts) == {"parse", "store"} and all(float(v) >= 0 for v in parts.values())
