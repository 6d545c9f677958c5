"""Where the hall keeps its state: the :class:`Storage` interface and :class:`SQLiteStorage`.

The interface is what the request handlers need, no more; :mod:`hall.storage_pg` is the
PostgreSQL implementation for larger halls (:mod:`hall.stores` picks one from ``--db``).
Times cross it as epoch seconds (floats); days as ``YYYY-MM-DD`` strings in the hall's
time zone (the caller decides the zone).

Guarantees every implementation must give:

- :meth:`Storage.ingest` applies each new transaction and records its idempotency key in
  the same database transaction (the whole batch commits at once): a crash at any point
  leaves either the batch fully applied with its keys, or nothing, so a resent
  transaction is never applied twice nor lost.
- Ticket numbers: one counter per (day, category) hands out both online numbers and
  leased blocks, under the database's write lock, so ranges never overlap across kiosks.
- Idempotency keys are kept until :meth:`Storage.purge_idempotency_keys` removes the
  ones older than its window (at least :data:`MIN_KEY_WINDOW_S`, as long as a kiosk may
  stay offline).

Personal data at rest (:mod:`hall.sealing`): holders cross the interface as the
terminals send them and are stored keyed (HMAC with the hall's key) wherever they are
looked up; what must be read back is sealed (AES-GCM). The database, its WAL and
shared-memory files are created 0600, and the directory 0700 when the hall creates it.

SQLite specifics: WAL, ``synchronous=FULL`` and ``busy_timeout`` on every connection;
one connection per thread (uvicorn runs handlers on a thread pool); writers take
``BEGIN IMMEDIATE`` behind a process-wide lock, so they queue instead of failing on a
lock upgrade, and ``busy_timeout`` covers other processes (the CLI) writing meanwhile.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import HallError
from .sealing import HallKeys, SealError, default_key_path
from .transactions import (
    PLAIN_KINDS,
    Incoming,
    LockerPickup,
    Rejected,
    TicketReport,
    accepted,
    canonical_json,
    duplicate,
    format_ticket_number,
    rejected,
)

MIN_KEY_WINDOW_S = 30 * 86400
BUSY_TIMEOUT_MS = 10_000
# PRAGMA user_version: 1 = holders keyed and personal columns sealed (_seal_older_rows).
SCHEMA_VERSION = 1
# Tables whose holder column is a lookup key (stored keyed); locker_assignments seals it.
_KEYED_HOLDER_TABLES = ("tickets", "appointments", "dues", "service_rows", "payments",
                        "documents")
# (table, column) of sealed text; documents.pdf is sealed as bytes.
_SEALED_TEXT = (("transactions", "payload"), ("locker_assignments", "holder"),
                ("service_rows", "rows"), ("dues", "details"))


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of :meth:`Storage.authenticate`: ``kiosk_id`` or a ``reason``."""
    kiosk_id: str | None
    reason: str | None = None      # unknown | expired | revoked


def token_hash(token: str) -> str:
    # Tokens are long random strings: a plain SHA-256 suffices to keep them out of the DB.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_refusal(row, now: float) -> HallError | None:
    """Why a known token (its ``kiosk_id``, ``expires_at``, ``revoked_at``) may not be
    registered again, or ``None``: a revoked or expired token stays so."""
    if row["revoked_at"] is not None:
        return HallError(409, "token_revoked", f"this token of {row['kiosk_id']} was "
                         "revoked; it stays revoked (issue a new one)")
    if row["expires_at"] is not None and row["expires_at"] <= now:
        return HallError(409, "token_expired", f"this token of {row['kiosk_id']} has "
                         "expired; it stays expired (issue a new one)")
    return None


def block_covers(block, kiosk_id: str, t: TicketReport) -> bool:
    """Whether the leased ``block`` (a row of ticket_blocks) is where ``kiosk_id`` took
    the offline number ``t`` from."""
    return (block["kiosk_id"] == kiosk_id and block["category"] == t.category
            and t.seq is not None and block["first"] <= t.seq <= block["last"]
            and format_ticket_number(block["prefix"], t.seq) == t.number)


def ticket_flags(kiosk_id: str, t: TicketReport, blocks: Sequence[Any],
                 number_taken: bool) -> list[str]:
    """What an operator should look at in the offline number ``t`` (recorded whatever
    they say: a citizen already holds it). ``blocks``: the leased blocks it may come from
    (its ``block_id``'s, or the kiosk's of its day, category and prefix); ``number_taken``:
    a ticket of that day already has its number."""
    flags = []
    if not any(block_covers(b, kiosk_id, t) for b in blocks):
        flags.append("outside_leased_block")
    if number_taken:
        flags.append("number_collision")
    return flags


