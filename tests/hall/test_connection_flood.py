"""One client without a token cannot lock the terminals out (issue 9, item 3).

The hall runs under the usual 1,024 file-descriptor limit (``prlimit --nofile=1024``);
an attacker opens about 1,100 connections that never finish their request (a partial
request line, or partial headers), and holds them. (A tokenless client's body is never
waited for: the hall answers 401 on the headers. A trickled body is cut at the body
timeout.) A
terminal's real, authenticated request must still be answered within a few seconds, and
the hall's log must stay small (a repeating error is logged once in a while with a
count, not thousands of times a second). Half-sent requests are cut after the header or
body timeout, and idle keep-alive connections after theirs.
"""
from __future__ import annotations

import contextlib
import resource
import selectors
import shutil
import socket
import time
from collections import Counter

import pytest
import requests

from .conftest import TOKENS, HallProcess

pytestmark = pytest.mark.skipif(shutil.which("prlimit") is None,
                                reason="prlimit (util-linux) is needed to set the hall's "
                                       "file-descriptor limit")

FD_LIMIT = 1024
ATTACK = 1100
PARTIAL_HEADERS = (b"POST /api/v1/kiosks/K1/transactions:batch HTTP/1.1\r\nHost: hall\r\n"
                   b"Content-Type: application/json\r\n")
PARTIAL_LINE = b"POST /api/v1/kiosks/K1/transactions:ba"


