"""SQLite on a full disk (issue 9, item 5): a real small tmpfs under the database. A
transaction that cannot be written raises the typed StorageFull (code ``disk_full``),
leaves no transaction open behind it, keeps nothing of its rows, and the same
connection works again once there is room."""
import sqlite3
from datetime import UTC, datetime

import pytest

from offline_cache import db, outbox
from offline_cache.db import StorageFull, transaction
from tests.small_disk import small_disk


def test_a_full_disk_is_a_typed_error_and_the_connection_survives_it(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as disk:
        conn = db.connect(disk.root / "kiosk.db")
        now = datetime.now(UTC)
        with transaction(conn):
            outbox.enqueue(conn, "rating", {"level": "satisfied"}, now)
        disk.fill()
        with pytest.raises(StorageFull) as refused, transaction(conn):
            for _ in range(50):     # more than any page cache keeps back
                outbox.enqueue(conn, "rating", {"level": "x" * 2000}, now)
        assert isinstance(refused.value, sqlite3.OperationalError)     # still a db error
        assert refused.value.code == "disk_full"
        assert not conn.in_transaction
        assert outbox.pending_count(conn) == 1
        disk.free()
        with transaction(conn):
            outbox.enqueue(conn, "rating", {"level": "satisfied"}, now)
        assert outbox.pending_count(conn) == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_other_database_errors_are_not_taken_for_a_full_disk(tmp_path):
    conn = db.connect(tmp_path / "kiosk.db")
    with pytest.raises(sqlite3.OperationalError) as err, transaction(conn):
        conn.execute("INSERT INTO no_such_table VALUES (1)")
    assert not isinstance(err.value, StorageFull)
    assert not conn.in_transaction
