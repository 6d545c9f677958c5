"""A technician's live camera preview (技术员模式 · 设备检测 · 摄像头): the camera's newest
frame with the face box the quality gate found and the gate's verdict, a few times a
second, so that a technician sees at once whether the camera is aimed, lit and sharp
enough for citizens' photos.

Everything is done on the preview's own thread (the gate takes tens of milliseconds a
frame; scaling, drawing and colour conversion as much again): the GUI thread only reads
:meth:`Preview.latest`, a reference swap. Frames come from :meth:`Camera.latest`, which
never blocks, so the preview neither holds the camera's lock nor stops the supervisor's
polls. It stops by itself after ``idle_s`` (a technician who walked away), and says
``no_frames`` while the camera gives nothing (unplugged, closed).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

MAX_WIDTH = 640              # the preview's size on a technician's screen, not the sensor's
_OK_BGR = (60, 170, 40)      # the face box: green when the gate passes, amber when not
_NOT_OK_BGR = (0, 140, 230)
NO_FRAMES = {"zh": "摄像头没有画面（检查连接线后按‘内部检测’）",
             "en": "No picture from the camera (check its cable, then run the internal check)"}


@dataclass(frozen=True)
class PreviewFrame:
    """One preview image: ``rgb`` is ``width`` x ``height`` RGB888, rows packed."""

    seq: int
    rgb: bytes
    width: int
    height: int


class Preview:
    """``camera``: a :class:`drivers.camera.Camera`. ``start`` / ``stop`` from any thread."""

    def __init__(self, camera, *, interval: float = 0.2, idle_s: float = 120.0,
                 max_width: int = MAX_WIDTH) -> None:
        self.camera = camera
        self.interval, self.idle_s, self.max_width = interval, idle_s, max_width
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
        self._thread = threading.Thread(target=self._run, name="tech-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop (returns at once; the thread ends after its current frame)."""
        self._stop.set()

    def latest(self) -> PreviewFrame | None:
        """The newest preview image (None before the first one). Never blocks."""
        return self._latest

    def verdict(self) -> dict[str, Any]:
        """The gate's verdict on the newest frame, or ``{"reason": "no_frames", ...}``."""
        return self._verdict

    def _run(self) -> None:
        from drivers.camera import face  # OpenCV: loaded with the first preview only

        gate = face.GateConfig()
        started, last_seq = time.monotonic(), None
        while not self._stop.is_set() and time.monotonic() - started < self.idle_s:
            frame = self.camera.latest(max_age=2.0)
            if frame is None:
                self._verdict = {"ok": False, "reason": "no_frames", "prompt": dict(NO_FRAMES)}
            elif frame.seq != last_seq:
                last_seq = frame.seq
                check = face.assess(frame.image, gate)
                self._seq += 1
                self._latest = self._render(frame.image, check)
                self._verdict = check.to_dict()
            self._stop.wait(self.interval)

    def _render(self, image, check) -> PreviewFrame:
        import cv2

        width = image.shape[1]
        scale = min(1.0, self.max_width / width)
        shown = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
            if scale < 1.0 else image.copy()
        if shown.ndim == 2:
            shown = cv2.cvtColor(shown, cv2.COLOR_GRAY2BGR)
        if check.box is not None:
            x, y, w, h = (round(v * scale) for v in check.box)
            cv2.rectangle(shown, (x, y), (x + w, y + h), _OK_BGR if check.ok else _NOT_OK_BGR,
                          max(2, shown.shape[1] // 160))
        rgb = cv2.cvtColor(shown, cv2.COLOR_BGR2RGB)
        return PreviewFrame(self._seq, rgb.tobytes(), rgb.shape[1], rgb.shape[0])
