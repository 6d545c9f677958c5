"""`kiosk diag camera` and `kiosk sim camera`: in-process dispatch and real subprocesses."""
import argparse
import json
import os
import signal

import cv2
import numpy as np
import pytest

from drivers.base import DeviceState
from drivers.camera import Camera, cli
from drivers.camera.sim import CameraSimulator

from .cli_support import first_line, kiosk, run_kiosk, start_kiosk, stop

pytestmark = pytest.mark.timeout(30)

FACE_KEYS = ["ok", "check", "source", "reason", "prompt", "box", "metrics", "score", "frames",
             "jpeg_size", "saved", "error"]


@pytest.fixture
def sim(tmp_path):
    s = CameraSimulator(tmp_path / "camera", scene="face")
    s.start()
    yield s
    s.stop()


def test_diag_face_json_and_saved_jpeg(sim, tmp_path, capsys):
    out_file = tmp_path / "face.jpg"
    assert kiosk("diag", "camera", "--source", sim.pattern, "--json", "--timeout", "3",
                 "--save", str(out_file), "face") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "拍摄成功" in out           # one object, ensure_ascii=False
    data = json.loads(out)
    assert list(data) == FACE_KEYS
    assert data["ok"] is True and data["reason"] == "ok" and data["error"] is None
    assert data["source"] == sim.pattern and data["saved"] == str(out_file)
    assert data["jpeg_size"] == out_file.stat().st_size > 10_000
    assert len(data["box"]) == 4 and data["metrics"]["sharpness"] > 100
    image = cv2.imdecode(np.frombuffer(out_file.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (480, 640, 3)


def test_diag_face_failing_the_gate_exits_2_with_the_prompt(sim, tmp_path, capsys):
    sim.set_scene("too_small")
    out_file = tmp_path / "face.jpg"
    assert kiosk("diag", "camera", "--source", sim.pattern, "--timeout", "0.5",
                 "--save", str(out_file), "face") == 2
    out = capsys.readouterr().out
    assert "too_small" in out and "请靠近一点" in out and "Please come a little closer" in out
    assert not out_file.exists()


def test_diag_qr_prints_the_text(sim, capsys):
    sim.set_scene("qr", text="预约号：粤B2025-000123")
    assert kiosk("diag", "camera", "--source", sim.pattern, "--timeout", "3", "qr") == 0
    assert capsys.readouterr().out == "预约号：粤B2025-000123\n"


def test_diag_qr_json(sim, capsys):
    sim.set_scene("qr", text="A012")
    assert kiosk("diag", "camera", "--source", sim.pattern, "--json", "qr") == 0
    assert json.loads(capsys.readouterr().out) == {
        "ok": True, "check": "qr", "source": sim.pattern, "text": "A012", "error": None}


def test_diag_qr_without_a_code_exits_2(sim, capsys):
    assert kiosk("diag", "camera", "--source", sim.pattern, "--timeout", "0.4", "qr") == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "No QR code within 0.4 s" in captured.err


def test_diag_missing_camera_exits_1_with_action(capsys):
    source = "/dev/kiosk-camera-never-plugged"
    assert kiosk("diag", "camera", "--source", source, "--json", "face") == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["ok"] is False and data["error"]["code"] == "no_camera"
    assert data["error"]["action"] == "maintenance"
    assert source in captured.err and "recommended action: maintenance" in captured.err


def test_source_digits_are_a_device_index():
    parser = argparse.ArgumentParser()
    cli.add_diag_parser(parser.add_subparsers(dest="check"))
    assert parser.parse_args(["camera", "--source", "0", "qr"]).source == 0
    assert parser.parse_args(["camera", "--source", "/dev/video0", "qr"]).source == "/dev/video0"


def test_diag_subprocess_end_to_end(sim):
    proc = run_kiosk("diag", "camera", "--source", sim.pattern, "--json", "--timeout", "5",
                     "face")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] is True and data["jpeg_size"] > 10_000


def test_sim_subprocess_serves_until_sigterm(tmp_path):
    folder = tmp_path / "frames"
    with start_kiosk("sim", "camera", "--dir", str(folder), "--scene", "qr",
                     "--text", "窗口3") as proc:
        pattern = first_line(proc, 15)
        assert pattern == str(folder / "frame_%04d.jpg") and os.path.exists(pattern % 0)
        camera = Camera("camera", pattern)
        try:
            assert camera.poll().state is DeviceState.ONLINE
            assert camera.scan_qr(timeout=3) == "窗口3"
        finally:
            camera.close()
        code, err = stop(proc, signal.SIGTERM)
        assert code == 0
        assert not os.path.exists(pattern % 0)
        assert "simulator" in err
