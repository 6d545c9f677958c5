"""The hall's day, not the terminal's: appointments are booked on the hall's dates
(Asia/Shanghai for the reference hall), so a terminal whose clock is set to UTC must
still find them between 16:00 and 24:00 UTC, when its own date is a day behind. The
terminal learns the hall's UTC offset from the heartbeat's ``server_time`` (+08:00 until
then). And the citizen at the check-in screen never waits the client's 30 s read
timeout for the appointments.

Real reference hall processes over HTTP: the simulated terminal's (Asia/Shanghai) and one
started in Asia/Kolkata (+05:30), whose offset the terminal could not have guessed."""
import os
import subprocess
import sys
import time as clock
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from drivers.idcard.sim import sample_resident_card
from kiosk.core import checkin, config
from kiosk.core.config import HallConfig
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from offline_cache import db
from offline_cache.hall_time import hall_timezone

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    simulation = Simulation(tmp_path_factory.mktemp("hall-day"), kinds=(),
                            card_present=False, hall=True)
    cfg = simulation.start(config.load())
    # The shipped read timeout (30 s): the simulation's shorter one would hide a lookup
    # that waits for it.
    yield simulation, replace(cfg, hall=replace(cfg.hall, read_timeout_s=30.0))
    simulation.stop()


@pytest.fixture
def terminals():
    made = []

    def make(cfg, now):
        term = Terminal(cfg, now=now)
        made.append(term)
        return term

    yield make
    for term in made:
        term.stop()


def one_sync_round(term):
    """What the sync thread does every interval (the heartbeat included), once."""
    conn = db.connect(term.config.data_dir / "kiosk.db")
    try:
        term.sync.sync_once(conn)
    finally:
        conn.close()


def test_a_terminal_on_utc_finds_the_booking_of_the_halls_day(sim, terminals):
    simulation, cfg = sim
    # 20:00 UTC on the day before the hall's today: 04:00 in the hall (Asia/Shanghai),
    # the terminal's own date a day behind. Both clocks moved there together.
    real = datetime.now(UTC)
    hall_day = real.astimezone(SHANGHAI).date()
    shift = datetime.combine(hall_day - timedelta(days=1), time(20), UTC) - real
    simulation.hall.admin("PUT", "/faults", {"clock_offset_s": shift.total_seconds()})
    try:
        term = terminals(cfg, lambda: datetime.now(UTC) + shift)
        own_day = term.now().date()
        assert own_day == hall_day - timedelta(days=1)
        holder = term.holder_of(sample_resident_card())
        # The seed books from the hall's today on: nothing on the terminal's own date.
        assert term.sync.client.appointments(holder, own_day.isoformat()) == []

        assert term.hall_today() == hall_day                    # +08:00 before any heartbeat
        one_sync_round(term)
        assert term.hall_today() == hall_day

        found = checkin.today_appointments(term, holder)
        assert found.outcome == "ok"
        (appointment,) = found.appointments
        assert (appointment.appointment_id, appointment.date) == (
            f"APT-{hall_day:%Y%m%d}-01", hall_day.isoformat())
        # The hall agrees it is today's: the number is issued.
        got = checkin.check_in(term, appointment)
        assert got.outcome == "ok" and got.ticket.source == "hall"
    finally:
        simulation.hall.admin("PUT", "/faults", {})


def test_the_appointments_lookup_does_not_keep_the_citizen_waiting(sim, terminals,
                                                                     monkeypatch):
    simulation, cfg = sim
    term = terminals(cfg, lambda: datetime.now(SHANGHAI))
    assert term.sync.client.settings.read_timeout == 30.0
    monkeypatch.setattr(checkin, "LOOKUP_TIMEOUT_S", 1.0)      # the test need not wait 5 s
    simulation.hall.admin("PUT", "/faults", {"latency_s": 4.0})
    try:
        started = clock.monotonic()
        got = checkin.today_appointments(term, term.holder_of(sample_resident_card()))
        waited = clock.monotonic() - started
    finally:
        simulation.hall.admin("PUT", "/faults", {})
    assert (got.outcome, got.error) == ("offline", "timeout")
    assert waited < 3.0


# -- a hall in another time zone -----------------------------------------------------------
@pytest.fixture
def kolkata_hall(tmp_path):
    """``python -m hall serve --timezone Asia/Kolkata`` on loopback; (url, token file)."""
    kiosk_id = config.load().kiosk_id
    token = "hall-day-test-token-0123456789"
    token_file = tmp_path / "kiosk.token"
    token_file.write_text(token)
    (tmp_path / "hall.tokens").write_text(f"{kiosk_id}={token}\n")
    with open(tmp_path / "hall.log", "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "hall", "serve", "--db", str(tmp_path / "hall.db"),
             "--port", "0", "--tokens", str(tmp_path / "hall.tokens"),
             "--timezone", "Asia/Kolkata"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        assert line.startswith("hall listening on http://"), (tmp_path / "hall.log").read_text()
        yield line.split()[-1], token_file
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


def test_the_heartbeat_tells_the_halls_offset(kolkata_hall, terminals, tmp_path):
    url, token_file = kolkata_hall
    cfg = replace(config.load().with_data_dir(tmp_path / "data").with_devices(()),
                  hall=HallConfig(url=url, token_file=token_file, connect_timeout_s=1.0,
                                  read_timeout_s=5.0))
    # 17:00 UTC: 22:30 in Kolkata, already 01:00 the next day in China.
    day = datetime.now(UTC).date()
    term = terminals(cfg, lambda: datetime.combine(day, time(17), UTC))
    assert term.hall_today() == day + timedelta(days=1)        # the default: +08:00
    one_sync_round(term)
    conn = db.connect(cfg.data_dir / "kiosk.db")
    try:
        assert hall_timezone(conn).utcoffset(None) == timedelta(hours=5, minutes=30)
    finally:
        conn.close()
    assert term.hall_today() == day


def test_offline_numbers_count_the_halls_day(terminals, tmp_path):
    """No hall reachable, a terminal clock on UTC: the local counter restarts at the
    hall's midnight (16:00 UTC), not at 08:00 in the hall's morning, and the ticket is
    dated and timed on the hall's clock face."""
    cfg = replace(config.load().with_data_dir(tmp_path / "data").with_devices(()),
                  hall=HallConfig(url="http://127.0.0.1:9", connect_timeout_s=0.2,
                                  read_timeout_s=0.2))
    day = datetime.now(UTC).date()
    at = {"now": datetime.combine(day, time(7, 50), UTC)}    # 15:50 in the hall
    term = terminals(cfg, lambda: at["now"])
    category, kind = term.catalog.ticket_categories[0].code, "consult"
    first = term.issue_ticket(category, kind, None).ticket
    at["now"] = datetime.combine(day, time(8, 10), UTC)      # 16:10 there
    second = term.issue_ticket(category, kind, None).ticket
    assert (first.source, second.source) == ("local_counter", "local_counter")
    assert second.seq == first.seq + 1            # the same hall day: no number twice
    assert second.issued_at.utcoffset() == timedelta(hours=8)
    at["now"] = datetime.combine(day, time(16, 10), UTC)     # 00:10 the next day
    assert term.issue_ticket(category, kind, None).ticket.seq == 1
