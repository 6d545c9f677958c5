"""Each locker call ends within its documented bound (issue 9 item 10): the queries that
confirm an opening are cut to ``confirm_within``, ``wait_closed`` to its timeout, however
the line behaves. Real LockerBus, simulated boards on a pty, shipped timings."""
import time

import pytest

from drivers.locker import BoardError, LockerBus
from drivers.locker.sim import BoardSpec, LockerSimulator

pytestmark = pytest.mark.timeout(30)

MARGIN = 0.3


@pytest.fixture
def sim(tmp_path):
    s = LockerSimulator(tmp_path / "kiosk-locker", boards={1: BoardSpec(locks=24)})
    s.start()
    yield s
    s.stop()


@pytest.fixture
def bus(sim):
    b = LockerBus("locker", sim.link, boards=sim.board_configs())   # shipped timeouts
    yield b
    b.close()


def one_send(bus):
    return bus.timeout + 10 * 10 / bus.baud


def test_a_board_silent_after_the_open_command_ends_within_the_confirm_window(sim, bus):
    bus.poll()
    sim.fall_silent_after(1)              # answers the open command, then nothing
    start = time.monotonic()
    with pytest.raises(BoardError) as info:
        bus.open_door(1, 3)
    took = time.monotonic() - start
    assert info.value.code == "board_no_answer"
    # Was: settle + three unanswered queries of timeout + wire each (1.7 s here).
    assert took < one_send(bus) + bus.confirm_within + MARGIN, took


def test_wait_closed_ends_by_its_timeout_on_a_silent_bus(sim, bus):
    bus.poll()
    sim.fall_silent_after(0)
    start = time.monotonic()
    with pytest.raises(BoardError):
        bus.wait_closed(1, 3, timeout=0.2)
    assert time.monotonic() - start < 0.2 + one_send(bus) + MARGIN
    sim.fall_silent_after(None)
    assert bus.wait_closed(1, 3, timeout=0.2)
