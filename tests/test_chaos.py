"""Chaos under a whole terminal (issue 9, "And keep it so"), bounded to a few minutes.

A simulated terminal — the real drivers over a pty (ID card reader) and TCP (receipt
printer), a real hall process over HTTP, its data directory on a real 8 MiB tmpfs —
serves scripted citizens on worker threads, as the UI does (they look at what is
available, then call :class:`Terminal`'s blocking methods): tickets, ratings, loss
reports. Meanwhile the reader is unplugged and plugged back, the printer switched off
and on, the hall stopped and started and then answering 503 as an operator fault, and
the disk filled and emptied. Each fault is checked to have happened as the terminal sees
it. At the end: every row the terminal acknowledged to a citizen is at the hall exactly
once, the terminal's database passes ``integrity_check``, and no journey crashed (only
typed refusals: StorageFull, or a service unavailable with its reason).

It uses neither pcscd nor CUPS (no social security card, no A4 printer).
"""
from __future__ import annotations

import random
import threading
import time
from collections import Counter

import pytest

from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.storage import StorageFull
from kiosk.core.terminal import Terminal
from offline_cache import db, sync
from tests.small_disk import small_disk
from tests.sync.support import wait_for

CITIZENS = 2
PAUSE_S = 0.4          # between one citizen's actions (the receipts are rendered too)


class Citizens:
    """Scripted citizens on their own threads; what each action came to."""

    def __init__(self, terminal: Terminal, seed: int) -> None:
        self.t = terminal
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []        # outbox ids a citizen was given
        self.hall_numbers: list[str] = []        # numbers the hall issued online
        self.refusals: Counter = Counter()       # typed: storage_full, unavailable:<why>
        self.crashes: list[str] = []
        self.print_errors: Counter = Counter()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True,
                                          name=f"citizen-{i}") for i in range(CITIZENS)]

    def start(self) -> None:
        for th in self._threads:
            th.start()

    def stop(self) -> None:
        self._stop.set()
        for th in self._threads:
            th.join(30)
            assert not th.is_alive(), f"{th.name} is stuck"

    def _run(self, i: int) -> None:
        rng = random.Random(self.rng.random())
        while not self._stop.wait(PAUSE_S * rng.uniform(0.5, 1.5)):
            action = rng.choice(("ticket", "ticket", "rating", "loss"))
            try:
                self._act(action)
            except StorageFull:
                self._count("storage_full")
            except Exception as exc:      # a crash: what the UI would have shown as one
                with self.lock:
                    self.crashes.append(f"{action}: {type(exc).__name__}: {exc}")

    def _count(self, refusal: str) -> None:
        with self.lock:
            self.refusals[refusal] += 1

    def _available(self, service: str) -> bool:
        found = self.t.service_availability(service)
        if not found.available:
            self._count(f"unavailable:{found.reason}")
        return found.available

    def _act(self, action: str) -> None:
        t = self.t
        if action == "ticket":
            if not self._available("queue_ticket"):
                return
            got = t.issue_ticket("registration", "consult", None)
            with self.lock:
                if got.ticket.transaction_id:
                    self.acknowledged.append(got.ticket.transaction_id)
                else:
                    self.hall_numbers.append(got.ticket.number)
                if got.print_error:
                    self.print_errors[got.print_error.code] += 1
        elif action == "rating":
            row = t.record_rating("queue_ticket", "satisfied", None)
            with self.lock:
                self.acknowledged.append(row)
        else:
            if not self._available("card_loss_report"):
                return
            row = t.report_card_loss(card="sscard", id_number="440106199101010010",
                                     name="张小明")
            with self.lock:
                self.acknowledged.append(row)


def storage_at_hall(sim) -> str | None:
    kiosks = sim.hall.admin("GET", "/kiosks", None)["kiosks"]
    mine = [k for k in kiosks if k["kiosk_id"] == sim.hall.kiosk_id]
    return mine[0]["report"]["devices"].get("storage", {}).get("state") if mine else None


ROUND = ["idcard_unplugged", "idcard_back", "printer_off", "printer_on", "hall_down",
         "hall_up", "hall_503", "disk_full", "disk_free"]
BUDGET_S = 110         # no new round after this (the last one still completes)
MAX_ROUNDS = 5


