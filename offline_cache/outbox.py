"""The transactional outbox: what the hall must learn about, written in the same
transaction as the citizen action it describes.

Each row has a UUIDv4 that the hall uses as idempotency key (hall-api.md, Transactions):
rows are delivered at least once and applied exactly once. A row's personal fields are
sealed (encrypted, see :mod:`offline_cache.sealing`) apart from the rest of its payload,
and the whole row is deleted once the hall has acknowledged it. A row the hall rejected
is quarantined: kept (without its personal fields) for technicians, never resent.
Files a row needs (a photo) are kept beside it as attachments (:mod:`.attachments`),
referenced from its sealed fields, and go when the row goes.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import attachments as attachments_mod
from .db import transaction
from .sealing import Sealer

log = logging.getLogger(__name__)

#: The log record attribute naming the outbox row a line is about (its id: no personal
#: data): the journal handler (kiosk/core/journal.py) writes every ``kiosk_*`` attribute
#: as a field, this one as ``KIOSK_TX`` (``journalctl -t kiosk KIOSK_TX=<id>``).
TX_FIELD = "kiosk_tx"

KINDS = frozenset({"ticket", "application", "card_loss_report", "rating", "locker_pickup",
                   "payment", "print_job", "face_capture", "device_event", "audit"})


@dataclass(frozen=True)
class OutboxRow:
    id: str
    kind: str
    created_at: str
    payload: dict[str, Any]          # without the personal fields
    state: str
    sealed: bytes | None = None      # the personal fields, encrypted
    error: dict[str, Any] | None = None

    def transaction(self, sealer: Sealer | None) -> dict[str, Any]:
        """The row as the hall's ``T`` object, personal fields decrypted back in."""
        payload = dict(self.payload)
        if self.sealed is not None:
            if sealer is None:
                raise ValueError(f"row {self.id} has sealed fields but no key was given")
            payload.update(json.loads(sealer.open(self.sealed, self.id.encode())))
        return {"id": self.id, "kind": self.kind, "created_at": self.created_at,
                "payload": payload}


def enqueue(conn: sqlite3.Connection, kind: str, payload: dict[str, Any],
            created_at: datetime, *, personal: dict[str, Any] | None = None,
            sealer: Sealer | None = None,
            attachments: dict[str, tuple[bytes, str]] | None = None) -> str:
    """Insert one pending row and return its id. Call inside the caller's transaction.

    ``personal`` holds the fields that identify a person (ID number, holder hash, name);
    they are sealed with ``sealer`` and merged back into the payload when sent.
    ``created_at`` must be timezone-aware (the contract wants RFC 3339 with offset).
    ``attachments`` maps a personal field to ``(bytes, media type)``: the bytes are kept
    sealed beside the row and the field holds their reference (:mod:`.attachments`).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    if created_at.tzinfo is None:
        raise ValueError("created_at must carry a UTC offset")
    overlap = set(payload) & (set(personal or {}) | set(attachments or {}))
    if overlap:
        raise ValueError(f"fields both plain and personal: {sorted(overlap)}")
    row_id = str(uuid.uuid4())
    if attachments:
        if sealer is None:
            raise ValueError("attachments need a sealer (encryption at rest)")
        if set(attachments) & set(personal or {}):
            raise ValueError("a field is both an attachment and a personal value")
        personal = {**(personal or {}), **{
            name: attachments_mod.add(conn, row_id, data, media_type, sealer)
            for name, (data, media_type) in attachments.items()}}
    sealed = None
    if personal:
        if sealer is None:
            raise ValueError("personal fields need a sealer (encryption at rest)")
        sealed = sealer.seal(_dumps(personal).encode(), row_id.encode())
    conn.execute("INSERT INTO outbox (id, kind, created_at, payload, sealed) "
                 "VALUES (?, ?, ?, ?, ?)",
                 (row_id, kind, created_at.isoformat(timespec="seconds"), _dumps(payload),
                  sealed))
    log.debug("outbox row %s (%s) written", row_id, kind, extra={TX_FIELD: row_id})
    return row_id


_COLUMNS = "id, kind, created_at, payload, state, sealed, error"


def _row(r) -> OutboxRow:
    return OutboxRow(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5],
                     json.loads(r[6]) if r[6] else None)


def get(conn: sqlite3.Connection, row_id: str) -> OutboxRow | None:
    r = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (row_id,)).fetchone()
    return _row(r) if r else None


def pending(conn: sqlite3.Connection, limit: int) -> list[OutboxRow]:
    """The oldest ``limit`` pending rows, in the order they were written."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' "
                        "ORDER BY rowid LIMIT ?", (limit,)).fetchall()
    return [_row(r) for r in rows]


def quarantined(conn: sqlite3.Connection, limit: int = -1) -> list[OutboxRow]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE state = 'quarantined' "
                        "ORDER BY rowid LIMIT ?", (limit,)).fetchall()
    return [_row(r) for r in rows]


def apply_results(conn: sqlite3.Connection, results: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Record the hall's per-row results in one transaction and return counts.

    accepted / duplicate: the hall has it: the row (and its personal data) is deleted.
    rejected: final; the row is quarantined without its personal fields.
    Anything else (unknown status, an id we did not send) is ignored: the row stays
    pending and is sent again (at least once; the hall dedups).
    """
    counts = {"accepted": 0, "duplicate": 0, "rejected": 0, "ignored": 0}
    done: list[tuple[str, str]] = []    # (row id, the rejection's code or "": delivered)
    with transaction(conn):
        for r in results:
            status, row_id = r.get("status"), r.get("id")
            if not isinstance(row_id, str) or status not in ("accepted", "duplicate",
                                                               "rejected"):
                counts["ignored"] += 1
                continue
            if status == "rejected":
                given = r.get("error")
                error = given if isinstance(given, dict) else {
                    "code": "rejected", "message": str(given)}
                cur = conn.execute("UPDATE outbox SET state = 'quarantined', sealed = NULL, "
                                   "error = ? WHERE id = ? AND state = 'pending'",
                                   (_dumps(error), row_id))
                code = str(error.get("code"))
            else:
                cur = conn.execute("DELETE FROM outbox WHERE id = ? AND state = 'pending'",
                                   (row_id,))
                code = ""
            if cur.rowcount:
                attachments_mod.release(conn, row_id)
                done.append((row_id, code))
            counts[status if cur.rowcount else "ignored"] += 1
    for row_id, code in done:      # once committed
        if code:
            log.warning("outbox row %s quarantined: %s", row_id, code, extra={TX_FIELD: row_id})
        else:
            log.debug("outbox row %s delivered", row_id, extra={TX_FIELD: row_id})
    return counts


def requeue(conn: sqlite3.Connection, row_id: str) -> bool:
    """A technician fixed what made the hall reject a quarantined row: send it again
    (same id, so the hall still applies it at most once). Its personal fields were
    dropped at quarantine and stay dropped. False when no such quarantined row."""
    with transaction(conn):
        cur = conn.execute("UPDATE outbox SET state = 'pending', error = NULL "
                           "WHERE id = ? AND state = 'quarantined'", (row_id,))
    if cur.rowcount:
        log.info("outbox row %s pending again (requeued)", row_id, extra={TX_FIELD: row_id})
    return cur.rowcount == 1


def pending_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def oldest_pending(conn: sqlite3.Connection) -> str | None:
    """``created_at`` of the oldest pending row (None when the outbox is drained)."""
    r = conn.execute("SELECT MIN(created_at) FROM outbox WHERE state = 'pending'").fetchone()
    return r[0]


def quarantined_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'quarantined'").fetchone()[0]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
