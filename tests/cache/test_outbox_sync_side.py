"""The outbox as the sync engine uses it: sealing, results, quarantine, leased blocks."""
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from offline_cache import db, outbox, tickets
from offline_cache.sealing import Sealer, SealError

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CST)


@pytest.fixture
def conn(tmp_path):
    return db.connect(tmp_path / "k.db")


@pytest.fixture
def sealer(tmp_path):
    return Sealer.load_or_create(tmp_path / "keys" / "outbox.key")


def test_key_file_is_private_and_reused(tmp_path, sealer):
    path = tmp_path / "keys" / "outbox.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(path.read_bytes()) == 32
    blob = sealer.seal(b"440106199101010010", b"row-1")
    assert Sealer.load_or_create(path).open(blob, b"row-1") == b"440106199101010010"
    with pytest.raises(SealError):
        sealer.open(blob, b"row-2")              # bound to its row
    os.chmod(path, 0o644)
    with pytest.raises(PermissionError):
        Sealer.load_or_create(path)


def test_personal_fields_need_a_sealer(conn):
    with pytest.raises(ValueError):
        outbox.enqueue(conn, "card_loss_report", {"card": "ss"}, NOW,
                       personal={"id_number": "440106199101010010"})


def test_results_delete_acknowledged_rows_and_quarantine_rejected(conn, sealer):
    with db.transaction(conn):
        ids = [outbox.enqueue(conn, "card_loss_report", {"n": i}, NOW,
                              personal={"id_number": "440106199101010010"}, sealer=sealer)
               for i in range(4)]
    counts = outbox.apply_results(conn, [
        {"id": ids[0], "status": "accepted"},
        {"id": ids[1], "status": "duplicate"},
        {"id": ids[2], "status": "rejected",
         "error": {"code": "idempotency_conflict", "message": "different payload"}},
        {"id": "not-ours", "status": "accepted"},
        {"id": ids[3], "status": "maybe"},
    ])
    assert counts == {"accepted": 1, "duplicate": 1, "rejected": 1, "ignored": 2}
    assert outbox.get(conn, ids[0]) is None and outbox.get(conn, ids[1]) is None
    q = outbox.get(conn, ids[2])
    assert q.state == "quarantined" and q.sealed is None        # personal data gone
    assert q.error["code"] == "idempotency_conflict"
    assert [r.id for r in outbox.pending(conn, 10)] == [ids[3]]
    assert outbox.quarantined_count(conn) == 1
    # A quarantined row is final: a late "accepted" does not resurrect or delete it.
    outbox.apply_results(conn, [{"id": ids[2], "status": "accepted"}])
    assert outbox.get(conn, ids[2]).state == "quarantined"


def test_leased_block_numbers_come_first_then_the_local_counter(conn):
    tickets.add_block(conn, block_id="b1", category="registration", prefix="A3-",
                      first=101, last=102, valid_until=(NOW + timedelta(hours=8)).isoformat())
    tickets.add_block(conn, block_id="b1", category="registration", prefix="A3-",
                      first=101, last=102, valid_until=(NOW + timedelta(hours=8)).isoformat())
    got = [tickets.issue(conn, category="registration", letter="A", kind="accept",
                         kiosk_prefix="3", now=NOW, holder=None) for _ in range(3)]
    assert [(t.number, t.source) for t in got] == [
        ("A3-101", "leased_block"), ("A3-102", "leased_block"), ("A3-001", "local_counter")]
    assert outbox.get(conn, got[0].transaction_id).payload["block_id"] == "b1"
    assert [t.waiting_ahead for t in got] == [0, 1, 2]


def test_expired_blocks_are_not_used(conn):
    tickets.add_block(conn, block_id="old", category="business", prefix="B9-", first=1,
                      last=50, valid_until=(NOW - timedelta(minutes=1)).isoformat())
    t = tickets.issue(conn, category="business", letter="B", kind="consult",
                      kiosk_prefix="3", now=NOW, holder=None)
    assert (t.number, t.source) == ("B3-001", "local_counter")
