"""Opening the terminal's SQLite database with the pragmas the offline rules require.

- ``journal_mode=WAL``: readers (the UI, ``kiosk sync status``) never block the writer.
- ``synchronous=FULL``: a commit is on disk before it returns, so a citizen's action that
  was acknowledged survives a power cut (village terminals lose power without warning).
- ``busy_timeout``: several processes (app, sync, CLI) share the file; wait, don't fail.
- Checkpoints (copying the WAL back into the database) run on a thread of their own
  (:class:`_Checkpointer`), not in the commit that happens to cross SQLite's threshold:
  a checkpoint flushes twice more, and on an SD card (~20 ms a flush) the citizen whose
  commit paid for it waited three flushes instead of one (bench/slow_storage.py).

The schema is created or upgraded on open (``user_version`` tracks it). Before an
existing database is upgraded it is copied (offline_cache/backups.py); a migration that
fails is rolled back, the copy is put back and checked, and :class:`MigrationFailed` says
where the copy is. A database from a newer version is not opened (:class:`SchemaTooNew`):
an older app would not know its rows.
"""
from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from . import backups

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# The background checkpoint runs once this many rows changed through transaction() since
# the last one (an outbox row adds about ten WAL pages: about SQLite's own 1000-page
# threshold), or once the database has been quiet this long with changes not yet
# checkpointed (between citizens).
CHECKPOINT_AFTER_CHANGES = 100
CHECKPOINT_IDLE_S = 30.0
# SQLite's own checkpoint stays on, far above, for writes made outside transaction().
AUTOCHECKPOINT_BACKSTOP_PAGES = 10000

# Each entry upgrades the schema by one version; never edit a released entry, append.
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE outbox (
        id TEXT PRIMARY KEY,            -- UUIDv4, the hall's idempotency key
        kind TEXT NOT NULL,             -- ticket, rating, ... (hall-api.md)
        created_at TEXT NOT NULL,       -- RFC 3339 with offset
        payload TEXT NOT NULL,          -- JSON object
        state TEXT NOT NULL DEFAULT 'pending'  -- pending | done | quarantined
    );
    CREATE INDEX outbox_pending ON outbox(state, created_at);
    CREATE TABLE ticket_counters (
        day TEXT NOT NULL,              -- YYYY-MM-DD, local time of the hall
        category TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (day, category)
    );
    CREATE TABLE tickets (
        number TEXT NOT NULL,
        day TEXT NOT NULL,
        category TEXT NOT NULL,
        kind TEXT NOT NULL,             -- accept | consult | pickup
        seq INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        transaction_id TEXT NOT NULL,   -- the outbox row (deleted once the hall has it)
        PRIMARY KEY (day, number)
    );
    """,
    # v2: sync with the hall. Personal fields of a row are sealed (encrypted) apart from
    # the rest of its payload; quarantine keeps the hall's error for technicians.
    """
    ALTER TABLE outbox ADD COLUMN sealed BLOB;
    ALTER TABLE outbox ADD COLUMN error TEXT;
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE caches (
        name TEXT PRIMARY KEY,          -- catalog, config, locker_assignments
        etag TEXT,
        body TEXT NOT NULL,             -- JSON as the hall sent it
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE ticket_blocks (
        block_id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        prefix TEXT NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        next INTEGER NOT NULL,          -- the next number to issue from this block
        valid_until TEXT NOT NULL
    );
    """,
    # v3: pickups done here, so a door is not opened twice for one assignment before the
    # hall's updated assignments arrive (a village terminal may be offline for days).
    """
    CREATE TABLE locker_pickups (
        assignment_id TEXT PRIMARY KEY,
        door INTEGER NOT NULL,
        picked_up_at TEXT NOT NULL
    );
    """,
    # v4: files beside outbox rows (a card application's photo, see attachments.py),
    # uploaded on their own so that one photo cannot make a batch too large.
    """
    CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY,        -- of the bytes, the hall's key too
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sealed BLOB NOT NULL            -- the bytes, encrypted (personal data)
    );
    CREATE TABLE outbox_attachments (
        row_id TEXT NOT NULL,           -- the outbox row that references it
        sha256 TEXT NOT NULL,
        PRIMARY KEY (row_id, sha256)
    );
    CREATE INDEX outbox_attachments_sha ON outbox_attachments(sha256);
    """,
    # v5: the pending rows in the order they were written, straight from an index (its
    # entries sort by state, then rowid): with only (state, created_at), each batch read
    # every pending row and sorted them by rowid, so a backlog of n rows cost n log n a
    # batch (tests/cache/test_outbox_order.py).
    """
    CREATE INDEX outbox_queue ON outbox(state);
    """,
]


def connect(path: str | os.PathLike, *,
            migrations: Sequence[str] | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path`` with the required pragmas,
    upgraded to the schema of ``migrations`` (this version's, unless a test gives
    others). Raises :class:`SchemaError` (the database left as it was) or
    :class:`StorageFull`.

    The connection is in autocommit mode (``isolation_level=None``): callers group
    statements with :func:`transaction` so that an action and its outbox row commit
    together or not at all.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False, factory=Connection)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_BACKSTOP_PAGES}")
    conn.checkpointer = _Checkpointer.of(Path(path))
    try:
        _migrate(conn, Path(path), _MIGRATIONS if migrations is None else migrations)
    except BaseException:
        conn.close()
        raise
    return conn


class Connection(sqlite3.Connection):
    """A connection opened by :func:`connect`: what :class:`transaction` commits on it is
    counted by its database's :class:`_Checkpointer`."""

    checkpointer: _Checkpointer | None = None


