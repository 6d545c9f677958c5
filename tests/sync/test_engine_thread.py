"""The sync thread outlives a database it cannot write for a while (another connection
holds it locked beyond busy_timeout, as a long transaction or a full disk would): it
carries on, and what was written meanwhile still reaches the hall."""
from __future__ import annotations

import contextlib
import logging
import random
import sqlite3
import time
from datetime import datetime, timedelta, timezone

from offline_cache import db, outbox
from offline_cache.backoff import Backoff
from offline_cache.hall_client import HallClient, HallSettings
from offline_cache.sealing import Sealer
from offline_cache.sync import SyncEngine, SyncSettings

from .support import HallProcess, token_of, wait_for

CST = timezone(timedelta(hours=8))


def enqueue(path, count: int) -> None:
    with contextlib.closing(db.connect(path)) as conn, db.transaction(conn):
        for n in range(count):
            outbox.enqueue(conn, "rating", {"score": n % 5 + 1}, datetime.now(CST))


def test_sync_thread_survives_a_locked_database(tmp_path, monkeypatch, caplog):
    hall = HallProcess(tmp_path, ["L1"]).start()
    path = tmp_path / "kiosk.db"
    enqueue(path, 3)
    # The engine's connection (opened by its thread) gives up on a lock after 0.1 s.
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    client = HallClient(HallSettings(url=hall.url, kiosk_id="L1", token=token_of("L1")))
    engine = SyncEngine(path, client, Sealer.load_or_create(tmp_path / "outbox.key"),
                        SyncSettings(interval=0.2),
                        backoff=Backoff(base=0.05, cap=0.2, floor=0.05, rng=random.Random(3)))
    try:
        engine.start()
        wait_for(lambda: hall.stats("L1")["applied"] == 3, 20, "the first rows to drain")
        monkeypatch.undo()
        caplog.set_level(logging.ERROR, logger="offline_cache.sync")
        lock = sqlite3.connect(path, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            time.sleep(1.0)              # the lock lasts several rounds (0.2 s apart)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert any("round failed" in r.getMessage() for r in caplog.records), \
            "no round ran into the lock"
        enqueue(path, 2)
        wait_for(lambda: hall.stats("L1")["applied"] == 5, 20,
                 "the sync thread to carry on and drain the rows written after the lock")
    finally:
        engine.stop()
        client.close()
        hall.stop()


def test_a_failing_link_is_logged_when_it_starts_and_when_it_ends(tmp_path, caplog):
    """A village terminal offline for days: one line, not one per round."""
    hall = HallProcess(tmp_path, ["L2"]).start()
    path = tmp_path / "kiosk.db"
    client = HallClient(HallSettings(url=hall.url, kiosk_id="L2", token=token_of("L2")))
    engine = SyncEngine(path, client, Sealer.load_or_create(tmp_path / "outbox.key"),
                        SyncSettings(interval=0.1),
                        backoff=Backoff(base=0.05, cap=0.1, floor=0.05, rng=random.Random(5)))
    caplog.set_level(logging.INFO, logger="offline_cache.sync")
    rounds = []
    real_once = engine.sync_once

    def counted(conn):
        rounds.append(1)
        return real_once(conn)

    engine.sync_once = counted
    try:
        hall.faults(fail_status=503)
        engine.start()
        wait_for(lambda: len(rounds) >= 6, 20, "several failed rounds")
        hall.faults()
        enqueue(path, 1)
        wait_for(lambda: hall.stats("L2")["applied"] == 1, 20, "the link to work again")
    finally:
        engine.stop()
        client.close()
        hall.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "offline_cache.sync"]
    failed = [line for line in lines if line.startswith("sync failed")]
    assert len(failed) == 1, lines
    back = [line for line in lines if line.startswith("sync works again")]
    assert len(back) == 1 and "(last: " in back[0], lines
