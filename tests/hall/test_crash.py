"""The hall killed (SIGKILL) while two kiosks push batches, and restarted on the same
database: no transaction lost, none applied twice, the database intact; on each store
(SQLite and PostgreSQL)."""
import random
import sqlite3
import threading
import time

import pytest
import requests

from .conftest import TOKENS, HallProcess
from .helpers import tx


@pytest.fixture
def hall(any_hall):
    return any_hall

KIOSKS = ("K1", "K2")
PER_KIOSK, BATCH = 3000, 250


def push(hall: HallProcess, kiosk_id: str, batches: list[list[dict]], outcome: dict,
         in_flight: set, deadline: float) -> None:
    """Send each batch until it gets results, as a kiosk does: the same batch again after
    any failure (the kiosk cannot know whether the hall committed it)."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {TOKENS[kiosk_id]}",
                            "X-Kiosk-Id": kiosk_id})
    for n, batch in enumerate(batches):
        while time.monotonic() < deadline:
            in_flight.add(kiosk_id)
            try:
                r = session.post(f"http://127.0.0.1:{hall.port}/api/v1/kiosks/{kiosk_id}/"
                                 "transactions:batch", json={"transactions": batch}, timeout=10)
            except requests.RequestException:
                r = None
            finally:
                in_flight.discard(kiosk_id)
            if r is not None and r.status_code == 200:
                outcome[(kiosk_id, n)] = [x["status"] for x in r.json()["results"]]
                break
            time.sleep(0.05)


def test_killed_mid_ingestion_loses_nothing_and_applies_nothing_twice(stores):
    hall = stores.process().start()
    rng = random.Random(4)
    work = {k: [[tx("rating", {"score": rng.randint(1, 5), "n": i * BATCH + j})
                 for j in range(BATCH)] for i in range(PER_KIOSK // BATCH)] for k in KIOSKS}
    outcome: dict = {}
    in_flight: set = set()
    deadline = time.monotonic() + 60
    senders = [threading.Thread(target=push, args=(hall, k, work[k], outcome, in_flight,
                                                   deadline)) for k in KIOSKS]
    try:
        for t in senders:
            t.start()
        kills_in_flight = 0
        for done_before_kill in (2, 8, 14):
            # Kill while a batch is being handled: once enough batches are done, at a
            # random moment within a request.
            while len(outcome) < done_before_kill and time.monotonic() < deadline:
                time.sleep(0.002)
            while not in_flight and time.monotonic() < deadline:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.03))
            kills_in_flight += bool(in_flight)
            hall.kill()                              # SIGKILL: no shutdown of any kind
            time.sleep(0.2)
            hall.start()                             # same database, same port
        for t in senders:
            t.join(timeout=max(1.0, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in senders), "the senders did not finish in time"
        assert kills_in_flight >= 1, "no kill landed while a batch was in flight"

        # Every batch got results; some, resent after a kill, were already committed.
        assert len(outcome) == len(KIOSKS) * (PER_KIOSK // BATCH)
        statuses = [s for results in outcome.values() for s in results]
        assert set(statuses) <= {"accepted", "duplicate"}
        for kiosk_id in KIOSKS:
            stats = hall.admin("GET", "/transactions/stats", params={"kiosk_id": kiosk_id})
            assert stats["applied"] == PER_KIOSK, stats
            assert stats["distinct_ids"] == PER_KIOSK
            assert stats["applied_more_than_once"] == 0
            assert stats["keys"] == PER_KIOSK
            applied = hall.admin("GET", "/transactions",
                                 params={"kiosk_id": kiosk_id, "limit": PER_KIOSK + 10})
            assert sorted(t["id"] for t in applied["transactions"]) == \
                sorted(t["id"] for batch in work[kiosk_id] for t in batch)
    finally:
        hall.stop()
    if stores.kind == "sqlite":
        with sqlite3.connect(hall.db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("stage", ["before", "after"])
def test_a_batch_whose_response_was_lost_is_resent_as_duplicates(hall, k1, faults, stage):
    """The hall holds the response back (after committing) past the kiosk's read timeout,
    or is slow before handling (and drops the request once the kiosk hung up): either
    way the resent batch is applied once."""
    batch = [tx() for _ in range(10)]
    faults(**{"latency_after_s" if stage == "after" else "latency_s": 1.5})
    with pytest.raises(requests.ReadTimeout):
        k1.post(f"{hall.api}/kiosks/K1/transactions:batch", json={"transactions": batch},
                timeout=(3, 0.4))
    faults()
    time.sleep(1.5 if stage == "before" else 0.1)    # the first request completes meanwhile
    r = k1.post(f"{hall.api}/kiosks/K1/transactions:batch", json={"transactions": batch},
                timeout=10)
    statuses = {x["status"] for x in r.json()["results"]}
    assert statuses == {"duplicate"} if stage == "after" else statuses in ({"duplicate"},
                                                                           {"accepted"})
    ids = {t["id"] for t in batch}
    stored = hall.admin("GET", "/transactions", params={"kiosk_id": "K1", "limit": 100000})
    assert sorted(t["id"] for t in stored["transactions"] if t["id"] in ids) == sorted(ids)
