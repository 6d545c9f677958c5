"""The real IdCardReader against the simulator through a real pty, fault by fault."""
import threading
import time

import pytest

from drivers.base import Action, DeviceError, DeviceState, Supervisor, UsageCounters
from drivers.idcard import CardError, IdCardReader, ReadOutcome
from drivers.idcard import protocol as p
from drivers.idcard.card import encode_text_block
from drivers.idcard.sim import (
    IdCardSimulator,
    fake_blob,
    sample_foreign_card,
    sample_hmt_card,
    sample_resident_card,
)

pytestmark = pytest.mark.timeout(20)

SAMPLES = {"resident": sample_resident_card, "hmt": sample_hmt_card,
           "foreign": sample_foreign_card}


@pytest.fixture
def sim(tmp_path):
    s = IdCardSimulator(tmp_path / "kiosk-idcard", card=sample_resident_card())
    s.start()
    yield s
    s.stop()


@pytest.fixture
def reader(sim):
    r = IdCardReader("idcard", sim.link, timeout=0.3)
    yield r
    r.close()


def test_probe_goes_online_and_reads_sam_id(sim, reader):
    assert reader.status.state is DeviceState.OFFLINE
    status = reader.poll()
    assert status.state is DeviceState.ONLINE and status.error is None
    assert reader.info().serial == "05.01-20230115-000012345-000067890"
    assert reader.kind == "idcard"


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_reads_every_card_type(sim, reader, kind):
    card = SAMPLES[kind]()
    sim.insert(card)
    outcome = reader.read_card(timeout=2)
    assert outcome == ReadOutcome("ok", card)
    assert outcome.card.card_type == {"resident": "resident", "hmt": "hmt_residence",
                                      "foreign": "foreign_permanent"}[kind]
    assert outcome.card.id_number_valid
    assert reader.counters.get("reads") == 1
    assert reader.status.state is DeviceState.ONLINE


def test_long_term_card_and_female_holder(sim, reader):
    card = sample_resident_card(valid_to=None, gender="2", nation="05", name="阿依古丽")
    sim.insert(card)
    got = reader.read_card(timeout=2).card
    assert got == card
    assert (got.gender_text, got.nation_text, got.to_json()["valid_to"]) == (
        "女", "维吾尔", "long-term")


@pytest.mark.parametrize("finger", [fake_blob("f", 1024), fake_blob("f", 512), None])
def test_fingerprint_read(sim, reader, finger):
    card = sample_resident_card(fingerprint=finger)
    sim.insert(card)
    assert reader.read_card(timeout=2, fingerprint=True).card == card
    assert reader.read_card(timeout=2).card.fingerprint is None


def test_no_card_is_an_outcome_after_the_timeout(sim, reader):
    sim.remove()
    start = time.monotonic()
    outcome = reader.read_card(timeout=0.4)
    elapsed = time.monotonic() - start
    assert outcome == ReadOutcome("no_card", None)
    assert 0.4 <= elapsed < 1.2
    assert reader.counters.get("reads") == 0 and reader.counters.get("errors") == 0
    assert reader.status.state is DeviceState.ONLINE


def test_card_placed_while_waiting(sim, reader):
    sim.remove()
    timer = threading.Timer(0.3, sim.insert, args=(sample_hmt_card(),))
    timer.start()
    try:
        outcome = reader.read_card(timeout=3)
    finally:
        timer.cancel()
    assert outcome.outcome == "ok" and outcome.card == sample_hmt_card()


def test_cancel_ends_the_wait(sim, reader):
    sim.remove()
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    start = time.monotonic()
    assert reader.read_card(timeout=10, cancel=cancel).outcome == "no_card"
    assert time.monotonic() - start < 1.0


def test_card_removed_mid_read(sim, reader):
    sim.remove_during_read()
    assert reader.read_card(timeout=2) == ReadOutcome("removed", None)
    assert reader.status.state is DeviceState.ONLINE
    assert reader.read_card(timeout=0.2).outcome == "no_card"   # 80 on FIND afterwards


def test_noise_before_the_preamble(sim, reader):
    # Noise with partial preambles: AA AA AA 96 then the real AA AA AA 96 69.
    sim.noise = bytes.fromhex("00 FF AA AA 13 55 AA AA AA 96")
    assert reader.poll().state is DeviceState.ONLINE
    assert reader.read_card(timeout=2).card == sample_resident_card()


