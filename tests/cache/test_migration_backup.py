"""An upgrade never loses a row (issue 11): before a schema migration the database is
copied with SQLite's online backup (``kiosk.db.before-v<N>.bak``, owner-only, the newest
two kept); a migration that fails is undone and the copy put back, checked, and named in
a typed error; a database from a newer version is not opened; a disk too full for the
copy refuses the upgrade with the database untouched. Real SQLite files, a real small
tmpfs, and the ``kiosk`` command line in its own process.
"""
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from offline_cache import backups, db, outbox
from offline_cache.db import MigrationFailed, SchemaTooNew, StorageFull
from tests.small_disk import small_disk

OLD = list(db._MIGRATIONS[:-1])       # the version before this one
NEW = list(db._MIGRATIONS)
# A next version's migration that breaks half-way, after a statement that commits on
# its own (SQLite cannot roll that part back): only the copy brings the old state back.
BREAKS = [*NEW, "CREATE TABLE half_done (x INTEGER); COMMIT; INSERT INTO no_such_table VALUES (1)"]


def seeded(path, migrations, rows=3):
    """A database at the schema of ``migrations`` holding ``rows`` unsynced outbox rows."""
    conn = db.connect(path, migrations=migrations)
    with db.transaction(conn):
        ids = [outbox.enqueue(conn, "rating", {"level": "satisfied", "n": n}, datetime.now(UTC))
               for n in range(rows)]
    conn.close()
    return sorted(ids)


def pending_ids(conn):
    return sorted(r.id for r in outbox.pending(conn, 100))


def version(conn):
    return conn.execute("PRAGMA user_version").fetchone()[0]


def test_an_upgrade_copies_the_database_first_and_keeps_every_row(tmp_path):
    path = tmp_path / "kiosk.db"
    ids = seeded(path, OLD)
    conn = db.connect(path)
    assert version(conn) == len(NEW)
    assert pending_ids(conn) == ids
    conn.close()

    copy = backups.path_for(path, len(NEW))
    assert backups.existing(path) == [copy]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not copy.with_name(copy.name + "-wal").exists()     # one self-contained file
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == len(OLD)
        assert sorted(r[0] for r in old.execute("SELECT id FROM outbox")) == ids
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_no_copy_for_a_new_database_nor_when_nothing_changes(tmp_path):
    path = tmp_path / "kiosk.db"
    seeded(path, NEW)
    db.connect(path).close()
    assert backups.existing(path) == []


def test_a_failed_migration_is_undone_from_the_copy_and_says_where_it_is(tmp_path):
    path = tmp_path / "kiosk.db"
    ids = seeded(path, NEW)
    with pytest.raises(MigrationFailed) as failed:
        db.connect(path, migrations=BREAKS)
    err = failed.value
    assert err.code == "migration_failed"
    assert isinstance(err, sqlite3.DatabaseError)
    assert err.backup == backups.path_for(path, len(BREAKS))
    assert "no such table: no_such_table" in str(err) and str(err.backup) in str(err)
    assert "已从备份恢复" in err.message_zh

    conn = db.connect(path)        # this version opens it as it was, every row there
    assert version(conn) == len(NEW)
    assert pending_ids(conn) == ids
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_database_from_a_newer_version_is_not_opened(tmp_path):
    path = tmp_path / "kiosk.db"
    ids = seeded(path, NEW)
    with pytest.raises(SchemaTooNew) as refused:
        db.connect(path, migrations=OLD)
    assert refused.value.code == "schema_too_new"
    assert f"v{len(NEW)}" in str(refused.value) and f"v{len(OLD)}" in str(refused.value)
    conn = db.connect(path)
    assert version(conn) == len(NEW) and pending_ids(conn) == ids
    conn.close()


def test_the_newest_two_copies_are_kept(tmp_path):
    path = tmp_path / "kiosk.db"
    seeded(path, NEW[:2])
    for n in range(3, len(NEW) + 1):
        db.connect(path, migrations=NEW[:n]).close()
    assert backups.existing(path) == [backups.path_for(path, n)
                                      for n in (len(NEW) - 1, len(NEW))]


def test_a_disk_too_full_for_the_copy_refuses_the_upgrade_and_touches_nothing(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as disk:
        path = disk.root / "kiosk.db"
        ids = seeded(path, OLD, rows=40)
        # Another process has the database open (its -wal and -shm exist, as on a running
        # terminal): only the copy needs room that is not there.
        holder = sqlite3.connect(path)
        holder.execute("SELECT count(*) FROM outbox").fetchone()
        disk.fill()
        with pytest.raises(StorageFull):
            db.connect(path)
        assert sorted(p.name for p in disk.root.iterdir() if ".bak" in p.name) == []
        disk.free()
        holder.close()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(OLD)
        conn.close()
        conn = db.connect(path)     # with room again, the upgrade goes through
        assert version(conn) == len(NEW) and pending_ids(conn) == ids
        conn.close()


def test_the_command_line_says_so_in_plain_words_without_a_traceback(tmp_path):
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "K1"\ndata_dir = "data"\n',
                                         encoding="utf-8")
    path = tmp_path / "data" / "kiosk.db"
    seeded(path, [*NEW, "CREATE TABLE from_the_future (x INTEGER)"])
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "sync", "status", "--config",
                           str(tmp_path / "kiosk.toml")], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, NOTIFY_SOCKET=""))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "数据库由较新版本写入" in done.stderr
    assert "(schema_too_new)" in done.stderr
    assert "Traceback" not in done.stderr
