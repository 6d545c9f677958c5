"""The previews' renderers (kiosk/core/camera_preview.py) on fixed images: the citizen's
view is the frame's middle in the oval's portrait shape, mirrored, the corners
transparent; the technician's draws the gate's face box, green when it passes. The
live previews run against the camera simulator in tests/ui and tests/tech."""
import numpy as np

from drivers.camera.scenes import face_scene
from kiosk.core import camera_preview


def test_the_citizen_sees_a_mirror_in_the_oval():
    image = np.zeros((480, 640, 3), np.uint8)
    image[:, 320:] = (255, 255, 255)                   # the camera's right half is white
    rgba, verdict = camera_preview.citizen_view(width=400)(image)
    assert rgba.shape == (500, 400, 4) and verdict == {}
    assert tuple(rgba[250, 100]) == (255, 255, 255, 255)   # ...shows on the left: a mirror
    assert tuple(rgba[250, 300]) == (0, 0, 0, 255)
    for corner in ((0, 0), (0, 399), (499, 0), (499, 399)):
        assert rgba[corner][3] == 0                         # outside the oval: transparent
    assert rgba[2, 200][3] == 255                           # the oval's top


def test_the_technician_sees_the_gates_box_and_verdict():
    rgb, verdict = camera_preview.technician_view(max_width=320)(face_scene("face"))
    assert rgb.shape[1] == 320 and verdict["ok"] and verdict["reason"] == "ok"
    assert np.all(rgb == (40, 170, 60), axis=2).sum() > 100       # the green box
    rgb, verdict = camera_preview.technician_view()(face_scene("too_dark"))
    assert not verdict["ok"] and verdict["reason"] == "too_dark"
    assert np.all(rgb == (230, 140, 0), axis=2).sum() > 100       # amber
