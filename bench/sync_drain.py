"""A backlog of outbox rows drained into the reference hall over loopback, and the cost of
one durable enqueue next to a raw SQLite insert + commit, in the same run.

    .venv/bin/python bench/sync_drain.py [--n 100000] [--samples 2000] [--batch-size 500]

1. Durable enqueue, ``--samples`` times: one :func:`offline_cache.outbox.enqueue` (a third
   with a personal field, sealed) in its own :class:`offline_cache.db.transaction` on the
   kiosk database opened by :func:`offline_cache.db.connect` (WAL, synchronous=FULL,
   busy_timeout), interleaved with a raw ``sqlite3`` INSERT + COMMIT of a ready-made row
   of the same shape into a second file opened with the same pragmas: the raw figure is
   what the disk and SQLite cost alone. Median and p99 of both, and their ratio.
2. The backlog: ``--n`` rows in all (the samples included; the rest written in large
   transactions), drained by one :meth:`SyncEngine.sync_once` into ``python -m hall
   serve`` on 127.0.0.1 (batches of ``--batch-size``, gzip). Transactions per second;
   the hall must then hold each row exactly once (exit 1 otherwise).

Everything lives in a temporary folder, removed at the end with the hall process.
"""
from __future__ import annotations

import argparse
import json
import os
import selectors
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

from offline_cache import db, outbox
from offline_cache.hall_client import HallClient, HallSettings
from offline_cache.sealing import Sealer
from offline_cache.sync import SyncEngine, SyncSettings

ROOT = Path(__file__).resolve().parents[1]
KIOSK, TOKEN, ADMIN = "BENCH1", "bench-kiosk-token-0123456789", "bench-admin-token-0123456789"
CST = timezone(timedelta(hours=8))
KINDS = ("rating", "card_loss_report", "application", "print_job", "device_event")


def row(n: int) -> tuple[str, dict, dict | None]:
    """(kind, payload, personal fields) of backlog row ``n``."""
    personal = {"id_number": f"4401061991{n:08d}"} if n % 3 == 0 else None
    return KINDS[n % len(KINDS)], {"n": n, "score": n % 5 + 1, "service": "SB-001"}, personal


def start_hall(tmp: Path, tokens: dict[str, str] | None = None
               ) -> tuple[subprocess.Popen, str]:
    """``python -m hall serve`` on a free port with a terminal token each (default the
    bench's one terminal); returns the process and its URL."""
    cmd = [sys.executable, "-m", "hall", "serve", "--db", str(tmp / "hall.db"), "--port", "0",
           "--admin-token", ADMIN, "--log-level", "warning"]
    for kiosk_id, token in (tokens or {KIOSK: TOKEN}).items():
        cmd += ["--token", f"{kiosk_id}={token}"]
    with open(tmp / "hall.log", "ab") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        line = proc.stdout.readline().decode() if sel.select(30) else ""
    if not line.startswith("hall listening on http://"):
        stop_hall(proc)
        raise RuntimeError(f"the hall did not start: {(tmp / 'hall.log').read_text()}")
    return proc, line.split()[-1]


def stop_hall(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    proc.stdout.close()


def raw_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas of :func:`offline_cache.db.connect`."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA busy_timeout={db.BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                 "created_at TEXT NOT NULL, payload TEXT NOT NULL, "
                 "state TEXT NOT NULL DEFAULT 'pending', sealed BLOB, error TEXT)")
    conn.execute("CREATE INDEX outbox_pending ON outbox(state, created_at)")
    conn.commit()
    return conn


