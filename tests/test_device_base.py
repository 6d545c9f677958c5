"""The shared device model: counters across restarts, poll/reconnect, supervisor events."""
import json
import threading
import time

from drivers.base import (
    Action,
    Device,
    DeviceError,
    DeviceState,
    HealthLevel,
    Supervisor,
    UsageCounters,
    failing_counter_stores,
)


class Flaky(Device):
    """A device whose presence the test switches (stands in for a port that vanishes)."""

    kind = "flaky"

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.present = True
        self.opens = 0

    def open(self):
        if not self.present:
            raise DeviceError("port_missing", "no such port", action=Action.RESET,
                              state=DeviceState.OFFLINE)
        self.opens += 1

    def close(self):
        pass

    def probe(self):
        if not self.present:
            raise DeviceError("no_answer", "no answer", state=DeviceState.OFFLINE)
        return self.set_status(DeviceState.ONLINE, consumables={"paper": "full"})


def test_counters_survive_a_restart(tmp_path):
    path = tmp_path / "c" / "printer.json"
    c = UsageCounters(path, flush_interval=3600)
    c.increment("prints")
    c.increment("prints", 2)
    c.flush()
    assert json.loads(path.read_text()) == {"prints": 3}
    again = UsageCounters(path)
    assert again.get("prints") == 3
    path.write_text("{garbage")
    assert UsageCounters(path).snapshot() == {}      # a damaged file does not stop the device


def test_a_store_that_cannot_be_written_is_a_storage_error_not_an_exception(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    c = UsageCounters(blocker / "printer.json", flush_interval=0)
    c.increment("prints")                       # does not raise
    assert c.flush() is False and c.get("prints") == 1
    err = c.storage_error
    assert err.code == "storage_error" and err.path == str(blocker / "printer.json")
    assert err in failing_counter_stores()
    blocker.unlink()
    blocker.mkdir()
    c.increment("prints")                       # the next due flush writes both counts
    assert c.storage_error is None and err not in failing_counter_stores()
    assert UsageCounters(blocker / "printer.json").get("prints") == 2


def test_poll_reopens_a_device_that_came_back():
    d = Flaky("f")
    assert d.poll().state == DeviceState.ONLINE and d.opens == 1
    d.present = False
    s = d.poll()
    assert s.state == DeviceState.OFFLINE and s.error.code == "no_answer"
    assert d.poll().error.code == "port_missing"
    d.present = True
    assert d.poll().state == DeviceState.ONLINE and d.opens == 2


def test_poll_does_not_wait_for_a_running_operation():
    d = Flaky("f")
    d.poll()
    with d.io_lock:
        t = threading.Thread(target=d.poll)
        started = time.monotonic()
        t.start()
        t.join(1)
        assert not t.is_alive() and time.monotonic() - started < 0.5


def test_supervisor_reports_changes_and_recovers():
    d = Flaky("f", required=True)
    events = []
    sup = Supervisor([d], interval=0.02)
    sup.subscribe(events.append)
    sup.start()
    try:
        deadline = time.monotonic() + 2
        while d.status.state != DeviceState.ONLINE and time.monotonic() < deadline:
            time.sleep(0.01)
        d.present = False
        while d.status.state != DeviceState.OFFLINE and time.monotonic() < deadline:
            time.sleep(0.01)
        d.present = True
        while d.status.state != DeviceState.ONLINE and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        sup.stop()
    states = [e.new.state for e in events]
    assert states[:1] == [DeviceState.ONLINE]
    assert DeviceState.OFFLINE in states and states[-1] == DeviceState.ONLINE
    assert sup.statuses()["f"].required


def test_a_driver_bug_becomes_a_hardware_error_not_a_crash():
    class Buggy(Flaky):
        def probe(self):
            raise ZeroDivisionError("oops")

    s = Buggy("b").poll()
    assert s.state == DeviceState.HARDWARE_ERROR and s.error.action == Action.RESET


def test_health_check_levels():
    d = Flaky("f")
    assert not d.health_check(HealthLevel.INTERNAL).ok      # never polled yet
    assert d.health_check(HealthLevel.EXTERNAL).ok
