"""Hostile requests to a real hall over HTTP (issue 9, "And keep it so"): no token or
another kiosk's, oversized bodies and gzip bombs, deeply nested JSON, invalid UTF-8,
numbers out of range, garbage and half-open connections. Each gets a typed error (the
contract's ``{"error": {"code", "message"}}`` with a 4xx), never a 500, and the hall
keeps serving. Hypothesis runs derandomized with bounded examples, so a run is the
same run every time."""
from __future__ import annotations

import contextlib
import gzip
import json
import re
import socket
import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import ADMIN_TOKEN, TOKENS, HallProcess

KIOSK, TOKEN = "KH", "token-of-kh-hostile-0123456789"
FUZZ = settings(derandomize=True, max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
POST_PATHS = ["/tickets", f"/kiosks/{KIOSK}/heartbeat", f"/kiosks/{KIOSK}/ticket-blocks",
              "/payments", "/services/ss_payment_history/query",
              "/services/ss_certificate/documents", "/identity/verify",
              f"/kiosks/{KIOSK}/transactions:batch"]
GET_PATHS = ["/catalog", f"/kiosks/{KIOSK}/config", f"/kiosks/{KIOSK}/lockers/assignments",
             "/appointments?holder=h&date=2025-03-01", "/payments/P1", "/documents/d1"]


@pytest.fixture(scope="module")
def api(hall) -> str:
    r = requests.post(f"{hall.url}/admin/v1/kiosks/{KIOSK}/tokens", json={"token": TOKEN},
                      headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
    assert r.status_code in (200, 409), r.text      # 409: registered by an earlier run
    return hall.api


def auth(kiosk_id: str = KIOSK, token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Kiosk-Id": kiosk_id}


def assert_typed_refusal(r: requests.Response) -> dict:
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.headers.get("content-type", "").startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] and body["error"]["message"]
    return body["error"]


def assert_not_a_crash(r: requests.Response) -> None:
    """2xx, or a typed refusal."""
    if r.status_code >= 300:
        assert_typed_refusal(r)


def still_serving(api: str) -> None:
    r = requests.get(f"{api}/kiosks/{KIOSK}/config", headers=auth(), timeout=10)
    assert r.status_code == 200, r.text


# Tokens ---------------------------------------------------------------------------------
credentials = st.one_of(
    st.just({}),                                                        # no token
    st.just(auth("K1", TOKENS["K2"])),                                  # another kiosk's
    st.just(auth("K2", TOKEN)),                                         # ours, as another
    st.builds(lambda t: auth(KIOSK, t), st.text(min_size=1, max_size=80).filter(
        lambda t: t.strip() and t.isprintable() and t.isascii())),      # made up
    st.builds(lambda s: {"Authorization": s, "X-Kiosk-Id": KIOSK},
              st.sampled_from(["Bearer", "Bearer ", "Basic abc", "bearer  ", "Token x"])),
)


@FUZZ
@given(headers=credentials, path=st.sampled_from(POST_PATHS + GET_PATHS),
       body=st.binary(max_size=200))
def test_no_token_or_another_kiosks_token_is_refused_before_anything(api, headers, path,
                                                                     body):
    method = "POST" if path in POST_PATHS else "GET"
    r = requests.request(method, api + path, headers=headers, timeout=10,
                         data=body if method == "POST" else None)
    error = assert_typed_refusal(r)
    assert r.status_code == 401, error
    assert error["code"].startswith(("unauthorized", "token_")), error


def test_a_kiosk_cannot_reach_another_kiosks_resources(api):
    for path in ("/kiosks/K1/config", "/kiosks/K1/lockers/assignments"):
        assert assert_typed_refusal(requests.get(api + path, headers=auth(), timeout=10)) \
            ["code"] == "forbidden"
    r = requests.post(f"{api}/kiosks/K1/transactions:batch", headers=auth(), timeout=10,
                      json={"transactions": []})
    assert r.status_code == 403 and assert_typed_refusal(r)["code"] == "forbidden"


# Bodies ---------------------------------------------------------------------------------
def nested(depth: int, inner: str = "0") -> bytes:
    return ("[" * depth + inner + "]" * depth).encode()


def invalid_utf8() -> st.SearchStrategy[bytes]:
    lone = st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                            b"\xc0\xaf"])
    return st.builds(lambda a, bad, b: b'{"category": "' + a + bad + b + b'", "kind": "x"}',
                     st.binary(max_size=10).map(lambda x: x.replace(b'"', b"")),
                     lone, st.binary(max_size=10).map(lambda x: x.replace(b'"', b"")))