class Storage(ABC):
    """The hall's state. All methods are safe to call from several threads."""

    keys: HallKeys      # the secrets at rest and the document signer (hall/sealing.py)

    # Terminals -------------------------------------------------------------------------
    @abstractmethod
    def add_token(self, kiosk_id: str, token: str, now: float,
                  expires_at: float | None = None) -> None:
        """Register ``token`` for ``kiosk_id``. Registering a live token again moves it
        to ``kiosk_id`` and keeps its expiry unless ``expires_at`` is given; a revoked or
        expired token stays so: :class:`HallError` 409 ``token_revoked`` /
        ``token_expired`` (the hall registers its ``--token`` arguments at every start,
        and that must not undo an operator's revocation)."""

    @abstractmethod
    def revoke_tokens(self, kiosk_id: str, now: float) -> int:
        """Revoke every token of ``kiosk_id``; returns how many."""

    @abstractmethod
    def authenticate(self, token: str, now: float) -> TokenCheck: ...

    @abstractmethod
    def kiosk_ids(self) -> list[str]:
        """Every kiosk that has (or had) a token."""

    # Transactions ----------------------------------------------------------------------
    @abstractmethod
    def ingest(self, kiosk_id: str, items: Sequence[Incoming | Rejected],
               now: float) -> list[dict[str, Any]]:
        """Apply a batch; one result per item, in order (see the module docstring)."""

    @abstractmethod
    def purge_idempotency_keys(self, window_s: float, now: float) -> int:
        """Forget keys received more than ``window_s`` ago (>= 30 days); returns how many."""

    @abstractmethod
    def transaction_stats(self, kiosk_id: str | None = None) -> dict[str, Any]:
        """``applied`` records, ``distinct_ids``, ``applied_more_than_once``, ``keys``,
        ``by_kind``: what a test needs to prove exactly-once."""

    @abstractmethod
    def transactions(self, kiosk_id: str | None = None, kind: str | None = None,
                     limit: int = 1000) -> list[dict[str, Any]]: ...

    # Queue numbers ---------------------------------------------------------------------
    @abstractmethod
    def issue_ticket(self, kiosk_id: str, *, day: str, category: str, prefix: str,
                     kind: str, appointment_id: str | None, issued_at: str) -> dict[str, Any]:
        """Take the next number of (day, category): ``number``, ``seq``, ``waiting_ahead``.

        With ``appointment_id``, the appointment is checked in (``booked`` ->
        ``checked_in``) in the same database transaction, so two kiosks cannot both
        check one in: the second raises :class:`HallError` 409 ``appointment_used``
        (and gets no number). The caller checked everything else about it."""

    @abstractmethod
    def lease_block(self, kiosk_id: str, *, day: str, category: str, prefix: str, size: int,
                    valid_until: float, now: float,
                    max_blocks: int | None = None) -> dict[str, Any]:
        """Reserve ``size`` consecutive numbers of (day, category) for ``kiosk_id``; with
        ``max_blocks``, a kiosk that holds that many blocks of (day, category) already
        gets :class:`HallError` 409 ``lease_limit_reached`` (checked and leased in one
        database transaction, so concurrent leases cannot overshoot)."""

    @abstractmethod
    def tickets(self, day: str, category: str | None = None) -> list[dict[str, Any]]: ...

    @abstractmethod
    def blocks(self, kiosk_id: str | None = None) -> list[dict[str, Any]]: ...

    # Catalog and configuration ---------------------------------------------------------
    @abstractmethod
    def catalog(self) -> dict[str, Any] | None: ...

    @abstractmethod
    def put_catalog(self, content: dict[str, Any], now: float) -> None: ...

    @abstractmethod
    def config(self, kiosk_id: str) -> dict[str, Any]:
        """The hall-wide defaults (kiosk ``"*"``) overlaid with the kiosk's own keys."""

    @abstractmethod
    def put_config(self, kiosk_id: str, values: dict[str, Any], now: float,
                   replace: bool = False) -> None:
        """Merge ``values`` into the kiosk's keys (``"*"``: the defaults), or replace them."""

    # Heartbeat and commands ------------------------------------------------------------
    @abstractmethod
    def record_heartbeat(self, kiosk_id: str, report: dict[str, Any],
                         clock_skew_s: float | None, now: float) -> None: ...

    @abstractmethod
    def queue_command(self, kiosk_id: str, name: str, args: dict[str, Any],
                      now: float) -> str: ...

    @abstractmethod
    def take_commands(self, kiosk_id: str, now: float) -> list[dict[str, Any]]:
        """Pending commands, marked delivered (each is handed out once)."""

    @abstractmethod
    def kiosks(self) -> list[dict[str, Any]]:
        """Last heartbeat of every kiosk that sent one."""

    # Appointments ----------------------------------------------------------------------
    @abstractmethod
    def add_appointment(self, appointment: dict[str, Any]) -> None:
        """Add an appointment; one with that ``appointment_id`` already is kept as it is
        (its status included: a seed repeated at each start does not undo a check-in)."""

    @abstractmethod
    def appointments(self, holder: str, date: str) -> list[dict[str, Any]]: ...

    @abstractmethod
    def appointment(self, appointment_id: str) -> dict[str, Any] | None: ...

    # Lockers ---------------------------------------------------------------------------
    @abstractmethod
    def add_locker_assignment(self, kiosk_id: str, *, door: int, holder: str, code_hash: str,
                              salt: str, expires_at: float, now: float,
                              assignment_id: str | None = None) -> str:
        """Add an assignment (a given ``assignment_id`` that exists already is kept)."""

    @abstractmethod
    def locker_assignments(self, kiosk_id: str, now: float) -> list[dict[str, Any]]:
        """Assignments of the kiosk not yet picked up nor expired, by door."""

    # Payments --------------------------------------------------------------------------
    @abstractmethod
    def create_payment(self, order: dict[str, Any]) -> None: ...

    @abstractmethod
    def payment(self, order_id: str, now: float) -> dict[str, Any] | None:
        """The order, ``pending`` turned ``expired`` once past ``expires_at``."""

    @abstractmethod
    def set_payment_status(self, order_id: str, status: str, now: float) -> dict[str, Any]:
        """``paid`` or ``failed`` from ``pending`` (idempotent; an expired order refuses).
        An order paid for a due item (:meth:`open_due_payment`) marks the item ``paid``
        in the same database transaction."""

    # Dues: what a holder owes, item by item (车船税) -----------------------------------
    @abstractmethod
    def add_due(self, service_code: str, holder: str, item: dict[str, Any]) -> None:
        """Add a due item (``item_id``, ``amount_fen`` and any details, e.g. ``plate``);
        one with that ``item_id`` already is kept as it is (a paid item stays paid)."""

    @abstractmethod
    def dues(self, service_code: str, holder: str) -> list[dict[str, Any]]:
        """The holder's items of the service: their details with ``item_id``,
        ``amount_fen`` and ``status`` (``due`` | ``paid``), by tax year then item."""

    @abstractmethod
    def open_due_payment(self, order: dict[str, Any], item_id: str,
                         now: float) -> dict[str, Any]:
        """Open ``order`` (as :meth:`create_payment` takes it) for the due item
        ``item_id`` of ``order["holder"]`` and ``order["service_code"]``, or hand back
        the order already pending for that item (which moves to ``order["kiosk_id"]``,
        the kiosk the citizen is at now). Checked in one database transaction, in this
        order: :class:`HallError` 404 ``unknown_item`` (no such item of this holder and
        service), 409 ``already_paid``, 422 ``amount_mismatch``. Returns the order."""

    # Documents and service data --------------------------------------------------------
    @abstractmethod
    def put_document(self, document: dict[str, Any], pdf: bytes) -> None: ...

    @abstractmethod
    def document(self, document_id: str) -> tuple[dict[str, Any], bytes] | None: ...

    @abstractmethod
    def put_service_rows(self, service_code: str, holder: str,
                         rows: list[dict[str, Any]]) -> None: ...

    @abstractmethod
    def service_rows(self, service_code: str, holder: str) -> list[dict[str, Any]]: ...

    # Attachments (files outbox rows reference, e.g. a card application's photo) --------
    @abstractmethod
    def put_attachment(self, kiosk_id: str, sha256: str, media_type: str, data: bytes,
                       now: float) -> bool:
        """Keep ``data`` under ``sha256`` (the caller checked the hash); True when new,
        False when it was there already (idempotent: the first copy stays)."""

    @abstractmethod
    def attachment(self, sha256: str) -> tuple[dict[str, Any], bytes] | None:
        """(``{sha256, kiosk_id, media_type, size, received_at}``, bytes), or None."""

    @abstractmethod
    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS kiosk_tokens (
    token_hash TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at REAL NOT NULL,
    expires_at REAL, revoked_at REAL);
