"""Each store directly (``storage``: SQLite and PostgreSQL, see conftest.STORES): a batch
applied all or nothing, idempotency keys kept for the window, numbering from many
threads; SQLite's pragmas on every connection."""
import itertools
import threading
import time

import pytest

from hall.storage import MIN_KEY_WINDOW_S, SQLiteStorage
from hall.transactions import Rejected, parse

from .helpers import tx


@pytest.fixture
def sqlite_storage(tmp_path):
    s = SQLiteStorage(tmp_path / "hall.db")
    yield s
    s.close()


def test_every_connection_has_the_pragmas(sqlite_storage):
    storage = sqlite_storage
    seen = []

    def look():
        conn = storage._conn()
        seen.append((conn.execute("PRAGMA journal_mode").fetchone()[0],
                     conn.execute("PRAGMA synchronous").fetchone()[0],
                     conn.execute("PRAGMA busy_timeout").fetchone()[0]))

    threads = [threading.Thread(target=look) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    look()
    assert seen == [("wal", 2, 10_000)] * 4          # synchronous 2 = FULL


def test_a_batch_is_applied_all_or_nothing(storage, monkeypatch):
    # Applications are sealed one by one while the batch is written (both stores): the
    # fourth seal failing must leave nothing of the first three.
    batch = [parse(tx("application", {"name": "欧阳娜娜"})) for _ in range(5)]
    real_seal = storage.keys.seal_text
    calls = []

    def failing_seal(text, column):
        calls.append(column)
        if len(calls) == 4:
            raise RuntimeError("the disk went away")
        return real_seal(text, column)

    monkeypatch.setattr(storage.keys, "seal_text", failing_seal)
    with pytest.raises(RuntimeError):
        storage.ingest("K1", batch, time.time())
    assert len(calls) == 4
    assert storage.transaction_stats("K1") == {"applied": 0, "distinct_ids": 0,
                                               "applied_more_than_once": 0, "keys": 0,
                                               "by_kind": {}}
    monkeypatch.undo()
    assert [r["status"] for r in storage.ingest("K1", batch, time.time())] == ["accepted"] * 5
    assert storage.transaction_stats("K1")["applied"] == 5


def test_rejections_are_passed_through(storage):
    rejected = parse({"id": "nope"})
    assert isinstance(rejected, Rejected)
    assert storage.ingest("K1", [rejected], time.time()) == [rejected.result()]


def test_idempotency_keys_are_kept_at_least_30_days(storage):
    now = time.time()
    old, recent = parse(tx()), parse(tx())
    storage.ingest("K1", [old], now - 31 * 86400)
    storage.ingest("K1", [recent], now - 29 * 86400)
    with pytest.raises(ValueError):
        storage.purge_idempotency_keys(29 * 86400, now)
    assert storage.purge_idempotency_keys(MIN_KEY_WINDOW_S, now) == 1
    # Within the window the transaction is still recognised; the record stays either way.
    assert storage.ingest("K1", [recent], now)[0]["status"] == "duplicate"
    assert storage.transaction_stats("K1")["applied"] == 2
    assert storage.transaction_stats("K1")["keys"] == 1


def test_numbering_from_many_threads(storage):
    spans, lock = [], threading.Lock()

    def work(n):
        for i in range(20):
            if i % 4 == 0:
                b = storage.lease_block(f"K{n}", day="2025-03-01", category="a", prefix="A",
                                        size=5, valid_until=0, now=0)
                span = (b["first"], b["last"])
            else:
                t = storage.issue_ticket(f"K{n}", day="2025-03-01", category="a", prefix="A",
                                         kind="accept", appointment_id=None, issued_at="x")
                span = (t["seq"], t["seq"])
            with lock:
                spans.append(span)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    spans.sort()
    assert spans[0][0] == 1 and all(a[1] + 1 == b[0] for a, b in itertools.pairwise(spans))
    # Another category and another day count on their own.
    assert storage.issue_ticket("K1", day="2025-03-01", category="b", prefix="B",
                                kind="accept", appointment_id=None, issued_at="x")["number"] \
        == "B001"
    assert storage.lease_block("K1", day="2025-03-02", category="a", prefix="A", size=3,
                               valid_until=0, now=0)["first"] == 1


def test_payment_transitions(storage):
    now = time.time()
    storage.create_payment({"order_id": "P1", "kiosk_id": "K1", "service_code": "s",
                            "holder": "h", "amount_fen": 1, "params": {}, "qr_payload": "q",
                            "created_at": now, "expires_at": now + 10})
    assert storage.payment("P1", now)["status"] == "pending"
    assert storage.payment("P1", now + 11)["status"] == "expired"
    assert storage.payment("P1", now)["status"] == "expired"     # stays expired
    with pytest.raises(ValueError):
        storage.set_payment_status("P1", "pending", now)
