"""Exactly once, end to end: 1,000 citizen actions recorded by a kiosk process while its
sync engine delivers them to a real hall process through a network the test controls,
with every fault of issue 4 made to happen (and checked to have happened):

- the kiosk killed (SIGKILL) at random points, and once after the hall committed its batch
  but before it read the results; restarted each time, it resumes from its database;
- the hall's committed answers lost: dropped by the network, or held back beyond the
  kiosk's read timeout; a hall slow to handle a batch at all;
- 503 with Retry-After;
- the network cut for "minutes": a few seconds, with the kiosk's backoff scaled down from
  base 1 s / cap 300 s to 0.05 s / 1 s; the kiosk killed while the hall is unreachable and
  started again later: it carries on from its database;
- the hall killed mid-batch and restarted, before handling a batch and after committing it.

At the end the hall holds each created transaction exactly once, with its payload (sealed
personal fields included), the kiosk's outbox is empty, both databases are intact.
"""
from __future__ import annotations

import contextlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from offline_cache import db, outbox, sync

from .kiosk_proc import action
from .support import ROOT, FaultProxy, HallProcess, token_of, wait_for

KIOSK = "S1"
TOTAL = 1000
READ_TIMEOUT = 1.0          # the kiosk's; the slow-hall faults exceed it
RETRY_AFTER = 2             # seconds; above the kiosk's backoff cap (1 s), so it shows
PACE = 0.025                # mean seconds between two citizen actions (about 30 a second:
                            # the faults are over by about the 600th)


class KioskProcess:
    """``python -m tests.sync.kiosk_proc`` on one database, killed and restarted at will."""

    def __init__(self, workdir: Path, hall_url: str, rng: random.Random):
        self.db = workdir / "kiosk.db"
        self.key = workdir / "keys" / "outbox.key"
        self.events_path = workdir / "kiosk-events.jsonl"
        self.log = workdir / "kiosk.log"
        self.hall_url, self.rng = hall_url, rng
        self.proc: subprocess.Popen | None = None

    def start(self) -> dict:
        """Start it and return its ``start`` event (what it found in its database)."""
        cmd = [sys.executable, "-m", "tests.sync.kiosk_proc", "--db", str(self.db),
               "--key", str(self.key), "--hall", self.hall_url, "--kiosk-id", KIOSK,
               "--token", token_of(KIOSK), "--events", str(self.events_path),
               "--total", str(TOTAL), "--seed", str(self.rng.randrange(2**31)),
               "--read-timeout", str(READ_TIMEOUT), "--pace", str(PACE)]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        pid = self.proc.pid
        return wait_for(lambda: next((e for e in self.events() if e["pid"] == pid
                                      and e["event"] == "start"), None)
                        or self._still_running(), 30, "the kiosk process to start")

    def _still_running(self) -> None:
        assert self.proc.poll() is None, f"the kiosk process died: {self.log.read_text()}"

    def kill(self) -> int:
        """SIGKILL; returns the rows it left pending."""
        self._still_running()
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=15)
        return self.pending()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        return self.proc.returncode

    def events(self, since: float = 0.0) -> list[dict]:
        if not self.events_path.exists():
            return []
        text = self.events_path.read_text()
        lines = text.split("\n")[:-1]         # the last one may still be being written
        return [e for e in map(json.loads, lines) if e["t"] >= since]

    def errors(self, code: str, since: float = 0.0, pid: int | None = None) -> list[dict]:
        return [e for e in self.events(since) if e.get("error") == code
                and (pid is None or e["pid"] == pid)]

    def _one(self, sql: str) -> int:
        with contextlib.closing(sqlite3.connect(self.db, timeout=10)) as conn:
            try:
                return conn.execute(sql).fetchone()[0]
            except sqlite3.OperationalError as e:       # before the first start
                if "no such table" in str(e):
                    return 0
                raise

    def created(self) -> int:
        return self._one("SELECT COUNT(*) FROM citizen_actions")

    def pending(self) -> int:
        return self._one("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")


