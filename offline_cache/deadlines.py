"""Wall-clock deadlines for HTTP calls: a call ends at its deadline, whatever the peer does.

``requests``' read timeout applies between two reads of the socket, so a hall (or a proxy)
that trickles one byte a second holds a call for ever. Here each call runs inside
:meth:`Watchdog.call`; the connections of :class:`DeadlineAdapter` register the socket
they use with the call of their thread (:meth:`Watchdog.watch`: when the TCP connection
is made, again once TLS wrapped it, and each time a kept-alive connection sends a request;
during the TLS handshake the connect timeout bounds each read), and one watchdog
thread shuts those sockets down (``shutdown(SHUT_RDWR)``) when the deadline passes. The
blocked read then returns at once in the caller's thread: no thread is left behind on a
dead socket, and the caller sees ``Deadline.expired``. A call that ends in time removes
itself first, so a kept-alive connection goes back to the pool untouched.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()      # .deadline: the call this thread is making


class Deadline:
    """One call's deadline (``time.monotonic()`` seconds) and the sockets it uses."""

    def __init__(self, at: float) -> None:
        self.at = at
        self.expired = False          # set by the watchdog when it ended the call
        self._sockets: list[socket.socket] = []

    def remaining(self) -> float:
        return self.at - time.monotonic()


class Watchdog:
    """Ends the calls that outlive their deadline (one daemon thread per process)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._calls: set[Deadline] = set()
        self._thread: threading.Thread | None = None

    @contextmanager
    def call(self, seconds: float) -> Iterator[Deadline]:
        """``with WATCHDOG.call(3.0) as deadline:`` the HTTP work of one call."""
        deadline = Deadline(time.monotonic() + seconds)
        outer = getattr(_current, "deadline", None)
        _current.deadline = deadline
        with self._cond:
            self._calls.add(deadline)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="http-deadlines",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()
        try:
            yield deadline
        finally:
            with self._cond:
                self._calls.discard(deadline)
            _current.deadline = outer

    def watch(self, sock: socket.socket | None) -> None:
        """``sock`` serves the current thread's call: shut it down at its deadline."""
        deadline = getattr(_current, "deadline", None)
        if deadline is None or sock is None:
            return
        with self._cond:
            if deadline.expired:
                _shut(sock)
            else:
                deadline._sockets.append(sock)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for deadline in [d for d in self._calls if d.at <= now]:
                    deadline.expired = True
                    self._calls.discard(deadline)
                    for sock in deadline._sockets:
                        _shut(sock)
                nearest = min((d.at for d in self._calls), default=None)
                self._cond.wait(None if nearest is None else max(0.0, nearest - now))


WATCHDOG = Watchdog()


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


# What the mixin extends, for the type checker; at run time it is a plain mixin.
if TYPE_CHECKING:
    _Connection = HTTPConnection
else:
    _Connection = object


class _Watched(_Connection):
    """Mixin for urllib3 connections: register the socket with the current call."""

    def _new_conn(self) -> socket.socket:   # the TCP connection, before any TLS
        sock = super()._new_conn()
        WATCHDOG.watch(sock)
        return sock

    def connect(self) -> None:              # TLS wraps (and detaches) that socket
        super().connect()
        WATCHDOG.watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:  # a kept-alive connection reused
        WATCHDOG.watch(self.sock)
        return super().request(*args, **kwargs)


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """A ``requests`` adapter whose connections obey :data:`WATCHDOG` (keep-alive kept)."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
