"""``PUT /api/v1/kiosks/{kiosk_id}/attachments/{sha256}`` on a real hall process: a file
an outbox row references (a card application's photo), idempotent by hash, checked and
size-limited, kept in the hall's storage."""
import hashlib
import os

import pytest

from hall.storage import SQLiteStorage

from .conftest import HallProcess

JPEG = b"\xff\xd8\xff\xe0" + os.urandom(30_000) + b"\xff\xd9"
SHA = hashlib.sha256(JPEG).hexdigest()


def url(hall, sha=SHA, kiosk="K1"):
    return f"{hall.api}/kiosks/{kiosk}/attachments/{sha}"


def put(session, hall, data=JPEG, sha=SHA, ctype="image/jpeg", kiosk="K1"):
    return session.put(url(hall, sha, kiosk), data=data, headers={"Content-Type": ctype},
                       timeout=10)


def test_an_upload_is_stored_once_and_answered_the_same_again(hall, k1):
    first = put(k1, hall)
    assert first.status_code == 201, first.text
    assert first.json() == {"sha256": SHA, "bytes": len(JPEG), "created": True}
    again = put(k1, hall)
    assert again.status_code == 200 and again.json()["created"] is False
    storage = SQLiteStorage(hall.db)
    try:
        meta, data = storage.attachment(SHA)
    finally:
        storage.close()
    assert data == JPEG and meta["kiosk_id"] == "K1" and meta["media_type"] == "image/jpeg"


@pytest.mark.parametrize("case, status, code", [
    ("wrong_hash", 422, "hash_mismatch"),
    ("not_jpeg", 422, "not_jpeg"),
    ("wrong_type", 415, "unsupported_media_type"),
    ("bad_path", 422, "invalid_request"),
    ("other_kiosk", 403, "forbidden"),
])
def test_bad_uploads_are_refused_with_a_reason(hall, k1, case, status, code):
    other = b"\x00" * 100
    kwargs = {"wrong_hash": {"data": JPEG, "sha": hashlib.sha256(b"x").hexdigest()},
              "not_jpeg": {"data": other, "sha": hashlib.sha256(other).hexdigest()},
              "wrong_type": {"ctype": "application/octet-stream"},
              "bad_path": {"sha": "not-a-hash"},
              "other_kiosk": {"kiosk": "K2"}}[case]
    r = put(k1, hall, **kwargs)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_no_token_no_upload(hall):
    import requests
    r = requests.put(url(hall), data=JPEG, headers={"Content-Type": "image/jpeg"}, timeout=10)
    assert r.status_code == 401


def test_an_attachment_over_the_limit_is_refused_413(tmp_path):
    small = HallProcess(tmp_path / "hall.db", "--max-attachment-bytes", "10000").start()
    try:
        with small.kiosk("K1") as s:
            r = put(s, small)
            assert r.status_code == 413 and r.json()["error"]["code"] == "attachment_too_large"
            # Without Content-Length (chunked), the limit holds while reading.
            r = s.put(url(small), data=iter([JPEG[i:i + 4096] for i in range(0, len(JPEG),
                                                                             4096)]),
                      headers={"Content-Type": "image/jpeg"}, timeout=10)
            assert r.status_code == 413
    finally:
        small.stop()
