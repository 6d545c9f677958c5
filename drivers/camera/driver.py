"""Driver of the camera: frames, face capture with a quality gate, QR scanning (hardware.md §5).

Contract (see :class:`drivers.base.Device` for the shared part):
- Once open, a capture thread (:mod:`~drivers.camera.capture`) keeps the latest frame;
  :meth:`Camera.latest` returns it at once and never touches OpenCV.
- ``probe()`` (run by ``poll()``) reports ONLINE when frames flow, waiting at most
  ``stall_timeout`` for the first one after opening. It reports OFFLINE, and ``poll()``
  reopens the source later, when the source stalled (``read()`` or opening hung past
  ``stall_timeout``: ``camera_stalled``), stopped giving frames (``camera_no_frames``, or
  ``camera_gone`` when its path disappeared) or froze (the same frame for
  ``frozen_timeout``: ``camera_frozen``; hardware.md §5: after an unplug ``read()`` may keep
  returning the last frame). A source still frozen after the reopen is reported at once.
- :meth:`Camera.capture_face` and :meth:`Camera.scan_qr` hold ``io_lock``, examine frames as
  they arrive and return within their timeout (plus at most a fraction of a second when
  they find the source broken and hand it back), whatever the source does: they raise
  :class:`DeviceError` when it breaks meanwhile. Not finding a face or a code is an
  outcome, not an error.
- Counters: ``frames`` (added at each probe and on close), ``faces_captured``,
  ``qr_decoded``, ``errors`` (one per incident, not per poll that finds it again),
  ``reopens``.
"""
from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from drivers.base import (
    Action,
    Device,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
    UsageCounters,
)

from . import qr
from ._cv import cv2, np
from .capture import Capture, Frame, failures
from .face import PROMPTS, FaceCheck, GateConfig, assess
from .source import Source

_WAIT_SLICE = 0.1       # how often a frame wait re-checks cancel and the source's health
_JOIN = 0.2             # how long close() lets the capture thread release the camera
_MAX_STUCK = 3          # capture threads stuck inside OpenCV before we stop adding more
_JPEG_QUALITY = 92
_DEFAULT_GATE = GateConfig()  # frozen: one instance serves every call


@dataclass(frozen=True)
class FaceCapture:
    """Result of :meth:`Camera.capture_face`. ``jpeg`` (the whole frame) only when ``ok``;
    otherwise ``reason`` is the last gate failure seen (``no_face`` if no frame came).
    ``box``/``metrics``/``score`` describe the returned frame, or the last one examined."""

    ok: bool
    reason: str
    jpeg: bytes | None = None
    box: tuple[int, int, int, int] | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    frames: int = 0     # frames examined

    @property
    def prompt(self) -> dict[str, str]:
        return PROMPTS[self.reason]

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reason": self.reason, "prompt": dict(self.prompt),
                "box": list(self.box) if self.box else None, "metrics": dict(self.metrics),
                "score": self.score, "frames": self.frames,
                "jpeg_size": len(self.jpeg) if self.jpeg else 0}


