"""What the terminal keeps from the hall to work offline: the catalog, its config and the
locker assignments, each with the ETag it came with (so a refresh costs a 304)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from .db import transaction

NAMES = ("catalog", "config", "locker_assignments")


def get(conn: sqlite3.Connection, name: str) -> tuple[str | None, Any] | None:
    """(etag, body) of a cached document, or None when never fetched."""
    r = conn.execute("SELECT etag, body FROM caches WHERE name = ?", (name,)).fetchone()
    return (r[0], json.loads(r[1])) if r else None


def put(conn: sqlite3.Connection, name: str, etag: str | None, body: Any,
        now: datetime) -> None:
    with transaction(conn):
        conn.execute("INSERT INTO caches (name, etag, body, fetched_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET etag = excluded.etag, "
                     "body = excluded.body, fetched_at = excluded.fetched_at",
                     (name, etag, json.dumps(body, ensure_ascii=False),
                      now.isoformat(timespec="seconds")))


def touch(conn: sqlite3.Connection, name: str, now: datetime) -> None:
    """A 304: the cached copy is current as of ``now``."""
    with transaction(conn):
        conn.execute("UPDATE caches SET fetched_at = ? WHERE name = ?",
                     (now.isoformat(timespec="seconds"), name))


def forget_etag(conn: sqlite3.Connection, name: str) -> None:
    """Make the next refresh fetch the whole document (the hall's ``reload_config``)."""
    with transaction(conn):
        conn.execute("UPDATE caches SET etag = NULL WHERE name = ?", (name,))
