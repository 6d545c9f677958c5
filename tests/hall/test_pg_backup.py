"""The README's backup and restore of a PostgreSQL hall, as an operator runs them:
``pg_dump -Fc`` of the hall's database, ``pg_restore`` into a new one, the hall serving
it with the same key file. The dump holds nothing personal in clear (the key stays out
of it), and the restored hall carries on (keys recognised, numbering continued)."""
import subprocess
import time

from hall.stores import open_storage
from hall.transactions import parse

from .helpers import tx

NAME, PHONE = "欧阳娜娜", "13912345678"


def test_pg_dump_and_pg_restore(pg_server, tmp_path):
    url, key = pg_server.create_database("live"), str(tmp_path / "hall.key")
    storage = open_storage(url, key)
    batch = [parse(tx("application", {"name": NAME, "phone": PHONE})), parse(tx())]
    try:
        storage.ingest("K1", batch, time.time())
        storage.issue_ticket("K1", day="2025-03-01", category="a", prefix="A", kind="accept",
                             appointment_id=None, issued_at="x")
        before = storage.transactions()
    finally:
        storage.close()

    dump = tmp_path / "hall.dump"
    done = subprocess.run([str(pg_server.bin / "pg_dump"), "-Fc", "-f", str(dump), url],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    plain = subprocess.run([str(pg_server.bin / "pg_restore"), "-f", "-", str(dump)],
                           capture_output=True, timeout=60).stdout.decode()
    assert "INSERT" in plain or "COPY" in plain
    assert NAME not in plain and PHONE not in plain

    restored = pg_server.create_database("restored")
    done = subprocess.run([str(pg_server.bin / "pg_restore"), "--no-owner", "-d", restored,
                           str(dump)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    storage = open_storage(restored, key)
    try:
        assert storage.transactions() == before
        assert storage.transactions()[0]["payload"]["name"] == NAME
        assert [r["status"] for r in storage.ingest("K1", batch, time.time())] == \
            ["duplicate"] * 2
        assert storage.issue_ticket("K1", day="2025-03-01", category="a", prefix="A",
                                    kind="accept", appointment_id=None,
                                    issued_at="x")["number"] == "A002"
    finally:
        storage.close()
