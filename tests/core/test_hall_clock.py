"""What a citizen is told against the hall's own times is measured on the hall's clock,
not the terminal's (issue 9, item 10): a terminal 16 minutes fast does not call a pickup
code valid for 10 more minutes expired. (The payment countdown: test_payments.py.)"""
from datetime import datetime, timedelta

import pytest

from drivers.idcard.sim import sample_resident_card
from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from offline_cache import caches, sync
from tests.sync.support import wait_for


@pytest.fixture
def fast_terminal(tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("locker",), card_present=False, hall=True)
    cfg = sim.start(config.load())
    terminal = Terminal(cfg, now=lambda: datetime.now().astimezone() + timedelta(minutes=16),
                        poll_interval=0.2)
    terminal.start()
    yield terminal, sim
    terminal.stop()
    sim.stop()


def test_a_pickup_code_valid_for_ten_more_minutes_opens_on_a_fast_terminal(fast_terminal):
    t, sim = fast_terminal
    holder = t.holder_of(sample_resident_card())
    sim.hall.admin("POST", f"/kiosks/{sim.hall.kiosk_id}/lockers",
                   {"door": 5, "holder": holder, "code": "135790", "ttl_s": 600})
    t.sync.trigger(force=True)
    wait_for(lambda: any(a["door"] == 5 for a in (caches.get(t._db, "locker_assignments")
                                                  or (None, {}))[1].get("assignments", [])),
             30, "the assignment cached")
    wait_for(lambda: sync.status(t._db)["clock_skew_s"], 30, "the skew measured")
    wait_for(lambda: t.devices["lockers"].status.usable, 10, "the lockers")
    got = t.collect_from_locker("135790", holder)
    assert (got.outcome, got.door) == ("ok", 5)
    assert sim.locker.is_open(1, 5)          # board 1 holds doors 1-24
