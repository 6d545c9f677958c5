"""Local queue numbering: a per-day, per-category counter.

Issuing a number, recording the ticket and writing its ``ticket`` outbox row happen in
one transaction: after :func:`issue` returns, a power cut cannot lose the ticket nor
leave a number that the hall will never hear of. (Leased blocks from the hall replace
this counter in the sync issue; the format stays.)
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from . import outbox
from .db import transaction


@dataclass(frozen=True)
class IssuedTicket:
    number: str          # e.g. "A3-017"
    seq: int             # 17
    category: str
    kind: str
    issued_at: datetime
    waiting_ahead: int   # tickets of the same category issued earlier today here
    transaction_id: str  # the outbox row's UUID


def format_number(letter: str, kiosk_prefix: str, seq: int) -> str:
    """``A`` + ``3`` + 17 -> ``A3-017`` (the category letter first, as the hall's screens
    call numbers by category; the kiosk prefix keeps numbers of two terminals apart)."""
    return f"{letter}{kiosk_prefix}-{seq:03d}"


def issue(conn: sqlite3.Connection, *, category: str, letter: str, kind: str,
          kiosk_prefix: str, now: datetime, holder: str | None) -> IssuedTicket:
    """Take the next number for ``category`` today and record it durably.

    ``holder`` is a salted hash of the citizen's ID number (or ``None`` when the ticket
    kind needs no identification); the outbox never sees the number itself.
    """
    day = now.date().isoformat()
    with transaction(conn):
        row = conn.execute("SELECT last FROM ticket_counters WHERE day = ? AND category = ?",
                           (day, category)).fetchone()
        seq = (row[0] if row else 0) + 1
        conn.execute("INSERT INTO ticket_counters (day, category, last) VALUES (?, ?, ?) "
                     "ON CONFLICT(day, category) DO UPDATE SET last = excluded.last",
                     (day, category, seq))
        number = format_number(letter, kiosk_prefix, seq)
        payload = {"number": number, "category": category, "kind": kind,
                   "issued_at": now.isoformat(timespec="seconds"), "source": "local_counter"}
        if holder:
            payload["holder"] = holder
        tx_id = outbox.enqueue(conn, "ticket", payload, now)
        conn.execute("INSERT INTO tickets (number, day, category, kind, seq, issued_at, "
                     "transaction_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (number, day, category, kind, seq, now.isoformat(timespec="seconds"), tx_id))
    return IssuedTicket(number, seq, category, kind, now, seq - 1, tx_id)