def chaos_round(sim, t, disk, citizens, seen, state) -> None:
    """Every fault once, each checked to have happened as the terminal sees it."""
    time.sleep(2)
    # The ID card reader unplugged, then plugged back.
    sim.idcard.vanish()
    wait_for(lambda: state("idcard") != "online", 15, "the reader seen unplugged")
    seen.append("idcard_unplugged")
    time.sleep(2)
    sim.idcard.restore()
    wait_for(lambda: state("idcard") == "online", 15, "the reader back")
    seen.append("idcard_back")

    # The receipt printer switched off, then on.
    met = citizens.refusals["unavailable:printer_offline"] + sum(citizens.print_errors.values())
    sim.printer.stop()
    wait_for(lambda: not t.statuses()["receipt"].usable, 15, "the printer seen off")
    wait_for(lambda: citizens.refusals["unavailable:printer_offline"]
             + sum(citizens.print_errors.values()) > met, 15,
             "a citizen meeting the printer off")
    seen.append("printer_off")
    sim.printer.start()
    wait_for(lambda: t.statuses()["receipt"].usable, 15, "the printer back")
    seen.append("printer_on")

    # The hall stopped (numbering and rows go offline), then started again.
    sim.hall.stop()
    wait_for(lambda: not t.hall_reachable, 20, "the hall seen down")
    seen.append("hall_down")
    time.sleep(3)
    sim.hall.start()
    t.sync.trigger(force=True)       # else the backoff may wait its minutes
    wait_for(lambda: t.hall_reachable, 30, "the hall reached again")
    seen.append("hall_up")

    # An operator fault: every request answered 503 for a while.
    sim.hall.admin("PUT", "/faults", {"fail_status": 503, "retry_after_s": 1})
    t.sync.trigger(force=True)
    wait_for(lambda: (sync.status(t._db)["last_error"] or {}).get("code")
             == "unavailable", 20, "the terminal meeting the 503")
    seen.append("hall_503")
    time.sleep(3)
    sim.hall.admin("PUT", "/faults", {})
    t.sync.trigger(force=True)
    wait_for(lambda: t.hall_reachable, 30, "the hall answering again")

    # The disk filled, then emptied.
    refused = citizens.refusals["storage_full"]
    disk.fill()
    wait_for(lambda: t.storage.full and citizens.refusals["storage_full"] > refused, 20,
             "work refused on the full disk")
    wait_for(lambda: storage_at_hall(sim) == "disk_full", 30, "the hall told of the full disk")
    seen.append("disk_full")
    time.sleep(2)
    disk.free()
    wait_for(lambda: not t.storage.full, 15, "the disk seen free again")
    seen.append("disk_free")
    time.sleep(2)


@pytest.fixture
def chaos_site(tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("idcard", "receipt"), card_present=False,
                     hall=True)
    with small_disk(tmp_path / "sim" / "data", "8m") as disk:
        cfg = sim.start(config.load())
        terminal = Terminal(cfg, poll_interval=0.2)
        terminal.start()
        try:
            yield sim, terminal, disk
        finally:
            terminal.stop()
            sim.stop()


def test_a_terminal_under_chaos_loses_nothing_and_never_crashes(chaos_site):
    sim, t, disk = chaos_site
    started = time.monotonic()
    state = lambda name: t.statuses()[name].state.value       # noqa: E731
    wait_for(lambda: t.statuses()["receipt"].usable and t.hall_reachable, 30,
             "the printer online and the hall reached")
    citizens = Citizens(t, seed=20261202)
    citizens.start()
    seen: list[str] = []
    rounds = 0
    try:
        # Rounds of every fault, for about two minutes (a round takes 20-40 s).
        while rounds < MAX_ROUNDS and (rounds == 0 or time.monotonic() - started < BUDGET_S):
            rounds += 1
            chaos_round(sim, t, disk, citizens, seen, state)
    finally:
        citizens.stop()
    assert seen == ROUND * rounds, seen

    # Everything acknowledged reaches the hall, once.
    t.sync.trigger(force=True)
    wait_for(lambda: sync.status(t._db)["depth"] == 0, 60, "the outbox drained")
    status = sync.status(t._db)
    assert status["quarantined"] == 0, status
    kiosk_id = sim.hall.kiosk_id
    at_hall = Counter(row["id"] for row in sim.hall.admin(
        "GET", f"/transactions?kiosk_id={kiosk_id}&limit=1000000", None)["transactions"])
    missing = [i for i in citizens.acknowledged if at_hall[i] == 0]
    assert not missing, f"{len(missing)} acknowledged rows not at the hall"
    assert all(at_hall[i] == 1 for i in citizens.acknowledged)
    stats = sim.hall.admin("GET", f"/transactions/stats?kiosk_id={kiosk_id}", None)
    assert stats["applied_more_than_once"] == 0, stats

    conn = db.connect(t.config.data_dir / "kiosk.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert citizens.crashes == [], citizens.crashes[:5]
    assert len(citizens.acknowledged) > 10 * rounds, len(citizens.acknowledged)   # busy all along
    print(f"chaos: {time.monotonic() - started:.0f} s, {rounds} rounds, "
          f"{len(citizens.acknowledged)} rows "
          f"acknowledged, {len(citizens.hall_numbers)} numbers from the hall, refusals "
          f"{dict(citizens.refusals)}, print errors {dict(citizens.print_errors)}")
