"""The real camera driver against the simulated camera, through cv2.VideoCapture on files."""
import threading
import time

import cv2
import numpy as np
import pytest

from drivers.base import Action, DeviceError, DeviceState
from drivers.camera import PROMPTS, Camera
from drivers.camera.scenes import FACE_CASES
from drivers.camera.sim import CameraSimulator

pytestmark = pytest.mark.timeout(30)

STALL, FROZEN = 0.5, 1.0


@pytest.fixture
def sim(tmp_path):
    simulator = CameraSimulator(tmp_path / "camera", scene="face")
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def camera(sim):
    device = Camera("camera", sim.pattern, stall_timeout=STALL, frozen_timeout=FROZEN)
    yield device
    device.close()


def poll_until(camera: Camera, state: DeviceState, limit: float = 5.0) -> float:
    """Poll (as the supervisor does, every 0.1 s here) until ``state``; return the time."""
    start = time.monotonic()
    while camera.poll().state is not state:
        assert time.monotonic() - start < limit, f"still {camera.status} after {limit} s"
        time.sleep(0.1)
    return time.monotonic() - start


# -- frames --------------------------------------------------------------------------------
def test_frames_flow_paced_and_looped(sim):
    camera = Camera("camera", sim.pattern, fps=30)
    try:
        assert camera.latest() is None
        assert camera.poll().state is DeviceState.ONLINE
        first = camera.latest()
        assert first.image.shape == (480, 640, 3) and first.seq >= 1
        time.sleep(1.0)
        last = camera.latest()
        # Paced at 30 fps (not as fast as files can be read), looping over the 8 files.
        assert 15 <= last.seq - first.seq <= 40
        assert time.monotonic() - last.at < 0.5
        assert camera.info().model == "CV_IMAGES"
    finally:
        camera.close()
    assert camera.latest() is None
    assert camera.counters.get("frames") >= last.seq     # counted on close


def test_latest_respects_max_age(camera):
    camera.poll()
    assert camera.latest(max_age=1.0) is not None
    camera.close()
    assert camera.latest(max_age=100) is None


def test_a_video_file_plays_at_its_own_rate_and_loops(tmp_path, sim):
    sim.set_scene("qr", text="录像里的二维码")
    path = str(tmp_path / "clip.avi")
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 40, (640, 480))
    for i in range(6):
        writer.write(sim.image(i))
    writer.release()
    camera = Camera("camera", path)
    try:
        assert camera.poll().state is DeviceState.ONLINE
        assert camera.scan_qr(2) == "录像里的二维码"
        start = camera.latest().seq
        time.sleep(0.5)
        assert camera.latest().seq - start >= 12      # 40 fps: several times round 6 frames
        assert camera.info().model == "FFMPEG"
    finally:
        camera.close()


# -- face capture ----------------------------------------------------------------------------
def test_capture_face_returns_the_best_frame_as_jpeg(camera):
    start = time.monotonic()
    result = camera.capture_face(timeout=3)
    elapsed = time.monotonic() - start
    assert result.ok and result.reason == "ok" and result.prompt["zh"] == "拍摄成功"
    assert result.frames >= 2            # kept looking for the settle time after the first
    assert elapsed < 1.5
    image = cv2.imdecode(np.frombuffer(result.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (480, 640, 3)
    assert result.box[2] > 150 and result.metrics["sharpness"] > 100 and result.score > 0
    assert camera.counters.get("faces_captured") == 1
    assert camera.status.state is DeviceState.ONLINE


@pytest.mark.parametrize("case", [c for c in FACE_CASES if c != "face"])
def test_capture_face_reports_why_it_failed(camera, sim, case):
    sim.set_scene(case)
    states = []
    camera.add_listener(lambda old, new: states.append(new.state))
    start = time.monotonic()
    result = camera.capture_face(timeout=0.4)
    assert time.monotonic() - start < 0.4 + 0.3
    assert not result.ok and result.reason == case and result.jpeg is None
    assert result.frames >= 1 and result.prompt == PROMPTS[case]
    assert states[:1] == [DeviceState.BUSY] and states[-1] is DeviceState.ONLINE
    assert camera.counters.get("faces_captured") == 0


def test_capture_face_can_be_cancelled(camera, sim):
    sim.set_scene("no_face")
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    start = time.monotonic()
    result = camera.capture_face(timeout=10, cancel=cancel)
    assert time.monotonic() - start < 0.6
    assert result.reason == "no_face" and not result.ok


# -- QR --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["A012", "预约号：粤B2025-000123 张小明",
                                  "APPT1|SVC=SB-0042|SLOT=2025-03-15T09:30|" + "0123456789" * 20])
def test_scan_qr_through_the_camera(camera, sim, text):
    sim.set_scene("qr", text=text)
    assert camera.scan_qr(timeout=3) == text
    assert camera.counters.get("qr_decoded") == 1


def test_scan_qr_without_a_code_times_out(camera):
    start = time.monotonic()
    assert camera.scan_qr(timeout=0.4) is None
    assert time.monotonic() - start < 0.4 + 0.3


