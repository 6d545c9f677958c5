"""Reading the next batch costs the same with a backlog of a hundred thousand rows as
with ten: the queries that take pending or quarantined rows in the order they were
written are served by an index in that order, with no sort of every row first (SQLite's
plan would say ``USE TEMP B-TREE FOR ORDER BY``). Before schema v5 each batch of a
backlog's drain read and sorted the whole backlog (bench/sync_drain.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from offline_cache import db, outbox

CST = timezone(timedelta(hours=8))


def _plans(conn, read) -> list[str]:
    """The query plan of every SELECT that ``read(conn)`` runs."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        read(conn)
    finally:
        conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects, "no query seen"
    return [" / ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {s}"))
            for s in selects]


def test_the_next_batch_is_read_in_order_from_an_index(tmp_path):
    conn = db.connect(tmp_path / "kiosk.db")
    with db.transaction(conn):
        for n in range(50):
            outbox.enqueue(conn, "rating", {"n": n}, datetime.now(CST))
    for read in (lambda c: outbox.pending(c, 20), lambda c: outbox.quarantined(c, 20)):
        for plan in _plans(conn, read):
            assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, plan
    assert [r.payload["n"] for r in outbox.pending(conn, 20)] == list(range(20))
