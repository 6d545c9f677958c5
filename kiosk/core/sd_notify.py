"""systemd's service notification protocol (sd_notify(3)), spoken directly.

The service manager passes ``NOTIFY_SOCKET``: a path of an ``AF_UNIX`` datagram socket, or
an abstract socket name written with a leading ``@`` (the first byte of the address is
then NUL). Each notification is one datagram of newline-separated ``KEY=VALUE`` lines:
``READY=1``, ``STATUS=...``, ``WATCHDOG=1``, ``STOPPING=1``. ``WATCHDOG_USEC`` says how often
the manager wants ``WATCHDOG=1`` (we send twice as often, as sd_watchdog_enabled(3) advises).

No ``NOTIFY_SOCKET``: every call is a no-op, so the app runs the same outside systemd.
Sending never blocks (the GUI thread calls it) and never raises: a manager that went away
is logged once, not for every datagram.

``WATCHDOG_PID`` is deliberately not checked: under cage (systemd/kiosk.service) the
service's main process is the compositor and the app is its child, so the PID systemd
names is never ours; ``NotifyAccess=all`` is what makes systemd take our datagrams.
"""
from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger(__name__)


def _address(value: str) -> str | bytes:
    return b"\0" + value[1:].encode() if value.startswith("@") else value


class Notifier:
    """The notify socket of this process's service, if any (see the module doc)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        target = env.get("NOTIFY_SOCKET", "")
        self._address = _address(target) if target.startswith(("/", "@")) else None
        self._sock: socket.socket | None = None
        if self._address is not None:
            # Made here, not on first use: the GUI thread (WATCHDOG) and the health thread
            # (READY, STATUS) share it. Non-blocking: a stalled manager never stalls the UI.
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.setblocking(False)
        self._failing = False
        try:
            usec = int(env.get("WATCHDOG_USEC", "0"))
        except ValueError:
            usec = 0
        #: Seconds between two WATCHDOG=1 (half the manager's WatchdogSec); None: no watchdog.
        self.watchdog_interval_s: float | None = usec / 2e6 if usec > 0 and self.enabled else None

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def notify(self, **fields: str) -> bool:
        """Send one datagram ``KEY=VALUE`` per field (``STATUS`` and the like; values on one
        line); True when it left. Non-blocking."""
        if self._sock is None or self._address is None:
            return False
        message = "\n".join(f"{key}={' '.join(str(value).split())}"
                            for key, value in fields.items())
        try:
            self._sock.sendto(message.encode("utf-8"), self._address)
        except OSError as err:
            if not self._failing:
                log.warning("systemd notify socket %r: %s (further failures not logged)",
                            os.environ.get("NOTIFY_SOCKET"), err)
            self._failing = True
            return False
        if self._failing:
            log.info("systemd notify socket answers again")
        self._failing = False
        return True

    def ready(self, status: str) -> bool:
        return self.notify(READY="1", STATUS=status)

    def status(self, status: str) -> bool:
        return self.notify(STATUS=status)

    def watchdog(self) -> bool:
        return self.notify(WATCHDOG="1")

    def stopping(self) -> bool:
        return self.notify(STOPPING="1")

    def reloading(self) -> bool:
        """The app restarts itself in place (a technician's 重启应用: the same process
        execs again); the new one's READY=1 ends the reload. systemd >= 253 wants the
        monotonic clock with it."""
        return self.notify(RELOADING="1",
                           MONOTONIC_USEC=str(time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                                              // 1000))

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None   # later calls: no-ops