def huge_number() -> st.SearchStrategy[bytes]:
    return st.one_of(st.integers(min_value=20, max_value=6000).map(lambda n: b"9" * n),
                     st.integers(min_value=2**63, max_value=10**40).map(
                         lambda n: str(n).encode()),
                     st.integers(max_value=-2**63 - 1, min_value=-10**40).map(
                         lambda n: str(n).encode()),
                     st.sampled_from([b"1e400", b"-1e400", b"NaN", b"Infinity"]))


def with_number(number: bytes) -> list[bytes]:
    """Bodies for each endpoint with ``number`` where a number goes."""
    return [
        b'{"category": "registration", "kind": "accept", "extra": ' + number + b"}",
        b'{"software_version": "1", "uptime_s": 1, "oldest_pending_age_s": null, '
        b'"devices": {}, "outbox_depth": ' + number + b"}",
        b'{"category": "registration", "size": ' + number + b"}",
        b'{"service_code": "fee_payment", "holder": "h", "params": {}, "amount_fen": '
        + number + b"}",
        b'{"holder": "h", "params": {"page": ' + number + b"}}",
    ]


bodies = st.one_of(
    st.binary(max_size=300),
    invalid_utf8(),
    st.integers(min_value=65, max_value=20_000).map(nested),
    st.integers(min_value=65, max_value=5_000).map(lambda d: b'{"a": ' + nested(d) + b"}"),
    huge_number().flatmap(lambda n: st.sampled_from(with_number(n))),
    st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) |
                 st.integers(min_value=-2**70, max_value=2**70) | st.text(max_size=20),
                 lambda kids: st.lists(kids, max_size=4) |
                 st.dictionaries(st.text(max_size=8), kids, max_size=4),
                 max_leaves=20).map(lambda v: json.dumps(v).encode()),
)


@FUZZ
@given(path=st.sampled_from(POST_PATHS), body=bodies, gzipped=st.booleans())
def test_hostile_bodies_get_typed_refusals_never_a_500(api, path, body, gzipped):
    headers = {**auth(), "Content-Type": "application/json"}
    if gzipped:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    r = requests.post(api + path, data=body, headers=headers, timeout=30)
    assert_not_a_crash(r)
    if path.endswith(":batch") and r.status_code == 200:
        for result in r.json()["results"]:
            assert result["status"] in ("accepted", "duplicate", "rejected"), result


