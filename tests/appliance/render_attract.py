"""The attract screen rendered offscreen at WIDTH x HEIGHT, as ``kiosk run --simulate``
shows it: saved to OUT, and the hall name's rectangle in it printed as JSON ``[x, y, w,
h]``. tests/test_install.py runs it with the installed package's python, to compare with
what the app shows under cage.

    python render_attract.py KIOSK_TOML OUT WIDTH HEIGHT
"""
from __future__ import annotations

import json
import sys
import tempfile

from kiosk.core import config
from kiosk.core.simulation import Simulation
from kiosk.core.terminal import Terminal
from kiosk.ui import app as app_mod
from kiosk.ui.robot import UiRobot


def main(config_path: str, out: str, width: int, height: int) -> None:
    simulation = Simulation(tempfile.mkdtemp(prefix="kiosk-render-"))
    terminal = Terminal(simulation.start(config.load(config_path)), simulated=True)
    terminal.start()
    ui = app_mod.create(terminal)
    try:
        ui.window.resize(width, height)
        robot = UiRobot(ui)
        robot.wait_for(terminal.supervisor.all_polled, 30, "every device polled once")
        robot.process(1.0)
        item = robot.item("attractHallName")
        rect = item.mapRectToScene(item.boundingRect())
        robot.screenshot(out)
        print(json.dumps([rect.x(), rect.y(), rect.width(), rect.height()]))
    finally:
        ui.close()
        terminal.stop()
        simulation.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
