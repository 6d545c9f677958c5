"""A simulated serial device's port: a raw pseudo-terminal behind a stable symlink.

On a terminal, udev gives each serial device a stable name (``/dev/kiosk-idcard``) that
points at whatever ``/dev/ttyUSBn`` it got this time. A simulator does the same with a
pty: each :class:`PtyLink` is one plugged-in life of the device; closing it is an unplug
(the link disappears), a new one is a replug at the same path. Subclasses implement
:meth:`serve`, which runs on the link's thread and returns when :attr:`stop` is set.
"""
from __future__ import annotations

import contextlib
import os
import select
import tempfile
import threading
import time
import tty

# Give up a write nobody reads, as a UART drops bytes: a test that stopped reading must
# not hang the simulator's thread.
STALL_LIMIT = 2.0


class PtyLink:
    def __init__(self, link: str, thread_name: str) -> None:
        self.link = link
        if os.path.lexists(link) and not os.path.islink(link):
            raise FileExistsError(f"{link} exists and is not a symlink: not replacing it")
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)          # binary wire: no echo, no line editing
        os.set_blocking(self.master, False)
        self.name = os.ttyname(self.slave)
        tmp = f"{link}.{os.getpid()}.tmp"
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(self.name, tmp)
        os.replace(tmp, link)           # atomic re-point, like udev updating its symlink
        self.stop = threading.Event()
        # select() on this too: writing to it wakes the server thread to stop.
        self.wake_r, self.wake_w = os.pipe()
        self.thread = threading.Thread(target=self.serve, name=thread_name, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes) -> None:
        """Send ``data`` to the driver's side (the master end is non-blocking)."""
        view, deadline = memoryview(data), time.monotonic() + STALL_LIMIT
        while view and not self.stop.is_set() and time.monotonic() < deadline:
            try:
                n = os.write(self.master, view)
            except BlockingIOError:
                select.select([], [self.master], [], 0.05)
                continue
            except OSError:
                return
            view = view[n:]
            self.written(n)

    def written(self, n: int) -> None:
        """Called for every chunk written (simulators count the bytes on the wire)."""

    def close(self) -> None:
        """Unplug: stop the thread, close the pty, remove the link if it is still ours."""
        self.stop.set()
        os.write(self.wake_w, b"x")
        self.thread.join(5)
        for fd in (self.master, self.slave, self.wake_r, self.wake_w):
            os.close(fd)
        try:
            if os.readlink(self.link) == self.name:
                os.unlink(self.link)
        except OSError:
            pass


class PtySimulator:
    """The plug / unplug life cycle of a simulator served through :class:`PtyLink` (a
    mixin). The simulator sets ``link`` (None: a temporary folder is made), ``_tmpdir``
    and ``_pty`` to None in its ``__init__`` and implements :meth:`_new_link`."""

    link_name = "kiosk-device"      # the link's file name in a temporary folder
    link: str | None
    _tmpdir: str | None
    _pty: PtyLink | None

    def _new_link(self, link: str) -> PtyLink:
        """A new pty behind ``link``, served."""
        raise NotImplementedError

    def start(self) -> str:
        """Create the pty, point the link at it, serve; return the link path."""
        if self.link is None:
            self._tmpdir = tempfile.mkdtemp(prefix=f"{self.link_name}-")
            self.link = os.path.join(self._tmpdir, self.link_name)
        if self._pty is None:
            self._pty = self._new_link(self.link)
        return self.link

    def stop(self) -> None:
        self.vanish()
        if self._tmpdir:
            with contextlib.suppress(OSError):
                os.rmdir(self._tmpdir)
            self._tmpdir = self.link = None

    def vanish(self) -> None:
        """Unplugged: the pty closes and the link disappears (the simulated device keeps
        its state: a card on the reader, doors open)."""
        if self._pty is not None:
            self._pty.close()
            self._pty = None

    def restore(self) -> str:
        """Plugged back: a new pty behind the same link."""
        return self.start()
