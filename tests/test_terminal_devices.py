"""The whole simulated terminal under its supervisor: every device comes online, and
each one, broken the way it breaks in the field and then restored, comes back without
restarting anything. Prints the time each took to recover."""
import subprocess
import time
from pathlib import Path

import pytest

from drivers.base import DeviceState
from drivers.registry import KINDS
from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal

ROOT = Path(__file__).resolve().parents[1]
POLL = 0.2


@pytest.fixture(scope="module")
def terminal(tmp_path_factory):
    sim = Simulation(tmp_path_factory.mktemp("terminal"), card_present=False)
    cfg = sim.start(config.load())
    assert not sim.skipped, f"simulators missing (run make setup): {sim.skipped}"
    term = Terminal(cfg, poll_interval=POLL)
    events = []
    term.supervisor.subscribe(events.append)
    term.start()
    term.events = events
    term.sim = sim
    wait_until(lambda: all(s.usable for s in term.statuses().values()), 30, term)
    yield term
    term.stop()
    sim.stop()


def wait_until(predicate, timeout, term, what="every device online"):
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            states = {n: (s.state.value, s.error and s.error.code)
                      for n, s in term.statuses().items()}
            raise AssertionError(f"timed out waiting for {what}: {states}")
        time.sleep(0.02)


def test_every_kind_is_online_with_its_consumables(terminal):
    statuses = terminal.statuses()
    assert {s.kind for s in statuses.values()} == set(KINDS)
    assert statuses["receipt"].consumables["paper"] == "full"
    assert statuses["lockers"].consumables["board_1"] == "ok"
    assert statuses["docprinter"].consumables["queue"] in ("idle", "printing")


SCENARIOS = {
    # name: (device, break, restore)
    "idcard reader unplugged": ("idcard", lambda t: t.sim.idcard.vanish(),
                                lambda t: t.sim.idcard.restore()),
    "locker bus unplugged": ("lockers", lambda t: t.sim.locker.vanish(),
                             lambda t: t.sim.locker.restore()),
    "receipt printer switched off": ("receipt", lambda t: t.sim.printer.stop(),
                                     lambda t: t.sim.printer.start()),
    "camera source removed": ("camera", lambda t: t.sim.camera.remove(),
                              lambda t: t.sim.camera.restore()),
    "CUPS queue disabled": ("docprinter", lambda t: t.sim.docprinter.disable(),
                            lambda t: t.sim.docprinter.enable()),
    "pcscd restarted": ("sscard", lambda t: subprocess.run(["pkill", "-x", "pcscd"]),
                        lambda t: subprocess.run(
                            ["bash", str(ROOT / "scripts/services/pcscd.sh")], check=True,
                            timeout=60)),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_device_recovers_without_restarting_the_app(terminal, scenario, capsys):
    name, breaker, restorer = SCENARIOS[scenario]
    device = terminal.devices[name]
    others = {n for n in terminal.devices if n != name}
    mark = len(terminal.events)
    breaker(terminal)
    wait_until(lambda: not device.status.usable, 20, terminal, f"{name} to be reported down")
    down = device.status
    assert down.error is not None and down.error.action.value in ("reset", "retry", "maintenance",
                                                                   "clear")
    assert all(terminal.statuses()[n].usable for n in others), "only the broken device is out"
    restored_at = time.monotonic()
    restorer(terminal)
    wait_until(lambda: device.status.usable, 30, terminal, f"{name} to come back")
    recovery = time.monotonic() - restored_at
    assert terminal.devices[name] is device                  # same driver object
    seen = [e for e in terminal.events[mark:] if e.name == name]
    assert seen and not seen[0].new.usable and seen[-1].new.usable
    assert seen[-1].new.state in (DeviceState.ONLINE, DeviceState.BUSY)
    with capsys.disabled():
        print(f"\n  recovery after '{scenario}': {recovery:.2f} s "
              f"(down as {down.state.value}/{down.error.code})")
    assert recovery < 15 * POLL + 10
