"""A whole simulated terminal behind the real QML window, driven by touches.

The devices are the real drivers talking to simulators over the real transports (a pty
for the ID card reader, TCP for the ESC/POS printer)."""
import logging
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


# The sample cards' full ID numbers and names (drivers/idcard/sim.py, drivers/sscard/sim.py):
# no log line of any journey may carry them. Masked forms (4401**********0010, 张*) may.
_PERSONAL = ("440106199101010010", "81000019850601001X", "USA440085010100", "张小明",
             "陈大文", "史密斯", "SMITH, JOHN")


@pytest.fixture(autouse=True)
def no_personal_data_in_the_log(caplog):
    """Every UI journey: the log, at every level and from every logger (drivers, core,
    UI, sync), never contains a full ID number or a name."""
    caplog.set_level(logging.DEBUG)
    yield
    # caplog.records is the current phase's (teardown): look at every phase's.
    records = [r for when in ("setup", "call") for r in caplog.get_records(when)]
    leaked = [r.getMessage() for r in records + caplog.records
              if any(p in r.getMessage() for p in _PERSONAL)]
    assert not leaked, f"personal data in the log: {leaked[:3]}"


@pytest.fixture
def speech(tmp_path, monkeypatch):
    """A real speech-dispatcher with espeak-ng (tests/speech.py), the kiosk's spd-say
    pointed at it; what it was asked to read is in ``speech.said()``."""
    from tests.speech import SpeechDispatcher

    daemon = SpeechDispatcher(tmp_path / "speech").start()
    for name, value in daemon.env.items():
        monkeypatch.setenv(name, value)
    yield daemon
    daemon.stop()
