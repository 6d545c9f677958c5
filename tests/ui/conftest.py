"""A whole simulated terminal behind the real QML window, driven by touches.

The devices are the real drivers talking to simulators over the real transports (a pty
for the ID card reader, TCP for the ESC/POS printer)."""
from dataclasses import replace

import pytest

from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal


class Kiosk:
    """What a UI test needs: the simulators, the terminal, the UI and a robot."""

    def __init__(self, sim, terminal, ui, robot):
        self.sim, self.terminal, self.ui, self.robot = sim, terminal, ui, robot
        self.controller = ui.controller


@pytest.fixture
def make_kiosk(tmp_path, qapp):
    from kiosk.ui.app import create
    from kiosk.ui.robot import UiRobot

    made = []

    def make(kinds=("idcard", "receipt"), hall=False, **session):
        # The ticket journeys need the reader and the printer only.
        sim = Simulation(tmp_path / f"sim{len(made)}", kinds=kinds, card_present=False,
                         hall=hall)
        cfg = sim.start(config.load())
        cfg = replace(cfg, session=replace(cfg.session, **session))
        terminal = Terminal(cfg, poll_interval=0.2)
        terminal.start()
        ui = create(terminal)
        kiosk = Kiosk(sim, terminal, ui, UiRobot(ui))
        made.append(kiosk)
        kiosk.robot.wait_for(lambda: ui.controller.ticketService["available"], 10,
                             "the simulated printer online")
        return kiosk

    yield make
    for k in made:
        k.ui.close()
        k.terminal.stop()
        k.sim.stop()
