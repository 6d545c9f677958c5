"""Synthetic camera scenes, drawn by code: a face the Haar cascade detects, QR codes on a
grey background, and the quality-gate cases made from them.

No face photo ships with OpenCV's Python wheel (nor with any other package the project
installs), so :func:`draw_face` paints a schematic face with the light/dark structure the
frontal-face Haar cascades look for: dark hair and brows above dark eyes, a bright nose
bridge and cheeks, a darker mouth. Every function is pure: it returns a new BGR image.
"""
from __future__ import annotations

import cv2
import numpy as np

FRAME_SIZE = (640, 480)          # width, height of the simulated camera
_SKIN = (120, 150, 195)          # BGR
_HAIR = (30, 35, 45)
_WALL = (150, 145, 140)


def background(size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """A plain wall with a soft vertical light gradient (no face, no code)."""
    w, h = size
    ramp = np.linspace(1.08, 0.9, h, dtype=np.float32)[:, None, None]
    img = np.empty((h, w, 3), np.float32)
    img[:] = _WALL
    return np.clip(img * ramp, 0, 255).astype(np.uint8)


def draw_face(img: np.ndarray, centre: tuple[int, int], width: int) -> np.ndarray:
    """Paint a face ``width`` pixels wide centred on ``centre`` into ``img`` (in place;
    returned for chaining). The Haar detector reports a box about 0.9 x ``width``."""
    cx, cy = centre
    s = width

    def pt(dx: float, dy: float) -> tuple[int, int]:
        return round(cx + dx * s), round(cy + dy * s)

    def ax(a: float, b: float) -> tuple[int, int]:
        return max(1, round(a * s)), max(1, round(b * s))

    cv2.ellipse(img, pt(0, 0.46), ax(0.42, 0.3), 0, 180, 360, (70, 60, 50), -1)  # shoulders
    cv2.ellipse(img, pt(0, -0.02), ax(0.4, 0.5), 0, 0, 360, _HAIR, -1)           # hair behind
    cv2.ellipse(img, pt(0, 0.05), ax(0.36, 0.46), 0, 0, 360, _SKIN, -1)          # face
    cv2.ellipse(img, pt(0, -0.28), ax(0.38, 0.2), 0, 180, 360, _HAIR, -1)        # fringe
    for side in (-1, 1):
        cv2.ellipse(img, pt(side * 0.15, -0.15), ax(0.09, 0.02), 0, 0, 360, (45, 50, 60), -1)
        cv2.ellipse(img, pt(side * 0.15, -0.08), ax(0.07, 0.035), 0, 0, 360, (60, 65, 75), -1)
        cv2.circle(img, pt(side * 0.15, -0.08), ax(0.02, 0)[0], (20, 20, 25), -1)
    cv2.ellipse(img, pt(0, 0.1), ax(0.04, 0.02), 0, 0, 360, (85, 105, 140), -1)  # nostrils
    cv2.ellipse(img, pt(0, 0.22), ax(0.11, 0.03), 0, 0, 360, (70, 70, 130), -1)  # mouth
    return img


def _face_at(centre_x: float, width_ratio: float, size=FRAME_SIZE) -> np.ndarray:
    w, h = size
    return draw_face(background(size), (int(w * centre_x), h // 2), int(w * width_ratio))


def _scaled_light(img: np.ndarray, gain: float, towards: int) -> np.ndarray:
    """Move every pixel towards black (0) or white (255), keeping ``gain`` of its distance."""
    f = img.astype(np.float32)
    return np.clip(towards + (f - towards) * gain, 0, 255).astype(np.uint8)


def face_scene(case: str = "face", size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """A clean frame for one quality-gate case: ``face`` passes; every other case is
    named after the reason :func:`drivers.camera.face.assess` gives for it."""
    w, _ = size
    if case == "face":
        return _face_at(0.5, 0.36, size)
    if case == "no_face":
        return background(size)
    if case == "several_faces":
        img = _face_at(0.28, 0.3, size)
        return draw_face(img, (int(w * 0.72), size[1] // 2), int(w * 0.3))
    if case == "too_small":
        return _face_at(0.5, 0.14, size)
    if case == "too_large":
        return _face_at(0.5, 0.75, size)
    if case == "off_centre":
        return _face_at(0.8, 0.3, size)
    if case == "blurry":    # out of focus or moving: much softer than the camera's optics
        return cv2.GaussianBlur(_face_at(0.5, 0.36, size), (0, 0), 3.5)
    if case == "too_dark":
        return _scaled_light(_face_at(0.5, 0.36, size), 0.25, 0)
    if case == "too_bright":
        return _scaled_light(_face_at(0.5, 0.36, size), 0.25, 255)
    raise ValueError(f"unknown face case {case!r}")


FACE_CASES = ("face", "no_face", "several_faces", "too_small", "too_large", "off_centre",
              "blurry", "too_dark", "too_bright")


def qr_symbol(text: str, module_px: int = 6) -> np.ndarray:
    """``text`` as a QR code by ``cv2.QRCodeEncoder`` (quiet zone included), grey,
    ``module_px`` pixels per module."""
    symbol = cv2.QRCodeEncoder.create().encode(text)
    return cv2.resize(symbol, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def qr_scene(text: str, size: tuple[int, int] = FRAME_SIZE, *, tilt: float = 0.06) -> np.ndarray:
    """A phone screen showing ``text`` as a QR code, held in front of the wall and tilted
    (perspective: the far edge ``tilt`` of the width shorter)."""
    w, h = size
    cells = cv2.QRCodeEncoder.create().encode(text).shape[0]
    # As large as fits in 80 % of the frame height, at least 2 px per module.
    module_px = max(2, int(h * 0.8) // cells)
    symbol = cv2.cvtColor(qr_symbol(text, module_px), cv2.COLOR_GRAY2BGR)
    side = symbol.shape[0]
    src = np.array([[0, 0], [side, 0], [side, side], [0, side]], np.float32)
    x0, y0 = (w - side) / 2, (h - side) / 2
    inset = side * tilt / 2
    dst = np.array([[x0, y0], [x0 + side, y0 + inset], [x0 + side, y0 + side - inset],
                    [x0, y0 + side]], np.float32)
    img = background(size)
    warped = cv2.warpPerspective(symbol, cv2.getPerspectiveTransform(src, dst), (w, h),
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((side, side), 255, np.uint8),
                               cv2.getPerspectiveTransform(src, dst), (w, h))
    img[mask > 127] = warped[mask > 127]
    return img


def camera_frame(scene: np.ndarray, rng: np.random.Generator, *, noise: int = 3) -> np.ndarray:
    """What a camera delivers of ``scene``: the slight softness of a cheap lens and sensor
    noise (uniform, +-``noise`` levels: cheaper to draw than Gaussian, and as good here).
    The noise also makes consecutive frames differ, as a live camera's always do: identical
    frames are how the driver recognises a frozen source."""
    soft = cv2.GaussianBlur(scene, (0, 0), 0.8)
    grain = rng.integers(-noise, noise + 1, scene.shape, dtype=np.int16)
    return np.clip(soft.astype(np.int16) + grain, 0, 255).astype(np.uint8)
