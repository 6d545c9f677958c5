"""QR decoding (drivers.camera.qr): codes from OpenCV's encoder and from an independent one."""
import cv2
import numpy as np
import pytest
import qrcode

from drivers.camera import qr
from drivers.camera.scenes import background, camera_frame, face_scene, qr_scene, qr_symbol

pytestmark = pytest.mark.timeout(30)

PAYLOADS = [
    "A012",
    "预约号：粤B2025-000123 张小明 广州市天河区政务服务中心",
    # A long appointment code: service, slot, masked ID, hall, signature.
    "APPT1|SVC=SB-0042|SLOT=2025-03-15T09:30+08:00|ID=4401**********1234|HALL=440106-01|"
    "SIG=" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" * 3,
    "https://zwfw.example.gov.cn/appt?id=20250315-A012&lang=zh-CN",
]


@pytest.mark.parametrize("text", PAYLOADS, ids=["short", "chinese", "long", "url"])
def test_codes_held_to_the_camera_are_read(text):
    image = camera_frame(qr_scene(text), np.random.default_rng(1))
    assert qr.decode(image) == text


@pytest.mark.parametrize("text", PAYLOADS, ids=["short", "chinese", "long", "url"])
def test_codes_from_an_independent_encoder(text):
    # python-qrcode (pulled in by python-escpos) shares no code with OpenCV: a bug in
    # OpenCV's encoder that its decoder mirrors cannot pass here.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=5, border=4)
    code.add_data(text.encode("utf-8"))
    symbol = np.array(code.make_image().convert("L"))
    img = background((max(640, symbol.shape[1] + 40), max(480, symbol.shape[0] + 40)))
    img[20:20 + symbol.shape[0], 20:20 + symbol.shape[1]] = symbol[:, :, None]
    assert qr.decode(img) == text


def test_the_aruco_detector_reads_what_the_default_one_misses():
    # Found by search: OpenCV 4.14's QRCodeDetector finds no code in this pixel-perfect
    # symbol (5 px per module); QRCodeDetectorAruco reads it.
    text = "https://example.gov.cn/q/00007919"
    symbol = qr_symbol(text, module_px=5)
    assert qr.decode(symbol) == text
    if cv2.QRCodeDetector().detectAndDecode(symbol)[0]:
        pytest.skip("this OpenCV's QRCodeDetector reads the symbol: the fallback is not exercised")


def test_two_codes_in_one_frame():
    img = background((900, 480))
    for x, text in ((40, "第一张：A012"), (480, "第二张：B034")):
        symbol = qr_symbol(text, module_px=10)
        img[60:60 + symbol.shape[0], x:x + symbol.shape[1]] = symbol[:, :, None]
    assert sorted(qr.decode_all(img)) == ["第一张：A012", "第二张：B034"]
    assert qr.decode(img) in ("第一张：A012", "第二张：B034")


def test_no_code_is_none():
    rng = np.random.default_rng(2)
    assert qr.decode(camera_frame(background(), rng)) is None
    assert qr.decode(camera_frame(face_scene("face"), rng)) is None
    assert qr.decode_all(camera_frame(face_scene("face"), rng)) == []
