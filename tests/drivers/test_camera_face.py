"""The face quality gate (drivers.camera.face) on drawn scenes: every reason, fixed values."""
import json

import cv2
import numpy as np
import pytest

from drivers.camera import face
from drivers.camera.face import PROMPTS, REASONS, GateConfig, assess, detect_faces, sharpness
from drivers.camera.scenes import FACE_CASES, background, camera_frame, draw_face, face_scene

pytestmark = pytest.mark.timeout(30)

EXPECTED = {case: ("ok" if case == "face" else case) for case in FACE_CASES}


def frame(case: str, seed: int = 0) -> np.ndarray:
    return camera_frame(face_scene(case), np.random.default_rng(seed))


@pytest.mark.parametrize("case", FACE_CASES)
def test_every_gate_reason(case):
    for seed in range(2):
        check = assess(frame(case, seed))
        assert check.reason == EXPECTED[case], check.metrics
        assert check.ok is (case == "face")
        assert (check.score > 0) is check.ok
        assert (check.box is None) is (case == "no_face")


def test_the_good_face_is_measured_as_drawn():
    check = assess(frame("face"))
    x, y, w, h = check.box
    # Drawn 0.36 x 640 = 230 px wide, centred: the cascade's box is about 0.85 of that.
    assert 180 <= w <= 215 and w == h
    assert abs(x + w / 2 - 320) < 10 and abs(y + h / 2 - 240) < 15
    m = check.metrics
    assert 0.28 < m["face_ratio"] < 0.34 and abs(m["offset_x"]) < 0.02
    assert 100 < m["brightness"] < 140 and m["sharpness"] > 3 * GateConfig().min_sharpness
    assert check.faces == 1


def test_exposure_is_judged_before_sharpness():
    # The dark and the bright face have too little contrast to pass as sharp either: the
    # citizen must hear about the light, the thing they can change.
    for case in ("too_dark", "too_bright"):
        check = assess(frame(case))
        assert check.metrics["sharpness"] < GateConfig().min_sharpness
        assert check.reason == case


def test_thresholds_come_from_the_config():
    image = frame("face")
    assert assess(image, GateConfig(min_sharpness=10_000)).reason == "blurry"
    assert assess(image, GateConfig(max_offset_x=0.001, max_offset_y=0.001)).reason == "off_centre"
    assert assess(image, GateConfig(min_face_ratio=0.4)).reason == "too_small"
    assert assess(image, GateConfig(max_face_ratio=0.2)).reason == "too_large"
    assert assess(image, GateConfig(min_brightness=200)).reason == "too_dark"
    assert assess(frame("too_small"), GateConfig(min_face_ratio=0.1)).reason == "ok"


def test_a_small_face_behind_the_citizen_is_not_a_second_person():
    image = draw_face(face_scene("face"), (560, 120), 70)
    assert len(detect_faces(image)) == 2
    assert assess(image).reason == "ok"
    assert assess(image, GateConfig(other_face_ratio=0.2)).reason == "several_faces"


@pytest.mark.parametrize("cascade", sorted(face.CASCADES))
def test_both_cascades_find_the_drawn_face(cascade):
    assert len(detect_faces(frame("face"), cascade)) == 1
    assert detect_faces(background(), cascade) == []


def test_grey_images_work_too():
    gray = cv2.cvtColor(frame("face"), cv2.COLOR_BGR2GRAY)
    assert assess(gray).ok


def test_sharpness_of_a_fixed_step_edge():
    # A vertical step 0 -> 100 on a 128x128 image: the 3x3 Laplacian is +100 and -100 on
    # the two columns beside the step and 0 elsewhere: variance = 2 * 128 * 100^2 / 128^2.
    step = np.zeros((128, 128), np.uint8)
    step[:, 64:] = 100
    assert sharpness(step) == pytest.approx(156.25)
    assert sharpness(np.full((128, 128), 77, np.uint8)) == 0.0


def test_every_reason_has_a_chinese_and_an_english_prompt():
    assert set(PROMPTS) == set(REASONS)
    for reason, prompt in PROMPTS.items():
        assert set(prompt) == {"zh", "en"} and prompt["en"].strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in prompt["zh"]), reason
    assert PROMPTS["too_small"]["zh"] == "请靠近一点"
    assert PROMPTS["too_large"]["zh"] == "请稍微后退"
    assert PROMPTS["off_centre"]["zh"] == "请把脸移到框中间"


def test_check_serialises_to_json():
    data = json.loads(json.dumps(assess(frame("too_small")).to_dict(), ensure_ascii=False))
    assert data["reason"] == "too_small" and data["prompt"]["zh"] == "请靠近一点"
    assert len(data["box"]) == 4 and data["ok"] is False and data["faces"] == 1
