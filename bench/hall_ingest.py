"""The hall's ingest under many terminals, on SQLite (1 worker) and PostgreSQL (1, 2, 4
workers), next to each database's own ceiling, in one run.

    .venv/bin/python bench/hall_ingest.py [--terminals N] [--seconds S] [--batch B]
                                          [--offered R] [--offered-seconds S]
                                          [--storm-rows Q] [--configs store:workers,...]

Each configuration: a real hall process (``python -m hall serve``) on a new store, and N
simulated terminals (asyncio over loopback, one keep-alive connection and one token
each), each sending batches of B outbox rows of realistic kinds (tickets from a leased
block, ratings, applications with personal data), plus a heartbeat every 30 s (random
phase), in two runs: back to back for S seconds (the capacity: latency there is only
the queue), then paced, each terminal one batch at its own steady interval so that R
transactions/s are offered in all (the sustained load, for latency). Reported per run:
accepted transactions/s, p50/p99 batch latency, errors; then the hall's own counts are
checked (every accepted row applied exactly once).

The ceiling: the same rows, in the same batch sizes, inserted straight into the
database as the hall stores them (keys with ``INSERT ... ON CONFLICT DO NOTHING``, then
the records, one transaction a batch) from 4 connections (PostgreSQL) or one (SQLite).

``--storm-rows Q``: last, on PostgreSQL with 4 workers, every terminal reconnects at once
with Q queued rows and sends them in batches of 500; the drain time is reported and the
hall's counts checked (no row lost, none applied twice).

The PostgreSQL server is a throw-away cluster (tests/pg_support.py) with the durable
defaults (fsync on). Compare ratios, not absolute figures: the machine is shared and the
terminals' own event loop runs on the same cores as the hall.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hall.sealing import HallKeys  # noqa: E402
from hall.transactions import canonical_json, payload_hash  # noqa: E402
from tests.pg_support import PostgresServer  # noqa: E402

CST = timezone(timedelta(hours=8))
ADMIN = "bench-admin-token-0123456789abcdef"
HEARTBEAT_EVERY_S = 30
# A batch call's whole deadline, as the kiosk has it (offline_cache.hall_client
# HallSettings.total_timeout): a call past it is abandoned and sent again.
REQUEST_TIMEOUT_S = 60


# Terminals -----------------------------------------------------------------------------
class Terminal:
    """One kiosk: a keep-alive HTTP/1.1 connection (raw asyncio streams)."""

    def __init__(self, host: str, port: int, kiosk_id: str, token: str):
        self.host, self.port, self.kiosk_id, self.token = host, port, kiosk_id, token
        self.reader = self.writer = None
        self.block = None
        self.next_seq = 0

    async def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
                f"Authorization: Bearer {self.token}\r\nX-Kiosk-Id: {self.kiosk_id}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.wait_for(
                        asyncio.open_connection(self.host, self.port), REQUEST_TIMEOUT_S)
                self.writer.write(head.encode() + data)
                return await asyncio.wait_for(self._response(), REQUEST_TIMEOUT_S)
            except (TimeoutError, OSError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self) -> tuple[int, dict]:
        line = await self.reader.readline()
        if not line:                    # the hall closed an idle keep-alive connection
            raise ConnectionResetError("closed by the hall")
        status = int(line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = await self.reader.readexactly(length)
        return status, json.loads(body) if body else {}

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    def rows(self, count: int, rng: random.Random) -> list[dict]:
        """``count`` outbox rows: 1 in 5 a ticket from the leased block, ratings,
        applications."""
        now = datetime.now(CST).isoformat(timespec="seconds")
        out = []
        for _ in range(count):
            r = rng.random()
            if r < 0.2 and self.block and self.next_seq <= self.block["last"]:
                payload = {"number": f"{self.block['prefix']}{self.next_seq:03d}",
                           "category": "registration", "kind": "accept", "issued_at": now,
                           "block_id": self.block["block_id"], "seq": self.next_seq,
                           "source": "leased_block"}
                self.next_seq += 1
                kind = "ticket"
            elif r < 0.6:
                kind, payload = "rating", {"service": "ss_payment_history",
                                           "level": rng.randint(1, 5), "ticket": "A017"}
            else:
                kind, payload = "application", {
                    "service_code": "card_application", "name": "欧阳娜娜",
                    "phone": f"139{rng.randrange(10**8):08d}",
                    "address": "广州市天河区体育西路191号", "holder": uuid.uuid4().hex}
            out.append({"id": str(uuid.uuid4()), "kind": kind, "created_at": now,
                        "payload": payload})
        return out


HEARTBEAT = {"software_version": "bench", "uptime_s": 1, "outbox_depth": 0,
             "oldest_pending_age_s": None, "devices": {}}


async def terminal_loop(t: Terminal, until: float, batch: int, interval: float,
                        rng: random.Random, stats: dict) -> None:
    next_heartbeat = time.monotonic() + rng.uniform(0, HEARTBEAT_EVERY_S)
    next_batch = time.monotonic() + rng.uniform(0, interval)
    while True:
        if interval:                    # paced: every batch due inside the window is sent
            if next_batch >= until:
                break
            await asyncio.sleep(max(0.0, next_batch - time.monotonic()))
            next_batch += interval
        elif time.monotonic() >= until:
            break
        if time.monotonic() >= next_heartbeat:
            try:
                status, _ = await t.request("POST", f"/api/v1/kiosks/{t.kiosk_id}/heartbeat",
                                            HEARTBEAT)
                stats["heartbeats"] += 1
                stats["errors"] += status != 200
            except Exception:
                stats["errors"] += 1
            next_heartbeat += HEARTBEAT_EVERY_S
        rows = t.rows(batch, rng)
        started = time.monotonic()
        try:
            status, body = await t.request(
                "POST", f"/api/v1/kiosks/{t.kiosk_id}/transactions:batch",
                {"transactions": rows})
        except Exception:
            stats["errors"] += 1
            continue
        if status != 200:
            stats["errors"] += 1
            continue
        stats["latencies"].append(time.monotonic() - started)
        statuses = [r["status"] for r in body["results"]]
        stats["accepted"] += statuses.count("accepted")
        stats["errors"] += len(statuses) - statuses.count("accepted")
        stats["ticket_rows"] += sum(r["kind"] == "ticket" for r in rows)


async def run_terminals(terminals: list[Terminal], seconds: float, batch: int,
                        interval: float) -> dict:
    stats = {"accepted": 0, "errors": 0, "heartbeats": 0, "latencies": [], "ticket_rows": 0}
    # Every terminal leases a block first (what it issues offline numbers from).
    sem = asyncio.Semaphore(100)

    async def lease(t):
        async with sem:
            status, body = await t.request("POST", f"/api/v1/kiosks/{t.kiosk_id}/ticket-blocks",
                                           {"category": "registration", "size": 500})
            if status == 200:
                t.block, t.next_seq = body, body["first"]
    await asyncio.gather(*(lease(t) for t in terminals))
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(terminal_loop(t, until, batch, interval, random.Random(n), stats)
                           for n, t in enumerate(terminals)))
    stats["elapsed"] = time.monotonic() - started
    for t in terminals:
        t.close()
    return stats


async def storm(terminals: list[Terminal], queued: int) -> tuple[float, int, int, int]:
    """Every terminal at once with ``queued`` rows, sent in batches of 500 (each batch
    resent until it gets results, as the outbox does: a row of a batch the hall applied
    but whose answer was lost is then a duplicate). Returns the time, the rows answered
    accepted and duplicate, and the batches sent again."""
    rng = random.Random(7)
    accepted = duplicates = resent = 0
    queues = {t.kiosk_id: t.rows(queued, rng) for t in terminals}   # queued before it

    async def drain(t: Terminal):
        nonlocal accepted, duplicates, resent
        rows = queues[t.kiosk_id]
        for i in range(0, len(rows), 500):
            for attempt in itertools.count():
                resent += attempt == 1
                try:
                    status, body = await t.request(
                        "POST", f"/api/v1/kiosks/{t.kiosk_id}/transactions:batch",
                        {"transactions": rows[i:i + 500]})
                except Exception:
                    await asyncio.sleep(0.5)
                    continue
                if status == 200:
                    statuses = [r["status"] for r in body["results"]]
                    accepted += statuses.count("accepted")
                    duplicates += statuses.count("duplicate")
                    break
                await asyncio.sleep(0.5)

    started = time.monotonic()
    await asyncio.gather(*(drain(t) for t in terminals))
    elapsed = time.monotonic() - started
    for t in terminals:
        t.close()
    return elapsed, accepted, duplicates, resent


# The hall --------------------------------------------------------------------------------
class Hall:
    def __init__(self, db: str, key: str | None, workers: int, tokens_file: Path, log: Path):
        args = [sys.executable, "-m", "hall", "serve", "--db", db, "--port", "0",
                "--tokens", str(tokens_file), "--admin-token", ADMIN,
                "--max-connections", "4000", "--max-connections-per-client", "0",
                "--workers", str(workers)]
        if key:
            args += ["--key", key]
        self.log = log
        self.proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=open(log, "ab"))  # noqa: SIM115 (the hall's, for its life)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("hall listening on http://"):
            raise RuntimeError(f"the hall did not start: {line!r} {log.read_text()[-2000:]}")
        self.port = int(line.rsplit(":", 1)[1])

    def stats(self) -> dict:
        import urllib.request
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/admin/v1/transactions/stats",
                                     headers={"Authorization": f"Bearer {ADMIN}"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())
        except OSError as e:
            raise RuntimeError(f"the hall's counts: {e}; its log ends: "
                               f"{self.log.read_text()[-3000:]}") from e

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# The ceiling ------------------------------------------------------------------------------
def ceiling_rows(batches: int, batch: int, keys: HallKeys) -> list[list[tuple]]:
    t = Terminal("", 0, "K0001", "")
    rng = random.Random(1)
    out = []
    for _ in range(batches):
        rows = []
        for row in t.rows(batch, rng):
            sealed = (canonical_json(row["payload"]) if row["kind"] == "rating"
                      else keys.seal_text(canonical_json(row["payload"]), "transactions.payload"))
            rows.append((row["id"], row["kind"], keys.digest(payload_hash(row["kind"],
                                                                          row["payload"])),
                         row["created_at"], sealed))
        out.append(rows)
    return out


def pg_ceiling(url: str, key: Path, batches: list[list[tuple]], connections: int = 4) -> float:
    """Rows/s of keys + records inserted straight into PostgreSQL, as the hall does."""
    import psycopg

    from hall.storage_pg import PostgresStorage
    PostgresStorage(url, key).close()             # the hall's schema
    chunks = [batches[i::connections] for i in range(connections)]

    def work(mine):
        with psycopg.connect(url) as conn:
            for rows in mine:
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO idempotency_keys (id, kiosk_id, kind, payload_hash, "
                        "received_at) SELECT k.id, 'K0001', k.kind, k.hash, 0 FROM "
                        "unnest(%s::text[], %s::text[], %s::text[]) AS k(id, kind, hash) "
                        "ON CONFLICT (id) DO NOTHING RETURNING id",
                        ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))
                    with conn.cursor() as cur:
                        cur.executemany("INSERT INTO transactions (id, kiosk_id, kind, "
                                        "created_at, payload, received_at) "
                                        "VALUES (%s, 'K0001', %s, %s, %s, 0)",
                                        [(r[0], r[1], r[3], r[4]) for r in rows])

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(map(len, batches)) / (time.monotonic() - started)


def sqlite_ceiling(path: Path, batches: list[list[tuple]]) -> float:
    from hall.storage import SQLiteStorage
    SQLiteStorage(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    started = time.monotonic()
    for rows in batches:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO idempotency_keys (id, kiosk_id, kind, payload_hash, "
                         "received_at) VALUES (?, 'K0001', ?, ?, 0) ON CONFLICT (id) DO NOTHING",
                         [(r[0], r[1], r[2]) for r in rows])
        conn.executemany("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                         "received_at) VALUES (?, 'K0001', ?, ?, ?, 0)",
                         [(r[0], r[1], r[3], r[4]) for r in rows])
        conn.execute("COMMIT")
    conn.close()
    return sum(map(len, batches)) / (time.monotonic() - started)


# The run ----------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terminals", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20,
                        help="the capacity run: batches back to back for this long "
                             "(0: none)")
    parser.add_argument("--offered", type=float, default=5000,
                        help="the paced run: this many transactions/s offered in all, "
                             "each terminal sending a batch at its own steady interval "
                             "(0: none)")
    parser.add_argument("--offered-seconds", type=float, default=40)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--storm-rows", type=int, default=0)
    parser.add_argument("--configs", default="sqlite:1,postgres:1,postgres:2,postgres:4")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    work = Path(tempfile.mkdtemp(prefix="hall-bench-"))
    tokens = {f"K{n:04d}": f"bench-token-{n:04d}-{uuid.uuid4().hex}"
              for n in range(1, args.terminals + 1)}
    tokens_file = work / "tokens.json"
    tokens_file.write_text(json.dumps(tokens))
    tokens_file.chmod(0o600)
    pg = PostgresServer(fsync=True).start()
    interval = args.terminals * args.batch / args.offered if args.offered else 0
    runs = ([("capacity", args.seconds, 0.0)] if args.seconds else []) + \
        ([(f"{args.offered:,.0f}/s", args.offered_seconds, interval)] if args.offered else [])
    paced = (f"one batch every {interval:.1f} s per terminal for "
             f"{args.offered_seconds:.0f} s" if args.offered else "none")
    print(f"{args.terminals} terminals, batches of {args.batch}; capacity: back to back for "
          f"{args.seconds:.0f} s; paced: {paced}; heartbeats every {HEARTBEAT_EVERY_S} s; "
          f"{os.cpu_count()} cores; PostgreSQL 15 (fsync on), SQLite WAL synchronous=FULL")
    print(f"{'store':10} {'workers':>7} {'load':>9} {'tx/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>7} {'heartbeats':>10} {'ceiling tx/s':>13} {'of ceiling':>10}  check")
    keys = HallKeys.ephemeral()
    try:
        ceilings = {}
        for n, config in enumerate(args.configs.split(",")):
            store, workers = config.split(":")
            if store == "sqlite":
                db, key = str(work / f"hall{n}.db"), None
            else:
                db, key = pg.create_database("bench"), str(work / f"hall{n}.key")
            hall = Hall(db, key, int(workers), tokens_file, work / f"hall{n}.log")
            try:
                terminals = [Terminal("127.0.0.1", hall.port, k, v) for k, v in tokens.items()]
                accepted = 0
                for load, seconds, pace in runs:
                    stats = asyncio.run(run_terminals(terminals, seconds, args.batch, pace))
                    accepted += stats["accepted"]
                    counted = hall.stats()
                    check = ("ok" if counted["applied"] == accepted
                             and counted["applied_more_than_once"] == 0 else
                             f"MISMATCH hall applied {counted['applied']}")
                    if store not in ceilings:
                        batches = ceiling_rows(
                            max(20, int(stats["accepted"] / args.batch / 4)), args.batch, keys)
                        ceilings[store] = (pg_ceiling(pg.create_database("ceiling"),
                                                      work / "ceiling.key", batches)
                                           if store == "postgres"
                                           else sqlite_ceiling(work / "ceiling.db", batches))
                    rate = stats["accepted"] / stats["elapsed"]
                    share = f"{rate / ceilings[store]:.0%}" if not pace else "-"
                    print(f"{store:10} {workers:>7} {load:>9} {rate:8.0f} "
                          f"{pct(stats['latencies'], 50) * 1000:8.0f} "
                          f"{pct(stats['latencies'], 99) * 1000:8.0f} {stats['errors']:7d} "
                          f"{stats['heartbeats']:10d} {ceilings[store]:13.0f} "
                          f"{share:>10}  {check}", flush=True)
                if args.storm_rows and config == "postgres:4":
                    before = hall.stats()["applied"]
                    elapsed, accepted, duplicates, resent = asyncio.run(
                        storm(terminals, args.storm_rows))
                    after = hall.stats()
                    expected = args.terminals * args.storm_rows
                    # Each row in the hall once, and each acknowledged to its terminal
                    # (accepted, or a duplicate of a batch whose answer it never got).
                    ok = (after["applied"] - before == expected
                          and after["applied_more_than_once"] == 0
                          and accepted + duplicates >= expected and accepted <= expected)
                    print(f"storm: {args.terminals} terminals x {args.storm_rows} queued rows "
                          f"drained in {elapsed:.1f} s ({expected / elapsed:.0f} tx/s); "
                          f"{resent} batches sent again after the {REQUEST_TIMEOUT_S} s "
                          f"deadline, {duplicates} rows answered duplicate; "
                          f"{after['applied'] - before} applied, "
                          f"{'none lost or applied twice' if ok else 'MISMATCH'}", flush=True)
            finally:
                hall.stop()
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