class Breakdown:
    """Where a drain's time goes, by wrapping the engine's steps in this process (the
    kiosk's) and reading the hall's ``Server-Timing`` (its JSON parsing and validation,
    its store) from each batch answer. Seconds per step; the hall's own are part of the
    HTTP round trip."""

    STEPS = (("pending", "kiosk: read the pending rows (SQLite, JSON)"),
             ("cut", "kiosk: unseal personal fields, size each row (JSON)"),
             ("encode", "kiosk: the batch's JSON and gzip, the answer's JSON"),
             ("http", "HTTP round trip, of which:"),
             ("hall_parse", "  hall: JSON and validation"),
             ("hall_store", "  hall: the store's transaction"),
             ("apply", "kiosk: delete the delivered rows (SQLite)"))

    def __init__(self) -> None:
        self.seconds = dict.fromkeys((k for k, _ in self.STEPS), 0.0)
        self.batches = 0
        self._undo: list[tuple[object, str, object]] = []

    def _wrap(self, owner, name: str, step: str) -> None:
        real = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                self.seconds[step] += time.perf_counter() - start
        self._undo.append((owner, name, real))
        setattr(owner, name, timed)

    def __enter__(self) -> Breakdown:
        from offline_cache import sync
        self._wrap(sync.outbox, "pending", "pending")
        self._wrap(SyncEngine, "_cut", "cut")
        self._wrap(HallClient, "post_batch", "encode")     # the HTTP part taken out below
        self._wrap(sync.outbox, "apply_results", "apply")
        real_send = HallClient._send
        breakdown = self

        def send(client, method, path, **kwargs):
            start = time.perf_counter()
            response = real_send(client, method, path, **kwargs)
            breakdown.seconds["http"] += time.perf_counter() - start
            if path.endswith("transactions:batch"):
                breakdown.batches += 1
                for part in response.headers.get("Server-Timing", "").split(","):
                    name, _, dur = part.strip().partition(";dur=")
                    if name in ("parse", "store") and dur:
                        breakdown.seconds[f"hall_{name}"] += float(dur) / 1000
            return response
        self._undo.append((HallClient, "_send", real_send))
        HallClient._send = send
        return self

    def __exit__(self, *exc) -> None:
        for owner, name, real in reversed(self._undo):
            setattr(owner, name, real)

    def report(self, total_s: float) -> list[str]:
        self.seconds["encode"] -= self.seconds["http"]
        lines = [f"  where the time went ({self.batches} batches; ms per batch, share "
                 f"of the drain):"]
        for step, what in self.STEPS:
            per = self.seconds[step] / max(1, self.batches) * 1000
            lines.append(f"    {what:52} {per:7.2f} ms  {self.seconds[step] / total_s:6.1%}")
        rest = total_s - sum(self.seconds[k] for k in
                             ("pending", "cut", "encode", "http", "apply"))
        lines.append(f"    {'kiosk: the rest (the engine, attachments, state)':52} "
                     f"{rest / max(1, self.batches) * 1000:7.2f} ms  {rest / total_s:6.1%}")
        return lines


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="backlog rows (default 100000)")
    parser.add_argument("--samples", type=int, default=2000,
                        help="timed single enqueues and raw inserts (default 2000)")
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args(argv)
    if not 0 < args.samples <= args.n:
        parser.error("--samples must be between 1 and --n")
    # A SIGTERM unwinds like Ctrl-C, so the hall and the temporary folder go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sync-drain-") as tmp_name:
        tmp = Path(tmp_name)
        hall, url = start_hall(tmp)
        client = HallClient(HallSettings(url=url, kiosk_id=KIOSK, token=TOKEN,
                                         read_timeout=120.0))
        try:
            sealer = Sealer.load_or_create(tmp / "outbox.key")
            conn = db.connect(tmp / "kiosk.db")
            raw = raw_connect(tmp / "raw.db")

            # 1. One durable enqueue at a time, interleaved with the raw insert.
            enqueue_s, raw_s = [], []
            for n in range(args.samples):
                kind, payload, personal = row(n)
                start = time.perf_counter()
                with db.transaction(conn):
                    outbox.enqueue(conn, kind, payload, datetime.now(CST), personal=personal,
                                   sealer=sealer)
                enqueue_s.append(time.perf_counter() - start)
                values = (str(uuid.uuid4()), kind, datetime.now(CST).isoformat(),
                          json.dumps(payload), os.urandom(60) if personal else None)
                start = time.perf_counter()
                raw.execute("INSERT INTO outbox (id, kind, created_at, payload, sealed) "
                            "VALUES (?, ?, ?, ?, ?)", values)
                raw.commit()
                raw_s.append(time.perf_counter() - start)
            raw.close()

            # 2. The rest of the backlog, in large transactions.
            start = time.perf_counter()
            for first in range(args.samples, args.n, 5000):
                with db.transaction(conn):
                    for n in range(first, min(first + 5000, args.n)):
                        kind, payload, personal = row(n)
                        outbox.enqueue(conn, kind, payload, datetime.now(CST),
                                       personal=personal, sealer=sealer)
            backlog_s = time.perf_counter() - start

            # 3. Drain it.
            engine = SyncEngine(tmp / "kiosk.db", client, sealer,
                                SyncSettings(batch_size=args.batch_size))
            start = time.perf_counter()
            with Breakdown() as breakdown:
                counts = engine.sync_once(conn)
            drain_s = time.perf_counter() - start
            left = outbox.pending_count(conn)
            conn.close()
            stats = requests.get(f"{url}/admin/v1/transactions/stats", timeout=60,
                                 headers={"Authorization": f"Bearer {ADMIN}"}).json()
        finally:
            client.close()
            stop_hall(hall)
    total_s = time.perf_counter() - began

    ms = 1000.0
    e50, e99 = statistics.median(enqueue_s) * ms, quantile(enqueue_s, 0.99) * ms
    r50, r99 = statistics.median(raw_s) * ms, quantile(raw_s, 0.99) * ms
    print(f"durable enqueue, {args.samples} samples (WAL, synchronous=FULL):")
    print(f"  outbox.enqueue + transaction  median {e50:7.3f} ms   p99 {e99:7.3f} ms")
    print(f"  raw sqlite3 INSERT + COMMIT   median {r50:7.3f} ms   p99 {r99:7.3f} ms")
    print(f"  ratio enqueue/raw             median {e50 / r50:7.2f}      p99 {e99 / r99:7.2f}")
    print(f"backlog: {args.n} rows ({args.n - args.samples} written in {backlog_s:.1f} s "
          f"in transactions of 5000)")
    print(f"drain into the hall over loopback (batches of {args.batch_size}, gzip): "
          f"{drain_s:.1f} s, {args.n / drain_s:,.0f} transactions/s")
    print("\n".join(breakdown.report(drain_s)))
    print(f"  kiosk results {counts}, left pending {left}")
    print(f"  hall: applied {stats['applied']}, distinct {stats['distinct_ids']}, "
          f"applied more than once {stats['applied_more_than_once']}")
    print(f"total run time {total_s:.1f} s")
    exactly_once = (left == 0 and counts["accepted"] == args.n
                    and stats["applied"] == stats["distinct_ids"] == args.n)
    if not exactly_once:
        print("the hall does not hold each row exactly once", file=sys.stderr)
    return 0 if exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())
