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


def _zip(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_diagnostics_bundle_is_a_zip_attachment_with_its_own_limit_and_operators_fetch_it(
        tmp_path):
    """A technician's bundle (application/zip) is accepted up to --max-bundle-bytes, not
    the photo limit; bytes that are not a zip are refused; an operator downloads it."""
    import requests

    from .conftest import ADMIN_TOKEN
    bundle = _zip({"logs.txt": os.urandom(20_000).hex().encode()})      # ~40 KB, > 10000
    sha = hashlib.sha256(bundle).hexdigest()
    small = HallProcess(tmp_path / "hall.db", "--max-attachment-bytes", "10000",
                        "--max-bundle-bytes", str(len(bundle) + 10)).start()
    try:
        with small.kiosk("K1") as s:
            r = put(s, small, data=bundle, sha=sha, ctype="application/zip")
            assert r.status_code == 201, r.text
            not_zip = b"\x00" * 100
            r = put(s, small, data=not_zip, sha=hashlib.sha256(not_zip).hexdigest(),
                    ctype="application/zip")
            assert r.status_code == 422 and r.json()["error"]["code"] == "not_zip"
            big = _zip({"logs.txt": os.urandom(60_000)})
            r = put(s, small, data=big, sha=hashlib.sha256(big).hexdigest(),
                    ctype="application/zip")
            assert r.status_code == 413 and "application/zip" in r.json()["error"]["message"]
        got = requests.get(f"{small.url}/admin/v1/attachments/{sha}", timeout=10,
                           headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert got.status_code == 200 and got.content == bundle
        assert got.headers["content-type"] == "application/zip"
        assert got.headers["x-kiosk-id"] == "K1"
        assert f'filename="K1-{sha[:12]}.zip"' in got.headers["content-disposition"]
        missing = requests.get(f"{small.url}/admin/v1/attachments/{'0' * 64}", timeout=10,
                               headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert missing.status_code == 404
        assert requests.get(f"{small.url}/admin/v1/attachments/{sha}", timeout=10
                            ).status_code == 401
    finally:
        small.stop()
