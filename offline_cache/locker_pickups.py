"""The locker pickups done on this terminal (table ``locker_pickups``, schema v3 in
db.py), so that a door is never opened twice for one assignment before the hall's updated
assignments arrive: a village terminal may be offline for days. The hall learns of each
pickup from its outbox row (``locker_pickup``), written in the same transaction."""
from __future__ import annotations

import sqlite3
from datetime import datetime


def done(conn: sqlite3.Connection) -> set[str]:
    """The assignments already collected here."""
    return {r[0] for r in conn.execute("SELECT assignment_id FROM locker_pickups")}


def record(conn: sqlite3.Connection, assignment_id: str, door: int, at: datetime) -> None:
    """One pickup. Call inside the caller's transaction (with its outbox row)."""
    conn.execute("INSERT INTO locker_pickups (assignment_id, door, picked_up_at) "
                 "VALUES (?, ?, ?)", (assignment_id, door, at.isoformat(timespec="seconds")))
