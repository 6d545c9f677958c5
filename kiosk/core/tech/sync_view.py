"""The link with the hall as a technician sees it: reachable or not and how fast, the
last success and error, the outbox's depth and oldest pending row, the quarantined rows
with the hall's reasons (view, export, retry one after a fix).

Functions take the terminal's database connection (held under its lock by the caller)
or its hall client; all are blocking: worker threads and the CLI only.
"""
from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from offline_cache import caches, outbox
from offline_cache.hall_errors import HallError


def status(conn: sqlite3.Connection, now: datetime) -> dict[str, Any]:
    """``kiosk sync status``'s figures plus the quarantined rows."""
    from offline_cache import sync as sync_mod  # the HTTP stack: not at start-up

    st = sync_mod.status(conn, now)
    st["quarantine"] = quarantined_rows(conn)
    return st


def quarantined_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Each quarantined row: id, kind, when, the hall's reason. Payloads of the outbox
    hold no personal field in clear (those are sealed, and dropped at quarantine)."""
    return [{"id": r.id, "kind": r.kind, "created_at": r.created_at,
             "reason_code": (r.error or {}).get("code"),
             "reason": (r.error or {}).get("message"), "payload": r.payload}
            for r in outbox.quarantined(conn)]


def retry(conn: sqlite3.Connection, row_id: str) -> bool:
    return outbox.requeue(conn, row_id)


def export(rows: list[dict[str, Any]], path: Path) -> Path:
    """The quarantined rows as JSON at ``path`` (owner-only). Blocking (the disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    path.chmod(0o600)
    return path


def probe(client, conn_etag: str | None) -> dict[str, Any]:
    """One conditional GET of this kiosk's config (304 when unchanged: a few hundred
    bytes), timed: ``reachable``, ``rtt_ms``, ``error``. Bounded by the client's connect
    and read timeouts."""
    started = time.monotonic()
    try:
        client.get_with_etag(f"/kiosks/{client.settings.kiosk_id}/config", conn_etag)
    except HallError as err:
        return {"reachable": False, "rtt_ms": None, "error": {"code": err.code,
                                                               "message": err.message}}
    return {"reachable": True, "rtt_ms": round((time.monotonic() - started) * 1000, 1),
            "error": None}


def config_etag(conn: sqlite3.Connection) -> str | None:
    cached = caches.get(conn, "config")
    return cached[0] if cached else None


def signature_lines(st: dict[str, Any]) -> list[str]:
    """``kiosk sync status`` and ``kiosk tech network``: whether the hall's documents are
    checked (``st["signatures"]``, kiosk/core/hall_link.signature_state) and each one
    refused (``st["refused"]``)."""
    sig = st["signatures"]
    if not sig["checked"]:
        lines = ["signatures         not checked: no [hall] signing_key configured"]
    elif sig["problem"]:
        lines = [f"signatures         nothing from the hall is applied: {sig['problem']}"]
    else:
        lines = [f"signatures         checked (key {', '.join(sig['key_ids'])} from "
                 f"{sig['key_file']})"]
    return lines + [f"refused            {name}: {r['code']} since {r['since']}: {r['message']}; "
                    "the last good one stays in use" for name, r in st["refused"].items()]

