"""Restarting the app in place: a technician's 重启应用 on the screen, or SIGHUP from
``kiosk tech restart`` (kiosk/core/health.py).

The event loop ends with :data:`RESTART`; kiosk/ui/main.py then cleans up as on a stop
(devices closed, database flushed), tells systemd it is reloading, and :func:`exec_again`
replaces the process with a fresh ``kiosk`` of the same arguments. Exec and not exit:
under cage the app is cage's child and cage ends with it, so an exit would restart the
whole session (or, with the unit's start limit spent, reboot the machine); the same pid
also keeps systemd's ``NotifyAccess`` and the watchdog on the right process.
"""
from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication

RESTART = 75     # the event loop's exit code for "start again" (EX_TEMPFAIL: not an error)


def request() -> None:
    """End the event loop so that the app starts again (GUI thread)."""
    QCoreApplication.exit(RESTART)


def exec_again() -> None:
    """Replace this process with ``python -m kiosk.cli`` and the same arguments. Does not
    return (raises OSError if the exec itself fails)."""
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, "-m", "kiosk.cli", *sys.argv[1:]])
