"""What the sync proofs run against: a real hall process (``python -m hall serve``) that can
be killed and restarted on the same database and port, and a TCP proxy between the kiosk
and the hall that the test controls and that records what became of every request.

The proxy understands just enough HTTP/1.1 to see request and response boundaries, so
it can cut the network (connections refused, open ones closed), drop the answer to a
batch the hall has already committed, and tell apart a kiosk that gave up waiting
(read timeout, or killed) from a hall that died before answering.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import requests

ROOT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "admin-token-for-sync-tests-0123456789"
T = TypeVar("T")


def token_of(kiosk_id: str) -> str:
    return f"sync-test-token-of-{kiosk_id}-0123456789"


def wait_for(condition: Callable[[], T], timeout: float, what: str,
             interval: float = 0.02) -> T:
    """Poll ``condition`` until it returns something true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


# -- the hall ---------------------------------------------------------------------------
class HallProcess:
    """One ``python -m hall serve`` on loopback with a token for each of ``kiosk_ids``.
    :meth:`start` again after :meth:`kill` restarts it on the same database and port."""

    def __init__(self, workdir: Path, kiosk_ids: list[str], extra_args: tuple[str, ...] = ()):
        self.db = workdir / "hall.db"
        self.extra_args = list(extra_args)      # more ``serve`` options
        self.log = workdir / "hall.log"
        self.tokens = workdir / "hall-tokens.json"
        self.tokens.write_text(json.dumps({k: token_of(k) for k in kiosk_ids}))
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float = 30) -> HallProcess:
        cmd = [sys.executable, "-m", "hall", "serve", "--db", str(self.db),
               "--port", str(self.port), "--tokens", str(self.tokens),
               "--admin-token", ADMIN_TOKEN, *self.extra_args]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"})
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            ready = sel.select(timeout)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("hall listening on http://"):
            self.kill()
            raise RuntimeError(f"the hall did not start ({line!r}): {self.log.read_text()}")
        self.url = line.split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def admin(self, method: str, path: str, **kwargs) -> dict:
        r = requests.request(method, f"{self.url}/admin/v1{path}", timeout=10,
                             headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, **kwargs)
        assert r.status_code == 200, r.text
        return r.json()

    def faults(self, **values) -> dict:
        """Replace the hall's faults (none given: clear them)."""
        return self.admin("PUT", "/faults", json=values)

    def stats(self, kiosk_id: str | None = None) -> dict:
        return self.admin("GET", "/transactions/stats",
                          params={"kiosk_id": kiosk_id} if kiosk_id else None)

    def transactions(self, kiosk_id: str, limit: int) -> list[dict]:
        return self.admin("GET", "/transactions",
                          params={"kiosk_id": kiosk_id, "limit": limit})["transactions"]

    def holds(self, kiosk_id: str, ids: list[str]) -> bool:
        """Whether the hall has applied (committed) every one of ``ids``."""
        return set(ids) <= {t["id"] for t in self.transactions(kiosk_id, 1_000_000)}


# -- the network between kiosk and hall --------------------------------------------------
@dataclass
class Exchange:
    """One HTTP request through the proxy and what became of it.

    ``outcome``: ``in_flight``; ``forwarded`` (the kiosk got the hall's answer);
    ``dropped`` (the proxy threw the hall's complete answer away and closed the kiosk's
    connection); ``kiosk_gone`` (the kiosk closed its connection first: it timed out or
    died; ``status`` is still set when the hall answered afterwards); ``hall_gone`` (the
    hall closed the connection, e.g. killed, before a complete answer); ``hall_refused``;
    ``cut`` (the network was cut while it was under way).
    """
    kiosk_id: str | None
    method: str
    path: str
    sent_at: float                       # time.monotonic(): the request was in
    answered_at: float | None = None     # the hall's answer was complete
    status: int | None = None            # the hall's status, delivered or not
    kiosk_left_at: float | None = None   # the kiosk closed its connection, unanswered
    outcome: str = "in_flight"
    body: bytes = field(default=b"", repr=False)

    @property
    def is_batch(self) -> bool:
        return self.method == "POST" and self.path.endswith("/transactions:batch")

    def transaction_ids(self) -> list[str]:
        """The ids of the transactions in a batch request (gzip or plain JSON)."""
        body = gzip.decompress(self.body) if self.body[:2] == b"\x1f\x8b" else self.body
        return [t["id"] for t in json.loads(body)["transactions"]]