def test_frames_arriving_in_pieces(sim, reader):
    sim.split_frames = True
    sim.insert(sample_foreign_card())
    assert reader.read_card(timeout=2).card == sample_foreign_card()


def test_noise_split_frames_and_wire_timing_together(sim, reader):
    sim.noise, sim.split_frames, sim.realistic_timing = b"\xaa\x00\xaa\xaa", True, True
    start = time.monotonic()
    assert reader.read_card(timeout=2).card == sample_resident_card()
    # 1359 bytes + the noise of 3 answers at 115200 baud: at least 118 ms on the wire.
    assert time.monotonic() - start >= 1359 * 10 / 115200


def test_corrupted_responses_are_retried(sim, reader):
    sim.corrupt_checksum(2)                       # FIND answered damaged twice
    assert reader.read_card(timeout=2).card == sample_resident_card()
    assert reader.counters.get("corrupt_frames") == 2
    sim.corrupt_checksum(1, p.Command.READ)       # now the big read answer
    assert reader.read_card(timeout=2).card == sample_resident_card()
    assert reader.counters.get("corrupt_frames") == 3
    assert reader.counters.get("errors") == 0


def test_damaged_requests_are_resent(sim, reader):
    sim.damage_requests(2)                        # reader answers SW3 10 twice
    assert reader.read_card(timeout=2).outcome == "ok"


def test_line_that_stays_garbled_is_a_hardware_error(sim, reader):
    sim.corrupt_checksum(1000)
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=2)
    assert info.value.code == "garbled_line" and info.value.action is Action.RESET
    assert reader.status.state is DeviceState.HARDWARE_ERROR
    assert reader.counters.get("errors") == 1
    sim.corrupt_checksum(0)
    assert reader.poll().state is DeviceState.ONLINE


def test_slow_sam_within_the_allowance(sim, reader):
    sim.sam_delay = 0.6
    start = time.monotonic()
    assert reader.read_card(timeout=2).card == sample_resident_card()
    assert time.monotonic() - start >= 0.6


def test_sam_too_slow_gives_up_and_skips_its_late_answers(sim, reader):
    reader.sam_read_allowance = 0.1               # READ may take 0.3 + 0.1 s + wire time
    sim.sam_delay = 0.6
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=1)
    # The late READ answers landed while FIND/SELECT waited: skipped, not misread.
    assert info.value.code == "sam_timeout"
    assert info.value.state is DeviceState.HARDWARE_ERROR
    sim.sam_delay = 0.0
    assert reader.read_card(timeout=2).outcome == "ok"


def test_silent_reader_is_offline(sim, reader):
    assert reader.poll().state is DeviceState.ONLINE
    reader.timeout = 0.15                         # 3 unanswered sends per command
    sim.mute = True
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=1)
    assert info.value.code == "no_response" and info.value.state is DeviceState.OFFLINE
    assert reader.poll().state is DeviceState.OFFLINE
    sim.mute = False
    assert reader.poll().state is DeviceState.ONLINE


def test_sam_self_test_failure_is_a_hardware_error(sim, reader):
    sim.sam_ok = False
    status = reader.poll()
    assert status.state is DeviceState.HARDWARE_ERROR
    assert status.error.code == "sam_self_test_failed"
    assert status.error.action is Action.MAINTENANCE
    assert "SAM" in status.error.message
    sim.sam_ok = True
    assert reader.poll().state is DeviceState.ONLINE


def test_2023_foreigner_card_is_refused_politely(sim, reader):
    text = bytearray(encode_text_block(sample_foreign_card()))
    text[248:250] = "Y".encode("utf-16-le")
    sim.insert_text_block(bytes(text), fake_blob("y"))
    with pytest.raises(CardError) as info:
        reader.read_card(timeout=2)
    assert info.value.code == "unsupported_card" and info.value.action is Action.NONE
    assert "2023" in info.value.message and "人工窗口" in info.value.message
    assert reader.status.state is DeviceState.ONLINE      # the reader itself is fine
    assert reader.counters.get("card_errors") == 1 and reader.counters.get("errors") == 0


