"""Serving the hall over HTTP so that one client cannot take it from the terminals.

uvicorn (0.55, h11) by itself bounds nothing that matters against a client that opens
connections and never completes a request: ``limit_concurrency`` only answers 503 once a
whole request has arrived (and counts the stalled connections, so real requests get the
503), its keep-alive timer starts only after a first response, and there is no header or
body timeout. Under the usual 1,024 file-descriptor limit ~1,100 half-sent requests
exhaust the descriptors; asyncio's accept loop (CPython 3.11) then logs
``socket.accept() out of system resource`` thousands of times a second.

:func:`serve` runs uvicorn with :class:`GuardedH11Protocol`, which adds, per connection:

- a connection cap below the descriptor limit (:func:`raise_nofile` first raises the soft
  limit to the hard one), and a per-client-address cap; a connection past either is
  answered a typed 503 ``too_many_connections`` at once and closed, without a request;
- a header timeout: a request line and headers not complete within ``header_timeout_s``
  of the connection opening (or of the previous response) is answered 408
  ``request_timeout`` and closed (slowloris);
- a body timeout: a body not complete within ``body_timeout_s`` of its headers (one that
  trickles) is cut the same way, and the handler sees the client gone;
- uvicorn's keep-alive idle timeout (``keep_alive_s``);
- what is not HTTP at all answered 400 ``malformed_request`` in the error shape.

Logging goes through :class:`RepeatFilter`: a message repeating (same logger, level and
first line) is let through once per interval, with the count of those held back.
Behind a reverse proxy (the README says what to put in front of the hall) set the
per-client cap to 0: every connection then comes from the proxy's address.
"""
from __future__ import annotations

import asyncio
import json
import logging
import resource
import socket
import time
from collections import Counter
from collections.abc import Callable

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import error_body
from .settings import ServeLimits

log = logging.getLogger("hall.serving")
# Descriptors kept for what is not a client connection: the database and its WAL, the
# log, the listening socket, the thread pool's files.
FD_RESERVE = 64
# asyncio accepts up to the listen backlog in one go before any connection_made runs (and
# so before the cap can refuse one): the cap leaves room for one such burst, kept small.
BACKLOG = 128


