"""A simulated terminal for technician mode: the real drivers on the simulators (pty for
the ID card reader and the lockers, TCP for the receipt printer, an image sequence for
the camera) and, where asked, the reference hall as a process over HTTP. No pcscd or
CUPS device here, so these tests need not hold the shared lock."""
import pytest

from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal

KINDS = ("idcard", "receipt", "locker", "camera")


@pytest.fixture
def make_terminal(tmp_path):
    made = []

    def make(hall=False, card_present=True, start=True, simulated=True):
        sim = Simulation(tmp_path / f"sim{len(made)}", kinds=KINDS, card_present=card_present,
                         hall=hall)
        cfg = sim.start(config.load())
        assert not sim.skipped, sim.skipped
        terminal = Terminal(cfg, poll_interval=0.2, simulated=simulated)
        made.append((sim, terminal))
        if start:
            terminal.start()
        return sim, terminal

    yield make
    for sim, terminal in made:
        terminal.stop()
        sim.stop()
