"""Several processes on one store, as several hall workers (``serve --workers N``) or
several hall machines are: SQLite's file lock (``BEGIN IMMEDIATE``) and PostgreSQL's row
locks keep the numbering gapless and unique and a batch applied once; PostgreSQL's schema
is migrated once however many processes open it at the same time."""
import itertools
import json
import socket
import subprocess
import sys
import time

import pytest

from hall.sealing import SealError
from hall.stores import open_storage

from .conftest import ROOT, run_cli
from .helpers import tx

WORKERS = 4


def _run_together(store, what: str, args: list[str], go) -> list:
    procs = [subprocess.Popen([sys.executable, "-m", "tests.hall.store_worker", what,
                               store.db, store.key or "-", arg], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for arg in args]
    time.sleep(1.0)                          # all of them open the store and wait
    go.write_text("go")
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(json.loads(out))
    return outs


def test_numbering_from_several_processes_is_unique_and_gapless(stores):
    store = stores.new()
    store.open().close()                     # created before the workers race
    go = (ROOT / store.key if store.key else ROOT / store.db).with_suffix(".go")
    outs = _run_together(store, "numbering", [str(n) for n in range(WORKERS)], go)
    spans = sorted(tuple(s) for out in outs for s in out)
    assert len(spans) == WORKERS * 30
    assert spans[0][0] == 1
    for a, b in itertools.pairwise(spans):
        assert a[1] + 1 == b[0], f"{a} then {b}: a number twice or a gap"


def test_one_batch_from_several_processes_is_applied_once(stores, tmp_path):
    store = stores.new()
    store.open().close()
    batch = [tx() for _ in range(200)]
    batch_file = tmp_path / "batch.json"
    batch_file.write_text(json.dumps(batch))
    outs = _run_together(store, "ingest", [str(batch_file)] * WORKERS,
                         batch_file.with_suffix(".go"))
    # Each whole batch is one transaction: one process applies it, the others see it all.
    assert sorted(set(out) == {"accepted"} for out in outs) == [False] * (WORKERS - 1) + [True]
    assert all(set(out) == {"duplicate"} for out in outs if "accepted" not in out)
    storage = store.open()
    try:
        assert storage.transaction_stats("K1")["applied"] == 200
        assert storage.transaction_stats("K1")["applied_more_than_once"] == 0
    finally:
        storage.close()


@pytest.fixture
def pg_store(stores):
    if stores.kind != "postgres":
        pytest.skip("PostgreSQL's schema versioning (SQLite's is PRAGMA user_version, "
                    "tests/hall/test_data_at_rest.py)")
    return stores.new()


def test_the_schema_is_made_once_when_several_processes_open_it_at_once(pg_store):
    procs = [subprocess.Popen([sys.executable, "-c",
                               "import sys; from hall.stores import open_storage; "
                               "open_storage(sys.argv[1], sys.argv[2]).close()",
                               pg_store.db, pg_store.key], cwd=ROOT, stderr=subprocess.PIPE,
                              text=True) for _ in range(WORKERS)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    storage = pg_store.open()                # and again: idempotent
    try:
        from hall.storage_pg import SCHEMA_VERSION
        assert storage.schema_version() == SCHEMA_VERSION
    finally:
        storage.close()


def test_postgres_needs_its_key_and_refuses_another(pg_store, tmp_path):
    pg_store.open().close()
    with pytest.raises(ValueError, match="--key"):
        open_storage(pg_store.db, None)
    with pytest.raises(SealError, match="another hall key"):
        open_storage(pg_store.db, str(tmp_path / "another.key"))


def test_an_older_schema_is_brought_up_to_date(pg_store):
    """A database of schema 1 (before attachments) gets step 2 at open, once."""
    import psycopg

    from hall.storage_pg import SCHEMA_VERSION
    pg_store.open().close()
    with psycopg.connect(pg_store.db, autocommit=True) as conn:
        conn.execute("DROP TABLE attachments")
        conn.execute("UPDATE schema_version SET version = 1")
    storage = pg_store.open()
    try:
        assert storage.schema_version() == SCHEMA_VERSION == 2
        assert storage.put_attachment("K1", "ab" * 32, "image/jpeg", b"\xff\xd8photo", 1.0)
        assert not storage.put_attachment("K1", "ab" * 32, "image/jpeg", b"other", 2.0)
        meta, data = storage.attachment("ab" * 32)
        assert data == b"\xff\xd8photo" and meta["size"] == 7 and meta["received_at"] == 1.0
        assert storage.attachment("cd" * 32) is None
    finally:
        storage.close()
    with psycopg.connect(pg_store.db) as conn:           # sealed at rest
        raw = conn.execute("SELECT data FROM attachments").fetchone()[0]
        assert b"photo" not in bytes(raw)


def test_a_lost_connection_is_unavailable_then_replaced(pg_store):
    """The server drops the hall's connections (a restart, a failover): the call under
    way is a typed 503 ``unavailable`` (rolled back), and the next one works."""
    import psycopg

    from hall.errors import HallError
    storage = pg_store.open()
    try:
        storage.add_token("K9", "token-of-k9-0123456789abcdef", 1.0)
        with psycopg.connect(pg_store.db, autocommit=True) as conn:
            dropped = conn.execute("SELECT COUNT(pg_terminate_backend(pid)) FROM "
                                   "pg_stat_activity WHERE datname = current_database() "
                                   "AND pid <> pg_backend_pid()").fetchone()[0]
        assert dropped >= 1
        with pytest.raises(HallError) as refused:
            storage.kiosk_ids()
        assert (refused.value.status, refused.value.code) == (503, "unavailable")
        assert storage.kiosk_ids() == ["K9"]
    finally:
        storage.close()


def test_the_cli_says_what_is_wrong_with_a_postgres_url(pg_store, tmp_path):
    no_key = run_cli("purge", "--db", pg_store.db)
    assert no_key.returncode == 1 and "--key" in no_key.stderr, no_key.stderr
    with socket.socket() as s:          # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        dead = f"postgresql://hall@127.0.0.1:{s.getsockname()[1]}/hall"
    started = time.monotonic()
    down = run_cli("serve", "--db", dead, "--key", str(tmp_path / "k.key"), "--port", "0",
                   timeout=60)
    assert down.returncode == 1 and "cannot open postgresql://hall@127.0.0.1" in down.stderr
    assert "check the server" in down.stderr and time.monotonic() - started < 40