class _Checkpointer:
    """One thread per database file and process that checkpoints the WAL off the
    committing threads (a PASSIVE checkpoint: writers go on committing meanwhile).

    Durability is unchanged: a commit is durable once its WAL frames are flushed
    (synchronous=FULL, by the committing connection); the checkpoint's own connection is
    synchronous=FULL too, so the database file is flushed before the WAL may be reused.
    A citizen's commit then costs one flush, checkpoint or not (bench/slow_storage.py
    counts them). The thread is started by the first commit it is told of and sleeps
    while nothing changes."""

    _all: ClassVar[dict[Path, _Checkpointer]] = {}
    _all_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def of(cls, path: Path) -> _Checkpointer:
        key = path.resolve()
        with cls._all_lock:
            found = cls._all.get(key)
            if found is None:
                found = cls._all[key] = cls(key)
            return found

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._changes = 0               # rows changed since the last checkpoint
        self._last_commit = 0.0
        self._thread: threading.Thread | None = None
        self.checkpoints = 0            # done so far (for tests)

    def committed(self, changes: int) -> None:
        """A transaction changing ``changes`` rows committed (cheap: no I/O)."""
        if changes <= 0:
            return
        with self._cond:
            self._changes += changes
            self._last_commit = time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="db-checkpoint")
                self._thread.start()
            if self._changes >= CHECKPOINT_AFTER_CHANGES:
                self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._changes >= CHECKPOINT_AFTER_CHANGES:
                        break
                    if self._changes:
                        quiet = self._last_commit + CHECKPOINT_IDLE_S - time.monotonic()
                        if quiet <= 0:
                            break
                        self._cond.wait(quiet)
                    else:
                        self._cond.wait()
                self._changes = 0
            self.checkpoint()

    def checkpoint(self) -> None:
        """A PASSIVE checkpoint now, on a connection of its own (opened for it, then
        closed: nothing is held between checkpoints, and a database removed meanwhile is
        not created again)."""
        if not self.path.exists():
            return
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA synchronous=FULL")    # the database file flushed too
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                self.checkpoints += 1
            finally:
                conn.close()
        except sqlite3.Error as exc:        # a full disk, a file gone: the next one will do
            log.warning("background checkpoint of %s failed: %s", self.path, exc)


class SchemaError(sqlite3.DatabaseError):
    """The database cannot be brought to this version's schema; nothing in it was lost.
    Stable ``code``; ``message_zh`` for the screen and the technician."""

    code = "schema_error"
    message_zh = "数据库无法升级"


