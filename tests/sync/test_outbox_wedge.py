"""Issue 9 item 1: the outbox must not wedge on rows the hall refuses as too large.

A real hall process with a small body limit (``serve --max-body-bytes``), a few hundred
offline 社保卡申领 rows with their photos, then tickets and ratings recorded after them:
the engine cuts batches by size, splits a batch the hall refuses as too large (413), sends
photos as their own upload, quarantines a row that alone is still too large (with a
reason ``kiosk sync status`` shows), and every other row arrives exactly once.
"""
from __future__ import annotations

import base64
import datetime as dt
import os
import random

import pytest

from hall.storage import SQLiteStorage
from offline_cache import attachments, db, outbox, sync, tickets
from offline_cache.hall_client import HallClient, HallError, HallSettings
from offline_cache.sealing import Sealer

from .support import FaultProxy, HallProcess, token_of

CST = dt.timezone(dt.timedelta(hours=8))
KIOSK = "W1"
HALL_LIMIT = 256 * 1024          # the hall's body limit in these tests
APPLICATIONS = 300
LATER = 40                       # tickets and ratings recorded after the applications


@pytest.fixture
def hall(tmp_path):
    h = HallProcess(tmp_path, [KIOSK], extra_args=("--max-body-bytes", str(HALL_LIMIT)))
    h.start()
    yield h
    h.stop()


def kiosk_db(tmp_path):
    conn = db.connect(tmp_path / "kiosk.db")
    return conn, Sealer.load_or_create(tmp_path / "outbox.key")


def engine(tmp_path, url, sealer, devices=None, **settings):
    """``devices``: a device report, so that each round sends a heartbeat too."""
    client = HallClient(HallSettings(url=url, kiosk_id=KIOSK, token=token_of(KIOSK),
                                     connect_timeout=5, read_timeout=30))
    return sync.SyncEngine(tmp_path / "kiosk.db", client, sealer,
                           sync.SyncSettings(cache_paths={}, **settings), devices=devices)


def application_payload(i: int, now: dt.datetime) -> dict:
    return {"service": "ss_card_application", "answers": {"kind": "first", "delivery": "hall"},
            "submitted_at": now.isoformat(timespec="seconds"), "n": i}


def personal_of(i: int) -> dict:
    return {"id_number": f"44010619910101{i:04d}", "name": "张三", "holder": f"h{i:060d}",
            "phone": "13800138000"}


def record_later(conn, sealer, now) -> list[str]:
    """Tickets (from the local counter) and ratings, written after the applications."""
    ids = []
    for i in range(LATER):
        if i % 2:
            with db.transaction(conn):
                ids.append(outbox.enqueue(conn, "rating", {"service": "queue_ticket",
                                                           "level": "very_satisfied",
                                                           "rated_at": now.isoformat()}, now))
        else:
            ids.append(tickets.issue(conn, category="general", letter="A", kind="accept",
                                     kiosk_prefix="9", now=now, holder=None,
                                     sealer=sealer).transaction_id)
    return ids


def rounds(eng, conn, count=20) -> list[HallError]:
    """Up to ``count`` sync rounds, until the outbox is drained; the errors met."""
    errors = []
    for _ in range(count):
        try:
            eng.sync_once(conn)
        except HallError as err:
            errors.append(err)
        if outbox.pending_count(conn) == 0:
            break
    return errors


def held_once(hall: HallProcess, ids: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for t in hall.transactions(KIOSK, 1_000_000):
        seen[t["id"]] = seen.get(t["id"], 0) + 1
    return {i: seen.get(i, 0) for i in ids}


def test_inline_photos_larger_than_the_hall_limit_no_longer_wedge_the_outbox(hall, tmp_path):
    """Rows as today's terminals wrote them (the photo base64 among the sealed fields):
    together far above the hall's limit. Before the fix every round resent the same
    500-row batch and got 413 ``body_too_large``: no later ticket or rating arrived."""
    conn, sealer = kiosk_db(tmp_path)
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)
    rng = random.Random(9)
    ids = []
    with db.transaction(conn):
        for i in range(APPLICATIONS):
            photo = base64.b64encode(rng.randbytes(12_000)).decode()   # incompressible
            ids.append(outbox.enqueue(conn, "application", application_payload(i, now), now,
                                      personal={**personal_of(i), "photo": photo},
                                      sealer=sealer))
    later = record_later(conn, sealer, now)
    proxy = FaultProxy(hall.port)
    url = proxy.start()
    try:
        errors = rounds(engine(tmp_path, url, sealer), conn)
    finally:
        proxy.close()
    assert outbox.pending_count(conn) == 0, [e.to_dict() for e in errors[:3]]
    assert set(held_once(hall, ids + later).values()) == {1}
    refused = [e for e in proxy.batches() if e.status == 413]
    # Halving from the first refusal: a handful of 413s, not one per round forever.
    assert len(refused) <= 8, len(refused)
    assert sync.status(conn)["quarantined"] == 0


