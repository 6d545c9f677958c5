"""The offline outbox: pragmas, atomic ticket + outbox row, durability under kill -9."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from offline_cache import db, outbox, tickets
from offline_cache.sealing import Sealer

CST = timezone(timedelta(hours=8))


def test_every_connection_has_the_offline_pragmas(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2        # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
    # A second connection (another process would do the same) gets them too.
    other = db.connect(tmp_path / "k.db")
    assert other.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert other.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS


def test_ticket_and_its_outbox_row_commit_together(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    sealer = Sealer.load_or_create(tmp_path / "keys" / "outbox.key")
    now = datetime(2026, 11, 22, 9, 30, tzinfo=CST)
    t = tickets.issue(conn, category="registration", letter="A", kind="accept",
                      kiosk_prefix="3", now=now, holder="ab" * 32, sealer=sealer)
    assert t.number == "A3-001" and t.waiting_ahead == 0
    row = outbox.get(conn, t.transaction_id)
    assert row.kind == "ticket" and row.state == "pending"
    assert uuid.UUID(row.id).version == 4
    assert row.created_at == "2026-11-22T09:30:00+08:00"
    # The holder is personal data: sealed at rest, back in the payload when sent.
    assert "holder" not in row.payload
    raw = conn.execute("SELECT payload, sealed FROM outbox").fetchone()
    assert b"ab" * 32 not in raw[1] and "abab" not in raw[0]
    assert row.transaction(sealer) == {
        "id": row.id, "kind": "ticket", "created_at": "2026-11-22T09:30:00+08:00",
        "payload": {"number": "A3-001", "category": "registration", "kind": "accept",
                    "issued_at": "2026-11-22T09:30:00+08:00", "holder": "ab" * 32,
                    "source": "local_counter"}}


def test_numbers_count_per_category_and_restart_each_day(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    day1 = datetime(2026, 11, 22, 9, 0, tzinfo=CST)
    numbers = [tickets.issue(conn, category=c, letter=letter, kind="consult", kiosk_prefix="3",
                             now=day1, holder=None).number
               for c, letter in [("registration", "A"), ("registration", "A"), ("business", "B"),
                            ("registration", "A")]]
    assert numbers == ["A3-001", "A3-002", "B3-001", "A3-003"]
    nxt = tickets.issue(conn, category="registration", letter="A", kind="consult",
                        kiosk_prefix="3", now=day1 + timedelta(days=1), holder=None)
    assert nxt.number == "A3-001"
    assert outbox.pending_count(conn) == 5


def test_a_failed_transaction_leaves_no_trace(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    now = datetime(2026, 11, 22, 9, 0, tzinfo=CST)
    with pytest.raises(ValueError), db.transaction(conn):
        outbox.enqueue(conn, "ticket", {"n": 1}, now)
        outbox.enqueue(conn, "no_such_kind", {}, now)
    assert outbox.pending_count(conn) == 0


def test_outbox_refuses_naive_times(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    with pytest.raises(ValueError):
        outbox.enqueue(conn, "rating", {}, datetime(2026, 11, 22, 9, 0))


WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone, timedelta
    from offline_cache import db, tickets
    conn = db.connect(sys.argv[1])
    now = datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    while True:
        t = tickets.issue(conn, category="registration", letter="A", kind="accept",
                          kiosk_prefix="3", now=now, holder=None)
        print("ACK", t.number, t.transaction_id, flush=True)
""")


def test_acknowledged_tickets_survive_kill_9(tmp_path):
    """A writer issues tickets as fast as it can; we SIGKILL it right after reading an
    acknowledgement. Every acknowledged ticket and its outbox row must be there."""
    path = tmp_path / "k.db"
    db.connect(path).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    acked = []
    try:
        for _ in range(25):
            acked.append(proc.stdout.readline().split())
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    conn = db.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for _, number, tx in acked:
        row = outbox.get(conn, tx)
        assert row is not None and row.payload["number"] == number
        assert conn.execute("SELECT transaction_id FROM tickets WHERE number = ?",
                            (number,)).fetchone()[0] == tx
    # Numbering resumes after the last durable number, with no gap reuse.
    last = conn.execute("SELECT MAX(seq) FROM tickets").fetchone()[0]
    assert last >= len(acked)
    assert json.loads(conn.execute("SELECT payload FROM outbox ORDER BY rowid DESC LIMIT 1")
                      .fetchone()[0])["number"] == f"A3-{last:03d}"