class FaultProxy:
    """Forwards ``127.0.0.1:<port>`` to the hall, one hall connection per request."""

    def __init__(self, hall_port: int, *, answer_deadline: float = 60.0):
        self.hall_port = hall_port
        self.answer_deadline = answer_deadline
        self.port = 0
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._exchanges: list[Exchange] = []
        self._drops = 0
        self._cut = False

    # control ---------------------------------------------------------------------------
    def start(self) -> str:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener, self._cut = listener, False
        threading.Thread(target=self._accept, args=(listener,), daemon=True,
                         name="proxy-accept").start()
        return f"http://127.0.0.1:{self.port}"

    def cut(self) -> None:
        """The network goes away: new connections are refused, open ones are closed."""
        with self._lock:
            self._cut = True
            listener, self._listener = self._listener, None
            sockets = list(self._open)
        if listener is not None:
            _shut(listener)          # wakes the blocked accept() (Linux)
            listener.close()
        for s in sockets:
            _shut(s)

    def restore(self) -> None:
        """The network is back, on the same port."""
        self.start()

    def close(self) -> None:
        self.cut()

    def drop_batch_responses(self, count: int) -> None:
        """Throw away the hall's next ``count`` successful batch answers (the hall has
        committed those batches; the kiosk never learns it)."""
        with self._lock:
            self._drops = count

    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def batches(self, outcome: str | None = None, since: float = 0.0) -> list[Exchange]:
        return [e for e in self.exchanges() if e.is_batch and e.sent_at >= since
                and (outcome is None or e.outcome == outcome)]

    # plumbing --------------------------------------------------------------------------
    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                if self._cut:
                    conn.close()
                    continue
                self._open.add(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True,
                             name="proxy-conn").start()

    def _serve(self, kiosk: socket.socket) -> None:
        reader = _Buffered(kiosk)
        try:
            while True:
                head = reader.read_until(b"\r\n\r\n")
                if head is None:
                    return
                method, path, headers = _parse_head(head)
                body = reader.read_exact(int(headers.get("content-length", "0")))
                if body is None:
                    return
                exchange = Exchange(headers.get("x-kiosk-id"), method, path, time.monotonic(),
                                    body=body)
                with self._lock:
                    self._exchanges.append(exchange)
                if not self._relay(exchange, head + body, kiosk, reader):
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self._open.discard(kiosk)
            _shut(kiosk)
            kiosk.close()

    def _relay(self, exchange: Exchange, request: bytes, kiosk: socket.socket,
               reader: _Buffered) -> bool:
        """Forward one request and its answer; False when the kiosk's connection is over."""
        try:
            hall = socket.create_connection(("127.0.0.1", self.hall_port), timeout=5)
        except OSError:
            self._finish(exchange, "hall_refused")
            return False
        with self._lock:
            self._open.add(hall)
        try:
            hall.sendall(request)
            answer, kiosk_gone = self._read_answer(exchange, hall, kiosk, reader)
        except OSError:
            answer, kiosk_gone = None, False
        finally:
            with self._lock:
                self._open.discard(hall)
            hall.close()
        if self._cut and (answer is None or kiosk_gone):
            self._finish(exchange, "cut")
            return False
        if kiosk_gone or answer is None:
            self._finish(exchange, "kiosk_gone" if kiosk_gone else "hall_gone")
            return False
        with self._lock:
            drop = self._drops > 0 and exchange.is_batch and exchange.status == 200
            if drop:
                self._drops -= 1
        if drop:
            self._finish(exchange, "dropped")
            return False
        try:
            kiosk.sendall(answer)
        except OSError:
            self._finish(exchange, "kiosk_gone")
            return False
        self._finish(exchange, "forwarded")
        return True

    def _read_answer(self, exchange: Exchange, hall: socket.socket, kiosk: socket.socket,
                     reader: _Buffered) -> tuple[bytes | None, bool]:
        """The hall's complete answer (None if it never came) and whether the kiosk hung
        up meanwhile. Keeps reading after the kiosk is gone, to learn the hall's status."""
        buf, kiosk_gone = b"", False
        deadline = time.monotonic() + self.answer_deadline
        with selectors.DefaultSelector() as sel:
            sel.register(hall, selectors.EVENT_READ, "hall")
            sel.register(kiosk, selectors.EVENT_READ, "kiosk")
            while True:
                framed = _answer_length(buf, exchange.method)
                if framed is not None:
                    exchange.status, length = framed
                    exchange.answered_at = time.monotonic()
                    return buf[:length], kiosk_gone
                left = deadline - time.monotonic()
                if left <= 0:
                    return None, kiosk_gone
                for key, _ in sel.select(left):
                    if key.data == "hall":
                        chunk = _recv(hall)
                        if not chunk:
                            return None, kiosk_gone
                        buf += chunk
                    else:
                        chunk = _recv(kiosk)
                        if chunk:
                            reader.push(chunk)       # (requests does not pipeline)
                        else:
                            kiosk_gone = True
                            exchange.kiosk_left_at = time.monotonic()
                            sel.unregister(kiosk)

    def _finish(self, exchange: Exchange, outcome: str) -> None:
        with self._lock:
            exchange.outcome = outcome


class _Buffered:
    """Reads framed pieces from a socket."""

    def __init__(self, sock: socket.socket):
        self.sock, self.buf = sock, b""

    def push(self, data: bytes) -> None:
        self.buf += data

    def read_until(self, marker: bytes) -> bytes | None:
        while marker not in self.buf:
            chunk = _recv(self.sock)
            if not chunk:
                return None
            self.buf += chunk
        end = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:end], self.buf[end:]
        return out

    def read_exact(self, n: int) -> bytes | None:
        while len(self.buf) < n:
            chunk = _recv(self.sock)
            if not chunk:
                return None
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:                  # reset by the peer, or shut down by cut()
        return b""


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _fields(head: bytes) -> tuple[list[str], dict[str, str]]:
    """The first line's words and the headers (lower-case names) of a message head."""
    first, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return first.split(" "), headers


def _parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    words, headers = _fields(head)
    return words[0], words[1], headers


def _answer_length(buf: bytes, method: str) -> tuple[int, int] | None:
    """(status, total length) once ``buf`` holds a complete HTTP/1.1 answer."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    words, headers = _fields(buf[:end])
    status = int(words[1])
    start = end + 4
    if method == "HEAD" or status in (204, 304) or status < 200:
        return status, start
    if "content-length" in headers:
        length = start + int(headers["content-length"])
        return (status, length) if len(buf) >= length else None
    if headers.get("transfer-encoding", "").lower() == "chunked":
        pos = start
        while True:
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                return None
            size = int(buf[pos:eol].split(b";")[0], 16)
            pos = eol + 2 + size + 2
            if len(buf) < pos:
                return None
            if size == 0:
                return status, pos        # (no trailers from uvicorn)
    raise AssertionError(f"an answer the proxy cannot frame: {buf[:end]!r}")
