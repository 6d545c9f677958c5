"""What a camera source string means and how OpenCV opens it (hardware.md §5).

A source is a device index (``0``), a V4L2 device node (``/dev/video0``,
``/dev/kiosk-camera``), an image sequence pattern (``dir/frame_%04d.jpg``, opened with
``cv2.CAP_IMAGES``: the simulated camera) or a video file (an MJPG AVI). Device indexes and
nodes are *live*: ``read()`` waits for the next frame. Files are played back at a frame
rate (the file's own, else the camera's ``fps``) and looped at their end.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ._cv import cv2


def parse_source(text: str) -> int | str:
    """A command-line or configuration value as a source: digits are a device index."""
    text = text.strip()
    return int(text) if text.isdigit() else text


@dataclass(frozen=True)
class Source:
    spec: int | str

    @property
    def kind(self) -> str:
        """``index``, ``device``, ``sequence`` or ``file``."""
        if isinstance(self.spec, int):
            return "index"
        if self.spec.startswith("/dev/"):
            return "device"
        return "sequence" if "%" in self.spec else "file"

    @property
    def live(self) -> bool:
        return self.kind in ("index", "device")

    def __str__(self) -> str:
        return f"camera {self.spec}" if self.kind == "index" else str(self.spec)

    def exists(self) -> bool:
        """Whether the thing to open is there (index N is V4L2's /dev/videoN)."""
        if self.kind == "index":
            return os.path.exists(f"/dev/video{self.spec}")
        if self.kind == "sequence":
            # OpenCV's image sequences start at index 0 or 1.
            return any(os.path.exists(self.spec % i) for i in (0, 1))
        return os.path.exists(self.spec)

    def open(self, width: int | None = None, height: int | None = None) -> cv2.VideoCapture:
        """A VideoCapture on the source (check ``isOpened()``). May block inside OpenCV:
        call it only from the capture thread."""
        if self.kind == "index":
            cap = cv2.VideoCapture(self.spec)
        elif self.kind == "device":
            cap = cv2.VideoCapture(self.spec, cv2.CAP_V4L2)
        elif self.kind == "sequence":
            cap = cv2.VideoCapture(self.spec, cv2.CAP_IMAGES)
        else:
            cap = cv2.VideoCapture(self.spec)
        if self.live and cap.isOpened():
            if width:
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            if height:
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        return cap

    def model(self) -> str | None:
        """The camera's name as the kernel reports it (V4L2 devices only)."""
        if isinstance(self.spec, int):  # kind "index"
            node = f"video{self.spec}"
        elif self.kind == "device":
            node = Path(os.path.realpath(self.spec)).name   # through a udev symlink
        else:
            return None
        try:
            return Path(f"/sys/class/video4linux/{node}/name").read_text().strip() or None
        except OSError:
            return None
