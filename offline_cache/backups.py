"""Copies of the terminal's database taken before a schema migration (an upgrade of the
package), so that an upgrade never loses a citizen's unsynced row.

A copy is ``<db>.before-v<N>.bak`` next to the database (N: the schema version the
migration goes to), taken with SQLite's online backup while the migration holds the
write lock, so nothing is written between the copy and the migration. It is one
self-contained file (rollback journal, not WAL), readable by its owner only, and only
complete copies carry the name (written as ``.tmp``, fsynced, renamed). The newest
:data:`KEEP` are kept.
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from pathlib import Path

KEEP = 2
_NAME = re.compile(r"\.before-v(\d+)\.bak$")


def path_for(db_path: Path, version: int) -> Path:
    return db_path.with_name(f"{db_path.name}.before-v{version}.bak")


def existing(db_path: Path) -> list[Path]:
    """This database's backups, oldest schema version first."""
    found = []
    for p in db_path.parent.glob(f"{db_path.name}.before-v*.bak"):
        m = _NAME.search(p.name)
        if m:
            found.append((int(m.group(1)), p))
    return [p for _, p in sorted(found)]


def take(db_path: Path, version: int) -> Path:
    """Copy the committed state of the database at ``db_path`` (WAL mode) to
    :func:`path_for` (``db_path``, ``version``). The caller may hold the write lock: the
    copy reads through a connection of its own, a WAL reader, which the writer does not
    block (the backup API on the writer's own connection mid-transaction never ends).
    Raises ``sqlite3.Error`` (SQLITE_FULL on a full disk) or ``OSError``; a failed copy
    leaves nothing behind."""
    final = path_for(db_path, version)
    tmp = final.with_name(final.name + ".tmp")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as src, \
                contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")   # one file, no -wal beside it
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(final.parent)
    return final


def restore(conn: sqlite3.Connection, backup: Path) -> None:
    """Put ``backup`` back in place of ``conn``'s database (``conn`` not in a
    transaction) and check the result; raises ``sqlite3.DatabaseError`` if it is not
    intact."""
    with contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as src:
        src.backup(conn)
    verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise sqlite3.DatabaseError(f"the restored database is not intact: {verdict}")


def prune(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted ones."""
    old = existing(db_path)[:-keep] if keep else existing(db_path)
    for p in old:
        p.unlink(missing_ok=True)
    return old


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
