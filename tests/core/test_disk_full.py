"""A full disk under a whole terminal (issue 9, item 5) and its files' modes (item 8).

The terminal's data directory is a real small tmpfs; the devices are simulators over
their real transports (a pty, TCP) and the hall is a real process over HTTP. Filling the
disk makes every action that records refuse with :class:`StorageFull` (typed, no
traceback for the citizen), the terminal's state and its heartbeat at the hall say
``disk_full``, services that record are unavailable with that reason; freeing the disk
makes everything work again without a restart."""
import stat

import pytest

from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.storage import StorageFull
from kiosk.core.terminal import Terminal
from tests.small_disk import small_disk
from tests.sync.support import wait_for


@pytest.fixture
def terminal_on_small_disk(tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("idcard", "receipt"), card_present=False,
                     hall=True)
    with small_disk(tmp_path / "sim" / "data", "8m") as disk:
        cfg = sim.start(config.load())
        terminal = Terminal(cfg, poll_interval=0.2)
        terminal.start()
        try:
            yield terminal, sim, disk
        finally:
            terminal.stop()
            sim.stop()


def storage_at_hall(sim):
    kiosks = sim.hall.admin("GET", "/kiosks")["kiosks"]
    found = next((k for k in kiosks if k["kiosk_id"] == sim_kiosk_id(sim)), None)
    return found["report"]["devices"].get("storage") if found else None


def sim_kiosk_id(sim):
    return sim.hall.kiosk_id


def test_a_full_disk_refuses_work_typed_says_so_and_recovers(terminal_on_small_disk):
    t, sim, disk = terminal_on_small_disk
    wait_for(lambda: (storage_at_hall(sim) or {}).get("state") == "ok", 30,
             "a first heartbeat with the storage state")
    assert t.storage.state == "ok"
    t.record_rating("queue_ticket", "satisfied", None)

    disk.fill()
    assert disk.free_bytes == 0
    with pytest.raises(StorageFull) as refused:
        t.record_rating("queue_ticket", "satisfied", None)
    assert refused.value.code == "disk_full"
    assert t.storage.state == "disk_full" and t.storage.since is not None
    with pytest.raises(StorageFull):
        t.issue_ticket("registration", "consult", None)
    with pytest.raises(StorageFull):
        t.report_card_loss(card="sscard", id_number="440106199101010010", name="张小明")
    # What records is out, with the reason; what only reads (the guides) is not.
    assert (t.service_availability("queue_ticket").available, t.service_availability(
        "queue_ticket").reason) == (False, "disk_full")
    assert t.service_availability("card_loss_report").reason == "disk_full"
    assert t.kind_availability("consult").reason == "disk_full"
    assert t.service_availability("service_guide").available
    report = t.device_report()["storage"]
    assert report["state"] == "disk_full" and report["error"] == "disk_full"
    # The hall hears it: the reserve the terminal keeps lets the sync engine still write.
    hall_view = wait_for(lambda: (storage_at_hall(sim) or {}).get("state") == "disk_full"
                         and storage_at_hall(sim), 30, "the heartbeat saying disk_full")
    assert hall_view["since"] == report["since"]

    disk.free()
    wait_for(lambda: t.storage.state == "ok", 10, "the terminal to see the space back")
    assert t.service_availability("queue_ticket").available
    issued = t.issue_ticket("registration", "consult", None)
    assert issued.ticket.number
    assert t.report_card_loss(card="sscard", id_number="440106199101010010", name="张小明")
    t.record_rating("queue_ticket", "satisfied", issued.ticket.number)
    wait_for(lambda: (storage_at_hall(sim) or {}).get("state") == "ok", 30,
             "the heartbeat saying the storage is fine again")


def test_the_data_directory_and_its_files_are_owner_only(tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("idcard", "receipt"), card_present=False)
    cfg = sim.start(config.load())
    terminal = Terminal(cfg, poll_interval=0.2)
    terminal.start()
    try:
        wait_for(lambda: terminal.statuses()["receipt"].usable, 10, "the printer online")
        terminal.issue_ticket("registration", "consult", None)        # prints: counts
        terminal.report_card_loss(card="sscard", id_number="440106199101010010",
                                  name="张小明")
        data = cfg.data_dir
        wal = [data / "kiosk.db-wal", data / "kiosk.db-shm"]
        assert all(p.exists() for p in wal)
        modes_while_running = {p: stat.S_IMODE(p.stat().st_mode) for p in wal}
    finally:
        terminal.stop()
        sim.stop()
    for d in (data, data / "keys", data / "counters"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
    files = [data / "kiosk.db", data / "keys" / "outbox.key",
             *sorted((data / "counters").glob("*.json"))]
    assert len(files) >= 3, files
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    for f, mode in modes_while_running.items():
        assert mode == 0o600, f
    # Everything under the directory, whatever made it.
    for p in data.rglob("*"):
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, p


def test_counters_that_cannot_be_written_make_the_terminal_say_disk_full(tmp_path):
    """The ID card reader's counters meet the full disk first (nothing else writes): the
    read still succeeds (the drivers never raise for their counters) and the terminal's
    state says disk_full, from the counters, until there is room again."""
    from drivers.idcard.sim import sample_resident_card

    sim = Simulation(tmp_path / "sim", kinds=("idcard",), card_present=False)
    with small_disk(tmp_path / "sim" / "data", "8m") as disk:
        cfg = sim.start(config.load())
        t = Terminal(cfg, poll_interval=0.2)
        t.start()
        try:
            reader = t.devices["idcard"]
            wait_for(lambda: reader.status.usable, 10, "the reader online")
            disk.fill()
            sim.idcard.insert(sample_resident_card())
            got = reader.read_card(5)
            assert got.outcome == "ok"
            assert got.card.id_number == sample_resident_card().id_number
            wait_for(lambda: t.storage.state == "disk_full", 15, "the counters failing")
            assert t.device_report()["storage"]["where"] == "counters"
            assert t.service_availability("queue_ticket").reason == "disk_full"
            disk.free()
            wait_for(lambda: t.storage.state == "ok", 15, "room again")
            assert reader.counters.storage_error is None
        finally:
            t.stop()
            sim.stop()
