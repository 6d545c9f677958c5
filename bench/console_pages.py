"""How fast the operator console's pages answer with a big hall's data, next to a trivial page.

    .venv/bin/python bench/console_pages.py [--store sqlite|postgres|both]
                                            [--terminals 10000] [--ratings 1000000]
                                            [--tickets 20000] [--n 15] [--db PATH]

Seeds a hall's store (the kiosk API's own tables, written in bulk so the console's
triggers fill its tables exactly as live traffic would: a heartbeat per terminal,
``rating`` transactions over the last 30 days, today's tickets), starts a real
``python -m hall serve`` on it, logs in over HTTP and times each page ``n`` times
(median and worst, server and transfer included). The baseline is the login page
(a template, no query). Target: every page's median < 300 ms.

``--store sqlite`` (the default): an SQLite file, written with ``executemany`` (``--db``
keeps the seeded file for another run). ``--store postgres``: a throw-away PostgreSQL
cluster (tests/pg_support.py, durable defaults: fsync on), written with ``COPY`` (the
triggers run for every row, as for live traffic), then ``VACUUM ANALYZE`` as autovacuum
would do soon after such a load. ``both``: one after the other, on the
same generated data.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hall.console.store import LEVELS, ConsoleStore  # noqa: E402
from hall.stores import open_storage  # noqa: E402

TARGET_MS = 300.0
CST = timezone(timedelta(hours=8))
SERVICES = ("ss_payment_history", "ss_certificate", "card_loss_report", "pension_certificate",
            "no_criminal_record", "vehicle_vessel_tax", "queue_ticket", "locker_pickup")
REASONS = ("long_wait", "hard_to_use", "device_fault", "unclear_guidance", "staff_attitude",
           "other")
CHUNK = 50_000


def _terminals(rng: random.Random, now: datetime, terminals: int
               ) -> tuple[list[tuple], list[tuple]]:
    """(kiosk_config rows, kiosks rows)."""
    configs, kiosks = [], []
    for i in range(terminals):
        kiosk_id = f"T{i:05d}"
        paper = rng.choice(("full",) * 8 + ("low", "out"))
        report = {"software_version": "0.1.0", "uptime_s": 3600.0,
                  "outbox_depth": rng.randrange(0, 300), "oldest_pending_age_s": None,
                  "devices": {"receipt": {"state": "online", "consumables": {
                      "paper": paper, "cover": "closed"}, "counters": {"printed": i}},
                      "idcard": {"state": rng.choice(("online",) * 20 + ("offline",)),
                                 "consumables": {}, "counters": {}}}}
        last_seen = now.timestamp() - rng.choice((5, 10, 20, 30, 3600 * 5))
        configs.append((kiosk_id, json.dumps({"site": f"区{i % 11:02d}·站点{i % 400:03d}"},
                                             ensure_ascii=False), last_seen))
        kiosks.append((kiosk_id, last_seen, json.dumps(report, sort_keys=True)))
    return configs, kiosks


def _ratings(rng: random.Random, now: datetime, terminals: int, ratings: int
             ) -> Iterator[list[tuple]]:
    """``rating`` transactions rows, in chunks."""
    for first in range(0, ratings, CHUNK):
        rows = []
        for _ in range(min(CHUNK, ratings - first)):
            at = now - timedelta(seconds=rng.randrange(0, 30 * 86400))
            level = rng.choices(LEVELS, weights=(50, 30, 10, 6, 4))[0]
            payload = {"service": rng.choice(SERVICES), "level": level,
                       "rated_at": at.isoformat(timespec="seconds")}
            if level in LEVELS[-2:]:
                payload["reason"] = rng.choice(REASONS)
            rows.append((str(uuid.uuid4()), f"T{rng.randrange(terminals):05d}", "rating",
                         at.isoformat(timespec="seconds"),
                         json.dumps(payload, sort_keys=True), at.timestamp()))
        yield rows


def _tickets(rng: random.Random, now: datetime, terminals: int, tickets: int) -> list[tuple]:
    day = now.date().isoformat()
    return [(f"A{n:03d}", day, rng.choice(("registration", "business", "social")),
             rng.choice(("accept", "consult", "pickup")), n, f"T{rng.randrange(terminals):05d}",
             rng.choice(("online",) * 9 + ("offline",)),
             (now.replace(hour=8, minute=0) + timedelta(seconds=rng.randrange(0, 9 * 3600)))
             .isoformat(timespec="seconds")) for n in range(1, tickets + 1)]


class _Bulk:
    """Rows into a table of the store, in one transaction a call: ``executemany`` on
    SQLite, ``COPY`` on PostgreSQL (both fire the console's triggers row by row)."""

    def __init__(self, storage: Any):
        self.storage = storage
        self.postgres = type(storage).__name__ == "PostgresStorage"

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        names = ", ".join(columns)
        with self.storage._write() as conn:
            if self.postgres:
                with conn.cursor() as cur, \
                        cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                conn.executemany(f"INSERT INTO {table} ({names}) VALUES "
                                 f"({', '.join('?' * len(columns))})", rows)


def seed(db: str, key: str | None, terminals: int, ratings: int, tickets: int
         ) -> dict[str, float]:
    rng = random.Random(15)
    storage = open_storage(db, key)
    ConsoleStore(storage)              # the console's tables and triggers, before the data
    bulk = _Bulk(storage)
    now = datetime.now(CST)
    took = {}
    start = time.perf_counter()
    configs, kiosks = _terminals(rng, now, terminals)
    bulk.insert("kiosk_config", ("kiosk_id", "content", "updated_at"), configs)
    bulk.insert("kiosks", ("kiosk_id", "last_seen", "report"), kiosks)
    took["terminals_s"] = time.perf_counter() - start
    start = time.perf_counter()
    for rows in _ratings(rng, now, terminals, ratings):
        bulk.insert("transactions", ("id", "kiosk_id", "kind", "created_at", "payload",
                                     "received_at"), rows)
    took["ratings_s"] = time.perf_counter() - start
    start = time.perf_counter()
    bulk.insert("tickets", ("number", "day", "category", "kind", "seq", "kiosk_id", "source",
                            "issued_at"), _tickets(rng, now, terminals, tickets))
    took["tickets_s"] = time.perf_counter() - start
    if bulk.postgres:                  # as autovacuum would, soon after such a load
        with storage._connection() as conn:
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
            conn.autocommit = False
    storage.close()
    return took


def serve(db_args: list[str]) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "hall", "add-operator", "bench", "--role",
                           "admin", *db_args], input="bench-password-1\n", text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=120)
    if done.returncode:
        raise SystemExit(done.stderr)
    proc = subprocess.Popen([sys.executable, "-m", "hall", "serve", *db_args,
                             "--port", "0"], stdout=subprocess.PIPE, env=env, cwd=ROOT)
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        ready = sel.select(120)
    line = proc.stdout.readline().decode() if ready else ""
    if not line.startswith("hall listening on"):
        proc.kill()
        raise SystemExit(f"the hall did not start: {line!r}")
    return proc, line.split()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--terminals", type=int, default=10_000)
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--n", type=int, default=15, help="requests per page")
    parser.add_argument("--db", help="SQLite: seed this file, or use it as it is when it "
                                     "exists (default: a temporary one)")
    args = parser.parse_args(argv)
    stores = ("sqlite", "postgres") if args.store == "both" else (args.store,)
    verdicts = [run(store, args) for store in stores]
    return 0 if all(verdicts) else 1


