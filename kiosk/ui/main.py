"""``kiosk run``: the appliance app, on the hardware or on simulators."""
from __future__ import annotations

import logging
import signal
import tempfile
import time

from kiosk.core import config as config_mod
from kiosk.core import health
from kiosk.core.terminal import Terminal

log = logging.getLogger(__name__)


def run(config_path: str | None = None, *, simulate: bool = False, windowed: bool = False,
        first_frame_probe: bool = False) -> int:
    from PySide6.QtCore import Qt

    from . import app as app_mod  # Qt is loaded here, not at CLI start
    from . import restart

    cfg = config_mod.load(config_path)
    simulation = None
    if simulate:
        from kiosk.core.simulation import Simulation
        simulation = Simulation(tempfile.mkdtemp(prefix="kiosk-sim-"))
        cfg = simulation.start(cfg)
        log.info("simulated devices under %s", simulation.workdir)
    terminal = Terminal(cfg, simulated=simulate)
    ui = app_mod.create(terminal, fullscreen=not windowed and not first_frame_probe)
    reporter, liveness = _watch(terminal, ui.window)
    # The devices' polling, the sync engine and the health reports start once the attract
    # screen is on screen: the first frame needs none of them, and their threads (the
    # drivers' first imports: python-escpos, OpenCV...) would take the GIL from it.
    def started() -> None:
        terminal.start()
        reporter.start()
    ui.window.frameSwapped.connect(started, Qt.SingleShotConnection)
    if first_frame_probe:
        _probe(ui, reporter)
    # Quit cleanly on SIGTERM (systemd stop) so counters and the database are flushed;
    # SIGHUP (kiosk tech restart) starts again the same way (kiosk/ui/restart.py).
    signal.signal(signal.SIGTERM, lambda *_: ui.app.quit())
    signal.signal(signal.SIGINT, lambda *_: ui.app.quit())
    signal.signal(signal.SIGHUP, lambda *_: restart.request())
    code = None
    try:
        code = ui.app.exec()
    finally:
        restarting = code == restart.RESTART
        liveness.stop()
        reporter.stop(restarting=restarting)
        ui.close()
        terminal.stop()
        if simulation:
            simulation.stop()
    if restarting:
        log.info("restarting the app in place")
        restart.exec_again()
    return code




def _watch(terminal: Terminal, window):
    """systemd's notify protocol and the health file (kiosk/core/health.py), the UI's tick
    from a timer on the GUI thread (kiosk/ui/liveness.py)."""
    from .liveness import Liveness

    data_dir = terminal.config.data_dir
    reporter = health.HealthReporter(
        data_dir / health.HEALTH_FILE, statuses=terminal.statuses,
        hall_configured=terminal.sync is not None,
        hall_reachable=lambda: terminal.hall_reachable,
        depth=health.OutboxDepth(data_dir / "kiosk.db"),
        drivers_polled=terminal.supervisor.all_polled)
    return reporter, Liveness(window, reporter)


def _probe(ui, reporter: health.HealthReporter) -> None:
    """For bench/startup.py: ``FIRST_FRAME <epoch>`` on the first frame, ``READY <epoch>``
    when the app is ready (the database read, every driver polled, the first frame: what
    systemd's READY=1 says), then quit."""
    shown: list[float] = []

    def first_frame() -> None:
        if not shown:
            shown.append(time.time())
            print(f"FIRST_FRAME {shown[0]:.6f}", flush=True)
    ui.window.frameSwapped.connect(first_frame)    # the first call is the first frame
    ready = reporter.notifier.ready

    def said_ready(status: str) -> bool:       # on the reporter's thread
        print(f"READY {time.time():.6f}", flush=True)
        ui.app.exit(0)                          # thread-safe (Qt 6)
        return ready(status)
    reporter.notifier.ready = said_ready        # type: ignore[method-assign]