CREATE INDEX IF NOT EXISTS kiosk_tokens_kiosk ON kiosk_tokens (kiosk_id);

-- The idempotency keys (purged after the window) and the applied records (kept).
CREATE TABLE IF NOT EXISTS idempotency_keys (
    id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL,
    payload_hash TEXT NOT NULL, received_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS idempotency_keys_received ON idempotency_keys (received_at);
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL,
    created_at TEXT NOT NULL, payload TEXT NOT NULL, received_at REAL NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS transactions_id ON transactions (id);
CREATE INDEX IF NOT EXISTS transactions_kiosk ON transactions (kiosk_id, kind);

CREATE TABLE IF NOT EXISTS ticket_counters (
    day TEXT NOT NULL, category TEXT NOT NULL, next_seq INTEGER NOT NULL,
    PRIMARY KEY (day, category));
CREATE TABLE IF NOT EXISTS ticket_blocks (
    block_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, day TEXT NOT NULL,
    category TEXT NOT NULL, prefix TEXT NOT NULL, first INTEGER NOT NULL,
    last INTEGER NOT NULL, valid_until REAL NOT NULL, leased_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS ticket_blocks_kiosk ON ticket_blocks (kiosk_id, day, category);
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY, number TEXT NOT NULL, day TEXT NOT NULL,
    category TEXT NOT NULL, kind TEXT, seq INTEGER, kiosk_id TEXT NOT NULL,
    source TEXT NOT NULL, block_id TEXT, transaction_id TEXT, appointment_id TEXT,
    holder TEXT, issued_at TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS tickets_day_number ON tickets (day, number);
CREATE INDEX IF NOT EXISTS tickets_day_category ON tickets (day, category);

CREATE TABLE IF NOT EXISTS catalog (
    id INTEGER PRIMARY KEY CHECK (id = 1), content TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS kiosk_config (
    kiosk_id TEXT PRIMARY KEY, content TEXT NOT NULL, updated_at REAL NOT NULL);

CREATE TABLE IF NOT EXISTS kiosks (
    kiosk_id TEXT PRIMARY KEY, last_seen REAL NOT NULL, report TEXT NOT NULL,
    clock_skew_s REAL);
CREATE TABLE IF NOT EXISTS commands (
    id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, name TEXT NOT NULL, args TEXT NOT NULL,
    created_at REAL NOT NULL, delivered_at REAL);
CREATE INDEX IF NOT EXISTS commands_pending ON commands (kiosk_id, delivered_at);

CREATE TABLE IF NOT EXISTS appointments (
    appointment_id TEXT PRIMARY KEY, holder TEXT NOT NULL, date TEXT NOT NULL,
    time TEXT NOT NULL, service_code TEXT NOT NULL, category TEXT NOT NULL,
    kind TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS appointments_holder ON appointments (holder, date);

CREATE TABLE IF NOT EXISTS locker_assignments (
    assignment_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, door INTEGER NOT NULL,
    holder TEXT NOT NULL, code_hash TEXT NOT NULL, salt TEXT NOT NULL,
    expires_at REAL NOT NULL, created_at REAL NOT NULL, picked_up_at REAL,
    pickup_transaction TEXT);
CREATE INDEX IF NOT EXISTS locker_assignments_kiosk ON locker_assignments (kiosk_id);

CREATE TABLE IF NOT EXISTS payments (
    order_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, service_code TEXT NOT NULL,
    holder TEXT NOT NULL, amount_fen INTEGER NOT NULL, params TEXT NOT NULL,
    qr_payload TEXT NOT NULL, created_at REAL NOT NULL, expires_at REAL NOT NULL,
    status TEXT NOT NULL, settled_at REAL);

-- A payment for a due item names it in its params ({"item_id": ...}); order_id is the
-- item's latest order, the one handed out again while it is pending.
CREATE TABLE IF NOT EXISTS dues (
    item_id TEXT PRIMARY KEY, service_code TEXT NOT NULL, holder TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, details TEXT NOT NULL, status TEXT NOT NULL,
    order_id TEXT, paid_at REAL);
CREATE INDEX IF NOT EXISTS dues_holder ON dues (service_code, holder);

CREATE TABLE IF NOT EXISTS documents (
    document_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, service_code TEXT NOT NULL,
    holder TEXT NOT NULL, title TEXT NOT NULL, created_at REAL NOT NULL, pdf BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, media_type TEXT NOT NULL,
    size INTEGER NOT NULL, received_at REAL NOT NULL, data BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS service_rows (
    service_code TEXT NOT NULL, holder TEXT NOT NULL, rows TEXT NOT NULL,
    PRIMARY KEY (service_code, holder));

-- Which hall key sealed this database (a keyed digest, not the key).
CREATE TABLE IF NOT EXISTS key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1), digest TEXT NOT NULL);
"""


class SQLiteStorage(Storage):
    """:class:`Storage` in one SQLite file (see the module docstring for the pragmas)."""

    def __init__(self, path: str | Path, key_path: str | Path | None = None):
        """``key_path``: the hall's key file (default: next to the database, see
        :func:`hall.sealing.default_key_path`; created when missing)."""
        self.path = str(path)
        if self.path != ":memory:":
            _owner_only_files(Path(self.path))
            self.keys = HallKeys.load_or_create(key_path or default_key_path(self.path))
        else:
            self.keys = HallKeys.ephemeral()
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        # CREATE ... IF NOT EXISTS is idempotent; executescript commits on its own.
        self._conn().executescript(_SCHEMA)
        self._seal_older_rows()

    def _seal_older_rows(self) -> None:
        """Refuse a key other than the one this database was sealed with
        (:class:`hall.sealing.SealError`: it would mix values no one key opens), then
        bring a database from before sealing to :data:`SCHEMA_VERSION`, once: key its
        holders, seal its personal columns (values sealed already are left alone)."""
        with self._write() as conn:
            check = self.keys.digest("key check")
            row = conn.execute("SELECT digest FROM key_check WHERE id = 1").fetchone()
            if row is None:
                conn.execute("INSERT INTO key_check (id, digest) VALUES (1, ?)", (check,))
            elif row[0] != check:
                raise SealError(f"{self.path} was sealed with another hall key than this "
                                "one (--key)")
            if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
                return
            conn.create_function("hall_holder", 1, self.keys.holder, deterministic=True)
            conn.create_function("hall_digest", 1, self.keys.digest, deterministic=True)
            conn.create_function("hall_seal", 2, self.keys.seal_text)
            conn.create_function("hall_seal_bytes", 2, self.keys.seal_bytes)
            for table in _KEYED_HOLDER_TABLES:
                conn.execute(f"UPDATE {table} SET holder = hall_holder(holder) "
                             "WHERE holder IS NOT NULL")
            for table, column in _SEALED_TEXT:
                conn.execute(f"UPDATE {table} SET {column} = hall_seal({column}, "
                             f"'{table}.{column}')")
            conn.execute("UPDATE documents SET pdf = hall_seal_bytes(pdf, 'documents.pdf')")
            conn.execute("UPDATE idempotency_keys SET payload_hash = hall_digest(payload_hash)")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # Sealing and keying (see hall.sealing) ---------------------------------------------
    def _seal(self, value: Any, column: str) -> str:
        return self.keys.seal_text(canonical_json(value), column)

    def _open(self, text: str, column: str) -> Any:
        return json.loads(self.keys.open_text(text, column))

    # Connections -----------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self._conn().execute(sql, args).fetchall()

    def close(self) -> None:
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(sqlite3.ProgrammingError):   # closed in its own thread
                conn.close()
        self._local = threading.local()

    # Terminals -------------------------------------------------------------------------
    def add_token(self, kiosk_id, token, now, expires_at=None):
        with self._write() as conn:
            row = conn.execute("SELECT kiosk_id, expires_at, revoked_at FROM kiosk_tokens "
                               "WHERE token_hash = ?", (token_hash(token),)).fetchone()
            if row is None:
                conn.execute("INSERT INTO kiosk_tokens (token_hash, kiosk_id, created_at, "
                             "expires_at) VALUES (?, ?, ?, ?)",
                             (token_hash(token), kiosk_id, now, expires_at))
                return
            refusal = token_refusal(row, now)
            if refusal is not None:
                raise refusal
            conn.execute("UPDATE kiosk_tokens SET kiosk_id = ?, expires_at = "
                         "COALESCE(?, expires_at) WHERE token_hash = ?",
                         (kiosk_id, expires_at, token_hash(token)))

    def revoke_tokens(self, kiosk_id, now):
        with self._write() as conn:
            return conn.execute("UPDATE kiosk_tokens SET revoked_at = ? WHERE kiosk_id = ? "
                                "AND revoked_at IS NULL", (now, kiosk_id)).rowcount

    def authenticate(self, token, now):
        rows = self._read("SELECT kiosk_id, expires_at, revoked_at FROM kiosk_tokens "
                          "WHERE token_hash = ?", (token_hash(token),))
        if not rows:
            return TokenCheck(None, "unknown")
        row = rows[0]
        if row["revoked_at"] is not None:
            return TokenCheck(None, "revoked")
        if row["expires_at"] is not None and row["expires_at"] <= now:
            return TokenCheck(None, "expired")
        return TokenCheck(row["kiosk_id"])

    def kiosk_ids(self):
        return [r[0] for r in self._read("SELECT DISTINCT kiosk_id FROM kiosk_tokens "
                                         "ORDER BY kiosk_id")]

    # Transactions ----------------------------------------------------------------------
    def ingest(self, kiosk_id, items, now):
        results: list[dict[str, Any]] = []
        keys, records = [], []
        with self._write() as conn:
            # The batch's known keys in one query; a key repeated within the batch is
            # known from its first occurrence on.
            known = {r["id"]: r for r in conn.execute(
                "SELECT id, kiosk_id, payload_hash FROM idempotency_keys WHERE id IN "
                "(SELECT value FROM json_each(?))",
                (json.dumps([i.key for i in items if isinstance(i, Incoming)]),))}
            for item in items:
                if isinstance(item, Rejected):
                    results.append(item.result())
                    continue
                payload_hash = self.keys.digest(item.payload_hash)
                seen = known.get(item.key)
                if seen is not None:
                    if seen["payload_hash"] == payload_hash and seen["kiosk_id"] == kiosk_id:
                        results.append(duplicate(item.id))
                    else:
                        results.append(rejected(
                            item.id, "idempotency_conflict",
                            "this id was already used for a different transaction"))
                    continue
                known[item.key] = {"kiosk_id": kiosk_id, "payload_hash": payload_hash}
                flags = self._apply(conn, kiosk_id, item, now)
                keys.append((item.key, kiosk_id, item.kind, payload_hash, now))
                records.append((item.key, kiosk_id, item.kind, item.created_at,
                                item.payload_text if item.kind in PLAIN_KINDS
                                else self.keys.seal_text(item.payload_text,
                                                         "transactions.payload"),
                                now, json.dumps(flags)))
                results.append(accepted(item.id))
            conn.executemany("INSERT INTO idempotency_keys (id, kiosk_id, kind, payload_hash, "
                             "received_at) VALUES (?, ?, ?, ?, ?)", keys)
            conn.executemany("INSERT INTO transactions (id, kiosk_id, kind, created_at, "
                             "payload, received_at, flags) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             records)
        return results

    def _apply(self, conn: sqlite3.Connection, kiosk_id: str, item: Incoming,
               now: float) -> list[str]:
        """The effect of one transaction beyond its record; returns its flags."""
        effect = item.effect
        if isinstance(effect, TicketReport):
            return self._apply_ticket(conn, kiosk_id, item.key, effect)
        if isinstance(effect, LockerPickup):
            done = conn.execute(
                "UPDATE locker_assignments SET picked_up_at = ?, pickup_transaction = ? "
                "WHERE assignment_id = ? AND kiosk_id = ? AND picked_up_at IS NULL",
                (now, item.key, effect.assignment_id, kiosk_id)).rowcount
            return [] if done else ["unknown_assignment"]
        return []

    def _apply_ticket(self, conn, kiosk_id, tx_key, t: TicketReport) -> list[str]:
        if t.block_id is not None:
            block = conn.execute("SELECT * FROM ticket_blocks WHERE block_id = ?",
                                 (t.block_id,)).fetchone()
            blocks = [block] if block is not None else []
        else:
            blocks = conn.execute("SELECT * FROM ticket_blocks WHERE kiosk_id = ? AND day = ? "
                                  "AND category = ? AND prefix = ?",
                                  (kiosk_id, t.day, t.category, t.prefix or "")).fetchall()
        taken = conn.execute("SELECT 1 FROM tickets WHERE day = ? AND number = ?",
                             (t.day, t.number)).fetchone() is not None
        flags = ticket_flags(kiosk_id, t, blocks, taken)
        conn.execute("INSERT INTO tickets (number, day, category, kind, seq, kiosk_id, source, "
                     "block_id, transaction_id, holder, issued_at, flags) "
                     "VALUES (?, ?, ?, ?, ?, ?, 'offline', ?, ?, ?, ?, ?)",
                     (t.number, t.day, t.category, t.kind, t.seq, kiosk_id, t.block_id,
                      tx_key, self.keys.holder(t.holder), t.issued_at, json.dumps(flags)))
        return flags

    def purge_idempotency_keys(self, window_s, now):
        if window_s < MIN_KEY_WINDOW_S:
            raise ValueError("idempotency keys must be kept at least 30 days")
        with self._write() as conn:
            return conn.execute("DELETE FROM idempotency_keys WHERE received_at < ?",
                                (now - window_s,)).rowcount

    def transaction_stats(self, kiosk_id=None):
        where, args = ("WHERE kiosk_id = ?", (kiosk_id,)) if kiosk_id else ("", ())
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            applied, distinct = conn.execute(
                f"SELECT COUNT(*), COUNT(DISTINCT id) FROM transactions {where}",
                args).fetchone()
            by_kind = {r[0]: r[1] for r in conn.execute(
                f"SELECT kind, COUNT(*) FROM transactions {where} GROUP BY kind", args)}
            keys = conn.execute(f"SELECT COUNT(*) FROM idempotency_keys {where}",
                                args).fetchone()[0]
        finally:
            conn.execute("COMMIT")
        return {"applied": applied, "distinct_ids": distinct,
                "applied_more_than_once": applied - distinct, "keys": keys, "by_kind": by_kind}

    def transactions(self, kiosk_id=None, kind=None, limit=1000):
        clauses, args = [], []
        if kiosk_id:
            clauses.append("kiosk_id = ?")
            args.append(kiosk_id)
        if kind:
            clauses.append("kind = ?")
            args.append(kind)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._read(f"SELECT id, kiosk_id, kind, created_at, payload, received_at, flags "
                          f"FROM transactions {where} ORDER BY seq LIMIT ?", (*args, limit))
        return [{**dict(r), "payload": self._open(r["payload"], "transactions.payload"),
                 "flags": json.loads(r["flags"])} for r in rows]

    # Queue numbers ---------------------------------------------------------------------
    @staticmethod
    def _take(conn, day: str, category: str, count: int) -> int:
        """Reserve ``count`` numbers of (day, category); returns the first."""
        row = conn.execute("SELECT next_seq FROM ticket_counters WHERE day = ? AND "
                           "category = ?", (day, category)).fetchone()
        first = row[0] if row else 1
        conn.execute("INSERT INTO ticket_counters (day, category, next_seq) VALUES (?, ?, ?) "
                     "ON CONFLICT(day, category) DO UPDATE SET next_seq = excluded.next_seq",
                     (day, category, first + count))
        return first

    def issue_ticket(self, kiosk_id, *, day, category, prefix, kind, appointment_id,
                     issued_at):
        with self._write() as conn:
            holder = None
            if appointment_id is not None:
                row = conn.execute("SELECT holder, status FROM appointments WHERE "
                                   "appointment_id = ?", (appointment_id,)).fetchone()
                if row is None:
                    raise HallError(404, "unknown_appointment",
                                    f"no appointment {appointment_id}")
                if row["status"] != "booked":
                    raise HallError(409, "appointment_used",
                                    f"appointment {appointment_id} is {row['status']}")
                conn.execute("UPDATE appointments SET status = 'checked_in' "
                             "WHERE appointment_id = ?", (appointment_id,))
                holder = row["holder"]
            seq = self._take(conn, day, category, 1)
            waiting = conn.execute("SELECT COUNT(*) FROM tickets WHERE day = ? AND "
                                   "category = ?", (day, category)).fetchone()[0]
            number = format_ticket_number(prefix, seq)
            conn.execute("INSERT INTO tickets (number, day, category, kind, seq, kiosk_id, "
                         "source, appointment_id, holder, issued_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, 'online', ?, ?, ?)",
                         (number, day, category, kind, seq, kiosk_id, appointment_id, holder,
                          issued_at))
        return {"number": number, "seq": seq, "waiting_ahead": waiting}

    def lease_block(self, kiosk_id, *, day, category, prefix, size, valid_until, now,
                    max_blocks=None):
        block_id = str(uuid.uuid4())
        with self._write() as conn:
            if max_blocks is not None:
                held = conn.execute("SELECT COUNT(*) FROM ticket_blocks WHERE kiosk_id = ? "
                                    "AND day = ? AND category = ?",
                                    (kiosk_id, day, category)).fetchone()[0]
                if held >= max_blocks:
                    raise HallError(409, "lease_limit_reached",
                                    f"{kiosk_id} holds {held} blocks of {category} for {day}, "
                                    f"the limit is {max_blocks} a day; issue from them or "
                                    "take numbers online")
            first = self._take(conn, day, category, size)
            conn.execute("INSERT INTO ticket_blocks (block_id, kiosk_id, day, category, prefix, "
                         "first, last, valid_until, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (block_id, kiosk_id, day, category, prefix, first, first + size - 1,
                          valid_until, now))
        return {"block_id": block_id, "kiosk_id": kiosk_id, "day": day, "category": category,
                "prefix": prefix, "first": first, "last": first + size - 1,
                "valid_until": valid_until}

    def tickets(self, day, category=None):
        sql, args = "SELECT * FROM tickets WHERE day = ?", [day]
        if category:
            sql += " AND category = ?"
            args.append(category)
        return [{**dict(r), "flags": json.loads(r["flags"])}
                for r in self._read(sql + " ORDER BY id", args)]

    def blocks(self, kiosk_id=None):
        if kiosk_id:
            rows = self._read("SELECT * FROM ticket_blocks WHERE kiosk_id = ? "
                              "ORDER BY leased_at", (kiosk_id,))
        else:
            rows = self._read("SELECT * FROM ticket_blocks ORDER BY leased_at")
        return [dict(r) for r in rows]

    # Catalog and configuration ---------------------------------------------------------
    def catalog(self):
        rows = self._read("SELECT content FROM catalog WHERE id = 1")
        return json.loads(rows[0][0]) if rows else None

    def put_catalog(self, content, now):
        with self._write() as conn:
            conn.execute("INSERT INTO catalog (id, content, updated_at) VALUES (1, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET content = excluded.content, "
                         "updated_at = excluded.updated_at", (canonical_json(content), now))

    def config(self, kiosk_id):
        rows = {r[0]: json.loads(r[1]) for r in self._read(
            "SELECT kiosk_id, content FROM kiosk_config WHERE kiosk_id IN ('*', ?)",
            (kiosk_id,))}
        return {**rows.get("*", {}), **rows.get(kiosk_id, {})}

    def put_config(self, kiosk_id, values, now, replace=False):
        with self._write() as conn:
            row = conn.execute("SELECT content FROM kiosk_config WHERE kiosk_id = ?",
                               (kiosk_id,)).fetchone()
            content = {} if replace or row is None else json.loads(row[0])
            content.update(values)
            conn.execute("INSERT INTO kiosk_config (kiosk_id, content, updated_at) "
                         "VALUES (?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET "
                         "content = excluded.content, updated_at = excluded.updated_at",
                         (kiosk_id, canonical_json(content), now))

    # Heartbeat and commands ------------------------------------------------------------
    def record_heartbeat(self, kiosk_id, report, clock_skew_s, now):
        with self._write() as conn:
            conn.execute("INSERT INTO kiosks (kiosk_id, last_seen, report, clock_skew_s) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET "
                         "last_seen = excluded.last_seen, report = excluded.report, "
                         "clock_skew_s = excluded.clock_skew_s",
                         (kiosk_id, now, canonical_json(report), clock_skew_s))

    def queue_command(self, kiosk_id, name, args, now):
        command_id = str(uuid.uuid4())
        with self._write() as conn:
            conn.execute("INSERT INTO commands (id, kiosk_id, name, args, created_at) "
                         "VALUES (?, ?, ?, ?, ?)",
                         (command_id, kiosk_id, name, canonical_json(args), now))
        return command_id

    def take_commands(self, kiosk_id, now):
        with self._write() as conn:
            rows = conn.execute("SELECT id, name, args FROM commands WHERE kiosk_id = ? AND "
                                "delivered_at IS NULL ORDER BY created_at, rowid",
                                (kiosk_id,)).fetchall()
            conn.executemany("UPDATE commands SET delivered_at = ? WHERE id = ?",
                             [(now, r["id"]) for r in rows])
        return [{"id": r["id"], "name": r["name"], "args": json.loads(r["args"])} for r in rows]

    def kiosks(self):
        return [{**dict(r), "report": json.loads(r["report"])}
                for r in self._read("SELECT * FROM kiosks ORDER BY kiosk_id")]

    # Appointments ----------------------------------------------------------------------
    def add_appointment(self, appointment):
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO appointments (appointment_id, holder, date, "
                         "time, service_code, category, kind, status) VALUES (:appointment_id, "
                         ":holder, :date, :time, :service_code, :category, :kind, :status)",
                         {**appointment, "holder": self.keys.holder(appointment["holder"])})

    def appointments(self, holder, date):
        return [{**dict(r), "holder": holder} for r in self._read(
            "SELECT * FROM appointments WHERE holder = ? AND date = ? ORDER BY time",
            (self.keys.holder(holder), date))]

    def appointment(self, appointment_id):
        rows = self._read("SELECT * FROM appointments WHERE appointment_id = ?",
                          (appointment_id,))
        return dict(rows[0]) if rows else None

    # Lockers ---------------------------------------------------------------------------
    def add_locker_assignment(self, kiosk_id, *, door, holder, code_hash, salt, expires_at,
                              now, assignment_id=None):
        assignment_id = assignment_id or str(uuid.uuid4())
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO locker_assignments (assignment_id, kiosk_id, door, "
                         "holder, code_hash, salt, expires_at, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (assignment_id, kiosk_id, door,
                          self.keys.seal_text(holder, "locker_assignments.holder"), code_hash,
                          salt, expires_at, now))
        return assignment_id

    def locker_assignments(self, kiosk_id, now):
        return [{**dict(r), "holder": self.keys.open_text(r["holder"],
                                                          "locker_assignments.holder")}
                for r in self._read(
            "SELECT assignment_id, door, holder, code_hash, salt, expires_at "
            "FROM locker_assignments WHERE kiosk_id = ? AND picked_up_at IS NULL "
            "AND expires_at > ? ORDER BY door, created_at", (kiosk_id, now))]

    # Payments --------------------------------------------------------------------------
    def create_payment(self, order):
        with self._write() as conn:
            self._insert_payment(conn, order)

    def _insert_payment(self, conn, order) -> None:
        conn.execute("INSERT INTO payments (order_id, kiosk_id, service_code, holder, "
                     "amount_fen, params, qr_payload, created_at, expires_at, status) "
                     "VALUES (:order_id, :kiosk_id, :service_code, :holder, :amount_fen, "
                     ":params, :qr_payload, :created_at, :expires_at, 'pending')",
                     {**order, "params": canonical_json(order["params"]),
                      "holder": self.keys.holder(order["holder"])})

    def _expire(self, conn, order_id, now):
        conn.execute("UPDATE payments SET status = 'expired', settled_at = expires_at "
                     "WHERE order_id = ? AND status = 'pending' AND expires_at <= ?",
                     (order_id, now))
        row = conn.execute("SELECT * FROM payments WHERE order_id = ?", (order_id,)).fetchone()
        return None if row is None else {**dict(row), "params": json.loads(row["params"])}

    def payment(self, order_id, now):
        with self._write() as conn:
            return self._expire(conn, order_id, now)

    def set_payment_status(self, order_id, status, now):
        if status not in ("paid", "failed"):
            raise ValueError(f"an operator sets paid or failed, not {status!r}")
        with self._write() as conn:
            order = self._expire(conn, order_id, now)
            if order is None:
                raise HallError(404, "unknown_order", f"no payment order {order_id}")
            if order["status"] == status:
                return order
            if order["status"] != "pending":
                raise HallError(409, f"order_{order['status']}",
                                f"order {order_id} is already {order['status']}")
            conn.execute("UPDATE payments SET status = ?, settled_at = ? WHERE order_id = ?",
                         (status, now, order_id))
            item_id = order["params"].get("item_id")
            if status == "paid" and isinstance(item_id, str):
                conn.execute("UPDATE dues SET status = 'paid', paid_at = ?, order_id = ? "
                             "WHERE item_id = ? AND service_code = ? AND holder = ?",
                             (now, order_id, item_id, order["service_code"], order["holder"]))
            return {**order, "status": status, "settled_at": now}

    # Dues ------------------------------------------------------------------------------
    def add_due(self, service_code, holder, item):
        details = {k: v for k, v in item.items() if k not in ("item_id", "amount_fen")}
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO dues (item_id, service_code, holder, amount_fen, "
                         "details, status) VALUES (?, ?, ?, ?, ?, 'due')",
                         (item["item_id"], service_code, self.keys.holder(holder),
                          item["amount_fen"], self._seal(details, "dues.details")))

    def dues(self, service_code, holder):
        rows = self._read("SELECT item_id, amount_fen, details, status FROM dues "
                          "WHERE service_code = ? AND holder = ?",
                          (service_code, self.keys.holder(holder)))
        items = [{"item_id": r["item_id"], **self._open(r["details"], "dues.details"),
                  "amount_fen": r["amount_fen"], "status": r["status"]} for r in rows]
        return sorted(items, key=lambda i: (str(i.get("tax_year", "")), i["item_id"]))

    def open_due_payment(self, order, item_id, now):
        with self._write() as conn:
            due = conn.execute("SELECT * FROM dues WHERE item_id = ? AND service_code = ? AND "
                               "holder = ?", (item_id, order["service_code"],
                                              self.keys.holder(order["holder"]))).fetchone()
            if due is None:
                raise HallError(404, "unknown_item",
                                f"no item {item_id} of this holder for {order['service_code']}")
            if due["status"] == "paid":
                raise HallError(409, "already_paid", f"item {item_id} is paid already")
            if due["amount_fen"] != order["amount_fen"]:
                raise HallError(422, "amount_mismatch",
                                f"item {item_id} is {due['amount_fen']} fen, "
                                f"not {order['amount_fen']}")
            if due["order_id"] is not None:
                pending = self._expire(conn, due["order_id"], now)
                if pending is not None and pending["status"] == "pending":
                    conn.execute("UPDATE payments SET kiosk_id = ? WHERE order_id = ?",
                                 (order["kiosk_id"], pending["order_id"]))
                    return {**pending, "kiosk_id": order["kiosk_id"]}
            self._insert_payment(conn, order)
            conn.execute("UPDATE dues SET order_id = ? WHERE item_id = ?",
                         (order["order_id"], item_id))
            return {**order, "status": "pending", "settled_at": None}

    # Documents and service data --------------------------------------------------------
    def put_document(self, document, pdf):
        with self._write() as conn:
            conn.execute("INSERT INTO documents (document_id, kiosk_id, service_code, holder, "
                         "title, created_at, pdf) VALUES (:document_id, :kiosk_id, "
                         ":service_code, :holder, :title, :created_at, :pdf)",
                         {**document, "holder": self.keys.holder(document["holder"]),
                          "pdf": self.keys.seal_bytes(pdf, "documents.pdf")})

    def document(self, document_id):
        rows = self._read("SELECT * FROM documents WHERE document_id = ?", (document_id,))
        if not rows:
            return None
        meta = dict(rows[0])
        return meta, self.keys.open_bytes(meta.pop("pdf"), "documents.pdf")

    def put_service_rows(self, service_code, holder, rows):
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO service_rows (service_code, holder, rows) "
                         "VALUES (?, ?, ?)", (service_code, self.keys.holder(holder),
                                              self._seal(rows, "service_rows.rows")))

    def service_rows(self, service_code, holder):
        rows = self._read("SELECT rows FROM service_rows WHERE service_code = ? AND holder = ?",
                          (service_code, self.keys.holder(holder)))
        return self._open(rows[0][0], "service_rows.rows") if rows else []

    # Attachments -------------------------------------------------------------------------
    def put_attachment(self, kiosk_id, sha256, media_type, data, now):
        with self._write() as conn:
            cur = conn.execute("INSERT OR IGNORE INTO attachments (sha256, kiosk_id, "
                               "media_type, size, received_at, data) VALUES (?, ?, ?, ?, ?, ?)",
                               (sha256, kiosk_id, media_type, len(data), now,
                                self.keys.seal_bytes(data, "attachments.data")))
            return cur.rowcount == 1

    def attachment(self, sha256):
        rows = self._read("SELECT * FROM attachments WHERE sha256 = ?", (sha256,))
        if not rows:
            return None
        meta = dict(rows[0])
        return meta, self.keys.open_bytes(meta.pop("data"), "attachments.data")


def _owner_only_files(db: Path) -> None:
    """The directories the hall creates 0700; the database 0600 before SQLite opens it
    (SQLite gives its -wal and -shm files the database's mode); files left wider by an
    older hall are narrowed."""
    missing = []
    parent = db.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
        os.chmod(directory, 0o700)
    os.close(os.open(db, os.O_RDWR | os.O_CREAT, 0o600))
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except FileNotFoundError:
            pass
