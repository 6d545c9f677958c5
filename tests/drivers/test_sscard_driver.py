"""The real SsCardReader through pyscard, the real pcscd and vsmartcard-vpcd, against the
simulated card, fault by fault. pcscd is started with scripts/services/pcscd.sh when it is
not running (skipped only when that fails) and is left running for the rest of the suite.

The card goes into the vpcd reader this process claimed (sscard_support).
"""
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from drivers.base import Action, DeviceError, DeviceState, HealthLevel, UsageCounters
from drivers.sscard import CardError, SsCardReader, SsReadOutcome
from drivers.sscard import protocol as p
from drivers.sscard.driver import PIN_REQUIRED_MESSAGE
from drivers.sscard.sim import SsCardSimulator, VirtualSsCard, sample_ss_card

from .sscard_support import insert, list_readers, slot, start_pcscd, wait_card

pytestmark = pytest.mark.timeout(30)

H = bytes.fromhex


@pytest.fixture(scope="module", autouse=True)
def pcscd():
    proc = start_pcscd()
    if proc.returncode != 0:
        pytest.fail(f"pcscd cannot be started: {proc.stderr.strip() or proc.stdout.strip()}")
    readers = list_readers()
    if slot().reader not in readers:
        pytest.fail(f"pcscd runs without the vpcd reader {slot().reader!r} (readers: {readers}):"
                    " is vsmartcard-vpcd installed?")
    yield
    start_pcscd()     # other test modules need it, whatever a test here did to it


@pytest.fixture
def sim():
    s = SsCardSimulator(slot().port)
    assert s.reader_name == slot().reader
    yield s
    s.stop()
    wait_card(False)  # the next test starts with pcscd seeing an empty reader


@pytest.fixture
def reader():
    r = SsCardReader("sscard", slot().reader, timeout=0.5)
    yield r
    r.close()


def ef06_reads(sim: SsCardSimulator) -> list[bytes]:
    return [a for a in sim.apdus if a[1] == p.INS_READ_RECORD and (a[3] >> 3 == 6 or a[3] == 0)]


# -- reader and service -------------------------------------------------------------------------
def test_probe_goes_online_with_card_absent(reader):
    assert reader.status.state is DeviceState.OFFLINE
    status = reader.poll()
    assert status.state is DeviceState.ONLINE and status.error is None
    assert status.consumables == {"card": "absent"}
    assert reader.kind == "sscard" and reader.info().model == slot().reader


def test_reader_by_part_of_its_name_or_first(reader):
    part = SsCardReader("sscard", "PCD 00 00")
    first = SsCardReader("sscard")
    try:
        assert part.poll().state is DeviceState.ONLINE and part.info().model == slot().reader
        assert first.poll().state is DeviceState.ONLINE
        assert first.info().model == list_readers()[0]
    finally:
        part.close()
        first.close()


def test_unknown_reader_is_no_device():
    r = SsCardReader("sscard", "Acme Reader 9000")
    try:
        status = r.poll()
        assert status.state is DeviceState.NO_DEVICE
        assert status.error.code == "reader_not_found"
        assert status.error.action is Action.MAINTENANCE
        assert "Acme Reader 9000" in status.error.message and slot().reader in status.error.message
        with pytest.raises(DeviceError) as info:
            r.read_card(0.2)
        assert info.value.code == "reader_not_found"
    finally:
        r.close()


# -- reading ----------------------------------------------------------------------------------
@pytest.mark.parametrize("generation", [1, 2])
def test_reads_each_generation_by_tag(sim, reader, generation):
    sim.card = VirtualSsCard(generation=generation)
    insert(sim)
    outcome = reader.read_card(timeout=3)
    assert outcome == SsReadOutcome("ok", sample_ss_card())
    assert outcome.message is None
    assert sim.apdus[0] == H("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF")
    assert H("00 A4 00 00 02 EF 06") in sim.apdus and H("00 B2 0A 00 03") in sim.apdus
    assert reader.counters.get("reads") == 1
    assert reader.status.state is DeviceState.ONLINE
    assert reader.status.consumables == {"card": "present"}


@pytest.mark.parametrize("generation,gender_record", [(1, 3), (2, 4)])
def test_record_numbers_of_each_generation(sim, reader, generation, gender_record):
    # A card without READ RECORD by tag: the reader scans EF06 by number and maps tags.
    sim.card = VirtualSsCard(generation=generation)
    insert(sim, by_tag=False)
    assert reader.read_card(timeout=3).card == sample_ss_card()
    assert H("00 B2 08 00 14") in sim.apdus             # tried by tag first: 6A81
    assert H("00 B2 0A 00 03") not in sim.apdus
    assert p.read_record_sfi(gender_record, 6) in sim.apdus
    assert sim.card.records(p.EF06)[gender_record - 1][0] == 0x0A


