"""A hall that misbehaves: the sync engine reports a clear error, never crashes, never
loses or drops a row. The hall here is a scripted HTTP server on loopback (real sockets,
real requests stack) that answers each request the way the test says."""
import datetime as dt
import gzip
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from offline_cache import db, outbox, sync
from offline_cache.hall_client import MAX_RESPONSE_BYTES, HallClient, HallError, HallSettings
from offline_cache.sealing import Sealer

CST = dt.timezone(dt.timedelta(hours=8))


class ScriptedHall:
    """``behaviour(handler)`` answers every request; ``requests`` records what came."""

    def __init__(self, tls_context=None):
        self.behaviour = None
        self.requests = []
        hall = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                hall.requests.append((self.command, self.path, dict(self.headers), body))
                hall.behaviour(self, body)

            do_GET = do_POST = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls_context:
            self.server.socket = tls_context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        scheme = "https" if tls_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def reply(handler, status=200, body=b"{}", ctype="application/json", headers=None,
          length=None):
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def hall():
    h = ScriptedHall()
    yield h
    h.stop()


@pytest.fixture
def kiosk(tmp_path):
    conn = db.connect(tmp_path / "k.db")
    sealer = Sealer.load_or_create(tmp_path / "outbox.key")
    now = dt.datetime(2026, 11, 22, 9, 0, tzinfo=CST)
    with db.transaction(conn):
        ids = [outbox.enqueue(conn, "card_loss_report", {"card": "ss"}, now,
                              personal={"id_number": "440106199101010010"}, sealer=sealer)
               for _ in range(3)]
    return conn, sealer, ids, tmp_path


def engine_for(url, kiosk, **settings):
    _, sealer, _, tmp_path = kiosk
    client = HallClient(HallSettings(url=url, kiosk_id="K1", token="t0ken",
                                     **{"connect_timeout": 2, "read_timeout": 1, **settings}))
    return sync.SyncEngine(tmp_path / "k.db", client, sealer,
                           sync.SyncSettings(cache_paths={}))


def ok_results(handler, body):
    txs = json.loads(body)["transactions"]
    reply(handler, body=json.dumps({"results": [{"id": t["id"], "status": "accepted"}
                                                for t in txs]}).encode())


def test_a_good_hall_drains_the_outbox_and_sees_decrypted_gzip_batches(hall, kiosk):
    conn, _, ids, _ = kiosk
    hall.behaviour = ok_results
    counts = engine_for(hall.url, kiosk).sync_once(conn)
    assert counts["accepted"] == 3 and outbox.pending_count(conn) == 0
    method, path, headers, body = hall.requests[0]
    assert (method, path) == ("POST", "/api/v1/kiosks/K1/transactions:batch")
    assert headers["Authorization"] == "Bearer t0ken" and headers["X-Kiosk-Id"] == "K1"
    assert headers["Content-Encoding"] == "gzip"
    sent = json.loads(body)["transactions"]
    assert [t["id"] for t in sent] == ids
    assert sent[0]["payload"] == {"card": "ss", "id_number": "440106199101010010"}
    st = sync.status(conn)
    assert st["depth"] == 0 and st["last_error"] is None and st["last_success"]


BAD = {
    "malformed_json": (lambda h, b: reply(h, body=b'{"results": ['), "bad_response"),
    "wrong_content_type": (lambda h, b: reply(h, body=b"<html>gateway</html>",
                                              ctype="text/html"), "bad_response"),
    "no_results_list": (lambda h, b: reply(h, body=b'{"results": "ok"}'), "bad_response"),
    "results_for_other_rows": (lambda h, b: reply(h, body=json.dumps({"results": [
        {"id": "someone-else", "status": "accepted"}]}).encode()), "bad_response"),
    "truncated": (lambda h, b: reply(h, body=b'{"results": [', length=500),
                  "transport_error"),
    "oversized": (lambda h, b: reply(h, body=b" " * (MAX_RESPONSE_BYTES + 10)),
                  "bad_response"),
    "wrong_token": (lambda h, b: reply(h, 401, json.dumps({"error": {
        "code": "invalid_token", "message": "token expired"}}).encode()), "unauthorized"),
    "server_error": (lambda h, b: reply(h, 500, b'{"error": {"code": "x", "message": "y"}}'),
                     "server_error"),
    "too_slow": (lambda h, b: (time.sleep(1.6), ok_results(h, b)), "timeout"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_misbehaving_hall_is_reported_and_nothing_is_lost(hall, kiosk, case):
    conn, _, ids, _ = kiosk
    hall.behaviour, code = BAD[case]
    engine = engine_for(hall.url, kiosk)
    with pytest.raises(HallError) as info:
        engine.sync_once(conn)
    assert info.value.code == code
    st = sync.status(conn)
    assert st["depth"] == 3 and st["last_error"]["code"] == code
    assert st["oldest_pending_age_s"] is not None
    assert [r.id for r in outbox.pending(conn, 10)] == ids
    # The same engine recovers once the hall behaves.
    hall.behaviour = ok_results
    engine.sync_once(conn)
    assert outbox.pending_count(conn) == 0 and sync.status(conn)["last_error"] is None


def test_503_retry_after_is_passed_to_the_backoff(hall, kiosk):
    conn = kiosk[0]
    hall.behaviour = lambda h, b: reply(h, 503, b'{"error": {"code": "busy", "message": "m"}}',
                                        headers={"Retry-After": "7"})
    engine = engine_for(hall.url, kiosk)
    with pytest.raises(HallError) as info:
        engine.sync_once(conn)
    assert info.value.code == "unavailable" and info.value.retry_after == 7
    assert engine.backoff.next_delay(info.value.retry_after) >= 7


def test_a_hall_with_a_wrong_certificate_is_refused(kiosk, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "impostor.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    hall = ScriptedHall(ctx)
    hall.behaviour = ok_results
    try:
        with pytest.raises(HallError) as info:
            engine_for(hall.url, kiosk).sync_once(kiosk[0])
        assert info.value.code == "tls_error"
        assert outbox.pending_count(kiosk[0]) == 3
        assert sync.status(kiosk[0])["last_error"]["code"] == "tls_error"
    finally:
        hall.stop()


def test_unreachable_hall(kiosk):
    with pytest.raises(HallError) as info:
        engine_for("http://127.0.0.1:9", kiosk).sync_once(kiosk[0])
    assert info.value.code == "unreachable"
