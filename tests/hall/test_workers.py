"""``serve --workers N`` (hall/workers.py) on each store: several processes on one port
number tickets and blocks from several terminals at once with no number twice and no
gap, apply each batch once, share the load, and a worker killed is replaced."""
import itertools
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import requests

from .helpers import send, tx

WORKERS = 3


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])          # utime + stime


@pytest.fixture
def workers_hall(stores):
    server = stores.process("--workers", str(WORKERS)).start()
    deadline = time.monotonic() + 30
    while len(_children(server.proc.pid)) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.1)
    yield server
    server.stop()


def test_numbering_across_workers_and_terminals(workers_hall):
    hall = workers_hall
    workers = _children(hall.proc.pid)
    assert len(workers) == WORKERS
    time.sleep(2)                                  # the workers' own start-up is done
    before = {pid: _cpu_ticks(pid) for pid in workers}
    taken, errors, lock = [], [], threading.Lock()

    def terminal(kiosk_id: str, seed: int):
        try:
            for n in range(30):
                # A new connection each time, so the kernel spreads them over the workers.
                with hall.kiosk(kiosk_id) as s:
                    if n % 3 == 0:
                        r = s.post(f"{hall.api}/kiosks/{kiosk_id}/ticket-blocks", timeout=20,
                                   json={"category": "construction",
                                         "size": 1 + (seed + n) % 9})
                        assert r.status_code == 200, r.text
                        span = (r.json()["first"], r.json()["last"])
                    else:
                        r = s.post(f"{hall.api}/tickets", timeout=20,
                                   json={"category": "construction", "kind": "accept"})
                        assert r.status_code == 200, r.text
                        seq = int(r.json()["number"][1:])
                        span = (seq, seq)
                with lock:
                    taken.append(span)
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=terminal, args=(k, i))
               for i, k in enumerate(("K1", "K2", "K3") * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    spans = sorted(taken)
    assert len(spans) == 6 * 30 and spans[0][0] == 1
    for a, b in itertools.pairwise(spans):
        assert a[1] + 1 == b[0], f"{a} then {b}: a number twice or a gap"
    busy = [pid for pid in workers if _cpu_ticks(pid) > before[pid]]
    assert len(busy) >= 2, "the requests were not spread over the workers"


def test_a_batch_across_workers_is_applied_once_and_a_dead_worker_is_replaced(workers_hall):
    hall = workers_hall
    batch = [tx() for _ in range(100)]
    results = []

    def post():
        with hall.kiosk("K2") as s:
            results.append([r["status"] for r in send(s, hall, batch, "K2")])

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r.count("accepted") for r in results) == [0, 0, 0, 100]
    stats = hall.admin("GET", "/transactions/stats", params={"kiosk_id": "K2"})
    assert stats["applied"] == 100 and stats["applied_more_than_once"] == 0

    victim = _children(hall.proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = _children(hall.proc.pid)
        if len(now) == WORKERS and victim not in now:
            break
        time.sleep(0.1)
    assert len(_children(hall.proc.pid)) == WORKERS and victim not in _children(hall.proc.pid)
    for _ in range(10):                            # and the hall serves on
        r = requests.get(f"{hall.api}/catalog", timeout=10, headers=hall.kiosk("K1").headers)
        assert r.status_code == 200
    assert "ended" in hall.log.read_text()