def test_61xx_get_response(sim, reader):
    insert(sim, get_response=True)
    assert reader.read_card(timeout=3).card == sample_ss_card()
    gets = [a for a in sim.apdus if a[1] == p.INS_GET_RESPONSE]
    assert H("00 C0 00 00 13") in gets                   # the FCI after SELECT application
    assert H("00 C0 00 00 03") in gets                   # gender: 0A 01 31
    assert len(gets) == 1 + len(p.EF05_FIELDS) + len(p.EF06_FIELDS)


def test_6cxx_resend_with_le(sim, reader):
    insert(sim, t0_le=True, by_tag=False)
    assert reader.read_card(timeout=3).card == sample_ss_card()
    i = sim.apdus.index(H("00 B2 01 2C 00"))
    assert sim.apdus[i + 1] == H("00 B2 01 2C 12")       # Le = 16 + tag + length
    assert H("00 B2 02 34 20") in sim.apdus              # EF06 record 2: the name


def test_61xx_and_6cxx_together(sim, reader):
    insert(sim, get_response=True, t0_le=True, by_tag=False)
    assert reader.read_card(timeout=3).card == sample_ss_card()


def test_select_with_p1_02(sim, reader):
    insert(sim, select_p1s=frozenset({p.P1_SELECT_EF_IN_DF}))
    assert reader.read_card(timeout=3).card == sample_ss_card()
    i = sim.apdus.index(H("00 A4 00 00 02 EF 05"))
    assert sim.apdus[i + 1] == H("00 A4 02 00 02 EF 05")
    assert H("00 A4 02 00 02 EF 06") in sim.apdus


def test_no_select_at_all_reads_by_sfi(sim, reader):
    insert(sim, select_p1s=frozenset())
    assert reader.read_card(timeout=3).card == sample_ss_card()
    assert H("00 B2 01 2C 00") in sim.apdus and H("00 B2 01 34 00") in sim.apdus


def test_other_holder_data(sim, reader):
    card = sample_ss_card(name="欧阳娜娜", gender="2", nation="03", birthplace=None,
                          ss_number="11010519491231002X", expires_on=None)
    sim.insert(card)
    assert wait_card(True)
    got = reader.read_card(timeout=3).card
    assert got == card and got.ss_number_valid and got.to_json()["expires_on"] is None


# -- outcomes and faults ------------------------------------------------------------------------
def test_pin_required_is_an_outcome_with_a_message(sim, reader):
    sim.card = VirtualSsCard(generation=3)
    insert(sim)
    outcome = reader.read_card(timeout=3)
    assert outcome == SsReadOutcome("pin_required")
    assert outcome.message == PIN_REQUIRED_MESSAGE and "PIN" in outcome.message
    assert reader.status.state is DeviceState.ONLINE and reader.status.error is None
    assert reader.counters.get("reads") == 0


def test_card_removed_mid_read(sim, reader):
    sim.remove_after = 5
    insert(sim)
    start = time.monotonic()
    assert reader.read_card(timeout=3) == SsReadOutcome("removed")
    assert time.monotonic() - start < 2.5
    assert len(sim.apdus) == 5 and not sim.inserted
    assert reader.status.consumables == {"card": "absent"}
    assert reader.poll().state is DeviceState.ONLINE


def test_mute_card_times_out_and_the_reader_recovers(sim, reader):
    insert(sim)
    sim.mute = True
    start = time.monotonic()
    with pytest.raises(CardError) as info:
        reader.read_card(timeout=3)
    assert time.monotonic() - start < 2
    err = info.value
    assert err.code == "card_not_responding" and err.action is Action.RETRY
    assert reader.status.state is DeviceState.ONLINE
    # Again while our first call is still stuck on the card: fast, same answer.
    start = time.monotonic()
    with pytest.raises(CardError, match="does not answer"):
        reader.read_card(timeout=3)
    assert time.monotonic() - start < 1.5
    assert reader.poll().state is DeviceState.ONLINE
    assert reader.counters.get("card_errors") == 2
    # The citizen pulls the card out and inserts a good one: same driver object.
    sim.stop()
    assert wait_card(False)
    sim.mute = False
    insert(sim)
    assert reader.read_card(timeout=3).card == sample_ss_card()


def test_not_a_social_security_card(sim, reader):
    class BankCard(VirtualSsCard):
        def answer(self, apdu):
            return H("6A 82") if apdu[:4] == H("00 A4 04 00") else super().answer(apdu)

    sim.card = BankCard()
    insert(sim)
    with pytest.raises(CardError) as info:
        reader.read_card(timeout=3)
    assert info.value.code == "not_ss_card" and info.value.action is Action.NONE


def test_no_card_returns_in_time(reader):
    start = time.monotonic()
    assert reader.read_card(timeout=0.3) == SsReadOutcome("no_card")
    assert time.monotonic() - start < 1.0
    assert reader.status.state is DeviceState.ONLINE
    assert reader.status.consumables == {"card": "absent"}


