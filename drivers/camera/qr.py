"""QR code decoding on camera frames (pure functions on numpy images, hardware.md §5).

``cv2.QRCodeDetector`` finds most codes; elsewhere in this project it was seen to miss
about 1 in 100 pixel-perfect symbols that ``cv2.QRCodeDetectorAruco`` (another finder for
the same decoder) reads, so the Aruco detector is tried when the first finds nothing.
"""
from __future__ import annotations

import threading
from typing import Any

from ._cv import cv2, np
from .face import to_gray


class _Detectors(threading.local):
    """One detector pair per thread: OpenCV objects are not documented as thread-safe."""

    _pair: tuple[Any, Any] | None = None

    @property
    def pair(self) -> tuple[Any, Any]:
        # Made at the first decode on each thread, not at import (OpenCV is imported on
        # first use: _cv.py).
        if self._pair is None:
            self._pair = (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco())
        return self._pair


_detectors = _Detectors()


def decode(image: np.ndarray) -> str | None:
    """The text of one QR code in ``image``, or None when none can be read."""
    gray = to_gray(image)
    for detector in _detectors.pair:
        text, _points, _straight = detector.detectAndDecode(gray)
        if text:
            return text
    return None


def decode_all(image: np.ndarray) -> list[str]:
    """The distinct texts of every QR code readable in ``image`` (a letter may carry two),
    in the order found; both detectors look, as either may miss a code the other reads."""
    gray = to_gray(image)
    found: list[str] = []
    for detector in _detectors.pair:
        ok, texts, _points, _straight = detector.detectAndDecodeMulti(gray)
        found += [t for t in (texts if ok else ()) if t and t not in found]
    return found
