"""Issue 9 item 1 (d): the photo of a card application is recorded at the size its
document needs (the catalog's spec: 358x441 px, JPEG, at most 40 KB), not as the camera's
whole frame, and it is sealed at rest beside its outbox row."""
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest

from drivers.camera.face import detect_faces
from drivers.camera.scenes import face_scene
from drivers.idcard.sim import sample_resident_card
from kiosk.core import applications, card_photo
from kiosk.core import catalog as catalog_mod
from kiosk.core.config import SHIPPED_CONFIG_DIR
from offline_cache import attachments, db, outbox
from offline_cache.sealing import Sealer

NOW = datetime(2026, 12, 2, 10, 30, tzinfo=UTC)
SERVICE = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml").service("ss_card_application")
SPEC = next(f.spec for f in SERVICE.form if f.type == "photo")
ANSWERS = {"kind": "first", "delivery": "hall", "phone": "13800138000"}


def frame_jpeg(case="face", size=(640, 480), quality=92) -> bytes:
    return cv2.imencode(".jpg", face_scene(case, size), [cv2.IMWRITE_JPEG_QUALITY,
                                                         quality])[1].tobytes()


def decoded(jpeg: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)


def test_the_spec_is_declared_once_in_the_catalog():
    assert (SPEC.width, SPEC.height, SPEC.max_bytes) == (358, 441, 40960)


@pytest.mark.parametrize("size", [(640, 480), (1280, 720), (1920, 1080)])
def test_what_is_enqueued_is_the_card_photo_not_the_camera_frame(tmp_path, size):
    frame = frame_jpeg(size=size, quality=98)
    entry = applications.entry(SERVICE, sample_resident_card(), {**ANSWERS, "photo": frame},
                               holder_salt="salt", now=NOW)
    conn = db.connect(tmp_path / "k.db")
    sealer = Sealer.load_or_create(tmp_path / "k.key")
    with db.transaction(conn):
        row_id = outbox.enqueue(conn, entry.kind, entry.payload, NOW, personal=entry.personal,
                                sealer=sealer, attachments=entry.attachments)
    [(_, att)] = attachments.waiting(conn, [row_id])
    photo = att.data(sealer)
    image = decoded(photo)
    assert image.shape[:2] == (SPEC.height, SPEC.width)
    assert att.size == len(photo) <= SPEC.max_bytes and len(photo) < len(frame)
    # The face is in the picture, framed as an ID photo: about half its width, centred.
    [(x, _y, w, _h)] = detect_faces(image)[:1]
    assert 0.3 < w / SPEC.width < 0.7 and abs(x + w / 2 - SPEC.width / 2) < SPEC.width * 0.1
    # The row refers to it; the bytes are not in the database in the clear.
    tx = outbox.get(conn, row_id).transaction(sealer)
    assert tx["payload"]["photo"] == {"attachment": att.sha256, "media_type": "image/jpeg",
                                      "bytes": len(photo)}
    conn.close()
    assert photo[100:164] not in (tmp_path / "k.db").read_bytes()


def test_no_face_found_still_gives_a_centred_photo_to_the_spec():
    photo = card_photo.conform(frame_jpeg("no_face"), SPEC)
    assert decoded(photo).shape[:2] == (441, 358) and len(photo) <= SPEC.max_bytes


def test_a_noisy_frame_is_squeezed_under_the_byte_bound():
    noise = np.random.default_rng(9).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    jpeg = cv2.imencode(".jpg", noise, [cv2.IMWRITE_JPEG_QUALITY, 100])[1].tobytes()
    assert len(card_photo.conform(jpeg, SPEC)) <= SPEC.max_bytes


def test_a_photo_that_is_no_image_is_refused():
    with pytest.raises(ValueError, match="readable"):
        card_photo.conform(b"\xff\xd8 not really", SPEC)


@pytest.mark.parametrize("face, box", [
    ((270, 150, 100, 100), (220, 72, 200, 246)),    # face centre 52 % down: 200 - .52 * 246
    (None, (125, 0, 389, 480)),                      # the largest centred box
    ((0, 0, 600, 600), (105, 0, 389, 480)),          # too big: shrunk, still on the face
])
def test_crop_box(face, box):
    assert card_photo.crop_box(640, 480, face, 358 / 441) == box
