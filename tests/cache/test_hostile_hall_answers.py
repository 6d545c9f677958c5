"""Hostile hall answers (issue 9, "And keep it so"): a hall, or whatever sits between it
and the terminal, that trickles, truncates, sends huge bodies, a gzip bomb, the wrong
content type or random bytes. Each call ends in a typed HallError within its deadline +
a small margin, memory stays bounded, and the outbox loses nothing."""
from __future__ import annotations

import datetime as dt
import functools
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offline_cache import db, outbox, sync
from offline_cache.hall_client import MAX_RESPONSE_BYTES, HallClient, HallError, HallSettings
from offline_cache.sealing import Sealer

from .hostile_hall import RawHall, gzip_bomb, head, trickle

BUDGET = 2.0
MARGIN = 1.5
CST = dt.timezone(dt.timedelta(hours=8))


@functools.lru_cache(maxsize=1)
def bomb() -> bytes:
    return gzip_bomb(1 << 30)          # 1 GiB of spaces in about 1 MB


def streamed(total: int, ctype="application/json"):
    """``total`` bytes of body behind a Content-Length, sent 64 kB at a time."""
    def answer(record, send):
        if not send(head(ctype=ctype, length=total)):
            return
        block = b" " * 65536
        for _ in range(total // len(block)):
            if not send(block):
                return
    return answer


def fixed(data: bytes, close: bool = False):
    def answer(record, send):
        send(data)
        if close:
            raise OSError("the hall hangs up")
    return answer


def bomb_answer(record, send):
    data = bomb()
    send(head(length=len(data), extra={"Content-Encoding": "gzip"}) + data)


HOSTILE = {
    "trickle": (trickle(), "timeout"),
    "truncated": (fixed(head(length=500) + b'{"results": [', close=True), "transport_error"),
    "huge_with_length": (streamed(64 << 20), "bad_response"),
    "huge_chunked": (fixed(b"HTTP/1.1 200 X\r\nContent-Type: application/json\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n"
                           + (b"10000\r\n" + b" " * 0x10000 + b"\r\n") * 200), "bad_response"),
    "gzip_bomb": (bomb_answer, "bad_response"),
    "broken_gzip": (fixed(head(length=20, extra={"Content-Encoding": "gzip"})
                          + b"\x1f\x8b\x08\x00" + b"\x00" * 16), "bad_response"),
    "other_encoding": (fixed(head(length=2, extra={"Content-Encoding": "br"}) + b"{}"),
                       "bad_response"),
    "wrong_content_type": (fixed(head(ctype="text/html", length=13) + b"<html></html>"),
                           "bad_response"),
    "not_http": (fixed(b"SSH-2.0-OpenSSH_9.2\r\n", close=True), "unreachable"),
}


def client_of(url):
    return HallClient(HallSettings(url=url, kiosk_id="K1", token="t", connect_timeout=2,
                                   read_timeout=5, total_timeout=BUDGET))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_answer_is_a_typed_error_within_the_deadline(case):
    answer, code = HOSTILE[case]
    if case == "gzip_bomb":
        bomb()                          # built before the clock starts
    hall = RawHall(answer)
    try:
        tracemalloc.start()
        start = time.monotonic()
        with pytest.raises(HallError) as info:
            client_of(hall.url).heartbeat({})
        took = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        hall.stop()
    assert info.value.code == code, info.value.message
    assert took <= BUDGET + MARGIN, took
    # Decoded bytes are limited, not the wire's: a 1 GiB bomb costs a few times the limit.
    assert peak < 4 * MAX_RESPONSE_BYTES, peak


@pytest.mark.parametrize("case", ["trickle", "truncated", "huge_with_length", "gzip_bomb",
                                  "wrong_content_type"])
def test_the_outbox_loses_nothing_to_a_hostile_hall(tmp_path, case):
    conn = db.connect(tmp_path / "k.db")
    sealer = Sealer.load_or_create(tmp_path / "k.key")
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)
    with db.transaction(conn):
        ids = [outbox.enqueue(conn, "card_loss_report", {"card": "ss"}, now,
                              personal={"id_number": "440106199101010010"}, sealer=sealer)
               for _ in range(3)]
    hall = RawHall(HOSTILE[case][0])
    try:
        engine = sync.SyncEngine(tmp_path / "k.db", client_of(hall.url), sealer,
                                 sync.SyncSettings(cache_paths={}))
        with pytest.raises(HallError) as info:
            engine.sync_once(conn)
    finally:
        hall.stop()
    assert info.value.code == HOSTILE[case][1]
    assert [r.id for r in outbox.pending(conn, 10)] == ids
    assert sync.status(conn)["last_error"]["code"] == HOSTILE[case][1]


# Random answers: status lines, headers and bodies made of pieces a broken proxy sends.
_PIECES = st.sampled_from([
    b"HTTP/1.1 200 OK\r\n", b"HTTP/1.1 500 X\r\n", b"HTTP/1.0 413 X\r\n", b"HTTP/1.1 99 X\r\n",
    b"Content-Type: application/json\r\n", b"Content-Type: text/plain\r\n",
    b"Content-Length: 10\r\n", b"Content-Length: -1\r\n", b"Content-Length: 99999999999\r\n",
    b"Content-Encoding: gzip\r\n", b"Transfer-Encoding: chunked\r\n", b"Retry-After: x\r\n",
    b"\r\n", b"{}", b'{"error": {"code": 1}}', b"\x1f\x8b\x08\x00", b"\xff\xfe", b"0\r\n\r\n",
    b"\x00" * 64])


@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=st.lists(st.one_of(_PIECES, st.binary(max_size=64)), max_size=12))
def test_random_answers_end_in_a_typed_error_or_a_checked_result(answer):
    data = b"".join(answer)
    hall = RawHall(fixed(data, close=True))
    try:
        start = time.monotonic()
        try:
            reply = client_of(hall.url).heartbeat({})
        except HallError as err:
            assert err.code in {"timeout", "unreachable", "transport_error", "bad_response",
                                "server_error", "request_refused", "unauthorized",
                                "forbidden", "rate_limited", "unavailable"}
        else:
            assert isinstance(reply, (dict, list, str, int, float, bool, type(None)))
        assert time.monotonic() - start <= BUDGET + MARGIN
    finally:
        hall.stop()
