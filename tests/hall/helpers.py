"""Builders shared by the hall tests."""
from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import uuid
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))


def tx(kind: str = "rating", payload: dict | None = None, *, tx_id: str | None = None,
       created_at: str | None = None) -> dict:
    """One outbox transaction as the kiosk sends it."""
    return {"id": tx_id or str(uuid.uuid4()), "kind": kind,
            "created_at": created_at or datetime.now(CST).isoformat(timespec="seconds"),
            "payload": {"score": 5} if payload is None else payload}


def gzipped(body: dict) -> bytes:
    return gzip.compress(json.dumps(body).encode())


def batch_url(hall, kiosk_id: str = "K1") -> str:
    return f"{hall.api}/kiosks/{kiosk_id}/transactions:batch"


def send(session, hall, transactions: list[dict], kiosk_id: str = "K1") -> list[dict]:
    r = session.post(batch_url(hall, kiosk_id), json={"transactions": transactions}, timeout=30)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == len(transactions)
    return results


def seed_holder(n: int) -> str:
    """The holder hash of seed citizen ``n`` (1 or 2: the ID simulator's sample cards)
    with the default salt, computed here as a kiosk would (hall-api: salted hash)."""
    id_number = ("440106199101010010", "81000019850601001X")[n - 1]
    return hmac.new(b"replace-with-the-hall-salt", id_number.encode(),
                    hashlib.sha256).hexdigest()