def in_flight_batch(proxy: FaultProxy, since: float):
    batches = proxy.batches("in_flight", since)
    return batches[0] if batches else None


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_each_transaction_reaches_the_hall_exactly_once(tmp_path):
    rng = random.Random(20261122)
    hall = HallProcess(tmp_path, [KIOSK]).start()
    proxy = FaultProxy(hall.port)
    kiosk = KioskProcess(tmp_path, proxy.start(), rng)
    seen: dict[str, object] = {}           # what each fault did (printed for the record)
    try:
        kiosk.start()
        wait_for(lambda: hall.stats(KIOSK)["applied"] >= 30, 30,
                 "the first transactions to reach the hall")

        # 1. The kiosk killed at random points (mid-write, mid-batch, idle), restarted.
        random_kills = []
        for _ in range(3):
            time.sleep(rng.uniform(0.1, 1.0))       # a random point in its life
            random_kills.append(kiosk.kill())
            kiosk.start()
        seen["random_kiosk_kills_pending"] = random_kills
        assert any(random_kills), "no random kill left rows pending"

        # 2. Killed after the hall committed its batch, before reading the results: the
        #    hall holds its answers back (still within the read timeout).
        hall.faults(latency_after_s=0.8)
        t = time.monotonic()                         # later requests meet the fault
        batch = wait_for(lambda t=t: in_flight_batch(proxy, t), 15, "a batch in flight")
        wait_for(lambda batch=batch: hall.holds(KIOSK, batch.transaction_ids()), 5,
                 "the hall to commit the batch", interval=0.05)
        pending = kiosk.kill()
        wait_for(lambda batch=batch: batch.outcome != "in_flight", 10, "the hall's held answer")
        hall.faults()
        assert pending > 0 and batch.outcome == "kiosk_gone" and batch.status == 200, batch
        restarted = kiosk.start()
        assert restarted["pending"] == pending       # resumes from its database
        seen["killed_before_reading_committed_batch"] = pending

        # 3. The network loses the hall's answers to three committed batches.
        proxy.drop_batch_responses(3)
        dropped = wait_for(lambda: len(proxy.batches("dropped")) == 3
                           and proxy.batches("dropped"), 20, "three dropped answers")
        assert all(hall.holds(KIOSK, b.transaction_ids()) for b in dropped)
        seen["answers_dropped_after_commit"] = len(dropped)

        # 4. A slow hall: answers held back after committing beyond the read timeout; then
        #    a hall that waits beyond it before handling anything.
        hall.faults(latency_after_s=READ_TIMEOUT + 0.5)
        t = time.monotonic()
        late = wait_for(lambda: [b for b in proxy.batches("kiosk_gone", t) if b.status == 200],
                        20, "a committed batch whose answer came after the read timeout")
        assert hall.holds(KIOSK, late[0].transaction_ids())
        hall.faults(latency_s=READ_TIMEOUT + 0.5)
        t2 = time.monotonic()
        wait_for(lambda: [b for b in proxy.batches(since=t2) if b.kiosk_left_at], 20,
                 "a batch the kiosk gave up on before the hall handled it")
        hall.faults()
        timeouts = kiosk.errors("timeout", t)
        assert timeouts, "the kiosk never reported a read timeout"
        seen["read_timeouts"] = len(timeouts)

        # 5. 503 with Retry-After, twice: the kiosk waits at least that long each time.
        t = time.monotonic()                         # (before: count every 503)
        hall.faults(fail_status=503, retry_after_s=RETRY_AFTER, fail_count=2)

        def after_last_503():
            ex = [e for e in proxy.exchanges() if e.sent_at >= t and e.kiosk_id == KIOSK]
            refused = [i for i, e in enumerate(ex) if e.status == 503]
            return ex if len(refused) == 2 and refused[-1] + 1 < len(ex) else None

        ex = wait_for(after_last_503, 20, "two 503 answers and the request after them")
        gaps = [ex[i + 1].sent_at - e.answered_at for i, e in enumerate(ex[:-1])
                if e.status == 503]
        assert all(gap >= RETRY_AFTER for gap in gaps), gaps
        seen["retry_after_gaps_s"] = [round(g, 2) for g in gaps]

        # 6. The network cut for "minutes" (time scaled by the backoff settings); the
        #    kiosk killed while the hall is unreachable, started again later.
        t = cut_at = time.monotonic()
        proxy.cut()
        wait_for(lambda: len(kiosk.errors("unreachable", t)) >= 3 and kiosk.pending() >= 60,
                 30, "retries against the cut network and a backlog")
        pending = kiosk.kill()
        time.sleep(1.0)                              # the terminal stays off a while
        restarted = kiosk.start()
        assert restarted["pending"] == pending > 0
        wait_for(lambda: len(kiosk.errors("unreachable", t, kiosk.proc.pid)) >= 3, 30,
                 "the restarted kiosk to retry against the cut network")
        seen["network_cut"] = {"unreachable_retries": len(kiosk.errors("unreachable", t)),
                               "pending_when_killed": pending}

        # 7. The hall killed mid-batch and restarted: before it handled the batch, then
        #    after it committed it, before its answer went out (faults hold the batch).
        hall_kills = []
        for fault in ({"latency_s": 0.6}, {"latency_after_s": 0.6}):
            hall.faults(**fault)
            t = time.monotonic()
            if not hall_kills:
                proxy.restore()                      # the backlog starts to drain
                seen["network_cut"]["cut_s"] = round(time.monotonic() - cut_at, 1)
            batch = wait_for(lambda t=t: in_flight_batch(proxy, t), 15, "a batch in flight")
            if "latency_after_s" in fault:
                wait_for(lambda batch=batch: hall.holds(KIOSK, batch.transaction_ids()), 5,
                         "the hall to commit the batch", interval=0.05)
            else:
                time.sleep(0.2)                      # well within the 0.6 s it is held
            hall.kill()
            wait_for(lambda batch=batch: batch.outcome != "in_flight", 10,
                     "the proxy to see the hall die")
            assert batch.outcome == "hall_gone", batch
            hall_kills.append({**fault, "batch": len(batch.transaction_ids()),
                               "pending": kiosk.pending()})
            time.sleep(0.3)                          # down a moment: the kiosk sees it
            hall.start()                             # same database and port, no faults
        seen["hall_kills_mid_batch"] = hall_kills
        seen["created_when_faults_done"] = kiosk.created()

        # The end: everything created, everything delivered.
        wait_for(lambda: kiosk.created() == TOTAL and kiosk.pending() == 0, 90,
                 f"{TOTAL} actions created and the outbox drained")
        assert kiosk.stop() == 0, kiosk.log.read_text()
        stats = hall.stats(KIOSK)
        held = hall.transactions(KIOSK, limit=2 * TOTAL)
        hall.stop()
    finally:
        print("faults so far:", seen)               # shown by pytest when the test fails
        if kiosk.proc:
            kiosk.stop()
        proxy.close()
        hall.kill()

    # The hall holds each created transaction exactly once, as it was created.
    assert stats["applied"] == stats["distinct_ids"] == stats["keys"] == TOTAL, stats
    assert stats["applied_more_than_once"] == 0
    with contextlib.closing(db.connect(kiosk.db)) as conn:
        created = dict(conn.execute("SELECT tx_id, n FROM citizen_actions").fetchall())
        assert outbox.pending_count(conn) == 0 and outbox.quarantined_count(conn) == 0
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0  # all deleted
        status = sync.status(conn)
        assert status["depth"] == 0 and status["quarantined"] == 0
    assert len(created) == TOTAL and sorted(created.values()) == list(range(TOTAL))
    assert sorted(t["id"] for t in held) == sorted(created)
    for t in held:
        kind, payload, personal = action(created[t["id"]])
        assert (t["kind"], t["payload"]) == (kind, {**payload, **(personal or {})})
    assert integrity(kiosk.db) == "ok" and integrity(hall.db) == "ok"

    # What the kiosk saw: resends answered "duplicate", nothing rejected, and the hall
    # never said "accepted" twice for one transaction.
    results = [e["results"] for e in kiosk.events() if "results" in e]
    accepted = sum(r.get("accepted", 0) for r in results)
    duplicates = sum(r.get("duplicate", 0) for r in results)
    assert not any(set(r) - {"accepted", "duplicate"} for r in results), results
    assert accepted <= TOTAL and duplicates > 0
    seen.update(kiosk_starts=len([e for e in kiosk.events() if e["event"] == "start"]),
                accepted=accepted, duplicates=duplicates)
    print("faults exercised:", json.dumps(seen))