@pytest.fixture(autouse=True)
def enough_descriptors_for_the_attacker():
    """This process holds the attacker's sockets: it needs more than the hall gets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * ATTACK
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"the test process may open only {hard} files, it needs {wanted}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def start_limited(tmp_path, *extra: str) -> HallProcess:
    return HallProcess(tmp_path / "hall.db", *extra,
                       prefix=("prlimit", f"--nofile={FD_LIMIT}:{FD_LIMIT}")).start()


def open_attack(hall: HallProcess, count: int, sources: list[str]) -> list[socket.socket]:
    """``count`` connections from ``sources`` (loopback addresses: one client, or many),
    each sending a request it never finishes; kept open by the caller."""
    socks: list[socket.socket] = []
    with selectors.DefaultSelector() as sel:
        for n in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((sources[n % len(sources)], 0))
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", hall.port))
            socks.append(s)
            sel.register(s, selectors.EVENT_WRITE, n)
        deadline = time.monotonic() + 10
        while sel.get_map() and time.monotonic() < deadline:
            for key, _ in sel.select(0.5):
                sel.unregister(key.fileobj)
                with contextlib.suppress(OSError):
                    key.fileobj.send(PARTIAL_LINE if key.data % 3 == 0 else PARTIAL_HEADERS)
    return socks


def terminal_request(hall: HallProcess, timeout: float = 5) -> requests.Response | Exception:
    try:
        return requests.get(f"{hall.api}/kiosks/K1/config", timeout=timeout,
                            headers={"Authorization": f"Bearer {TOKENS['K1']}",
                                     "X-Kiosk-Id": "K1"})
    except requests.RequestException as e:
        return e


def read_answers(socks: list[socket.socket], timeout: float) -> list[bytes]:
    """What the hall sent on each connection until it closed it (b"" if it did not
    within ``timeout``)."""
    answers = {s: b"" for s in socks}
    with selectors.DefaultSelector() as sel:
        for s in socks:
            sel.register(s, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while sel.get_map() and time.monotonic() < deadline:
            for key, _ in sel.select(0.5):
                try:
                    chunk = key.fileobj.recv(4096)
                except OSError:
                    chunk = b""
                answers[key.fileobj] += chunk
                if not chunk:
                    sel.unregister(key.fileobj)
    return [answers[s] for s in socks]


def close_all(socks: list[socket.socket]) -> None:
    for s in socks:
        s.close()


def test_one_client_with_1100_half_sent_requests_does_not_lock_terminals_out(tmp_path):
    hall = start_limited(tmp_path)
    socks: list[socket.socket] = []
    try:
        assert terminal_request(hall).status_code == 200
        log_before = hall.log.stat().st_size
        socks = open_attack(hall, ATTACK, ["127.0.0.2"])
        time.sleep(2)                                       # the attack goes on
        started = time.monotonic()
        answer = terminal_request(hall)
        took = time.monotonic() - started
        assert isinstance(answer, requests.Response), f"the terminal got {answer!r}"
        assert answer.status_code == 200 and took < 5, (answer.status_code, took)
        time.sleep(3)
        logged = hall.log.stat().st_size - log_before
        assert logged < 16_384, f"{logged} bytes logged in ~5 s of attack"
        assert hall.proc.poll() is None
    finally:
        close_all(socks)
        hall.stop()


def test_many_clients_past_the_connection_cap_are_refused_fast_then_timed_out(tmp_path):
    """From 50 addresses (no per-client cap applies): the connections past the cap are
    refused at once with a typed 503, the held ones are cut at the header timeout, and a
    terminal retrying gets through within seconds of it; the log stays small."""
    hall = start_limited(tmp_path, "--header-timeout", "2", "--body-timeout", "2")
    socks: list[socket.socket] = []
    try:
        log_before = hall.log.stat().st_size
        socks = open_attack(hall, ATTACK, [f"127.0.0.{n}" for n in range(10, 60)])
        started = time.monotonic()
        while True:
            answer = terminal_request(hall, timeout=3)
            if isinstance(answer, requests.Response) and answer.status_code == 200:
                break
            assert time.monotonic() - started < 10, f"the terminal still gets {answer!r}"
            time.sleep(0.3)
        # Every attacking connection was answered and closed: past the cap at once with
        # 503, the others at the header timeout with 408.
        answers = read_answers(socks, timeout=8)
        refused = sum(a.startswith(b"HTTP/1.1 503") and b"too_many_connections" in a
                      for a in answers)
        timed_out = sum(a.startswith(b"HTTP/1.1 408") and b"request_timeout" in a
                        for a in answers)
        assert refused >= ATTACK - FD_LIMIT and timed_out >= FD_LIMIT // 2, \
            (refused, timed_out)
        assert refused + timed_out == ATTACK, Counter(a[:12] for a in answers)
        logged = hall.log.stat().st_size - log_before
        assert logged < 16_384, f"{logged} bytes logged"
    finally:
        close_all(socks)
        hall.stop()


def test_a_trickled_body_and_an_idle_connection_are_cut(tmp_path):
    hall = start_limited(tmp_path, "--header-timeout", "2", "--body-timeout", "3",
                         "--keep-alive-timeout", "1")
    try:
        auth = (f"Authorization: Bearer {TOKENS['K1']}\r\nX-Kiosk-Id: K1\r\n").encode()
        with socket.create_connection(("127.0.0.1", hall.port), timeout=10) as s:
            s.sendall(b"POST /api/v1/kiosks/K1/transactions:batch HTTP/1.1\r\nHost: h\r\n"
                      + auth + b"Content-Type: application/json\r\n"
                      b"Content-Length: 200\r\n\r\n")
            started = time.monotonic()
            answer = b""
            with contextlib.suppress(OSError):
                for _ in range(200):                        # one byte every 0.25 s: 50 s
                    s.sendall(b" ")
                    time.sleep(0.25)
                    s.setblocking(False)
                    with contextlib.suppress(BlockingIOError):
                        answer += s.recv(4096)
                        if answer:
                            break
                    s.setblocking(True)
            took = time.monotonic() - started
            assert 2.5 < took < 8, took
            assert answer.startswith(b"HTTP/1.1 408") and b"request_timeout" in answer, answer

        with socket.create_connection(("127.0.0.1", hall.port), timeout=10) as s:
            s.sendall(b"GET /api/v1/kiosks/K1/config HTTP/1.1\r\nHost: h\r\n" + auth + b"\r\n")
            first = s.recv(65536)
            assert first.startswith(b"HTTP/1.1 200")
            started = time.monotonic()
            s.settimeout(10)
            rest = b""
            while chunk := s.recv(65536):          # until the hall closes the idle link
                rest += chunk
            assert time.monotonic() - started < 4
    finally:
        hall.stop()


def test_a_repeating_log_message_is_let_through_once_per_interval_with_a_count():
    import io
    import logging

    from hall.serving import RepeatFilter

    now = [0.0]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RepeatFilter(10, clock=lambda: now[0]))
    logger = logging.getLogger("test.repeat")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(10_000):
            now[0] = n / 1000                        # 10,000 in 10 s
            logger.error("socket.accept() out of system resource\nsocket: fd=%d", 6)
            if n % 100 == 0:
                logger.warning("something else %d", n)
        now[0] = 10.5
        logger.error("socket.accept() out of system resource\nsocket: fd=%d", 6)
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert text.count("socket.accept() out of system resource") == 2, text
    assert text.count("something else") == 1, text          # its key repeats too
    assert text.endswith("socket: fd=6 [and 9999 more like this in the last 10 s]\n"), text