def run(store: str, args: argparse.Namespace) -> bool:
    """Seed (or reuse) one store, serve it, time the pages; True when on target."""
    tmp = tempfile.TemporaryDirectory()
    pg = None
    try:
        if store == "postgres":
            from tests.pg_support import PostgresServer
            pg = PostgresServer(fsync=True).start()
            db, key = pg.create_database("console"), str(Path(tmp.name) / "hall.key")
            fresh = True
        else:
            path = Path(args.db) if args.db else Path(tmp.name) / "hall.db"
            db, key, fresh = str(path), None, not path.exists()
        db_args = ["--db", db, *(["--key", key] if key else [])]
        if not fresh:
            print(f"using {db} as it is (seeded before)", flush=True)
        else:
            print(f"{store}: seeding {args.terminals} terminals, {args.ratings} ratings, "
                  f"{args.tickets} tickets into {db} ...", flush=True)
            took = seed(db, key, args.terminals, args.ratings, args.tickets)
            print("  " + ", ".join(f"{k} {v:.1f}" for k, v in took.items()), flush=True)
        proc, url = serve(db_args)
        try:
            return _time_pages(store, url, args)
        finally:
            proc.terminate()
            proc.wait(10)
    finally:
        if pg is not None:
            pg.stop()
        tmp.cleanup()


def _time_pages(store: str, url: str, args: argparse.Namespace) -> bool:
    s = requests.Session()
    # A new connection per request, as a browser tab's first load: on a kept-alive
    # connection requests waits out a 40 ms delayed ACK on every answer, which would
    # hide the pages' own time behind the same 40 ms.
    s.headers["Connection"] = "close"
    csrf = re.search(r'name="csrf" value="([^"]+)"',
                     s.get(f"{url}/console/login", timeout=30).text).group(1)
    r = s.post(f"{url}/console/login", data={"csrf": csrf, "username": "bench",
                                             "password": "bench-password-1"}, timeout=60)
    assert r.url.endswith("/console/terminals"), r.status_code
    some = f"T{args.terminals // 2:05d}"
    pages = ["login", "terminals", "terminals?status=offline", "terminals?status=alerting",
             f"terminals?page={args.terminals // 100}", f"terminals/{some}", "alerts",
             "alerts?page=20", "queues", "ratings", f"ratings?kiosk={some}",
             f"ratings?page={args.terminals // 100}",
             "ratings.csv", f"actions?kiosk={some}"]
    worst_median = 0.0
    print(f"{store + ': page':32} {'median ms':>10} {'max ms':>8}")
    for page in pages:
        times = []
        for _ in range(args.n):
            start = time.perf_counter()
            r = s.get(f"{url}/console/{page}", timeout=60)
            times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 200, (page, r.status_code)
        median = statistics.median(times)
        if page != "login":
            worst_median = max(worst_median, median)
        print(f"{page:32} {median:10.1f} {max(times):8.1f}", flush=True)
    verdict = "OK" if worst_median < TARGET_MS else "OVER"
    print(f"{store}: slowest median {worst_median:.1f} ms (target < {TARGET_MS:.0f} ms): "
          f"{verdict}", flush=True)
    return verdict == "OK"


if __name__ == "__main__":
    sys.exit(main())
