"""The GUI thread's heartbeat: a timer on its event loop feeds systemd's watchdog
(``WATCHDOG=1`` every ``WatchdogSec/2``) and records the tick ``kiosk health`` reads. A
frozen GUI thread stops both, so systemd kills and restarts the app and monitoring sees
it. The first tick is the first frame on screen (what ``READY=1`` waits for).

Each beat only sends one non-blocking datagram and stores a time: nothing here waits on
the disk (the health file is written by :class:`kiosk.core.health.HealthReporter`'s own
thread).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.core.health import HealthReporter


class Liveness(QObject):
    def __init__(self, window: QQuickWindow, reporter: HealthReporter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reporter = reporter
        self._timer = QTimer(self)
        self._timer.setInterval(int(reporter.tick_interval_s * 1000))
        self._timer.timeout.connect(self._beat)
        window.frameSwapped.connect(self._first_frame, Qt.SingleShotConnection)

    def _first_frame(self) -> None:
        self._beat()
        self._timer.start()

    def _beat(self) -> None:
        # WATCHDOG first: the first tick wakes the reporter, whose READY=1 then follows it.
        self._reporter.notifier.watchdog()
        self._reporter.tick()

    def stop(self) -> None:
        self._timer.stop()