class SchemaTooNew(SchemaError):
    """The database was written by a newer version of the app (a downgrade)."""

    code = "schema_too_new"

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"the database has schema v{found}, this version knows up to "
                         f"v{known}: install the version that wrote it, or newer")
        self.message_zh = (f"数据库由较新版本写入（v{found}，本版本最高 v{known}），"
                           "请安装该版本或更新版本")


class MigrationFailed(SchemaError):
    """A migration failed; the database was put back from ``backup`` as it was."""

    code = "migration_failed"

    def __init__(self, version: int, target: int, backup: Path, cause: BaseException) -> None:
        super().__init__(f"upgrading the database from schema v{version} to v{target} "
                         f"failed ({cause}); it was restored from {backup} and holds "
                         "every row it held")
        self.backup = backup
        self.message_zh = (f"数据库从 v{version} 升级到 v{target} 失败，已从备份恢复，"
                           f"数据完整（{backup}）")


class StorageFull(sqlite3.OperationalError):
    """The disk holding the database is full (SQLITE_FULL): the transaction was rolled
    back, nothing of it is stored. Stable ``code`` ``disk_full``; the remedy is to free
    space on that disk (a technician's ``maintenance``). A subclass of
    ``sqlite3.OperationalError``, so code that handles database errors still does."""

    code = "disk_full"
    action = "maintenance"


def _is_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or "database or disk is full" in str(exc))


class transaction:
    """``with transaction(conn): ...`` — BEGIN IMMEDIATE ... COMMIT, ROLLBACK on error.

    IMMEDIATE takes the write lock at the start, so two writers wait for each other
    (busy_timeout) instead of failing half-way with SQLITE_BUSY on upgrade. A full disk,
    in a statement or at COMMIT, raises :class:`StorageFull` (after the rollback).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._changes = 0

    def __enter__(self) -> sqlite3.Connection:
        self._changes = self.conn.total_changes
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_full(exc):
                raise StorageFull(str(exc)) from exc
            raise
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                self._rollback()
                if _is_full(err):
                    raise StorageFull(str(err)) from err
                raise
            checkpointer = getattr(self.conn, "checkpointer", None)
            if checkpointer is not None:
                checkpointer.committed(self.conn.total_changes - self._changes)
            return
        self._rollback()
        if _is_full(exc) and not isinstance(exc, StorageFull):
            raise StorageFull(str(exc)) from exc

    def _rollback(self) -> None:
        # SQLite may have rolled back already (a failed COMMIT on a full disk): a second
        # ROLLBACK would raise and hide the error that matters.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _migrate(conn: sqlite3.Connection, path: Path, migrations: Sequence[str]) -> None:
    target, version = len(migrations), 0
    backup: Path | None = None
    try:
        with transaction(conn):     # the write lock: nobody writes between copy and upgrade
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > target:
                raise SchemaTooNew(version, target)
            if version == target:
                return
            if version > 0:         # a new database has nothing to lose
                try:
                    backup = backups.take(path, target)
                except sqlite3.OperationalError as exc:
                    if _is_full(exc):
                        raise StorageFull(str(exc)) from exc
                    raise
                except OSError as exc:
                    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                        raise StorageFull(f"no room for the backup: {exc}") from exc
                    raise
                log.info("database backed up to %s before upgrading schema v%d to v%d",
                         backup, version, target)
            for i, script in enumerate(migrations[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version={i}")
    except (SchemaError, StorageFull):
        raise
    except sqlite3.Error as exc:
        if backup is None:
            raise
        # The rollback has undone the migration already; the copy is put back all the
        # same: it is the state known to be whole (a statement SQLite cannot roll back,
        # or a rollback that did not finish, would otherwise go unnoticed).
        backups.restore(conn, backup)
        log.error("upgrading the database from schema v%d to v%d failed (%s); restored "
                  "from %s", version, target, exc, backup)
        raise MigrationFailed(version, target, backup, exc) from exc
    if backup is not None:
        backups.prune(path)
