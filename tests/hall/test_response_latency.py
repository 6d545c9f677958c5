"""The hall's answer leaves in one go: uvicorn writes the headers and the body
separately, and without TCP_NODELAY on the connection Nagle's algorithm holds the body
until the terminal acknowledges the headers, which a Linux client does only after its
40 ms delayed-ACK timer. Each batch then took 40 ms more than the hall's work, and a
100,000-row backlog drained at half speed (bench/sync_drain.py). The hall's listening
socket is made by ``kiosk hall serve`` itself, and asyncio sets TCP_NODELAY only on
sockets whose protocol number says TCP, which that one did not.

Measured as a ratio on a real hall process over loopback: the wait between the first
bytes of the answer and its last is small next to the wait for the first bytes."""
from __future__ import annotations

import json
import socket
import statistics
import time
import uuid
from datetime import datetime

from .conftest import TOKENS
from .helpers import CST


def _request(kiosk_id: str, rows: int) -> bytes:
    now = datetime.now(CST).isoformat(timespec="seconds")
    body = json.dumps({"transactions": [
        {"id": str(uuid.uuid4()), "kind": "rating", "created_at": now,
         "payload": {"n": n, "score": 3, "service": "SB-001"}} for n in range(rows)]}).encode()
    return (f"POST /api/v1/kiosks/{kiosk_id}/transactions:batch HTTP/1.1\r\n"
            f"Host: hall\r\nAuthorization: Bearer {TOKENS[kiosk_id]}\r\n"
            f"X-Kiosk-Id: {kiosk_id}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def _answer(sock: socket.socket, request: bytes) -> tuple[float, float]:
    """(seconds to the answer's first bytes, seconds from them to its last)."""
    sent = time.perf_counter()
    sock.sendall(request)
    data = sock.recv(1 << 20)
    first = time.perf_counter()
    while b"\r\n\r\n" not in data:
        data += sock.recv(1 << 20)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(1 << 20)
    assert head.startswith(b"HTTP/1.1 200"), head
    return first - sent, time.perf_counter() - first


def test_the_answer_is_not_held_back_by_nagle(hall):
    with socket.create_connection(("127.0.0.1", hall.port), timeout=30) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # About 33 kB of results: more than one write of the hall's, less than a segment.
        timings = [_answer(sock, _request("K3", 500)) for _ in range(9)][2:]
    to_first = statistics.median(t for t, _ in timings)
    first_to_last = statistics.median(g for _, g in timings)
    assert first_to_last < 0.25 * to_first, (to_first, first_to_last)
