"""Queue numbers issued on the terminal: from a block leased from the hall when one is
valid, else from a per-day, per-category local counter.

Issuing a number, recording the ticket and writing its ``ticket`` outbox row happen in
one transaction: after :func:`issue` returns, a power cut cannot lose the ticket nor
leave a number the hall never hears of. Leased blocks never collide across terminals
(the hall guarantees it); the local counter's numbers carry the kiosk prefix, so they
do not collide either, they are only outside the hall's plan.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from . import outbox
from .db import transaction
from .sealing import Sealer


@dataclass(frozen=True)
class IssuedTicket:
    number: str          # e.g. "A3-017"
    seq: int             # 17
    category: str
    kind: str
    issued_at: datetime
    waiting_ahead: int   # tickets of the same category issued earlier today here
    transaction_id: str | None  # the outbox row's UUID (None: the hall issued it)
    source: str          # "hall" | "leased_block" | "local_counter"


@dataclass(frozen=True)
class Block:
    block_id: str
    category: str
    prefix: str
    first: int
    last: int
    next: int
    valid_until: str

    @property
    def remaining(self) -> int:
        return self.last - self.next + 1


def format_number(letter: str, kiosk_prefix: str, seq: int) -> str:
    """``A`` + ``3`` + 17 -> ``A3-017`` (the category letter first, as the hall's screens
    call numbers by category; the kiosk prefix keeps numbers of two terminals apart)."""
    return f"{letter}{kiosk_prefix}-{seq:03d}"


def add_block(conn: sqlite3.Connection, *, block_id: str, category: str, prefix: str,
              first: int, last: int, valid_until: str) -> None:
    """Store a block the hall leased (idempotent: a block seen twice is kept once)."""
    with transaction(conn):
        conn.execute("INSERT OR IGNORE INTO ticket_blocks (block_id, category, prefix, first, "
                     "last, next, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (block_id, category, prefix, first, last, first, valid_until))


def usable_blocks(conn: sqlite3.Connection, category: str, now: datetime) -> list[Block]:
    """Blocks of ``category`` still valid at ``now`` with numbers left, oldest first."""
    rows = conn.execute("SELECT block_id, category, prefix, first, last, next, valid_until "
                        "FROM ticket_blocks WHERE category = ? AND next <= last "
                        "ORDER BY first", (category,)).fetchall()
    return [b for b in (Block(*r) for r in rows)
            if datetime.fromisoformat(b.valid_until) > now]


def issue(conn: sqlite3.Connection, *, category: str, letter: str, kind: str,
          kiosk_prefix: str, now: datetime, holder: str | None,
          sealer: Sealer | None = None) -> IssuedTicket:
    """Take the next number for ``category`` and record it durably.

    ``holder`` is a salted hash of the citizen's ID number (or ``None`` when the ticket
    kind needs no identification); it is sealed in the outbox row (personal data).
    """
    day = now.date().isoformat()
    with transaction(conn):
        blocks = usable_blocks(conn, category, now)
        if blocks:
            block = blocks[0]
            seq = block.next
            conn.execute("UPDATE ticket_blocks SET next = next + 1 WHERE block_id = ?",
                         (block.block_id,))
            number, source = f"{block.prefix}{seq:03d}", "leased_block"
        else:
            row = conn.execute("SELECT last FROM ticket_counters WHERE day = ? AND "
                               "category = ?", (day, category)).fetchone()
            seq = (row[0] if row else 0) + 1
            conn.execute("INSERT INTO ticket_counters (day, category, last) VALUES (?, ?, ?) "
                         "ON CONFLICT(day, category) DO UPDATE SET last = excluded.last",
                         (day, category, seq))
            number, source = format_number(letter, kiosk_prefix, seq), "local_counter"
        ahead = conn.execute("SELECT COUNT(*) FROM tickets WHERE day = ? AND category = ?",
                             (day, category)).fetchone()[0]
        payload = {"number": number, "category": category, "kind": kind,
                   "issued_at": now.isoformat(timespec="seconds"), "source": source}
        if source == "leased_block":
            payload["block_id"] = block.block_id
        tx_id = outbox.enqueue(conn, "ticket", payload, now,
                               personal={"holder": holder} if holder else None, sealer=sealer)
        conn.execute("INSERT INTO tickets (number, day, category, kind, seq, issued_at, "
                     "transaction_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (number, day, category, kind, seq, now.isoformat(timespec="seconds"), tx_id))
    return IssuedTicket(number, seq, category, kind, now, ahead, tx_id, source)


def record_online(conn: sqlite3.Connection, *, number: str, category: str, kind: str,
                  now: datetime, waiting_ahead: int) -> IssuedTicket:
    """Keep a number the hall issued online (it needs no outbox row: the hall has it)."""
    day = now.date().isoformat()
    with transaction(conn):
        conn.execute("INSERT OR IGNORE INTO tickets (number, day, category, kind, seq, "
                     "issued_at, transaction_id) VALUES (?, ?, ?, ?, 0, ?, '')",
                     (number, day, category, kind, now.isoformat(timespec="seconds")))
    return IssuedTicket(number, 0, category, kind, now, waiting_ahead, None, "hall")