def test_batches_with_a_hostile_row_apply_the_rest(api):
    good = {"id": "0b3c5a9e-4c1e-4a7e-9d5b-2f1e9c8b7a61", "kind": "rating",
            "created_at": "2025-03-01T10:00:00+08:00", "payload": {"score": 5}}
    rows = [json.dumps(good).encode(),
            b'{"id": "1b3c5a9e-4c1e-4a7e-9d5b-2f1e9c8b7a61", "kind": "rating", '
            b'"created_at": "2025-03-01T10:00:00+08:00", "payload": {"n": ' + b"7" * 5000 + b"}}",
            b'{"id": "2b3c5a9e-4c1e-4a7e-9d5b-2f1e9c8b7a61", "kind": "ticket", '
            b'"created_at": "2025-03-01T10:00:00+08:00", "payload": {"number": "A1", '
            b'"category": "registration", "seq": 100000000000000000000}}',
            b'{"id": "3b3c5a9e-4c1e-4a7e-9d5b-2f1e9c8b7a61", "kind": "rating", '
            b'"created_at": "2025-03-01T10:00:00+08:00", "payload": {"a": ' + nested(100) + b"}}",
            b'{"id": "4b3c5a9e-4c1e-4a7e-9d5b-2f1e9c8b7a61", "kind": "rating", '
            b'"created_at": "2025-03-01T10:00:00+08:00", "payload": {"a": "\\udc00"}}']
    r = requests.post(f"{api}/kiosks/{KIOSK}/transactions:batch", timeout=30,
                      data=b'{"transactions": [' + b", ".join(rows) + b"]}",
                      headers={**auth(), "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    statuses = [res["status"] for res in r.json()["results"]]
    assert statuses[0] in ("accepted", "duplicate") and statuses[1:] == ["rejected"] * 4


def test_oversized_bodies_and_gzip_bombs_are_refused(api):
    headers = {**auth(), "Content-Type": "application/json"}
    big = b'{"transactions": ["' + b"x" * (17 * 1024 * 1024) + b'"]}'
    r = requests.post(f"{api}/kiosks/{KIOSK}/transactions:batch", data=big, headers=headers,
                      timeout=60)
    assert r.status_code == 413 and assert_typed_refusal(r)["code"] == "body_too_large"
    bomb = gzip.compress(b" " * (64 * 1024 * 1024))            # 64 MB of spaces, ~64 KB
    r = requests.post(f"{api}/kiosks/{KIOSK}/transactions:batch", data=bomb, timeout=60,
                      headers={**headers, "Content-Encoding": "gzip"})
    assert r.status_code == 413 and assert_typed_refusal(r)["code"] == "body_too_large"
    r = requests.post(f"{api}/tickets", data=b"{}", timeout=10,
                      headers={**headers, "Content-Encoding": "br"})
    assert r.status_code == 415 and assert_typed_refusal(r)
    still_serving(api)


@FUZZ
@given(holder=st.text(max_size=300), date=st.text(max_size=30),
       order=st.text(min_size=1, max_size=100).filter(lambda s: "/" not in s and s.strip(".")))
def test_hostile_query_strings_and_paths(api, holder, date, order):
    r = requests.get(f"{api}/appointments", params={"holder": holder, "date": date},
                     headers=auth(), timeout=10)
    assert_not_a_crash(r)
    r = requests.get(f"{api}/payments/{requests.utils.quote(order, safe='')}",
                     headers=auth(), timeout=10)
    assert_not_a_crash(r)


# Connections ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def quick_hall(tmp_path_factory):
    """A hall of its own whose header timeout is short, for connections left half-open."""
    server = HallProcess(tmp_path_factory.mktemp("hostile") / "hall.db",
                         "--header-timeout", "1", "--body-timeout", "1").start()
    yield server
    server.stop()


def read_until_closed(s: socket.socket, timeout: float) -> bytes:
    s.settimeout(timeout)
    data = b""
    with contextlib.suppress(OSError):
        while chunk := s.recv(65536):
            data += chunk
    return data


REQUEST = (b"POST /api/v1/tickets HTTP/1.1\r\nHost: hall\r\nAuthorization: Bearer "
           + TOKENS["K1"].encode() + b"\r\nX-Kiosk-Id: K1\r\nContent-Type: application/json"
           b"\r\nContent-Length: 45\r\n\r\n" + b'{"category": "registration", "kind": "accept"}')


@settings(derandomize=True, max_examples=25, deadline=None, database=None)
@given(cut=st.integers(min_value=1, max_value=len(REQUEST) - 2),
       garbage=st.binary(max_size=40), half_close=st.booleans())
def test_cut_garbled_and_half_open_requests_get_a_typed_answer_or_none(quick_hall, cut,
                                                                       garbage, half_close):
    """The first ``cut`` bytes of a real request, then maybe garbage, then the client
    stops sending (maybe half-closing): the hall answers 4xx in the error shape (a 400
    for garbage, 408 at the timeout) or closes, within its timeouts; never a 5xx."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", quick_hall.port), timeout=10) as s:
        s.sendall(REQUEST[:cut] + garbage)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        answer = read_until_closed(s, timeout=10)
    assert time.monotonic() - started < 6
    if answer:
        head, _, body = answer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        assert 400 <= status < 500 or status == 200, answer[:200]
        # Garbage after a complete request is the next request on the connection, and
        # gets its own answer after this one: read this one only.
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        body = body[:int(length.group(1))] if length else body
        if status != 200:                        # garbage after a complete request line
            error = json.loads(body)["error"]
            assert error["code"] and error["message"], answer
    r = requests.get(f"{quick_hall.api}/kiosks/K1/config", headers=auth("K1", TOKENS["K1"]),
                     timeout=10)
    assert r.status_code == 200


@pytest.mark.parametrize("request_bytes", [
    b"GARBAGE\r\n\r\n",
    b"GET /api/v1/catalog HTTP/1.1\r\nBad Header\r\n\r\n",
    b"POST /api/v1/tickets HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(32) + b"\r\n\r\n",   # TLS hello
])
def test_malformed_http_gets_the_error_shape(quick_hall, request_bytes):
    with socket.create_connection(("127.0.0.1", quick_hall.port), timeout=10) as s:
        with contextlib.suppress(OSError):
            s.sendall(request_bytes)
        answer = read_until_closed(s, timeout=10)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"application/json" in head.lower(), head
    error = json.loads(body)["error"]
    assert error["code"] == "malformed_request" and error["message"], error
