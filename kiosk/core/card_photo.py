"""A photo answer made to its document's spec (:class:`kiosk.core.forms.PhotoSpec`, from
the catalog's form entry): a card application carries the 358x441 JPEG the card bureau
prints, not the camera's whole 640x480 frame.

:func:`conform` crops the frame around the face (found again with the camera's Haar
detector; the centre of the frame when none is found), at the spec's aspect ratio with
room for hair and shoulders as an ID photo has them, scales it to the spec's size and
encodes it at the highest JPEG quality that fits the spec's byte bound. Blocking
(about 20 ms on the terminal's CPU): worker threads only.
"""
from __future__ import annotations

import cv2
import numpy as np

from drivers.camera.face import detect_faces

from .forms import PhotoSpec

# The face box of the Haar detector (brows to chin) is this fraction of the photo's width
# and its centre this far down: an ID photo's head with hair and a little shoulder.
_FACE_WIDTH = 0.5
_FACE_CENTRE_Y = 0.52
_QUALITIES = (92, 88, 84, 80, 75, 70, 65, 60, 50, 40, 30)


def conform(jpeg: bytes, spec: PhotoSpec) -> bytes:
    """``jpeg`` as the spec wants it. ValueError when it is no readable image or cannot
    be encoded within ``spec.max_bytes``."""
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR) if jpeg else None
    if image is None:
        raise ValueError("the photo is not a readable JPEG")
    faces = detect_faces(image)
    x, y, w, h = crop_box(image.shape[1], image.shape[0], faces[0] if faces else None,
                          spec.width / spec.height)
    out = cv2.resize(image[y:y + h, x:x + w], (spec.width, spec.height),
                     interpolation=cv2.INTER_AREA if w >= spec.width else cv2.INTER_CUBIC)
    for quality in _QUALITIES:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if ok and len(buf) <= spec.max_bytes:
            return buf.tobytes()
    raise ValueError(f"the photo does not fit in {spec.max_bytes} bytes")


def crop_box(width: int, height: int, face: tuple[int, int, int, int] | None,
             aspect: float) -> tuple[int, int, int, int]:
    """(x, y, w, h) inside a ``width`` x ``height`` frame, ``w / h`` = ``aspect``, framing
    ``face`` (x, y, w, h) as an ID photo does; the largest centred box without one."""
    if face is None:
        cw = min(width, height * aspect)
        cx, cy = width / 2, height / 2
    else:
        fx, fy, fw, fh = face
        cw = fw / _FACE_WIDTH
        cx, cy = fx + fw / 2, fy + fh / 2
    ch = cw / aspect
    scale = min(1.0, width / cw, height / ch)      # never outside the frame
    cw, ch = cw * scale, ch * scale
    left = min(max(0.0, cx - cw / 2), width - cw)
    top = min(max(0.0, cy - ch * _FACE_CENTRE_Y), height - ch)
    return round(left), round(top), max(1, int(cw)), max(1, int(ch))
