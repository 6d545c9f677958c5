"""The real LockerBus against the simulated boards through a real pty, fault by fault."""
import threading
import time

import pytest

from drivers.base import Action, DeviceError, DeviceState, Supervisor, UsageCounters
from drivers.locker import (
    BoardConfig,
    BoardError,
    ByteOrder,
    DoorJammed,
    DoorResult,
    LockerBus,
    Polarity,
)
from drivers.locker.sim import BoardSpec, LockerSimulator

pytestmark = pytest.mark.timeout(20)

H = bytes.fromhex
FAST = dict(timeout=0.15, settle=0.02, confirm_within=0.3)


@pytest.fixture
def sim(tmp_path):
    s = LockerSimulator(tmp_path / "kiosk-locker", boards={1: BoardSpec(locks=24)})
    s.start()
    yield s
    s.stop()


def make_bus(sim, **kw):
    return LockerBus("locker", sim.link, boards=sim.board_configs(), **{**FAST, **kw})


@pytest.fixture
def bus(sim):
    b = make_bus(sim)
    yield b
    b.close()


def test_probe_goes_online_with_consumables(sim, bus):
    assert bus.status.state is DeviceState.OFFLINE
    status = bus.poll()
    assert status.state is DeviceState.ONLINE and status.error is None
    assert status.consumables == {"board_1": "ok", "doors_open": "0", "left_open": "none",
                                  "jammed": "none"}
    assert bus.kind == "locker"
    assert "1: 24" in bus.info().model
    assert sim.requests == [H("80 01 00 33 B2")]      # one query-all per board


def test_open_door_is_confirmed_by_a_query(sim, bus):
    result = bus.open_door(1, 3)
    assert result == DoorResult(1, 3, True, "open") and result.code == "opened"
    assert sim.is_open(1, 3)
    # The open command (8A^01^03^11 = 99), then the query of lock 3 (80^01^03^33 = B1).
    assert sim.requests == [H("8A 01 03 11 99"), H("80 01 03 33 B1")]
    assert bus.door_state(1, 3) == "open" and bus.door_state(1, 4) == "closed"
    assert bus.counters.get("openings") == 1 and bus.counters.get("jams") == 0
    assert bus.status.state is DeviceState.ONLINE
    assert bus.status.consumables["doors_open"] == "1"


def test_latch_slower_than_the_settle_time(sim, bus):
    sim.open_delay = 0.15
    start = time.monotonic()
    assert bus.open_door(1, 5).opened
    assert time.monotonic() - start >= 0.15
    assert sim.requests.count(H("8A 01 05 11 9F")) == 1      # the command was sent once


def test_jammed_door(sim, bus):
    sim.jam(1, 5)
    start = time.monotonic()
    with pytest.raises(DoorJammed) as info:
        bus.open_door(1, 5)
    elapsed = time.monotonic() - start
    err = info.value
    assert err.code == "door_jammed" and err.action is Action.MAINTENANCE
    assert err.state is DeviceState.ONLINE and isinstance(err, DeviceError)
    assert err.result == DoorResult(1, 5, False, "closed")
    assert "1-5" in err.message and "Door 5 of lock board 1" in err.message
    assert 0.3 <= elapsed < 1.0                               # the whole confirm window
    assert not sim.is_open(1, 5)
    assert bus.status.state is DeviceState.ONLINE             # the other doors still work
    assert bus.status.consumables["jammed"] == "1-5"
    assert bus.counters.get("jams") == 1 and bus.counters.get("openings") == 0
    # Repaired: the next opening works and the door leaves the jammed list.
    sim.jam(1, 5, False)
    assert bus.open_door(1, 5).opened
    assert bus.status.consumables["jammed"] == "none"


def test_door_left_open_is_reported(sim):
    bus = make_bus(sim, left_open_after=0.3)
    try:
        bus.open_door(1, 3)
        assert bus.poll().consumables["left_open"] == "none"
        time.sleep(0.35)
        status = bus.poll()
        assert status.consumables["left_open"] == "1-3"
        assert status.consumables["doors_open"] == "1"
        assert status.state is DeviceState.ONLINE
        report = bus.open_doors_report()
        assert [(d.board, d.lock, d.left_open) for d in report] == [(1, 3, True)]
        assert report[0].open_for >= 0.35
        # A door opened by hand is seen by the next survey, since then.
        sim.force_open(1, 9)
        report = bus.open_doors_report()
        assert [(d.board, d.lock, d.left_open) for d in report] == [(1, 3, True),
                                                                     (1, 9, False)]
        sim.close_door(1, 3)
        sim.close_door(1, 9)
        assert bus.wait_closed(1, 3, timeout=1)
        status = bus.poll()
        assert status.consumables["left_open"] == "none"
        assert status.consumables["doors_open"] == "0"
        assert bus.open_doors_report() == []
    finally:
        bus.close()


