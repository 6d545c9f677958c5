"""``read_card(timeout)`` ends within its deadline whatever the reader sends (issue 9 item
10): garbage, silence, damaged frames, rejected requests. Only a selected card's read may
run past it, by at most the READ allowance. Real driver, simulator on a pty."""
import time

import pytest

from drivers.base import DeviceError
from drivers.idcard import IdCardReader
from drivers.idcard import protocol as p
from drivers.idcard.sim import IdCardSimulator, sample_resident_card

pytestmark = pytest.mark.timeout(30)

MARGIN = 0.3


@pytest.fixture
def sim(tmp_path):
    s = IdCardSimulator(tmp_path / "kiosk-idcard", card=sample_resident_card())
    s.start()
    yield s
    s.stop()


@pytest.fixture
def reader(sim):
    r = IdCardReader("idcard", sim.link)        # the shipped 1 s reply timeout
    yield r
    r.close()


GARBAGE = {
    "junk": bytes(range(0x00, 0xAA)) * 2,
    # A preamble and the largest LEN, then nothing: the decoder waits for 2321 bytes.
    "truncated_frame": p.PREAMBLE + bytes([0x09, 0x0A]) + b"\x00\x00",
    "bad_checksum": p.encode_response(p.SW_FOUND, bytes(4))[:-1] + b"\x00",
    "rejected_request": p.encode_response(p.SW_BAD_CHECKSUM),
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_read_card_ends_within_its_deadline_against_garbage(sim, reader, kind):
    assert reader.poll().state.value == "online"
    sim.garbage = GARBAGE[kind]
    start = time.monotonic()
    with pytest.raises(DeviceError):
        reader.read_card(timeout=1)
    assert time.monotonic() - start < 1 + MARGIN
    sim.garbage = None
    assert reader.poll().state.value == "online"
    assert reader.read_card(timeout=1).outcome == "ok"


def test_a_silent_reader_ends_within_the_deadline(sim, reader):
    assert reader.poll().state.value == "online"
    sim.mute = True
    start = time.monotonic()
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=1)
    assert time.monotonic() - start < 1 + MARGIN
    assert info.value.code == "no_response"


def test_a_short_deadline_still_reads_a_healthy_reader(sim, reader):
    assert reader.read_card(timeout=0.05).outcome == "ok"
    sim.remove()
    start = time.monotonic()
    assert reader.read_card(timeout=0.25).outcome == "no_card"
    assert time.monotonic() - start < 0.25 + MARGIN


def test_a_selected_card_may_finish_but_only_within_the_read_allowance(sim, reader):
    sim.sam_delay = 10.0                       # the SAM never finishes in time
    allowance = reader._reply_timeout(p.Command.READ)
    start = time.monotonic()
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=1)
    assert time.monotonic() - start < 1 + allowance + MARGIN
    assert info.value.code == "sam_timeout"
