"""Two test suites (or a suite and a demo) on one machine each put their simulated social
security card in a vpcd reader of their own (issue 9, "and keep it so"): vpcd's readers,
claimed through lock files; two cards served at once, each read through pcscd by its own
reader name."""
import subprocess
import sys

import pytest

from drivers.sscard import SsCardReader, vpcd
from drivers.sscard.sim import SsCardSimulator, sample_ss_card

from .sscard_support import list_readers, start_pcscd, wait_card

pytestmark = pytest.mark.timeout(60)

CONF = '''FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7B
'''


def test_declared_slots_follow_reader_conf(tmp_path):
    (tmp_path / "vpcd").write_text(CONF.replace("0x8C7B", "0x9000"))
    (tmp_path / "libccidtwin").write_text('FRIENDLYNAME "GemPC Twin"\nDEVICENAME /dev/ttyS0\n'
                                          'LIBPATH /usr/lib/pcsc/drivers/serial/libccidtwin.so\n')
    assert vpcd.declared_slots(tmp_path) == [
        vpcd.VpcdSlot("Virtual PCD 00 00", 0x9000), vpcd.VpcdSlot("Virtual PCD 00 01", 0x9001)]
    assert vpcd.declared_slots(tmp_path / "missing") == [
        vpcd.VpcdSlot("Virtual PCD 00 00", 35963), vpcd.VpcdSlot("Virtual PCD 00 01", 35964)]


def test_a_claimed_slot_is_not_given_to_another_program(tmp_path):
    slots = [vpcd.VpcdSlot("A 00 00", 1), vpcd.VpcdSlot("A 00 01", 2)]
    first = vpcd.claim_slot(slots, lock_dir=tmp_path)
    # Another process (another suite) gets the next slot, then none.
    probe = ("import sys; from drivers.sscard import vpcd; s = [vpcd.VpcdSlot('A 00 00', 1),"
             " vpcd.VpcdSlot('A 00 01', 2)]\n"
             "try: print(vpcd.claim_slot(s, lock_dir=sys.argv[1]).port)\n"
             "except vpcd.NoFreeSlot: print('none')")
    other = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True,
                           text=True, timeout=30)
    assert (first.port, other.stdout.strip()) == (1, "2")
    with vpcd.claim_slot(slots, lock_dir=tmp_path) as second:   # this process: its own lock
        assert second.port == 2
        with pytest.raises(vpcd.NoFreeSlot):
            vpcd.claim_slot(slots, lock_dir=tmp_path)
    first.release()
    assert vpcd.claim_slot(slots, lock_dir=tmp_path).port == 1


@pytest.fixture(scope="module")
def pcscd():
    proc = start_pcscd()
    if proc.returncode != 0:
        pytest.fail(f"pcscd cannot be started: {proc.stderr.strip() or proc.stdout.strip()}")


def test_two_simulated_cards_at_once_each_in_its_own_reader(pcscd):
    mine = vpcd.process_slot()
    try:
        other = vpcd.claim_slot([s for s in vpcd.declared_slots() if s != mine])
    except vpcd.NoFreeSlot as exc:
        pytest.skip(f"another program holds the second vpcd reader: {exc}")
    with other:
        a, b = mine, other.slot
        readers = list_readers()
        if not {a.reader, b.reader} <= set(readers):
            pytest.fail(f"pcscd does not offer {a.reader!r} and {b.reader!r}: {readers}")
        cards = {a.reader: sample_ss_card(name="张小明"), b.reader: sample_ss_card(name="李小红")}
        sims = [SsCardSimulator(c.port, card=cards[c.reader]) for c in (a, b)]
        drivers_ = [SsCardReader("sscard", c.reader, timeout=1.0) for c in (a, b)]
        try:
            for s in sims:
                s.start()
            for s in sims:
                assert wait_card(True, reader=s.reader_name), s.reader_name
            assert [s.reader_name for s in sims] == [a.reader, b.reader]
            for r, c in zip(drivers_, (a, b), strict=True):
                outcome = r.read_card(timeout=3)
                assert outcome.outcome == "ok" and outcome.card.name == cards[c.reader].name
                assert r.info().model == c.reader
        finally:
            for r in drivers_:
                r.close()
            for s in sims:
                s.stop()
                wait_card(False, reader=s.reader_name)
