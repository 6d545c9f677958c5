"""Offline for days: a clock the test controls advances while the hall is gone. Tickets
(leased blocks, then the local counter once they expire), ratings, card loss reports and
locker pickups keep working from what the terminal cached; on reconnection everything
drains into the real hall, exactly once."""
import time
from datetime import datetime, timedelta

import pytest
import requests

from drivers.idcard.sim import sample_resident_card
from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from offline_cache import caches, db, outbox, sync
from offline_cache.hall_client import HallError

PICKUP_CODE = "246810"          # the reference hall's seeded SMS code for door 1


class Clock:
    def __init__(self):
        self.now = datetime.now().astimezone().replace(microsecond=0)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def village(tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("receipt", "locker"), card_present=False,
                     hall=True)
    cfg = sim.start(config.load())
    clock = Clock()
    term = Terminal(cfg, now=clock, poll_interval=0.2)
    term.supervisor.start()          # the sync rounds are driven by the test
    conn = db.connect(cfg.data_dir / "kiosk.db")
    yield term, sim, clock, conn
    conn.close()
    term.stop()
    sim.stop()


def wait_until(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def hall_transactions(sim):
    r = requests.get(f"{sim.hall.url}/admin/v1/transactions", params={"limit": 10000},
                     headers={"Authorization": f"Bearer {sim.hall.admin_token}"}, timeout=10)
    r.raise_for_status()
    return r.json()["transactions"]


def test_a_village_terminal_works_for_days_without_the_hall(village):
    term, sim, clock, conn = village
    holder = term.holder_of(sample_resident_card())
    term.sync.sync_once(conn)                        # online once: caches and blocks
    assert caches.get(conn, "locker_assignments")[1]["assignments"]
    wait_until(lambda: term.devices["lockers"].status.usable)

    sim.hall.stop()                                  # the village link drops
    created = []

    # Day 0: tickets from the leased block, a rating.
    t = term.issue_ticket("registration", "accept", holder)
    assert t.ticket.source == "leased_block" and t.print_error is None
    created.append(t.ticket.transaction_id)
    created.append(term.record_rating("queue_ticket", "satisfied", t.ticket.number))

    # Day 1: the blocks expired at midnight: the local counter takes over.
    clock.advance(days=1)
    t = term.issue_ticket("consultation", "consult", None)
    assert t.ticket.source == "local_counter" and t.ticket.number == "E3-001"
    created.append(t.ticket.transaction_id)
    created.append(term.report_card_loss(card="ss_card", id_number="440106199101010010",
                                         name="张小明"))
    # A locker pickup, verified against the cached assignments.
    assert term.collect_from_locker("000000", holder).outcome == "wrong_code"
    got = term.collect_from_locker(PICKUP_CODE, holder)
    assert (got.outcome, got.door) == ("ok", 1)
    assert sim.locker.is_open(1, 1)
    sim.locker.close_door(1, 1)
    assert term.collect_from_locker(PICKUP_CODE, holder).outcome == "collected"
    assert term.collect_from_locker(PICKUP_CODE, "someone-else").outcome == "wrong_code"
    # Guessing stops after three wrong codes for one card (the used code counted).
    assert term.collect_from_locker("111111", holder).outcome == "wrong_code"
    assert term.collect_from_locker("222222", holder).outcome == "wrong_code"
    assert term.collect_from_locker(PICKUP_CODE, holder).outcome == "locked_out"
    created.append(conn.execute("SELECT id FROM outbox WHERE kind = 'locker_pickup'")
                   .fetchone()[0])

    # Day 3: still offline; the sync engine says so plainly.
    clock.advance(days=2)
    t = term.issue_ticket("consultation", "consult", None)
    assert t.ticket.number == "E3-001"               # a new day: the counter restarts
    created.append(t.ticket.transaction_id)
    with pytest.raises(HallError) as err:
        term.sync.sync_once(conn)
    st = sync.status(conn, clock.now)
    assert err.value.code == "unreachable" and st["last_error"]["code"] == "unreachable"
    assert st["depth"] == len(created) and st["oldest_pending_age_s"] >= 3 * 86400

    # The link comes back: everything drains, exactly once, personal data gone.
    sim.hall.start()
    term.sync.sync_once(conn)
    st = sync.status(conn, clock.now)
    assert st["depth"] == 0 and st["quarantined"] == 0 and st["last_error"] is None
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    at_hall = [tx for tx in hall_transactions(sim) if tx["kiosk_id"] == term.config.kiosk_id]
    ids = [tx["id"] for tx in at_hall]
    assert sorted(ids) == sorted(created) and len(set(ids)) == len(ids)
    loss = next(tx for tx in at_hall if tx["kind"] == "card_loss_report")
    assert loss["payload"]["id_number"] == "440106199101010010"   # decrypted for the hall
    # A second round sends nothing again.
    term.sync.sync_once(conn)
    assert len([tx for tx in hall_transactions(sim)
                if tx["kiosk_id"] == term.config.kiosk_id]) == len(created)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_heartbeat_reports_devices_and_carries_out_staff_commands(village):
    term, sim, _, conn = village
    wait_until(lambda: term.devices["lockers"].status.usable)
    admin = {"Authorization": f"Bearer {sim.hall.admin_token}"}
    r = requests.post(f"{sim.hall.url}/admin/v1/kiosks/{term.config.kiosk_id}/commands",
                      json={"name": "open_locker", "args": {"door": 26}}, headers=admin,
                      timeout=10)
    r.raise_for_status()
    term.sync.sync_once(conn)
    assert sim.locker.is_open(2, 2)                       # door 26 = board 2, lock 2
    event = conn.execute("SELECT payload FROM outbox WHERE kind = 'device_event'").fetchone()
    assert '"result":"opened"' in event[0]
    term.sync.sync_once(conn)                             # the event reaches the hall
    assert outbox.pending_count(conn) == 0
    kiosks = requests.get(f"{sim.hall.url}/admin/v1/kiosks", headers=admin, timeout=10).json()
    me = next(k for k in kiosks["kiosks"] if k["kiosk_id"] == term.config.kiosk_id)
    assert "lockers" in str(me) and "receipt" in str(me)  # the heartbeat's device report
