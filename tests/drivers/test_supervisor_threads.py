"""The supervisor polls each device on its own thread (issue 9 item 11): a device whose
probe takes 5 s does not delay the detection of the others. Real ID card reader over its
pty, unplugged and plugged back while a slow device is being probed."""
import threading
import time

import pytest

from drivers.base import Device, DeviceState, Supervisor
from drivers.idcard import IdCardReader
from drivers.idcard.sim import IdCardSimulator, sample_resident_card

pytestmark = pytest.mark.timeout(30)

INTERVAL = 0.5


class SlowProbe(Device):
    """A device that answers, but takes ``delay`` seconds to (a CUPS that is slow)."""

    kind = "slow"

    def __init__(self, name, delay):
        super().__init__(name)
        self.delay = delay
        self.probes = 0
        self.stopped = threading.Event()

    def open(self):
        pass

    def close(self):
        pass

    def probe(self):
        self.probes += 1
        self.stopped.wait(self.delay)
        return self.set_status(DeviceState.ONLINE)


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def sim(tmp_path):
    s = IdCardSimulator(tmp_path / "kiosk-idcard", card=sample_resident_card())
    s.start()
    yield s
    s.stop()


def test_a_slow_probe_does_not_delay_the_other_devices(sim):
    slow = SlowProbe("cups", 5.0)
    reader = IdCardReader("idcard", sim.link, timeout=0.3)
    sup = Supervisor([slow, reader], interval=INTERVAL)
    sup.start()
    try:
        assert wait_for(lambda: slow.probes >= 1, 2)
        assert wait_for(lambda: reader.status.state is DeviceState.ONLINE, 2)
        sim.vanish()
        started = time.monotonic()
        assert wait_for(lambda: reader.status.state is DeviceState.OFFLINE, 5)
        sim.restore()
        assert wait_for(lambda: reader.status.state is DeviceState.ONLINE, 5)
        # Both changes within about an interval each, although the slow probe is still
        # running: with one polling thread each waited for the 5 s probe.
        assert time.monotonic() - started < 4 * INTERVAL + 1.0
        assert slow.probes == 1
    finally:
        slow.stopped.set()
        sup.stop()
        reader.close()


def test_poll_soon_reaches_every_device_and_stop_joins_them_all(sim):
    reader = IdCardReader("idcard", sim.link, timeout=0.3)
    sup = Supervisor([reader], interval=60)       # only poll_soon makes it poll again
    sup.start()
    try:
        assert wait_for(lambda: reader.status.state is DeviceState.ONLINE, 3)
        late = SlowProbe("late", 0.0)
        sup.add(late)                              # added while running: gets its own thread
        assert wait_for(lambda: late.probes == 1, 3)
        sim.vanish()
        time.sleep(0.3)
        assert reader.status.state is DeviceState.ONLINE   # no poll yet: the interval is 60 s
        sup.poll_soon()
        assert wait_for(lambda: reader.status.state is DeviceState.OFFLINE, 3)
        assert wait_for(lambda: late.probes == 2, 3)
    finally:
        sup.stop()
        reader.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("device-poll")]