def test_wait_closed(sim, bus):
    bus.open_door(1, 2)
    start = time.monotonic()
    assert bus.wait_closed(1, 2, timeout=0.3) is False
    assert 0.3 <= time.monotonic() - start < 0.8
    threading.Timer(0.2, sim.close_door, args=(1, 2)).start()
    assert bus.wait_closed(1, 2, timeout=3) is True
    bus.open_door(1, 2)
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    start = time.monotonic()
    assert bus.wait_closed(1, 2, timeout=10, cancel=cancel) is False
    assert time.monotonic() - start < 1


def test_open_several_by_bitmask(sim, bus):
    sim.jam(1, 18)
    results = bus.open_doors(1, [18, 10, 2])
    # hardware.md's example, sent through the pty byte for byte.
    assert sim.requests[0] == H("90 01 02 02 02 93")
    assert results == {2: DoorResult(1, 2, True, "open"), 10: DoorResult(1, 10, True, "open"),
                       18: DoorResult(1, 18, False, "closed")}
    assert sim.open_doors(1) == [2, 10]
    assert bus.counters.get("openings") == 2 and bus.counters.get("jams") == 1
    assert bus.status.consumables["jammed"] == "1-18"
    assert bus.open_doors(1, []) == {}


def test_open_all(sim, bus):
    sim.jam(1, 7)
    results = bus.open_all(1)
    assert sim.requests[0] == H("8A 01 00 11 9A")
    assert [n for n, r in results.items() if not r.opened] == [7]
    assert sim.open_doors(1) == [n for n in range(1, 25) if n != 7]


def test_keep_powered(sim, bus):
    bus.keep_powered(1, 1, True)
    assert sim.requests[-1] == H("9A 01 01 11 8B") and sim.is_powered(1, 1)
    bus.keep_powered(1, 1, False)
    assert sim.requests[-1] == H("9B 01 01 11 8A") and not sim.is_powered(1, 1)


VARIANTS = {
    1: BoardSpec(locks=24, polarity=Polarity.CLOSED_IS_11, byte_order=ByteOrder.HIGH_FIRST),
    2: BoardSpec(locks=48, polarity=Polarity.OPEN_IS_11, byte_order=ByteOrder.LOW_FIRST),
    3: BoardSpec(locks=8, polarity=Polarity.OPEN_IS_11, byte_order=ByteOrder.HIGH_FIRST,
                 junk=H("00 FF 80 03")),
    17: BoardSpec(locks=12, polarity=Polarity.CLOSED_IS_11, byte_order=ByteOrder.LOW_FIRST),
    32: BoardSpec(locks=50, polarity=Polarity.CLOSED_IS_11, byte_order=ByteOrder.HIGH_FIRST),
}


def test_several_board_variants_on_one_bus(tmp_path):
    with LockerSimulator(tmp_path / "bus", boards=VARIANTS) as sim:
        bus = make_bus(sim)
        try:
            assert bus.poll().state is DeviceState.ONLINE
            assert set(bus.status.consumables) >= {"board_1", "board_2", "board_3",
                                                   "board_17", "board_32"}
            for address, spec in VARIANTS.items():
                # Doors at the edges of the byte groups, opened by command or by hand.
                wanted = sorted({1, 8, 9, spec.locks} & set(range(1, spec.locks + 1)))
                assert bus.open_door(address, wanted[0]).opened
                assert all(r.opened for r in bus.open_doors(address, wanted[1:-1]).values())
                sim.force_open(address, wanted[-1])
                doors = bus.doors(address)
                assert list(doors) == list(range(1, spec.locks + 1))
                assert [n for n, s in doors.items() if s == "open"] == wanted, address
                assert sim.open_doors(address) == wanted
                assert bus.door_state(address, wanted[-1]) == "open"
                assert bus.door_state(address, 2) == "closed"
            assert bus.counters.get("errors") == 0
        finally:
            bus.close()


def test_driver_polarity_or_order_misconfigured_reads_wrong(sim):
    # The configuration matters: the same board read with the wrong polarity is inverted.
    wrong = LockerBus("locker", sim.link, boards=[BoardConfig(1, 24, Polarity.OPEN_IS_11)],
                      **FAST)
    try:
        sim.force_open(1, 1)
        doors = wrong.doors(1)
        assert doors[1] == "closed" and doors[2] == "open"
    finally:
        wrong.close()