def raise_nofile() -> int:
    """Raise the soft RLIMIT_NOFILE to the hard limit (systemd's ``LimitNOFILE``);
    returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


def connection_cap(limits: ServeLimits, nofile: int) -> int:
    return max(1, min(limits.max_connections, nofile - FD_RESERVE - BACKLOG))


def _raw_error(status: int, reason: str, code: str, message: str,
               retry_after_s: int | None = None) -> bytes:
    """A complete ``Connection: close`` response in the contract's error shape, written
    without h11 (there may be no request to answer)."""
    body = json.dumps(error_body(code, message)).encode()
    head = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json",
            f"Content-Length: {len(body)}", "Connection: close"]
    if retry_after_s is not None:
        head.append(f"Retry-After: {retry_after_s}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the caps and timeouts of the module docstring; make
    one for a server with :meth:`configured`."""

    limits = ServeLimits()
    max_connections = ServeLimits.max_connections
    per_client: Counter[str]             # open connections by client address

    @classmethod
    def configured(cls, limits: ServeLimits, max_connections: int) -> type[GuardedH11Protocol]:
        return type(cls.__name__, (cls,), {"limits": limits, "max_connections": max_connections,
                                           "per_client": Counter()})

    def connection_made(self, transport) -> None:
        peer = transport.get_extra_info("peername")
        self._host = peer[0] if isinstance(peer, tuple) else None
        self._deadline: asyncio.TimerHandle | None = None
        self._phase: str | None = None
        cap = self.limits.max_connections_per_client
        if len(self.connections) >= self.max_connections or (
                cap and self._host is not None and self.per_client[self._host] >= cap):
            self._refused = True
            self.transport = transport
            log.warning("refused a connection from %s: over the connection cap "
                        "(%d in all, %d per client)", self._host, self.max_connections, cap)
            transport.write(_raw_error(503, "Service Unavailable", "too_many_connections",
                                       "the hall has too many connections; retry later",
                                       retry_after_s=1))
            transport.close()
            return
        self._refused = False
        if self._host is not None:
            self.per_client[self._host] += 1
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # uvicorn writes the headers and the body apart: with Nagle on, the body waits
            # for the client's ACK of the headers, 40 ms on Linux (delayed ACK). asyncio
            # sets this only on sockets whose proto says TCP; `kiosk hall serve` makes its
            # own (tests/hall/test_response_latency.py).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._watch()

    def connection_lost(self, exc) -> None:
        if self._refused:
            return
        if self._host is not None:
            self.per_client[self._host] -= 1
            if self.per_client[self._host] <= 0:
                del self.per_client[self._host]
        self._set_deadline(None)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def send_400_response(self, msg: str) -> None:
        """What is not HTTP (h11 refused it) gets the contract's error shape too, not
        uvicorn's text/plain."""
        self.transport.write(_raw_error(400, "Bad Request", "malformed_request",
                                        f"not an HTTP/1.1 request: {msg}"))
        self.transport.close()

    # Deadlines -------------------------------------------------------------------------
    def _watch(self) -> None:
        """Arm the deadline of what the client owes us now: headers (h11 IDLE: no
        complete request yet) or the rest of a body (SEND_BODY); none otherwise."""
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        phase = "header" if state is h11.IDLE else "body" if state is h11.SEND_BODY else None
        if phase != self._phase:
            self._phase = phase
            self._set_deadline(phase)

    def _set_deadline(self, phase: str | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if phase is not None:
            timeout = (self.limits.header_timeout_s if phase == "header"
                       else self.limits.body_timeout_s)
            self._deadline = self.loop.call_later(timeout, self._expired, phase)

    def _expired(self, phase: str) -> None:
        self._deadline = None
        if self.transport.is_closing() or self._phase != phase:
            return
        started = self.conn.trailing_data[0] if phase == "header" else True
        cycle = self.cycle if phase == "body" else None
        if cycle is not None:
            if cycle.response_started:        # the handler answered early: just cut
                started = False
            cycle.disconnected = True         # the handler's receive() says so
            cycle.message_event.set()
        if started:
            what = "headers" if phase == "header" else "body"
            timeout = (self.limits.header_timeout_s if phase == "header"
                       else self.limits.body_timeout_s)
            log.warning("closed a connection from %s: its request %s took over %g s",
                        self._host, what, timeout)
            self.transport.write(_raw_error(
                408, "Request Timeout", "request_timeout",
                f"the request {what} did not arrive within {timeout:g} s"))
        self.transport.close()


class RepeatFilter(logging.Filter):
    """Lets a message through once per ``interval_s`` for each (logger, level, first
    line); the next one let through carries the count of those held back meanwhile."""

    MAX_KEYS = 1000

    def __init__(self, interval_s: float, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.interval_s, self.clock = interval_s, clock
        self._seen: dict[tuple, list] = {}        # key -> [last let through, held back]

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg).partition("\n")[0][:200])
        now = self.clock()
        entry = self._seen.get(key)
        if entry is not None and now - entry[0] < self.interval_s:
            entry[1] += 1
            return False
        if len(self._seen) >= self.MAX_KEYS:
            self._seen = {k: v for k, v in self._seen.items()
                          if now - v[0] < self.interval_s}
        self._seen[key] = [now, 0]
        if entry is not None and entry[1] and isinstance(record.msg, str):
            record.msg += f" [and {entry[1]} more like this in the last {now - entry[0]:.0f} s]"
        return True


def install_log_filter(interval_s: float, level: str) -> None:
    """Every handler (uvicorn's, and one on the root logger for asyncio's and ours)
    goes through one :class:`RepeatFilter`."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if not root.handlers:
        handler: logging.Handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: "
                                               "%(message)s"))
        root.addHandler(handler)
    repeat = RepeatFilter(interval_s)
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access"):
        for handler in logging.getLogger(name).handlers:
            handler.addFilter(repeat)


def serve(app, sock: socket.socket, limits: ServeLimits, log_level: str) -> None:
    """Serve ``app`` on the listening ``sock`` until SIGINT/SIGTERM."""
    import uvicorn

    nofile = raise_nofile()
    cap = connection_cap(limits, nofile)
    config = uvicorn.Config(
        app, log_level=log_level, access_log=False, timeout_graceful_shutdown=5,
        # uvicorn annotates whole seconds; a float goes to loop.call_later just as well
        timeout_keep_alive=limits.keep_alive_s,  # type: ignore[arg-type]
        backlog=BACKLOG, http=GuardedH11Protocol.configured(limits, cap))
    install_log_filter(limits.log_repeat_s, log_level)    # after uvicorn's logging set-up
    if cap < limits.max_connections:
        log.warning("serving at most %d connections: the file-descriptor limit is %d "
                    "(raise LimitNOFILE)", cap, nofile)
    uvicorn.Server(config).run(sockets=[sock])