def test_unreadable_card(sim, reader):
    sim.fail_reads(1)                              # one failed read, card stays: retried
    assert reader.read_card(timeout=2).outcome == "ok"
    sim.fail_reads(100)
    with pytest.raises(CardError) as info:
        reader.read_card(timeout=2)
    assert info.value.code == "card_unreadable"
    assert reader.status.state is DeviceState.ONLINE


def test_vanished_port_comes_back_through_poll(sim, reader):
    assert reader.read_card(timeout=2).outcome == "ok"
    sim.vanish()
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=2)
    assert info.value.state is DeviceState.OFFLINE and info.value.code == "port_lost"
    assert not reader.connected and reader.status.state is DeviceState.OFFLINE
    status = reader.poll()                          # the link is gone: still offline
    assert status.state is DeviceState.OFFLINE and status.error.code == "port_gone"
    assert reader.counters.get("errors") == 1
    sim.restore()
    sim.insert(sample_hmt_card())
    assert reader.poll().state is DeviceState.ONLINE
    assert reader.read_card(timeout=2).card == sample_hmt_card()
    assert reader.counters.get("reads") == 2


def test_supervisor_sees_unplug_and_replug(sim, reader):
    events = []
    sup = Supervisor([reader])
    sup.subscribe(lambda ev: events.append(ev.new.state))
    sup.poll_once()
    sim.vanish()
    sup.poll_once()     # the probe hits the hung-up pty
    sim.restore()
    sup.poll_once()
    assert events == [DeviceState.ONLINE, DeviceState.OFFLINE, DeviceState.ONLINE]


def test_missing_port_is_no_device(tmp_path):
    reader = IdCardReader("idcard", tmp_path / "nothing-here", timeout=0.2)
    status = reader.poll()
    assert status.state is DeviceState.NO_DEVICE
    assert status.error.code == "no_port" and status.error.action is Action.MAINTENANCE
    assert str(tmp_path / "nothing-here") in status.error.message
    with pytest.raises(DeviceError) as info:
        reader.read_card(timeout=0.1)
    assert info.value.state is DeviceState.NO_DEVICE


def test_second_opener_finds_the_port_busy(sim, reader):
    reader.ensure_open()
    other = IdCardReader("other", sim.link, timeout=0.2)
    with pytest.raises(DeviceError) as info:
        other.open()
    assert info.value.code == "port_busy"


def test_poll_does_not_wait_for_a_read_in_progress(sim, reader):
    reader.poll()
    sim.sam_delay = 0.5
    result = []
    worker = threading.Thread(target=lambda: result.append(reader.read_card(timeout=2)))
    worker.start()
    time.sleep(0.1)
    start = time.monotonic()
    status = reader.poll()
    assert time.monotonic() - start < 0.05
    assert status.state is DeviceState.BUSY
    worker.join(5)
    assert result[0].outcome == "ok" and reader.status.state is DeviceState.ONLINE


def test_counters_persist(sim, tmp_path):
    path = tmp_path / "idcard.json"
    reader = IdCardReader("idcard", sim.link, counters=UsageCounters(path), timeout=0.3)
    try:
        reader.read_card(timeout=2)
    finally:
        reader.close()
    reader.counters.flush()
    assert UsageCounters(path).get("reads") == 1


def test_card_presence_from_find_at_every_poll_and_after_a_read(sim, reader):
    """The take-your-card reminder's question: is a card still on the reader? FIND (9F
    found, 80 none: the fixed bytes in test_idcard_protocol.py) at each probe and after
    each read."""
    assert reader.poll().consumables == {"card": "present"}     # the fixture's card
    assert reader.read_card(timeout=2).outcome == "ok"
    assert reader.status.consumables == {"card": "present"}     # read, and still there
    assert reader.read_card(timeout=2).outcome == "ok"          # FIND spoiled nothing
    sim.remove()
    assert reader.poll().consumables == {"card": "absent"}
    sim.insert(sample_resident_card())
    assert reader.poll().consumables == {"card": "present"}


def test_a_reader_that_cannot_tell_reports_no_presence(sim, tmp_path):
    blind = IdCardReader("idcard", sim.link, timeout=0.3, reports_presence=False)
    try:
        assert blind.poll().state is DeviceState.ONLINE
        assert blind.status.consumables == {}
        assert blind.read_card(timeout=2).outcome == "ok"
        assert blind.status.consumables == {}
    finally:
        blind.close()