def test_junk_before_every_reply(sim, bus):
    # Junk holding partial headers of every reply kind of this board.
    sim.boards[1].junk = H("00 FF 8A 01 80 01 90 01 13")
    assert bus.poll().state is DeviceState.ONLINE
    assert bus.open_door(1, 24).opened
    assert bus.open_doors(1, [1, 2])[2].opened
    assert [n for n, s in bus.doors(1).items() if s == "open"] == [1, 2, 24]
    assert bus.counters.get("corrupt_frames") == 0


@pytest.mark.parametrize("locks, sent, configured", [
    (48, 3, None),      # a 48-lock board that reports locks 1-24 only: the rest one by one
    (24, 4, None),      # a 24-lock board sending a spare byte, not configured for it
    (24, 4, 4),         # ... and configured for it
])
def test_boards_sending_fewer_or_more_status_bytes(tmp_path, locks, sent, configured):
    spec = BoardSpec(locks=locks, status_bytes=sent)
    with LockerSimulator(tmp_path / "bus", boards={1: spec}) as sim:
        bus = LockerBus("locker", sim.link, boards=[BoardConfig(1, locks,
                                                                status_bytes=configured)],
                        **FAST)
        try:
            for lock in (1, 24, locks):
                sim.force_open(1, lock)
            doors = bus.doors(1)
            assert list(doors) == list(range(1, locks + 1))
            assert [n for n, s in doors.items() if s == "open"] == sorted({1, 24, locks})
            singles = sum(r[0] == 0x80 and r[2] != 0 for r in sim.requests)
            assert singles == (24 if locks == 48 else 0)
        finally:
            bus.close()


def test_corrupted_replies_are_retried(sim, bus):
    sim.force_open(1, 4)
    sim.corrupt_replies(2)
    assert bus.door_state(1, 4) == "open"
    assert bus.counters.get("corrupt_frames") == 2 and bus.counters.get("errors") == 0
    assert sim.requests.count(H("80 01 04 33 B6")) == 3
    sim.corrupt_replies(1)
    assert [n for n, s in bus.doors(1).items() if s == "open"] == [4]
    assert bus.counters.get("corrupt_frames") == 3


def test_corrupted_open_reply_is_not_resent(sim, bus):
    sim.corrupt_replies(1)                # the answer to the open command
    assert bus.open_door(1, 6).opened
    assert sim.requests.count(H("8A 01 06 11 9C")) == 1    # the lock fired once
    assert bus.counters.get("corrupt_frames") == 1


def test_line_that_stays_garbled_is_a_hardware_error(sim, bus):
    sim.corrupt_replies(1000)
    with pytest.raises(BoardError) as info:
        bus.doors(1)
    assert info.value.code == "garbled_line" and info.value.action is Action.MAINTENANCE
    assert bus.status.state is DeviceState.HARDWARE_ERROR
    assert bus.status.consumables["board_1"] == "garbled"
    assert bus.counters.get("errors") == 1
    sim.corrupt_replies(0)
    assert bus.poll().state is DeviceState.ONLINE


def test_silent_board(tmp_path):
    boards = {1: BoardSpec(locks=24), 2: BoardSpec(locks=8), 3: BoardSpec(locks=8)}
    with LockerSimulator(tmp_path / "bus", boards=boards) as sim:
        bus = make_bus(sim)
        try:
            assert bus.poll().state is DeviceState.ONLINE
            sim.boards[2].silent = True
            status = bus.poll()
            assert status.state is DeviceState.HARDWARE_ERROR
            assert status.error.code == "board_no_answer"
            assert status.error.action is Action.MAINTENANCE
            assert "lock board(s) 2 do not answer" in status.error.message
            assert (status.consumables["board_1"], status.consumables["board_2"],
                    status.consumables["board_3"]) == ("ok", "no_answer", "ok")
            assert bus.poll().state is DeviceState.HARDWARE_ERROR
            assert bus.counters.get("errors") == 1       # counted once, not once per poll
            # The other boards still work; the silent one raises.
            assert bus.open_door(1, 1).opened and bus.open_door(3, 8).opened
            with pytest.raises(BoardError) as info:
                bus.open_door(2, 1)
            assert info.value.code == "board_no_answer"
            assert sim.requests.count(H("8A 02 01 11 98")) == 3     # re-sent: no reply at all
            sim.boards[2].silent = False
            assert bus.poll().state is DeviceState.ONLINE
            assert bus.status.consumables["board_2"] == "ok"
        finally:
            bus.close()


