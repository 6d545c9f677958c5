"""Issue 9 item 4: a budget is a wall-clock deadline for the whole call. A hall that
trickles its answer one byte every 0.25 s (far inside any read timeout) used to hold
``take_ticket(timeout=3)`` for minutes; now every call ends at its deadline with
``HallError("timeout")``, its socket is shut down (the hall sees the kiosk go), and the
terminal numbers from its leased block."""
from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.core import checkin, config
from kiosk.core.terminal import ONLINE_TICKET_TIMEOUT_S, Terminal
from offline_cache import tickets
from offline_cache.hall_client import HallClient, HallError, HallSettings

from .hostile_hall import RawHall, trickle

MARGIN = 1.5            # seconds over a budget a loaded 2-core machine may need


@pytest.fixture
def trickling():
    hall = RawHall(trickle())
    yield hall
    hall.stop()


def client_of(url, **kw):
    return HallClient(HallSettings(url=url, kiosk_id="K1", token="t", connect_timeout=2,
                                   read_timeout=5, **kw))


def timed(call):
    """(the HallError raised, seconds taken); the call runs on a thread so that a test
    of the old code fails instead of hanging."""
    out = {}

    def run():
        start = time.monotonic()
        try:
            call()
        except HallError as err:
            out["error"] = err
        out["took"] = time.monotonic() - start
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(30)
    assert not t.is_alive(), "the call was still running after 30 s"
    return out.get("error"), out["took"]


CALLS = {
    "take_ticket": (3.0, lambda c: c.take_ticket("general", "accept", timeout=3.0)),
    "appointments": (2.0, lambda c: c.appointments("h" * 64, "2026-12-02", timeout=2.0)),
    "verify_identity": (2.0, lambda c: c.verify_identity("h" * 64, b"wlt", b"\xff\xd8",
                                                         timeout=2.0)),
    "payment_status": (2.0, lambda c: c.payment_status("P1", timeout=2.0)),
    # Calls no citizen waits for: the configured total.
    "post_batch": (2.0, lambda c: c.post_batch([])),
    "heartbeat": (2.0, lambda c: c.heartbeat({})),
    "get_with_etag": (2.0, lambda c: c.get_with_etag("/catalog", None)),
    "get_document": (2.0, lambda c: c.get_document("D1")),
    "create_payment": (2.0, lambda c: c.create_payment("x", "h" * 64, 100)),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_every_call_ends_at_its_deadline_and_lets_go_of_the_socket(trickling, name):
    budget, call = CALLS[name]
    client = client_of(trickling.url, total_timeout=2.0)
    err, took = timed(lambda: call(client))
    assert err is not None and err.code == "timeout", err
    assert budget - 0.2 <= took <= budget + MARGIN, took
    # The kiosk's socket was really shut down, not left to an abandoned thread.
    time.sleep(0.8)
    [conn] = trickling.connections
    assert conn.closed_at is not None and conn.closed_at - conn.opened_at <= budget + MARGIN


def terminal_on(tmp_path, url):
    (tmp_path / "token").write_text("t")
    base = config.load()
    cfg = replace(base, data_dir=tmp_path / "data", devices=(),
                  hall=replace(base.hall, url=url, token_file=tmp_path / "token",
                               connect_timeout_s=2, read_timeout_s=10))
    return Terminal(cfg)


def test_a_trickling_hall_gives_the_citizen_a_number_from_the_leased_block(
        tmp_path, trickling):
    term = terminal_on(tmp_path, trickling.url)
    try:
        category = term.catalog.ticket_categories[0]
        until = (term.hall_now() + dt.timedelta(hours=2)).isoformat()
        with term._db_lock:
            tickets.add_block(term._db, block_id="B1", category=category.code, prefix="A",
                              first=1, last=50, valid_until=until)
        start = time.monotonic()
        result = term.issue_ticket(category.code, term.catalog.ticket_kinds[0].code, None)
        took = time.monotonic() - start
    finally:
        term.stop()
    assert result.ticket.source == "leased_block" and result.ticket.number == "A001"
    assert took <= ONLINE_TICKET_TIMEOUT_S + MARGIN, took


def test_appointments_and_check_in_fall_back_within_their_budgets(tmp_path, trickling):
    term = terminal_on(tmp_path, trickling.url)
    try:
        start = time.monotonic()
        lookup = checkin.today_appointments(term, "h" * 64)
        took = time.monotonic() - start
    finally:
        term.stop()
    assert (lookup.outcome, lookup.error) == ("offline", "timeout")
    assert took <= checkin.LOOKUP_TIMEOUT_S + MARGIN, took


def test_face_verification_is_unavailable_within_its_budget(tmp_path, trickling):
    from drivers.idcard.sim import sample_resident_card
    from kiosk.core.identify import Identifier, IdentityResult
    term = terminal_on(tmp_path, trickling.url)
    try:
        card = replace(sample_resident_card(), photo=b"WLT" * 100)
        read = IdentityResult("ok", "id_card", "h" * 64, "张*", card)
        start = time.monotonic()
        verdict = Identifier(term, verify_timeout=2.0).verify_face(read, b"\xff\xd8jpeg")
        took = time.monotonic() - start
    finally:
        term.stop()
    assert (verdict.outcome, verdict.error) == ("unavailable", "timeout")
    assert took <= 2.0 + MARGIN, took


def test_the_sync_engine_keeps_its_connection_alive(tmp_path):
    connections = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def setup(self):
            super().setup()
            connections.append(self.client_address)

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b'{"results": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = client_of(f"http://127.0.0.1:{server.server_address[1]}")
        for _ in range(5):
            assert client.post_batch([]) == []
        assert len(connections) == 1
    finally:
        server.shutdown()
        server.server_close()
