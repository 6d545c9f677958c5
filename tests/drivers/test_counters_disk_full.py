"""A full disk under the usage counters (issue 9 item 5): the counted operation still works,
the failure is a typed condition a terminal can report, and the counts land once space
returns. Real ENOSPC from a 64 KiB tmpfs, the real ID card reader over its pty."""
import logging

import pytest

from drivers.base import DeviceState, UsageCounters
from drivers.base.counters import failing_counter_stores
from drivers.idcard import IdCardReader, ReadOutcome
from drivers.idcard.sim import IdCardSimulator, sample_resident_card

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def sim(tmp_path):
    s = IdCardSimulator(tmp_path / "kiosk-idcard", card=sample_resident_card())
    s.start()
    yield s
    s.stop()


def test_read_card_survives_a_full_disk_and_counts_land_when_space_returns(
        sim, small_disk, caplog):
    path = small_disk.root / "counters" / "idcard.json"
    counters = UsageCounters(path, flush_interval=0.0)
    reader = IdCardReader("idcard", sim.link, counters=counters, timeout=0.3)
    try:
        assert reader.read_card(timeout=2).outcome == "ok"   # counts 1, on disk
        small_disk.fill()
        with caplog.at_level(logging.WARNING, logger="drivers.base.counters"):
            for _ in range(3):
                outcome = reader.read_card(timeout=2)
                assert outcome == ReadOutcome("ok", sample_resident_card())
        assert reader.status.state is DeviceState.ONLINE
        assert reader.poll().state is DeviceState.ONLINE
        err = counters.storage_error
        assert err is not None and err.code == "disk_full" and err.since > 0
        assert str(path) in err.message
        assert [e.code for e in failing_counter_stores() if e.path == str(path)] == ["disk_full"]
        failing = [r for r in caplog.records if r.name == "drivers.base.counters"]
        assert len(failing) == 1, [r.getMessage() for r in failing]   # once, not per read
        assert counters.get("reads") == 4

        small_disk.free()
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="drivers.base.counters"):
            reader.poll()                      # the supervisor's next poll retries the flush
        assert counters.storage_error is None
        assert not [e for e in failing_counter_stores() if e.path == str(path)]
        assert len([r for r in caplog.records if r.name == "drivers.base.counters"]) == 1
        assert UsageCounters(path).get("reads") == 4
        assert not list(path.parent.glob("*.tmp"))   # no half-written temp file left behind
    finally:
        reader.close()
