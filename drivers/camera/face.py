"""Face detection and the quality gate for a face photo (pure functions on BGR/grey numpy
images; the only file read is the Haar cascade shipped in OpenCV 4.x wheels, hardware.md §5).

:func:`assess` answers "is this frame a usable face photo?" with ``ok`` or the first reason
it fails, in this order: ``no_face``, ``several_faces``, ``too_small``, ``too_large``,
``off_centre``, ``too_dark``, ``too_bright``, ``blurry``. Exposure is checked before
sharpness because a dark face has little contrast and would also read as blurry: the
citizen should hear about the light, which is what they can fix. :data:`PROMPTS` gives the
short sentence a screen or a voice prompt shows for each reason.

Thresholds live in :class:`GateConfig`; the defaults suit a 640x480 kiosk camera with a
citizen standing 40-70 cm away (face about 0.2-0.45 of the frame width).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ._cv import cv2, np

REASONS = ("ok", "no_face", "several_faces", "too_small", "too_large", "off_centre",
           "too_dark", "too_bright", "blurry")

PROMPTS: dict[str, dict[str, str]] = {
    "ok": {"zh": "拍摄成功", "en": "Photo taken"},
    "no_face": {"zh": "请正对摄像头", "en": "Please look at the camera"},
    "several_faces": {"zh": "请确保画面中只有您一人",
                      "en": "Only one person in front of the camera, please"},
    "too_small": {"zh": "请靠近一点", "en": "Please come a little closer"},
    "too_large": {"zh": "请稍微后退", "en": "Please step back a little"},
    "off_centre": {"zh": "请把脸移到框中间",
                   "en": "Please move your face to the middle of the frame"},
    "too_dark": {"zh": "光线太暗，请面向光源", "en": "Too dark: please face the light"},
    "too_bright": {"zh": "光线太强，请避开强光", "en": "Too bright: please move out of the glare"},
    "blurry": {"zh": "请保持不动", "en": "Please hold still"},
}

CASCADES = {"alt2": "haarcascade_frontalface_alt2.xml",
            "default": "haarcascade_frontalface_default.xml"}
_DETECT_WIDTH = 320      # detection runs on a copy this wide: ~4x faster, boxes scaled back
_SHARPNESS_SIZE = 128    # the face is resized to this square before measuring sharpness


@dataclass(frozen=True)
class GateConfig:
    """Thresholds of the quality gate. Ratios are of the frame width (face size, horizontal
    offset) and height (vertical offset); brightness is the mean 0-255 luminance of the
    face box; sharpness the variance of the Laplacian of the face resized to 128x128."""

    min_face_ratio: float = 0.18
    max_face_ratio: float = 0.55
    max_offset_x: float = 0.15
    max_offset_y: float = 0.2
    min_brightness: float = 60.0
    max_brightness: float = 210.0
    min_sharpness: float = 60.0
    # A second face counts when it is at least this fraction of the largest one's width;
    # smaller faces far behind the citizen are ignored.
    other_face_ratio: float = 0.5
    cascade: str = "alt2"


@dataclass(frozen=True)
class FaceCheck:
    """Result of :func:`assess`. ``box`` (x, y, w, h) is the main face in frame pixels;
    ``score`` ranks passing frames (sharper and more centred is higher; 0 when not ok)."""

    ok: bool
    reason: str
    box: tuple[int, int, int, int] | None = None
    faces: int = 0
    metrics: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def prompt(self) -> dict[str, str]:
        return PROMPTS[self.reason]

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reason": self.reason, "prompt": dict(self.prompt),
                "box": list(self.box) if self.box else None, "faces": self.faces,
                "metrics": dict(self.metrics), "score": self.score}


class _Cascades(threading.local):
    """One classifier per thread and cascade: ``detectMultiScale`` on a shared
    CascadeClassifier is not documented as thread-safe."""

    def __init__(self) -> None:
        self.loaded: dict[str, cv2.CascadeClassifier] = {}

    def get(self, name: str) -> cv2.CascadeClassifier:
        if name not in self.loaded:
            classifier = cv2.CascadeClassifier(cv2.data.haarcascades + CASCADES[name])
            if classifier.empty():
                raise RuntimeError(f"OpenCV's Haar cascade {CASCADES[name]} is missing: an"
                                   " opencv-python 5.x wheel? (hardware.md §5 needs 4.x)")
            self.loaded[name] = classifier
        return self.loaded[name]


_cascades = _Cascades()


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def detect_faces(image: np.ndarray, cascade: str = "alt2") -> list[tuple[int, int, int, int]]:
    """Frontal faces in ``image`` as (x, y, w, h) in its pixels, largest first."""
    gray = to_gray(image)
    scale = min(1.0, _DETECT_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1.0 else gray
    # Equalising first keeps dark and washed-out faces detectable, so that the gate can
    # say "too dark" rather than "no face".
    found = _cascades.get(cascade).detectMultiScale(
        cv2.equalizeHist(small), scaleFactor=1.1, minNeighbors=4, minSize=(24, 24))
    boxes = [tuple(round(float(v) / scale) for v in box) for box in found]
    return sorted(boxes, key=lambda b: b[2] * b[3], reverse=True)


def sharpness(gray_face: np.ndarray) -> float:
    """Variance of the Laplacian of a face crop resized to 128x128 (resizing makes the
    value comparable between near and far faces and averages away some sensor noise)."""
    face = cv2.resize(gray_face, (_SHARPNESS_SIZE, _SHARPNESS_SIZE), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(face, cv2.CV_64F).var())


def assess(image: np.ndarray, config: GateConfig = GateConfig()) -> FaceCheck:
    """Run the quality gate on one frame (see the module docstring for the order)."""
    boxes = detect_faces(image, config.cascade)
    if not boxes:
        return FaceCheck(False, "no_face")
    height, width = image.shape[:2]
    x, y, w, h = box = boxes[0]
    faces = sum(1 for b in boxes if b[2] >= config.other_face_ratio * w)
    gray_face = to_gray(image)[y:y + h, x:x + w]
    offset_x = (x + w / 2 - width / 2) / width
    offset_y = (y + h / 2 - height / 2) / height
    metrics = {"face_ratio": round(w / width, 3), "offset_x": round(offset_x, 3),
               "offset_y": round(offset_y, 3), "brightness": round(float(gray_face.mean()), 1),
               "sharpness": round(sharpness(gray_face), 1)}
    reason = _first_failure(faces, metrics, config)
    if reason != "ok":
        return FaceCheck(False, reason, box, faces, metrics)
    centred = 1.0 - min(1.0, float(np.hypot(offset_x, offset_y)))
    return FaceCheck(True, "ok", box, faces, metrics, round(metrics["sharpness"] * centred, 1))


def _first_failure(faces: int, m: dict[str, float], c: GateConfig) -> str:
    if faces > 1:
        return "several_faces"
    if m["face_ratio"] < c.min_face_ratio:
        return "too_small"
    if m["face_ratio"] > c.max_face_ratio:
        return "too_large"
    if abs(m["offset_x"]) > c.max_offset_x or abs(m["offset_y"]) > c.max_offset_y:
        return "off_centre"
    if m["brightness"] < c.min_brightness:
        return "too_dark"
    if m["brightness"] > c.max_brightness:
        return "too_bright"
    if m["sharpness"] < c.min_sharpness:
        return "blurry"
    return "ok"