def test_a_row_alone_too_large_is_quarantined_with_a_reason_and_blocks_nothing(hall, tmp_path):
    conn, sealer = kiosk_db(tmp_path)
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)
    with db.transaction(conn):
        first = outbox.enqueue(conn, "rating", {"service": "x", "level": "satisfied",
                                                "rated_at": now.isoformat()}, now)
        huge = outbox.enqueue(conn, "application", application_payload(0, now), now,
                              personal={**personal_of(0), "photo": base64.b64encode(
                                  os.urandom(HALL_LIMIT)).decode()}, sealer=sealer)
    later = record_later(conn, sealer, now)
    errors = rounds(engine(tmp_path, hall.url, sealer), conn, count=3)
    assert outbox.pending_count(conn) == 0, [e.to_dict() for e in errors]
    assert set(held_once(hall, [first, *later]).values()) == {1}
    assert held_once(hall, [huge]) == {huge: 0}
    row = outbox.get(conn, huge)
    assert row.state == "quarantined" and row.sealed is None        # no personal data kept
    assert row.error["code"] == "too_large" and "bytes" in row.error["message"]
    st = sync.status(conn)
    assert st["quarantined"] == 1 and st["last_error"] is None
    assert st["quarantine"] == [{"id": huge, "kind": "application", **row.error}]
    # The heartbeat tells the hall, whose console raises an alert for it.
    engine(tmp_path, hall.url, sealer, devices=dict).sync_once(conn)
    report = next(k["report"] for k in hall.admin("GET", "/kiosks")["kiosks"]
                  if k["kiosk_id"] == KIOSK)
    assert report["quarantined"] == 1


def card_applications(conn, sealer, now, count) -> tuple[list[str], list[str]]:
    """``count`` 社保卡申领 rows as the terminal records them (applications.entry: the
    photo made to the card spec, an attachment); (row ids, photo hashes)."""
    import cv2

    from drivers.camera.scenes import face_scene
    from drivers.idcard.sim import sample_resident_card
    from kiosk.core import applications
    from kiosk.core import catalog as catalog_mod
    from kiosk.core.config import SHIPPED_CONFIG_DIR

    service = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml").service(
        "ss_card_application")
    base = face_scene("face")
    ids, shas = [], []
    for i in range(count):
        frame = base.copy()
        cv2.putText(frame, str(i), (290, 330), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 255), 3)
        jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()
        entry = applications.entry(service, sample_resident_card(), {
            "kind": "first", "delivery": "hall", "phone": "13800138000", "photo": jpeg},
            holder_salt="salt", now=now)
        with db.transaction(conn):
            ids.append(outbox.enqueue(conn, entry.kind, entry.payload, now,
                                      personal=entry.personal, sealer=sealer,
                                      attachments=entry.attachments))
        shas.append(outbox.get(conn, ids[-1]).transaction(sealer)["payload"]["photo"]
                    ["attachment"])
    return ids, shas


def test_hundreds_of_card_applications_with_photos_then_tickets_arrive_exactly_once(
        hall, tmp_path):
    """The proof of item 1: a hall with a small body limit; every row arrives exactly
    once with its photo at the hall, nothing stays pending on the terminal (no photo
    either), and the tickets and ratings recorded after the applications are delivered."""
    conn, sealer = kiosk_db(tmp_path)
    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)
    ids, shas = card_applications(conn, sealer, now, APPLICATIONS)
    later = record_later(conn, sealer, now)
    assert len(set(shas)) == APPLICATIONS
    errors = rounds(engine(tmp_path, hall.url, sealer), conn, count=3)
    assert outbox.pending_count(conn) == 0, [e.to_dict() for e in errors]
    assert set(held_once(hall, ids + later).values()) == {1}
    assert attachments.count(conn) == 0 and sync.status(conn)["quarantined"] == 0
    assert conn.execute("SELECT COUNT(*) FROM outbox_attachments").fetchone()[0] == 0
    storage = SQLiteStorage(hall.db)
    try:
        for sha in shas:
            meta, data = storage.attachment(sha)
            assert meta["media_type"] == "image/jpeg" and data[:2] == b"\xff\xd8"
            assert len(data) <= 40960
    finally:
        storage.close()
    delivered = {t["id"]: t for t in hall.transactions(KIOSK, 1_000_000)}
    assert delivered[ids[0]]["payload"]["photo"]["attachment"] == shas[0]


def test_a_photo_the_hall_refuses_quarantines_its_row_only(tmp_path):
    h = HallProcess(tmp_path, [KIOSK], extra_args=("--max-attachment-bytes", "1000"))
    h.start()
    try:
        conn, sealer = kiosk_db(tmp_path)
        now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=CST)
        [refused], _ = card_applications(conn, sealer, now, 1)
        later = record_later(conn, sealer, now)
        errors = rounds(engine(tmp_path, h.url, sealer), conn, count=2)
        assert outbox.pending_count(conn) == 0, [e.to_dict() for e in errors]
        assert set(held_once(h, later).values()) == {1}
        row = outbox.get(conn, refused)
        assert row.state == "quarantined" and row.error["code"] == "too_large"
        assert "attachment_too_large" in row.error["message"]
        assert attachments.count(conn) == 0            # the photo is not kept
    finally:
        h.stop()
