"""A simulated camera: an image sequence the real driver reads through
``cv2.VideoCapture(pattern, cv2.CAP_IMAGES)`` (hardware.md §5).

:meth:`CameraSimulator.start` writes ``frame_0000.jpg`` ... into a folder and returns the
pattern (``DIR/frame_%04d.jpg``) to give :class:`~drivers.camera.Camera` as its source.
The frames are JPEG like a USB camera's MJPG stream and all differ by sensor noise; the
driver loops over them. Scenes come from :mod:`drivers.camera.scenes`.

Faults, for the driver's stall and frozen detection (hardware.md §5 "field trouble"):
- :meth:`freeze`: every frame becomes the same image, as a driver that keeps returning its
  last buffer after an unplug; :meth:`unfreeze` undoes it.
- :meth:`remove` / :meth:`restore`: the files disappear (reads fail, the source cannot be
  opened), then come back.
- :meth:`hang` / :meth:`unhang`: every frame becomes a named pipe nobody writes, so
  ``read()`` and opening the source block inside OpenCV, as a wedged kernel driver does.

File changes are atomic (write aside, rename) so the driver never reads half a frame.
A fixed ``seed`` gives the same frames on every run.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

import cv2
import numpy as np

from .scenes import FACE_CASES, FRAME_SIZE, camera_frame, face_scene, qr_scene

SCENES = (*FACE_CASES, "qr")
DEFAULT_QR_TEXT = "KIOSK-APPT:20250315-A012"
_JPEG_QUALITY = 92


class CameraSimulator:
    """Writes the image sequence of one scene into ``directory`` (None: a temporary
    folder made by :meth:`start` and removed by :meth:`stop`).

    ``scene`` is ``qr`` (showing ``text``) or one of :data:`drivers.camera.scenes.FACE_CASES`
    (``face`` passes the quality gate; the others are named after the reason they fail).
    """

    def __init__(self, directory: str | os.PathLike | None = None, *, scene: str = "face",
                 text: str = DEFAULT_QR_TEXT, frames: int = 8,
                 size: tuple[int, int] = FRAME_SIZE, seed: int = 0) -> None:
        _check_scene(scene)
        self.directory: Path | None = Path(directory) if directory else None
        self.scene = scene
        self.text = text
        self.frames = frames
        self.size = size
        self.seed = seed
        self.frozen = self.removed = self.hung = False
        self._own_dir = False
        self._lock = threading.Lock()
        self._started = False

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def pattern(self) -> str:
        """The source to open: ``DIR/frame_%04d.jpg``."""
        if self.directory is None:
            raise RuntimeError("the simulator is not started")
        return str(self.directory).replace("%", "%%") + "/frame_%04d.jpg"

    def start(self) -> str:
        """Write the frames; return the source pattern."""
        with self._lock:
            if self.directory is None:
                self.directory = Path(tempfile.mkdtemp(prefix="kiosk-camera-"))
                self._own_dir = True
            self.directory.mkdir(parents=True, exist_ok=True)
            self._started = True
            self._write()
        return self.pattern

    def stop(self) -> None:
        """Release any reader blocked on a hung frame and delete the frames (and the
        folder, when the simulator made it)."""
        with self._lock:
            if not self._started:
                return
            self._release_readers()
            self._delete()
            self._started = False
            if self._own_dir and self.directory is not None:
                shutil.rmtree(self.directory, ignore_errors=True)
                self.directory, self._own_dir = None, False

    def __enter__(self) -> CameraSimulator:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- what the camera sees ------------------------------------------------------------
    def set_scene(self, scene: str, *, text: str | None = None) -> None:
        """Show another scene (and for ``qr``, optionally another text) from now on."""
        _check_scene(scene)
        with self._lock:
            self.scene = scene
            if text is not None:
                self.text = text
            self._write()

    def image(self, index: int = 0) -> np.ndarray:
        """Frame ``index`` as the simulator writes it (before JPEG): for tests."""
        scene = qr_scene(self.text, self.size) if self.scene == "qr" else \
            face_scene(self.scene, self.size)
        rng = np.random.default_rng((self.seed, index))
        return camera_frame(scene, rng)

    # -- faults --------------------------------------------------------------------------
    def freeze(self) -> None:
        with self._lock:
            self.frozen = True
            self._write()

    def unfreeze(self) -> None:
        with self._lock:
            self.frozen = False
            self._write()

    def remove(self) -> None:
        with self._lock:
            self.removed = True
            self._release_readers()
            self._delete()

    def restore(self) -> None:
        """Undo :meth:`remove` and :meth:`hang`."""
        with self._lock:
            self.removed = False
            if self.hung:
                self._release_readers()     # which writes the frames
            else:
                self._write()

    def hang(self) -> None:
        with self._lock:
            self.hung = True
            self._write()

    def unhang(self) -> None:
        self.restore()

    # -- files ---------------------------------------------------------------------------
    def _paths(self) -> list[Path]:
        return [Path(self.pattern % i) for i in range(self.frames)]

    def _write(self) -> None:
        if not self._started or self.removed:
            return
        if self.hung:
            for path in self._paths():
                tmp = path.with_name("." + path.name + ".fifo")
                if tmp.exists():
                    tmp.unlink()
                os.mkfifo(tmp)
                os.replace(tmp, path)
            return
        first = None
        for index, path in enumerate(self._paths()):
            if self.frozen and first is not None:
                data = first
            else:
                _ok, buf = cv2.imencode(".jpg", self.image(index),
                                       [cv2.IMWRITE_JPEG_QUALITY, _JPEG_QUALITY])
                data = first = buf.tobytes()
            tmp = path.with_name("." + path.name + ".tmp")   # outside the pattern
            tmp.write_bytes(data)
            os.replace(tmp, path)

    def _release_readers(self) -> None:
        """Wake every reader blocked opening a hung frame: a writer that opens and closes
        the pipe gives them end-of-file (the read fails). The regular file is put in place
        first, so that whatever OpenCV opens next is a real frame."""
        if not self.hung:
            return
        self.hung = False
        writers = []
        for path in self._paths():
            with contextlib.suppress(OSError):  # ENXIO: nobody is waiting on this one
                writers.append(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        self._write()
        for fd in writers:
            os.close(fd)

    def _delete(self) -> None:
        for path in self._paths():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _check_scene(scene: str) -> None:
    if scene not in SCENES:
        raise ValueError(f"unknown scene {scene!r}: one of {', '.join(SCENES)}")