def test_vanished_port_comes_back_through_poll(sim, bus):
    assert bus.open_door(1, 3).opened
    sim.vanish()
    with pytest.raises(DeviceError) as info:
        bus.door_state(1, 3)
    assert info.value.code == "port_lost" and info.value.state is DeviceState.OFFLINE
    assert not bus.connected and bus.status.state is DeviceState.OFFLINE
    status = bus.poll()                    # the link is gone: still offline
    assert status.state is DeviceState.OFFLINE and status.error.code == "port_gone"
    assert bus.counters.get("errors") == 1
    same = bus
    sim.restore()
    restored = time.monotonic()
    assert bus.poll().state is DeviceState.ONLINE
    print(f"\nlocker bus back {1000 * (time.monotonic() - restored):.1f} ms after the port"
          " returned (one poll)")
    assert bus is same and bus.status.error is None
    assert bus.door_state(1, 3) == "open"              # the doors kept their state
    assert bus.open_door(1, 4).opened
    assert bus.counters.get("openings") == 2


def test_supervisor_thread_brings_the_bus_back(sim, bus):
    states, online, offline = [], threading.Event(), threading.Event()

    def on_event(ev):
        if not states or states[-1] is not ev.new.state:
            states.append(ev.new.state)
        (online if ev.new.state is DeviceState.ONLINE else offline).set()

    sup = Supervisor([bus], interval=0.1)
    sup.subscribe(on_event)
    sup.start()
    try:
        assert online.wait(2)
        online.clear()
        sim.vanish()
        assert offline.wait(2)
        sim.restore()
        restored = time.monotonic()
        assert online.wait(2)
        print(f"\nsupervisor (0.1 s interval) had the locker bus online again"
              f" {1000 * (time.monotonic() - restored):.0f} ms after the port returned")
    finally:
        sup.stop()
    assert states == [DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE]


def test_missing_port_is_no_device(tmp_path):
    bus = LockerBus("locker", tmp_path / "nothing-here", boards=[BoardConfig(1)], **FAST)
    status = bus.poll()
    assert status.state is DeviceState.NO_DEVICE
    assert status.error.code == "no_port" and status.error.action is Action.MAINTENANCE
    assert str(tmp_path / "nothing-here") in status.error.message
    with pytest.raises(DeviceError) as info:
        bus.open_door(1, 1)
    assert info.value.state is DeviceState.NO_DEVICE


def test_second_opener_finds_the_port_busy(sim, bus):
    bus.ensure_open()
    other = make_bus(sim)
    with pytest.raises(DeviceError) as info:
        other.open()
    assert info.value.code == "port_busy"


def test_one_request_at_a_time_from_several_threads(tmp_path):
    boards = {1: BoardSpec(locks=24), 2: BoardSpec(locks=48, byte_order=ByteOrder.LOW_FIRST)}
    with LockerSimulator(tmp_path / "bus", boards=boards) as sim:
        bus = make_bus(sim)
        errors = []

        def opener():
            try:
                for lock in range(1, 7):
                    assert bus.open_door(1, lock).opened
            except Exception as exc:
                errors.append(exc)

        def reader():
            try:
                for _ in range(15):
                    assert len(bus.doors(2)) == 48
                    bus.poll()
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=opener), threading.Thread(target=reader)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join(15)
            assert errors == []
            assert sim.open_doors(1) == [1, 2, 3, 4, 5, 6]
            assert bus.counters.get("corrupt_frames") == 0
        finally:
            bus.close()


def test_unknown_board_or_lock_is_a_programming_error(sim, bus):
    with pytest.raises(ValueError):
        bus.open_door(2, 1)
    with pytest.raises(ValueError):
        bus.open_door(1, 25)
    with pytest.raises(ValueError):
        LockerBus("locker", sim.link, boards=[BoardConfig(1), BoardConfig(1)])
    assert sim.requests == []


def test_counters_persist(sim, tmp_path):
    path = tmp_path / "locker.json"
    bus = LockerBus("locker", sim.link, boards=sim.board_configs(),
                    counters=UsageCounters(path), **FAST)
    try:
        bus.open_door(1, 1)
        sim.jam(1, 2)
        with pytest.raises(DoorJammed):
            bus.open_door(1, 2)
    finally:
        bus.close()
    bus.counters.flush()
    assert UsageCounters(path).snapshot() == {"openings": 1, "jams": 1}
