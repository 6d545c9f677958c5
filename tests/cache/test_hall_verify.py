"""``HallClient.verify_identity`` (hall-api.md ``POST /identity/verify``) against a scripted
hall on loopback: real sockets, the real requests stack, answers chosen by the test."""
import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from offline_cache.hall_client import HallClient, HallError, HallSettings

WLT = bytes(range(256)) * 4                 # 1024 bytes, as a card's photo
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9"


class ScriptedHall:
    """Answers every POST with ``answer = (status, content type, body)`` after
    ``delay`` seconds; ``requests`` records (path, headers, body)."""

    def __init__(self):
        self.answer = (200, "application/json", b"{}")
        self.delay = 0.0
        self.requests = []
        hall = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hall.requests.append((self.path, dict(self.headers), body))
                time.sleep(hall.delay)
                status, ctype, content = hall.answer
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True       # a slow answer does not hold the teardown
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hall():
    h = ScriptedHall()
    yield h
    h.stop()


@pytest.fixture
def client(hall):
    c = HallClient(HallSettings(url=hall.url, kiosk_id="K1", token="t0ken",
                                connect_timeout=2, read_timeout=5))
    yield c
    c.close()


def answer(body, status=200, ctype="application/json"):
    return status, ctype, json.dumps(body).encode() if not isinstance(body, bytes) else body


def test_the_request_carries_holder_and_both_photos_in_base64(hall, client):
    hall.answer = answer({"result": "match", "score": 0.97})
    assert client.verify_identity("h" * 64, WLT, JPEG, 3) == {"result": "match", "score": 0.97}
    path, headers, body = hall.requests[0]
    assert path == "/api/v1/identity/verify"
    assert headers["Authorization"] == "Bearer t0ken" and headers["X-Kiosk-Id"] == "K1"
    sent = json.loads(body)
    assert set(sent) == {"holder", "id_photo_wlt", "live_photo_jpeg"}
    assert sent["holder"] == "h" * 64
    assert base64.b64decode(sent["id_photo_wlt"], validate=True) == WLT
    assert base64.b64decode(sent["live_photo_jpeg"], validate=True) == JPEG


@pytest.mark.parametrize("body, expected", [
    ({"result": "no_match", "score": 0.12}, {"result": "no_match", "score": 0.12}),
    ({"result": "unavailable"}, {"result": "unavailable", "score": None}),
    ({"result": "match", "score": 1}, {"result": "match", "score": 1.0}),
])
def test_the_three_results(hall, client, body, expected):
    hall.answer = answer(body)
    assert client.verify_identity("h", WLT, JPEG) == expected


BAD = {
    "unknown result": (answer({"result": "probably"}), "bad_response"),
    "no result": (answer({"score": 0.9}), "bad_response"),
    "not an object": (answer(["match"]), "bad_response"),
    "score not a number": (answer({"result": "match", "score": "high"}), "bad_response"),
    "score a boolean": (answer({"result": "match", "score": True}), "bad_response"),
    "html": (answer(b"<html>proxy</html>", ctype="text/html"), "bad_response"),
    "malformed json": (answer(b'{"result": "mat'), "bad_response"),
    "server error": (answer({"error": {"code": "x", "message": "y"}}, 500), "server_error"),
    "no verifier today": (answer({"error": {"code": "busy", "message": "later"}}, 503),
                          "unavailable"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_anything_else_is_an_error_with_a_stable_code(hall, client, case):
    hall.answer, code = BAD[case]
    with pytest.raises(HallError) as info:
        client.verify_identity("h", WLT, JPEG)
    assert info.value.code == code


def test_timeout_bounds_the_wait(hall, client):
    hall.answer, hall.delay = answer({"result": "match"}), 1.5
    start = time.monotonic()
    with pytest.raises(HallError) as info:
        client.verify_identity("h", WLT, JPEG, 0.5)
    assert info.value.code == "timeout"
    assert time.monotonic() - start < 1.4


def test_a_hall_that_is_not_there_is_unreachable():
    c = HallClient(HallSettings(url="http://127.0.0.1:9", kiosk_id="K1", token="t",
                                connect_timeout=1, read_timeout=1))
    with pytest.raises(HallError) as info:
        c.verify_identity("h", WLT, JPEG, 1)
    assert info.value.code == "unreachable"
