"""A hall that answers on a raw loopback socket exactly as a test script says: trickling
a byte at a time, truncating, sending more than any limit, a gzip bomb, the wrong
content type. Each connection is recorded with when it opened and when the kiosk's end
went away (the proof that a call really let go of its socket)."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Connection:
    opened_at: float
    closed_at: float | None = None      # the kiosk closed or shut down its end
    requests: int = 0


class RawHall:
    """``answer(connection, send)`` writes the answer to each request; ``send(bytes)``
    returns False once the kiosk is gone."""

    def __init__(self, answer: Callable[[Connection, Callable[[bytes], bool]], None]):
        self.answer = answer
        self.connections: list[Connection] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self._stopped = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            record = Connection(time.monotonic())
            self.connections.append(record)
            threading.Thread(target=self._serve, args=(sock, record), daemon=True).start()

    def _serve(self, sock: socket.socket, record: Connection) -> None:
        buf = b""
        try:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, buf = buf.split(b"\r\n\r\n", 1)
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(buf) < length:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                buf = buf[length:]
                record.requests += 1

                def send(data: bytes) -> bool:
                    try:
                        sock.sendall(data)
                        return True
                    except OSError:
                        return False

                self.answer(record, send)
        except OSError:
            return
        finally:
            record.closed_at = record.closed_at or time.monotonic()
            sock.close()


def head(status: int = 200, ctype: str = "application/json", length: int | None = None,
         extra: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} X", f"Content-Type: {ctype}"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def trickle(interval: float = 0.25, body: bytes = b'{"number": "A001", "waiting_ahead": 0}'):
    """Headers and body, one byte every ``interval`` s (far more often than any read
    timeout), padded so the answer lasts minutes."""
    padded = body + b" " * 2000
    data = head(length=len(padded)) + padded

    def answer(record, send):
        for i in range(len(data)):
            if not send(data[i:i + 1]):
                record.closed_at = time.monotonic()
                return
            time.sleep(interval)
    return answer


def gzip_bomb(decoded_bytes: int) -> bytes:
    """A gzip member that expands to ``decoded_bytes`` of spaces (about 1000:1)."""
    out = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    parts = [out.compress(block) for _ in range(decoded_bytes >> 20)]
    return b"".join(parts) + out.flush()