class Camera(Device):
    """A camera at ``source``: a device index, a device path, a video file or an image
    sequence pattern (see :mod:`drivers.camera.source`).

    ``width``/``height`` are asked of live cameras. ``fps`` paces file sources that have
    no rate of their own (image sequences). ``frozen_timeout`` None turns the frozen check
    off (for a still-image source).
    """

    kind = "camera"

    def __init__(self, name: str, source: int | str | os.PathLike, *, required: bool = False,
                 counters: UsageCounters | None = None, width: int | None = None,
                 height: int | None = None, stall_timeout: float = 2.0,
                 frozen_timeout: float | None = 3.0, fps: float = 15.0) -> None:
        super().__init__(name, required=required, counters=counters)
        self.source = Source(source if isinstance(source, int) else os.fspath(source))
        self.width, self.height = width, height
        self.stall_timeout = stall_timeout
        self.frozen_timeout = frozen_timeout
        self.fps = fps
        self._cond = threading.Condition()
        self._capture: Capture | None = None
        self._retired: list[Capture] = []       # stopped, maybe still stuck in OpenCV
        self._latest: Frame | None = None
        self._seq = 0
        self._counted = 0           # frames already added to the counters
        self._frozen_image: np.ndarray | None = None
        self._opened_once = False
        self._backend: str | None = None
        self._capture_failing = failures(self.log_extra)

    # -- primitives ----------------------------------------------------------------------
    def open(self) -> None:
        """Start a capture thread on the source and wait (up to ``stall_timeout``) until
        the source is open. Raises DeviceError when it cannot be opened."""
        with self.io_lock:
            self.close()
            self._check_stuck()
            capture = Capture(self.source, self._cond, self._on_frame, fps=self.fps,
                              width=self.width, height=self.height,
                              frozen_image=self._frozen_image, failing=self._capture_failing)
            capture.start()
            if not capture.wait_opened(self.stall_timeout):
                self._retire(capture)
                raise self._error("hung")
            if capture.open_failed:
                raise self._open_error()
            with self._cond:
                self._capture = capture
            self._backend = capture.backend
            self._connected = True
            if self._opened_once:
                self.counters.increment("reopens")
            self._opened_once = True

    def close(self) -> None:
        """Stop the capture thread; wait for it briefly, never for a hung OpenCV call.
        :meth:`latest` has no frame until the source is open again."""
        with self._cond:
            capture, self._capture, self._latest = self._capture, None, None
            if capture is not None:
                capture.stop()      # under the lock: no frame of it lands after this
        self._connected = False
        if capture is not None:
            self._retire(capture)
        self._count_frames()

    def probe(self) -> DeviceStatus:
        """ONLINE once frames flow, i.e. change (waits up to ``stall_timeout`` for them)."""
        with self.io_lock:
            self.ensure_open()
            self._wait_until(lambda c: c.last_frame_at is not None and c.moving,
                             float("inf"), None)
            self._count_frames()
            return self.set_status(DeviceState.ONLINE)

    def info(self) -> DeviceInfo:
        return DeviceInfo(model=self.source.model() or self._backend)

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, *, timeout: float = 30.0,
                     cancel: threading.Event | None = None, **options) -> HealthReport:
        """Interactive: wait up to ``timeout`` for a QR code shown to the camera and report
        its text (a technician's test code, not a citizen's)."""
        if level != HealthLevel.INTERACTIVE:
            return super().health_check(level)
        try:
            text = self.scan_qr(timeout, cancel)
        except DeviceError as err:
            return HealthReport(ok=False, level=level, error=err,
                                details={"state": self.status.state.value, "code": err.code})
        return HealthReport(ok=text is not None, level=level, details={
            "state": self.status.state.value, "qr": text, "outcome": "ok" if text else "no_qr"})

    # -- frames --------------------------------------------------------------------------
    def latest(self, max_age: float | None = None) -> Frame | None:
        """The newest frame of the open source (None if none yet, while the source is
        closed, or if it is older than ``max_age`` seconds). Never blocks: safe on a GUI
        thread."""
        with self._cond:
            frame = self._latest
        if frame is not None and max_age is not None and time.monotonic() - frame.at > max_age:
            return None
        return frame

    def _on_frame(self, image: np.ndarray, at: float) -> None:
        # Called by the capture thread with ``_cond`` held: nothing slow here.
        self._seq += 1
        self._latest = Frame(image, self._seq, at)

    def _count_frames(self) -> None:
        """Add the frames read since the last call to the ``frames`` counter. Done at each
        probe and on close rather than per frame: a counter update may write the counters
        file, and the capture thread must not wait for a disk."""
        with self._cond:
            new, self._counted = self._seq - self._counted, self._seq
        if new:
            self.counters.increment("frames", new)

    # -- face and QR -----------------------------------------------------------------------
    def capture_face(self, timeout: float, cancel: threading.Event | None = None, *,
                     gate: GateConfig = _DEFAULT_GATE, settle: float = 0.5) -> FaceCapture:
        """Examine new frames for up to ``timeout`` seconds; return the best that passes the
        quality gate, as JPEG. Once one passes, frames keep being examined for ``settle``
        seconds more (within the timeout) to pick a sharper, better centred one. On timeout
        or ``cancel`` the result carries the last gate failure, for the citizen's prompt."""
        deadline = time.monotonic() + timeout
        best: tuple[Frame, FaceCheck] | None = None
        last: FaceCheck | None = None
        examined = 0
        with self._operation():
            seq, until = self._current_seq(), deadline
            while (frame := self._next_frame(seq, until, cancel)) is not None:
                seq = frame.seq
                check = assess(frame.image, gate)
                examined += 1
                last = check
                if check.ok and (best is None or check.score > best[1].score):
                    if best is None:
                        until = min(deadline, time.monotonic() + settle)
                    best = (frame, check)
        if best is None:
            return FaceCapture(False, last.reason if last else "no_face", None,
                               last.box if last else None, dict(last.metrics) if last else {},
                               0.0, examined)
        frame, check = best
        _ok, jpeg = cv2.imencode(".jpg", frame.image, [cv2.IMWRITE_JPEG_QUALITY, _JPEG_QUALITY])
        self.counters.increment("faces_captured")
        return FaceCapture(True, "ok", jpeg.tobytes(), check.box, dict(check.metrics),
                           check.score, examined)

    def scan_qr(self, timeout: float, cancel: threading.Event | None = None) -> str | None:
        """The text of the first QR code in a frame captured within ``timeout`` seconds,
        or None."""
        deadline = time.monotonic() + timeout
        with self._operation():
            seq = self._current_seq()
            while (frame := self._next_frame(seq, deadline, cancel)) is not None:
                seq = frame.seq
                text = qr.decode(frame.image)
                if text is not None:
                    self.counters.increment("qr_decoded")
                    return text
        return None

    @contextlib.contextmanager
    def _operation(self) -> Iterator[None]:
        """Hold ``io_lock``, open the camera if needed and show BUSY; then ONLINE again,
        unless the source broke meanwhile."""
        with self.io_lock:
            try:
                self.ensure_open()
            except DeviceError as err:
                self.set_status(err.state, error=err)
                raise
            self.set_status(DeviceState.BUSY)
            try:
                yield
            finally:
                if self.connected:
                    self.set_status(DeviceState.ONLINE)

    def _current_seq(self) -> int:
        """Operations examine only frames captured after they began: the latest one may
        show a citizen who already left, or be the last one of a source now hung."""
        with self._cond:
            return self._latest.seq if self._latest else 0

    def _next_frame(self, after: int, deadline: float,
                    cancel: threading.Event | None) -> Frame | None:
        """The newest frame after ``after``; None at ``deadline`` or on ``cancel``."""
        return self._wait_until(
            lambda _c: self._latest if self._latest and self._latest.seq > after else None,
            deadline, cancel)

    def _wait_until(self, ready: Callable[[Capture], Any], deadline: float,
                    cancel: threading.Event | None) -> Any:
        """Wait until ``ready(capture)`` (called with ``_cond`` held) gives a true value and
        return it; None at ``deadline`` or on ``cancel``. Raises DeviceError (and hands the
        source back to ``poll``) when the source breaks meanwhile: one that gives nothing
        is found broken after ``stall_timeout``."""
        with self._cond:
            while True:
                capture = self._capture
                if capture is None:     # closed
                    trouble = "no_frames"
                    break
                found = self._trouble(capture)
                if found:
                    trouble = found
                    break
                value = ready(capture)
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (cancel is not None and cancel.is_set()):
                    return None
                self._cond.wait(min(_WAIT_SLICE, remaining))
        raise self._lost(trouble, capture)

    # -- health --------------------------------------------------------------------------
    def _trouble(self, capture: Capture) -> str | None:
        """What ails the running capture (call with ``_cond`` held)."""
        return capture.trouble(time.monotonic(), self.stall_timeout, self.frozen_timeout)

    def _lost(self, trouble: str, capture: Capture | None) -> DeviceError:
        """Record a broken source (OFFLINE, closed: the next poll reopens it)."""
        if trouble == "frozen":
            with self._cond:
                self._frozen_image = self._latest.image if self._latest else None
        elif capture is None or capture.moving:
            self._frozen_image = None
        err = self._error(trouble)
        if self.status.error is not None and self.status.error.code == err.code:
            # The same trouble found again after a reopen: one incident, counted once.
            self.close()
            self.set_status(err.state, error=err)
        else:
            self.connection_lost(err)
        return err

    def _retire(self, capture: Capture) -> None:
        capture.stop()
        if not capture.join(_JOIN):
            self._retired.append(capture)

    def _check_stuck(self) -> None:
        """Refuse to start yet another capture thread while several are stuck in OpenCV:
        each holds a thread and a device handle until the call returns, if ever."""
        deadline = time.monotonic() + _JOIN     # one that was just released may be ending
        self._retired = [c for c in self._retired
                         if not c.join(max(0.0, deadline - time.monotonic()))]
        if len(self._retired) >= _MAX_STUCK:
            raise DeviceError(
                "camera_stuck", f"摄像头驱动无响应 / {len(self._retired)} reads of {self.source}"
                " are stuck inside the camera driver: unplug and replug the camera; if that"
                " does not help, restart the terminal", action=Action.MAINTENANCE,
                state=DeviceState.HARDWARE_ERROR)

    # -- errors --------------------------------------------------------------------------
    def _error(self, trouble: str) -> DeviceError:
        src, t = self.source, self.stall_timeout
        if trouble == "hung":
            return DeviceError(
                "camera_stalled", f"摄像头无响应 / The camera {src} stopped answering:"
                f" opening or reading it has not returned for {t:g} s. It is reopened"
                " automatically; if this repeats, check its USB cable",
                action=Action.RESET, state=DeviceState.OFFLINE)
        if trouble == "frozen":
            return DeviceError(
                "camera_frozen", f"摄像头画面冻结 / The camera {src} keeps delivering the same"
                f" frame ({self.frozen_timeout:g} s): it was probably unplugged. It is reopened"
                " automatically; if this repeats, check its USB cable",
                action=Action.RESET, state=DeviceState.OFFLINE)
        if not src.exists():
            return DeviceError(
                "camera_gone", f"摄像头已断开 / The camera {src} is gone (unplugged?). It is"
                " reopened when it comes back; if it does not, check its USB cable",
                action=Action.RESET, state=DeviceState.OFFLINE)
        return DeviceError(
            "camera_no_frames", f"摄像头没有画面 / The camera {src} gives no frames (none for"
            f" {t:g} s). It is reopened automatically; if this repeats, check its USB cable",
            action=Action.RESET, state=DeviceState.OFFLINE)

    def _open_error(self) -> DeviceError:
        src = self.source
        if self._opened_once:
            if not src.exists():
                return self._error("no_frames")       # camera_gone
            return DeviceError(
                "camera_open_failed", f"摄像头无法打开 / The camera {src} is there but cannot"
                " be opened (in use by another program?). It is retried automatically",
                action=Action.RESET, state=DeviceState.OFFLINE)
        if not src.exists():
            return DeviceError(
                "no_camera", f"找不到摄像头 / No camera at {src}: check the camera's USB cable"
                " and the configured source", action=Action.MAINTENANCE,
                state=DeviceState.NO_DEVICE)
        return DeviceError(
            "camera_open_failed", f"摄像头无法打开 / {src} cannot be opened as a camera (in"
            " use by another program, no permission, or not a camera/video)",
            action=Action.MAINTENANCE, state=DeviceState.NO_DEVICE)
