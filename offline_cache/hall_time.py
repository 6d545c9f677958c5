"""The hall's time zone as this terminal knows it, without the HTTP stack (the app reads
it at start-up and for every time a citizen sees: kiosk/core/terminal.py).

The sync engine stores the UTC offset of the hall's ``server_time`` from each heartbeat
answer (``sync_state`` key ``hall_utc_offset_s``); before the first one the hall is
assumed in China Standard Time.
"""
from __future__ import annotations

import sqlite3
from datetime import timedelta, timezone

# China Standard Time, the zone of every hall in Guangdong (no daylight saving since 1991).
HALL_DEFAULT_UTC_OFFSET = timedelta(hours=8)
UTC_OFFSET_KEY = "hall_utc_offset_s"


def hall_timezone(conn: sqlite3.Connection) -> timezone:
    """The hall's time zone: the offset of ``server_time`` in its last heartbeat answer,
    :data:`HALL_DEFAULT_UTC_OFFSET` before the first (readable from any process)."""
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (UTC_OFFSET_KEY,)
                       ).fetchone()
    return timezone(timedelta(seconds=int(row[0])) if row else HALL_DEFAULT_UTC_OFFSET)
