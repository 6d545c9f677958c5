"""One opened life of a camera source: a daemon thread that owns a ``cv2.VideoCapture``.

Every OpenCV call on the capture (open, read, release) runs on this thread, so a call that
hangs inside OpenCV or the kernel (hardware.md §5: after an unplug ``read()`` may block)
blocks only this thread. Nobody waits for it without a timeout: the camera judges it from
the timestamps it keeps (:meth:`Capture.trouble`) and abandons it when it is stuck; if the
hung call ever returns, the thread sees it was stopped and releases the capture.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from drivers.base.once import Ongoing

from ._cv import cv2, np
from .source import Source

_RETRY_PAUSE = 0.05     # after a failed read of a live source: no busy loop
log = logging.getLogger(__name__)

def failures(log_extra: Mapping[str, Any] | None = None) -> Ongoing:
    """Where the captures of one camera say that they failed: kept by the camera across
    its captures (one per reopen), so a source that fails at every reopen is one line
    when it starts failing and one when frames come again."""
    return Ongoing(log, level=logging.ERROR, extra=log_extra)


@dataclass(frozen=True)
class Frame:
    """One frame: ``image`` (BGR, never modified after capture), ``seq`` (1, 2, ... over
    the camera's whole life, across reopens) and ``at`` (``time.monotonic()`` of capture)."""

    image: np.ndarray
    seq: int
    at: float


class Capture:
    """Opens ``source`` and reads it until :meth:`stop`, calling ``on_frame(image, at)``
    with ``cond`` held and then notifying it. File sources are paced at ``fps`` (a video
    file's own rate when it has one) and looped.

    ``frozen_image``: the frame a previous life was frozen on, taken as the predecessor of
    the first frame: :attr:`moving` stays False until a frame differs from the one before
    it, and two frames that do not is enough to call the source still frozen, at once
    rather than after another ``frozen_timeout``.
    """

    def __init__(self, source: Source, cond: threading.Condition,
                 on_frame: Callable[[np.ndarray, float], None], *, fps: float,
                 width: int | None = None, height: int | None = None,
                 frozen_image: np.ndarray | None = None,
                 failing: Ongoing | None = None) -> None:
        self.source = source
        self._failing = failing if failing is not None else failures()
        self._cond = cond
        self._on_frame = on_frame
        self._fps = fps
        self._size = (width, height)
        self._stop = threading.Event()
        self._opened = threading.Event()
        self.open_failed = False
        self.backend: str | None = None
        # Written by the capture thread with ``cond`` held; read by the camera likewise.
        self.started_at = time.monotonic()
        self.blocked_since: float | None = self.started_at   # inside an OpenCV call
        self.last_frame_at: float | None = None
        self.unchanged_since: float | None = None             # first of identical frames
        self.moving = frozen_image is None
        self.frames = 0
        self._previous = frozen_image
        self._thread = threading.Thread(target=self._run, name=f"camera {source}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait_opened(self, timeout: float) -> bool:
        """True once opening finished (see :attr:`open_failed`), False if still at it."""
        return self._opened.wait(timeout)

    def stop(self) -> None:
        """Ask the thread to release the capture and end (it does after its current call)."""
        self._stop.set()

    def join(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for the thread to end; True when it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def trouble(self, now: float, stall_timeout: float, frozen_timeout: float | None) -> str | None:
        """What is wrong at ``now`` (call with ``cond`` held), or None. With no frame for
        ``stall_timeout`` (since opening began, at first): ``hung`` while an OpenCV call
        (open or read) has been running for half of that or more, else ``no_frames``
        (reads fail quickly). ``frozen``: the same image for ``frozen_timeout``, or two
        frames still equal to the one the previous life froze on."""
        if now - (self.last_frame_at or self.started_at) > stall_timeout:
            blocked = self.blocked_since is not None and \
                now - self.blocked_since >= stall_timeout / 2
            return "hung" if blocked else "no_frames"
        # unchanged_since is set with the first frame, as last_frame_at is.
        if frozen_timeout is not None and self.unchanged_since is not None and (
                (not self.moving and self.frames >= 2)
                or now - self.unchanged_since > frozen_timeout):
            return "frozen"
        return None

    # -- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        cap = None
        try:
            cap = self.source.open(*self._size)
            with self._cond:
                self.blocked_since = None
            if not cap.isOpened():
                self.open_failed = True
                return
            self.backend = cap.getBackendName()
            own_fps = 0.0 if self.source.live else cap.get(cv2.CAP_PROP_FPS)
            # An image sequence reports 1 fps, which is no rate at all: use ours.
            fps = own_fps if self.source.kind == "file" and own_fps > 1 else self._fps
            self._opened.set()
            self._loop(cap, 0.0 if self.source.live else 1.0 / fps)
        except Exception as exc:   # an OpenCV error: the camera sees no frames and reopens
            self._failing.happening("capture", "capture thread for %s failed: %s", self.source,
                                    exc, exc_info=True)
            self.open_failed = not self._opened.is_set()
        finally:
            if cap is not None:
                cap.release()
            with self._cond:
                self.blocked_since = None
            self._opened.set()

    def _loop(self, cap: cv2.VideoCapture, period: float) -> None:
        next_at = time.monotonic()
        rewound = False
        while not self._stop.is_set():
            with self._cond:
                self.blocked_since = time.monotonic()
            ok, image = cap.read()
            now = time.monotonic()
            with self._cond:
                self.blocked_since = None
            if self._stop.is_set():
                return
            if ok and image is not None:
                rewound = False
                self._frame(image, now)
            elif period and not rewound:
                # The end of a file or sequence: start again, as a camera never ends.
                cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                rewound = True
                continue
            else:
                self._stop.wait(period or _RETRY_PAUSE)
                continue
            if period:
                next_at = max(next_at + period, now)
                self._stop.wait(next_at - time.monotonic())

    def _frame(self, image: np.ndarray, at: float) -> None:
        if self.frames == 0:
            self._failing.over("capture", "capture of %s gives frames again", self.source)
        previous, self._previous = self._previous, image
        same = previous is not None and previous.shape == image.shape and \
            np.array_equal(previous, image)
        with self._cond:
            if self._stop.is_set():     # retired meanwhile: its frames are not the camera's
                return
            if not same:
                self.unchanged_since = at
                if previous is not None:
                    self.moving = True
            elif self.unchanged_since is None:    # the first frame repeats the frozen one
                self.unchanged_since = at
            self.last_frame_at = at
            self.frames += 1
            self._on_frame(image, at)
            self._cond.notify_all()
