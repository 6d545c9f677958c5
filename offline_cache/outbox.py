"""The transactional outbox: what the hall must learn about, written in the same
transaction as the citizen action it describes.

Each row has a UUIDv4 that the hall uses as idempotency key (hall-api.md, Transactions):
rows are delivered at least once and applied exactly once. Delivery (the sync engine)
comes later; this module only writes and reads rows.
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

KINDS = frozenset({"ticket", "application", "card_loss_report", "rating", "locker_pickup",
                   "payment", "print_job", "face_capture", "device_event"})


@dataclass(frozen=True)
class OutboxRow:
    id: str
    kind: str
    created_at: str
    payload: dict[str, Any]
    state: str


def enqueue(conn: sqlite3.Connection, kind: str, payload: dict[str, Any],
            created_at: datetime) -> str:
    """Insert one pending row and return its id. Call inside the caller's transaction.

    ``created_at`` must be timezone-aware (the contract wants RFC 3339 with offset).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    if created_at.tzinfo is None:
        raise ValueError("created_at must carry a UTC offset")
    row_id = str(uuid.uuid4())
    conn.execute("INSERT INTO outbox (id, kind, created_at, payload) VALUES (?, ?, ?, ?)",
                 (row_id, kind, created_at.isoformat(timespec="seconds"),
                  json.dumps(payload, ensure_ascii=False, sort_keys=True)))
    return row_id


def get(conn: sqlite3.Connection, row_id: str) -> OutboxRow | None:
    r = conn.execute("SELECT id, kind, created_at, payload, state FROM outbox WHERE id = ?",
                     (row_id,)).fetchone()
    return OutboxRow(r[0], r[1], r[2], json.loads(r[3]), r[4]) if r else None


def pending_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
