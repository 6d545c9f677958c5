"""A kiosk as the exactly-once proof runs it: one process that records citizen actions
and runs the sync engine's thread until it is killed; started again, it carries on from
its database (the actions already recorded, the outbox rows still pending).

    python -m tests.sync.kiosk_proc --db K.db --key K.key --hall URL --kiosk-id K1
        --token T --total 1000 --events EVENTS.jsonl [--seed S] [--pace 0.04] ...

Action ``n`` (0 <= n < total) is a row of ``citizen_actions`` written in the same
transaction as its outbox row (the transactional outbox); see :func:`action` for its
payload. Once all actions are recorded the process keeps syncing until SIGTERM (exit 0).

Each line of ``--events`` is a JSON object with ``t`` (time.monotonic(), comparable
across processes on Linux) and ``pid``: ``{"event": "start", "next": n, "pending": p}``,
then one ``{"event": "batch", "n": rows, "results": {status: count}}`` or
``{"event": "batch", "n": rows, "error": code, "retry_after": s}`` per batch sent.
Lines are single O_APPEND writes, so a SIGKILL leaves no half line.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

from offline_cache import db, outbox
from offline_cache.backoff import Backoff
from offline_cache.hall_client import HallClient, HallError, HallSettings
from offline_cache.sealing import Sealer
from offline_cache.sync import SyncEngine, SyncSettings

CST = timezone(timedelta(hours=8))
SCHEMA = ("CREATE TABLE IF NOT EXISTS citizen_actions (n INTEGER PRIMARY KEY, "
          "tx_id TEXT NOT NULL UNIQUE)")


def action(n: int) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
    """(kind, plain payload, personal fields) of action ``n``; every third one carries a
    personal field (sealed in the outbox), so a restart must reopen it with the key file."""
    kinds = ("rating", "card_loss_report", "application", "print_job", "device_event")
    kind = kinds[n % len(kinds)]
    personal = {"id_number": f"4401061991{n:08d}"} if n % 3 == 0 else None
    return kind, {"n": n, "score": n % 5 + 1}, personal


class Events:
    def __init__(self, path: str):
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, **fields) -> None:
        line = json.dumps({"t": time.monotonic(), "pid": os.getpid(), **fields}) + "\n"
        os.write(self.fd, line.encode())


class LoggedClient(HallClient):
    """The real client; each batch and its outcome also goes to the events file."""

    def __init__(self, settings: HallSettings, events: Events):
        super().__init__(settings)
        self.events = events

    def post_batch(self, transactions):
        try:
            results = super().post_batch(transactions)
        except HallError as err:
            self.events.write(event="batch", n=len(transactions), error=err.code,
                              retry_after=err.retry_after)
            raise
        self.events.write(event="batch", n=len(transactions),
                          results=dict(Counter(str(r.get("status")) for r in results)))
        return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--hall", required=True)
    p.add_argument("--kiosk-id", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--total", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pace", type=float, default=0.04, help="mean seconds between actions")
    p.add_argument("--batch-size", type=int, default=50)
    p.add_argument("--interval", type=float, default=0.2)
    p.add_argument("--connect-timeout", type=float, default=0.5)
    p.add_argument("--read-timeout", type=float, default=1.0)
    p.add_argument("--backoff", type=float, nargs=3, default=(0.05, 1.0, 0.05),
                   metavar=("BASE", "CAP", "FLOOR"))
    args = p.parse_args(argv)

    stopping = []               # set from the SIGTERM handler: a plain list, no lock
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    events = Events(args.events)
    sealer = Sealer.load_or_create(args.key)
    conn = db.connect(args.db)
    conn.execute(SCHEMA)
    first = conn.execute("SELECT COALESCE(MAX(n) + 1, 0) FROM citizen_actions").fetchone()[0]
    events.write(event="start", next=first, pending=outbox.pending_count(conn))

    rng = random.Random(args.seed)
    base, cap, floor = args.backoff
    client = LoggedClient(HallSettings(url=args.hall, kiosk_id=args.kiosk_id, token=args.token,
                                       connect_timeout=args.connect_timeout,
                                       read_timeout=args.read_timeout), events)
    engine = SyncEngine(args.db, client, sealer,
                        SyncSettings(batch_size=args.batch_size, interval=args.interval),
                        backoff=Backoff(base=base, cap=cap, floor=floor,
                                        rng=random.Random(rng.random())))
    engine.start()
    for n in range(first, args.total):
        kind, payload, personal = action(n)
        with db.transaction(conn):
            tx_id = outbox.enqueue(conn, kind, payload, datetime.now(CST), personal=personal,
                                   sealer=sealer)
            conn.execute("INSERT INTO citizen_actions (n, tx_id) VALUES (?, ?)", (n, tx_id))
        time.sleep(rng.uniform(0, 2 * args.pace))
        if stopping:
            break
    while not stopping:
        time.sleep(0.1)
    engine.stop()
    client.close()
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
