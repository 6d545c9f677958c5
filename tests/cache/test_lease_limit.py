"""Issue 9 item 7, the terminal's side: a hall that refuses more ticket blocks to this
terminal (HTTP 429 ``lease_limit_reached``, its per-terminal daily bound) does not fail
the sync round: the outbox is delivered, the category is not asked again until the
hall's Retry-After or its next day, numbering goes on from the local counter, and
``kiosk sync status`` says so. The hall is a small real HTTP server on loopback."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from offline_cache import db, outbox, sync, tickets
from offline_cache.hall_client import HallClient, HallError, HallSettings
from offline_cache.sealing import Sealer

CST = dt.timezone(dt.timedelta(hours=8))


class LimitedHall:
    """Accepts every batch; answers leases with the refusal (``retry_after``: its
    Retry-After header, None for none) once ``allowed`` blocks were leased."""

    def __init__(self, allowed: int = 0, retry_after: int | None = None,
                 code: str = "lease_limit_reached"):
        self.allowed, self.retry_after, self.code = allowed, retry_after, code
        self.leases = []
        hall = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                body = json.loads(raw or b"{}")
                if self.path.endswith("/ticket-blocks"):
                    hall.leases.append(body["category"])
                    if len(hall.leases) > hall.allowed:
                        headers = {"Retry-After": str(hall.retry_after)} \
                            if hall.retry_after is not None else {}
                        return self.reply(429, {"error": {
                            "code": hall.code,
                            "message": "K1 leased its 3 blocks of today"}}, headers)
                    n = len(hall.leases)
                    return self.reply(201, {"block_id": f"B{n}", "prefix": "A",
                                            "first": 100 * n, "last": 100 * n + 49,
                                            "valid_until": "2026-12-02T23:59:59+08:00"})
                return self.reply(200, {"results": [{"id": t["id"], "status": "accepted"}
                                                    for t in body["transactions"]]})

            def reply(self, status, obj, headers=None):
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def clock():
    return {"now": dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)}


def setup(tmp_path, hall, clock):
    conn = db.connect(tmp_path / "k.db")
    sealer = Sealer.load_or_create(tmp_path / "k.key")
    client = HallClient(HallSettings(url=hall.url, kiosk_id="K1", token="t",
                                     connect_timeout=2, read_timeout=5, total_timeout=5))
    engine = sync.SyncEngine(tmp_path / "k.db", client, sealer, sync.SyncSettings(
        cache_paths={}, block_categories=("general",), block_size=50, refill_below=20),
        now=lambda: clock["now"])
    return conn, sealer, engine


def test_a_lease_refusal_pauses_that_category_until_the_halls_next_day(tmp_path, clock):
    hall = LimitedHall(allowed=0)
    try:
        conn, sealer, engine = setup(tmp_path, hall, clock)
        with db.transaction(conn):
            outbox.enqueue(conn, "rating", {"level": "satisfied"}, clock["now"])
        engine.sync_once(conn)                         # no exception: the round went on
        st = sync.status(conn, clock["now"])
        assert st["last_error"] is None and st["last_success"]
        assert st["leases_paused"] == {"general": {
            "until": "2026-12-03T00:00:00+08:00", "code": "lease_limit_reached",
            "message": "HTTP 429: lease_limit_reached: K1 leased its 3 blocks of today"}}
        # Not asked again today; numbering goes on from the local counter.
        clock["now"] += dt.timedelta(hours=5)
        engine.sync_once(conn)
        assert hall.leases == ["general"]
        issued = tickets.issue(conn, category="general", letter="A", kind="accept",
                               kiosk_prefix="7", now=clock["now"], holder=None, sealer=sealer)
        assert issued.source == "local_counter" and issued.number == "A7-001"
        # The hall's next day: asked again (and refused again).
        clock["now"] = dt.datetime(2026, 12, 3, 0, 5, tzinfo=CST)
        engine.sync_once(conn)
        assert hall.leases == ["general", "general"]
        assert sync.status(conn, clock["now"])["leases_paused"]["general"]["until"] == \
            "2026-12-04T00:00:00+08:00"
    finally:
        hall.stop()


def test_retry_after_bounds_the_pause(tmp_path, clock):
    hall = LimitedHall(allowed=1, retry_after=600)
    try:
        conn, _, engine = setup(tmp_path, hall, clock)
        engine.sync_once(conn)                    # leases B1 (50 numbers)
        with db.transaction(conn):
            conn.execute("UPDATE ticket_blocks SET next = last - 5")   # nearly used up
        engine.sync_once(conn)                    # refused, Retry-After 600 s
        assert sync.status(conn, clock["now"])["leases_paused"]["general"]["until"] == \
            "2026-12-02T09:10:00+08:00"
        clock["now"] += dt.timedelta(minutes=5)
        engine.sync_once(conn)
        assert len(hall.leases) == 2
        clock["now"] += dt.timedelta(minutes=6)
        engine.sync_once(conn)
        assert len(hall.leases) == 3 and sync.status(conn, clock["now"])["last_error"] is None
    finally:
        hall.stop()


def test_other_lease_errors_still_fail_the_round(tmp_path, clock):
    """A 429 for another reason (the hall is overloaded) is a failed round, backed off."""
    hall = LimitedHall(allowed=0, code="too_many_requests")
    try:
        conn, _, engine = setup(tmp_path, hall, clock)
        with pytest.raises(HallError) as info:
            engine.sync_once(conn)
        assert info.value.code == "rate_limited"
        st = sync.status(conn, clock["now"])
        assert st["leases_paused"] == {} and st["last_error"]["code"] == "rate_limited"
    finally:
        hall.stop()


def test_kiosk_sync_status_shows_paused_leases_and_why_rows_were_quarantined(tmp_path, clock):
    """What a technician reads (``kiosk sync status``, a separate process)."""
    import subprocess
    import sys

    from offline_cache.sync import _quarantine, _set

    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "K1"\ndata_dir = "data"\n',
                                         encoding="utf-8")
    conn = db.connect(tmp_path / "data" / "kiosk.db")
    now = dt.datetime.now(CST)
    with db.transaction(conn):
        row = outbox.enqueue(conn, "rating", {"level": "satisfied"}, now)
    _quarantine(conn, row, "too_large", "the hall refuses this row alone as too large")
    _set(conn, "lease_paused:general", json.dumps({
        "until": (now + dt.timedelta(hours=1)).isoformat(timespec="seconds"),
        "code": "lease_limit_reached", "message": "m"}))
    conn.close()
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "sync", "status", "--config",
                           str(tmp_path / "kiosk.toml")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"  - {row[:8]} rating: too_large: the hall refuses this row alone as too large" \
        in done.stdout
    assert "ticket blocks      general: refused (lease_limit_reached) until" in done.stdout


def test_the_reference_halls_own_refusal_pauses_the_category(tmp_path):
    """Against a real ``python -m hall serve --max-blocks-per-day 1``: its refusal (409
    ``lease_limit_reached``) pauses the category; the round succeeds."""
    from tests.sync.support import HallProcess, token_of

    hall = HallProcess(tmp_path, ["K1"], ("--max-blocks-per-day", "1")).start()
    try:
        conn = db.connect(tmp_path / "k.db")
        sealer = Sealer.load_or_create(tmp_path / "k.key")
        client = HallClient(HallSettings(url=hall.url, kiosk_id="K1", token=token_of("K1"),
                                         connect_timeout=2, read_timeout=10))
        # refill_below above the block size: every round wants another block.
        engine = sync.SyncEngine(tmp_path / "k.db", client, sealer, sync.SyncSettings(
            cache_paths={}, block_categories=("registration",), block_size=10,
            refill_below=100))
        engine.sync_once(conn)                   # leases its one block of the day
        engine.sync_once(conn)                   # refused: paused, no failed round
        st = sync.status(conn)
        assert st["last_error"] is None
        assert st["leases_paused"]["registration"]["code"] == "lease_limit_reached"
        assert len(hall.admin("GET", "/ticket-blocks")["blocks"]) == 1
        client.close()
        conn.close()
    finally:
        hall.stop()