# -- field trouble: frozen, removed, hung ------------------------------------------------------
def test_frozen_source_is_detected_and_recovered(camera, sim):
    assert camera.poll().state is DeviceState.ONLINE
    sim.freeze()
    took = poll_until(camera, DeviceState.OFFLINE)
    err = camera.status.error
    assert err.code == "camera_frozen" and err.action is Action.RESET and "冻结" in err.message
    assert FROZEN - 0.2 < took < FROZEN + 1.0
    # Reopened by the next poll, still frozen: reported at once, counted once.
    start = time.monotonic()
    assert camera.poll().error.code == "camera_frozen"
    assert time.monotonic() - start < FROZEN / 2
    assert camera.counters.get("errors") == 1
    sim.unfreeze()
    recovery = poll_until(camera, DeviceState.ONLINE)
    print(f"\nfrozen camera: detected after {took:.2f} s, back {recovery:.2f} s after unfreeze")
    assert camera.counters.get("reopens") >= 2
    assert camera.capture_face(timeout=3).ok


def test_source_removed_and_restored(camera, sim):
    assert camera.poll().state is DeviceState.ONLINE
    sim.remove()
    took = poll_until(camera, DeviceState.OFFLINE)
    err = camera.status.error
    assert err.code == "camera_gone" and err.action is Action.RESET
    assert sim.pattern in err.message and took < STALL + 1.0
    assert camera.latest() is None
    assert camera.poll().error.code == "camera_gone"       # reopening fails meanwhile
    restored_at = time.monotonic()
    sim.restore()
    recovery = poll_until(camera, DeviceState.ONLINE)
    print(f"\nremoved camera: OFFLINE after {took:.2f} s, ONLINE {recovery:.2f} s after restore"
          f" ({time.monotonic() - restored_at:.2f} s)")
    assert camera.counters.get("errors") == 1 and camera.counters.get("reopens") == 1
    sim.set_scene("qr", text="回来了")
    assert camera.scan_qr(timeout=3) == "回来了"


def test_operation_fails_when_the_source_goes_away_meanwhile(camera, sim):
    sim.set_scene("no_face")
    camera.poll()
    threading.Timer(0.2, sim.remove).start()
    start = time.monotonic()
    with pytest.raises(DeviceError) as info:
        camera.capture_face(timeout=10)
    assert info.value.code == "camera_gone"
    assert time.monotonic() - start < 0.2 + STALL + 0.5
    assert camera.status.state is DeviceState.OFFLINE and not camera.connected


def test_a_hung_source_never_blocks_the_caller(sim):
    camera = Camera("camera", sim.pattern, stall_timeout=1.0)
    try:
        assert camera.poll().state is DeviceState.ONLINE
        sim.hang()
        # read() now blocks inside OpenCV; latest() still answers at once.
        deadline = time.monotonic() + 2
        while camera.latest(max_age=0.2) is not None:
            start = time.monotonic()
            camera.latest()
            assert time.monotonic() - start < 0.01
            assert time.monotonic() < deadline
            time.sleep(0.02)
        # A wait shorter than the stall timeout ends on time with nothing seen...
        start = time.monotonic()
        result = camera.capture_face(timeout=0.3)
        assert time.monotonic() - start < 0.3 + 0.2
        assert not result.ok and result.frames == 0
        # ...a longer one learns the source stalled and raises, long before its timeout.
        start = time.monotonic()
        with pytest.raises(DeviceError) as info:
            camera.capture_face(timeout=10)
        assert time.monotonic() - start < 1.0 + 0.5
        assert info.value.code == "camera_stalled" and info.value.action is Action.RESET
        # Reopening hangs too (opening reads the first frame): poll still returns in time.
        start = time.monotonic()
        assert camera.poll().error.code == "camera_stalled"
        assert time.monotonic() - start < 1.0 + 1.0
        sim.unhang()
        recovery = poll_until(camera, DeviceState.ONLINE)
        print(f"\nhung camera: back {recovery:.2f} s after unhang")
        assert camera.capture_face(timeout=3).ok
    finally:
        camera.close()


def test_stuck_reads_are_bounded(sim):
    camera = Camera("camera", sim.pattern, stall_timeout=0.3)
    try:
        camera.poll()
        sim.hang()
        poll_until(camera, DeviceState.OFFLINE)
        # Each poll reopens; each reopen hangs and leaves its thread behind, up to a limit.
        states = [camera.poll().state for _ in range(3)]
        assert states == [DeviceState.OFFLINE, DeviceState.OFFLINE, DeviceState.HARDWARE_ERROR]
        err = camera.status.error
        assert err.code == "camera_stuck" and err.action is Action.MAINTENANCE
        start = time.monotonic()
        camera.poll()
        assert time.monotonic() - start < 0.5       # no new thread, no new wait
        sim.unhang()
        poll_until(camera, DeviceState.ONLINE)
    finally:
        camera.close()


def test_camera_plugged_in_after_start(tmp_path):
    later = CameraSimulator(tmp_path / "later")
    camera = Camera("camera", later.pattern, stall_timeout=STALL)
    try:
        status = camera.poll()
        assert status.state is DeviceState.NO_DEVICE
        assert status.error.code == "no_camera" and status.error.action is Action.MAINTENANCE
        with pytest.raises(DeviceError):
            camera.capture_face(timeout=1)
        later.start()
        assert camera.poll().state is DeviceState.ONLINE
        assert camera.counters.get("reopens") == 0
    finally:
        camera.close()
        later.stop()


def test_missing_device_node():
    camera = Camera("camera", "/dev/kiosk-camera-never-plugged")
    status = camera.poll()
    assert status.state is DeviceState.NO_DEVICE and status.error.code == "no_camera"
    assert camera.info().model is None
