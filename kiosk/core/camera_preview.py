"""Live camera previews, made off the GUI thread: the citizen sees themself in the face
step's oval (mirrored, as in a mirror), the technician sees the frame with the face box
the quality gate found and its verdict.

A :class:`Preview` runs on its own thread: it takes the camera's newest frame
(:meth:`Camera.latest`, which never blocks, so a preview neither holds the camera's lock
nor delays the supervisor's polls or the face capture that runs meanwhile), renders it
(scaling, drawing, colour conversion: milliseconds each) and swaps the result in. The GUI
thread only reads :meth:`Preview.latest`, a reference. It stops by itself after
``idle_s``, and says ``no_frames`` while the camera gives nothing (unplugged, closed).
The renderers (:func:`technician_view`, :func:`citizen_view`) say what a frame becomes.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:       # numpy and OpenCV load with the first preview, not with the app
    import numpy as np

#: A renderer: a BGR frame -> (an RGB image, the verdict to show with it).
Render = Callable[["np.ndarray"], tuple["np.ndarray", dict[str, Any]]]

NO_FRAMES = {"zh": "摄像头没有画面（检查连接线后按‘内部检测’）",
             "en": "No picture from the camera (check its cable, then run the internal check)"}
_OK_BGR = (60, 170, 40)      # the technician's face box: green when the gate passes,
_NOT_OK_BGR = (0, 140, 230)  # amber when not


@dataclass(frozen=True)
class PreviewFrame:
    """One preview image: ``rgb`` is ``width`` x ``height`` pixels of ``channels`` bytes
    (3: RGB, 4: RGBA), rows packed."""

    seq: int
    rgb: bytes
    width: int
    height: int
    channels: int = 3


class Preview:
    """``camera``: a :class:`drivers.camera.Camera`. ``start`` / ``stop`` from any thread."""

    def __init__(self, camera, render: Render, *, interval: float = 0.2,
                 idle_s: float = 120.0) -> None:
        self.camera, self.render = camera, render
        self.interval, self.idle_s = interval, idle_s
        self._latest: PreviewFrame | None = None
        self._verdict: dict[str, Any] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._seq = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="camera-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop (returns at once; the thread ends after its current frame)."""
        self._stop.set()

    def latest(self) -> PreviewFrame | None:
        """The newest preview image (None before the first one). Never blocks."""
        return self._latest

    def verdict(self) -> dict[str, Any]:
        """The renderer's verdict on the newest frame, or ``{"reason": "no_frames", ...}``."""
        return self._verdict

    def _run(self) -> None:
        started, last_seq = time.monotonic(), None
        while not self._stop.is_set() and time.monotonic() - started < self.idle_s:
            frame = self.camera.latest(max_age=2.0)
            if frame is None:
                self._verdict = {"ok": False, "reason": "no_frames", "prompt": dict(NO_FRAMES)}
            elif frame.seq != last_seq:
                last_seq = frame.seq
                rgb, verdict = self.render(frame.image)
                self._seq += 1
                self._latest = PreviewFrame(self._seq, rgb.tobytes(), rgb.shape[1],
                                            rgb.shape[0], rgb.shape[2])
                self._verdict = verdict
            self._stop.wait(self.interval)


def technician_view(max_width: int = 640) -> Render:
    """The frame scaled to ``max_width`` with the gate's face box; its verdict
    (``FaceCheck.to_dict()``: reason, prompt, box, metrics)."""
    import cv2

    from drivers.camera import face  # OpenCV: loaded with the first preview only
    gate = face.GateConfig()

    def render(image: np.ndarray) -> tuple[np.ndarray, dict[str, Any]]:
        check = face.assess(image, gate)
        shown = _bgr(_scaled(image, max_width / image.shape[1]))
        if check.box is not None:
            scale = shown.shape[1] / image.shape[1]
            x, y, w, h = (round(v * scale) for v in check.box)
            cv2.rectangle(shown, (x, y), (x + w, y + h), _OK_BGR if check.ok else _NOT_OK_BGR,
                          max(2, shown.shape[1] // 160))
        return cv2.cvtColor(shown, cv2.COLOR_BGR2RGB), check.to_dict()
    return render


def citizen_view(width: int = 400, aspect: float = 1.25) -> Render:
    """The middle of the frame, ``width`` wide and ``aspect`` times as high (the face
    step's oval), mirrored, RGBA with the corners outside the oval transparent."""
    import cv2
    import numpy as np

    height = round(width * aspect)
    yy, xx = np.ogrid[:height, :width]
    outside = ((xx - width / 2 + 0.5) / (width / 2)) ** 2 + \
        ((yy - height / 2 + 0.5) / (height / 2)) ** 2 > 1.0

    def render(image: np.ndarray) -> tuple[np.ndarray, dict[str, Any]]:
        ih, iw = image.shape[:2]
        crop_w = min(iw, round(ih / aspect))          # the widest portrait crop that fits
        crop_h = min(ih, round(crop_w * aspect))
        x0, y0 = (iw - crop_w) // 2, (ih - crop_h) // 2
        crop = _bgr(image[y0:y0 + crop_h, x0:x0 + crop_w])
        shown = cv2.resize(cv2.flip(crop, 1), (width, height), interpolation=cv2.INTER_AREA)
        rgba = cv2.cvtColor(shown, cv2.COLOR_BGR2RGBA)
        rgba[outside] = (0, 0, 0, 0)
        return rgba, {}
    return render


def _scaled(image: np.ndarray, scale: float) -> np.ndarray:
    import cv2
    if scale >= 1.0:
        return image.copy()
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _bgr(image: np.ndarray) -> np.ndarray:
    import cv2
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