def test_cancel_stops_the_wait(reader):
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    start = time.monotonic()
    assert reader.read_card(timeout=10, cancel=cancel).outcome == "no_card"
    assert time.monotonic() - start < 1.0


def test_waits_for_the_card_to_be_inserted(sim, reader):
    threading.Timer(0.3, sim.insert).start()
    outcome = reader.read_card(timeout=5)
    assert outcome.card == sample_ss_card()


def test_poll_sees_insert_and_removal(sim, reader):
    seen = []
    reader.add_listener(lambda old, new: seen.append(new.consumables.get("card")))
    assert reader.poll().consumables == {"card": "absent"}
    insert(sim)
    assert reader.poll().consumables == {"card": "present"}
    sim.remove()
    assert wait_card(False)
    assert reader.poll().consumables == {"card": "absent"}
    assert seen == ["absent", "present", "absent"]


def test_counters_persist(tmp_path, sim):
    path = tmp_path / "sscard.json"
    r = SsCardReader("sscard", slot().reader, counters=UsageCounters(path))
    try:
        insert(sim)
        assert r.read_card(timeout=3).outcome == "ok"
        r.counters.flush()
    finally:
        r.close()
    assert UsageCounters(path).get("reads") == 1


# -- pcscd restart and reader unplugged (kept last: they restart pcscd) ---------------------------
def _pcscd_pid() -> int:
    return int(Path("/run/pcscd/pcscd.pid").read_text().strip("\x00\n "))


def _wait_dead(pid: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":     # dead; its parent (init here) has not reaped it yet
            return
        time.sleep(0.02)
    raise AssertionError(f"pcscd {pid} did not stop")


def test_pcscd_restart_and_reader_unplugged(sim, reader, tmp_path, capsys):
    insert(sim)
    assert reader.read_card(timeout=3).outcome == "ok"
    try:
        # pcscd dies: OFFLINE, with the service named and a reset recommended.
        pid = _pcscd_pid()
        os.kill(pid, signal.SIGKILL)
        _wait_dead(pid)
        status = reader.poll()
        assert status.state is DeviceState.OFFLINE
        assert status.error.code == "pcsc_unavailable" and status.error.action is Action.RESET
        # The class of failure, not pcscd's wording: a killed pcscd answers the old context
        # SCARD_E_NO_SERVICE or SCARD_W_SECURITY_VIOLATION, depending on timing.
        assert status.error.state is DeviceState.OFFLINE and "pcscd" in status.error.message
        with pytest.raises(DeviceError) as info:
            reader.read_card(timeout=0.5)
        assert info.value.code == "pcsc_unavailable"

        # pcscd back without the virtual reader (as if the USB reader were unplugged). Its
        # files are stale: the pid may still exist as a zombie, and pcscd would refuse.
        for stale in ("pcscd.comm", "pcscd.pid"):
            Path("/run/pcscd", stale).unlink(missing_ok=True)
        no_readers = tmp_path / "reader.conf.d"
        no_readers.mkdir()
        bare = subprocess.Popen(["pcscd", "--foreground", "-c", str(no_readers)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 5
            while reader.poll().error.code == "pcsc_unavailable" and time.monotonic() < deadline:
                time.sleep(0.05)
            status = reader.poll()
            assert status.state is DeviceState.OFFLINE and status.error.code == "reader_gone"
            assert slot().reader in status.error.message
        finally:
            bare.kill()
            bare.wait(5)

        # The normal pcscd again: the same driver object comes back and reads.
        start = time.monotonic()
        assert start_pcscd().returncode == 0
        started = time.monotonic()
        while reader.poll().state is not DeviceState.ONLINE:
            assert time.monotonic() - start < 5, reader.status.error
            time.sleep(0.02)
        online = time.monotonic()
        assert reader.read_card(timeout=3).card == sample_ss_card()
        done = time.monotonic()
    finally:
        start_pcscd()
    with capsys.disabled():
        print(f"\n[sscard] pcscd restart: script {started - start:.3f} s, poll() ONLINE after"
              f" {online - started:.3f} s more, read done {done - start:.3f} s after the start")
    assert reader.counters.get("reads") == 2
    assert reader.status.state is DeviceState.ONLINE and reader.status.error is None


# -- the technician's interactive check ---------------------------------------------------------
def test_interactive_health_check_reads_and_masks(sim, reader):
    sim.card = VirtualSsCard(generation=2)
    insert(sim)
    report = reader.health_check(HealthLevel.INTERACTIVE, timeout=3)
    assert report.ok and report.details["outcome"] == "ok"
    assert report.details["ss_number"] == "4401**********0010"
    assert report.details["card_number"] == "A012*4567"
    assert "440106199101010010" not in repr(report.to_dict())
    assert report.details["name"] == "张*"
