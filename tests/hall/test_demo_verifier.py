"""The demo verifier (``serve --demo-verifier``, a stand-in that compares no faces):
``match`` for a usable pair of photos, ``no_match`` otherwise; the operator's
``verify_result`` fault overrides it (and a hall with no verifier); the simulated
terminal's hall (kiosk.core.simulation.LocalHall) runs with it."""
import base64
import io

import requests
from PIL import Image

from hall import cli

from .helpers import seed_holder
from .test_auth import assert_error

WLT = bytes(range(256)) * 4          # the ID card's photo: 1024 opaque bytes


def jpeg(size=(640, 480), fmt="JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 170, 150)).save(out, fmt)
    return out.getvalue()


def verify(session, url, wlt: bytes, live: bytes):
    r = session.post(f"{url}/identity/verify", timeout=10, json={
        "holder": seed_holder(1), "id_photo_wlt": base64.b64encode(wlt).decode(),
        "live_photo_jpeg": base64.b64encode(live).decode()})
    assert r.status_code == 200, r.text
    return r.json()


def test_usable_photos_match_and_others_do_not(demo_hall):
    with demo_hall.kiosk("K1") as k1:
        assert verify(k1, demo_hall.api, WLT, jpeg()) == {"result": "match", "score": 0.93}
        assert verify(k1, demo_hall.api, WLT, jpeg((64, 64)))["result"] == "match"
        good = jpeg()
        for wlt, live in ((b"", good),                       # no card photo
                          (WLT, b""),                        # no live photo
                          (WLT, jpeg(fmt="PNG")),            # not a JPEG
                          (WLT, jpeg((40, 480))),            # too narrow for a face
                          (WLT, good[:len(good) // 2]),      # cut short
                          (WLT, b"\xff\xd8\xff\xe0 not really a jpeg")):
            assert verify(k1, demo_hall.api, wlt, live) == {"result": "no_match",
                                                             "score": 0.12}


def test_the_operator_forces_an_answer(demo_hall):
    with demo_hall.kiosk("K1") as k1:
        try:
            demo_hall.admin("PUT", "/faults", json={"verify_result": "no_match"})
            assert verify(k1, demo_hall.api, WLT, jpeg())["result"] == "no_match"
            faults = demo_hall.admin("PUT", "/faults", json={"verify_result": "unavailable"})
            assert faults["verify_result"] == "unavailable"
            assert verify(k1, demo_hall.api, WLT, jpeg()) == {"result": "unavailable"}
            # Bad base64 is still the kiosk's error, whatever the fault.
            assert_error(k1.post(f"{demo_hall.api}/identity/verify", timeout=5, json={
                "holder": "h", "id_photo_wlt": "not base64!", "live_photo_jpeg": ""}),
                422, "invalid_base64")
        finally:
            cleared = demo_hall.admin("PUT", "/faults", json={})
        assert cleared["verify_result"] is None
        assert verify(k1, demo_hall.api, WLT, jpeg())["result"] == "match"
        r = requests.put(f"{demo_hall.url}/admin/v1/faults", json={"verify_result": "match"},
                         headers={"Authorization": "Bearer wrong"}, timeout=5)
        assert r.status_code == 401


def test_a_hall_without_a_verifier_can_be_forced_too(hall, k1, faults):
    assert verify(k1, hall.api, WLT, jpeg()) == {"result": "unavailable"}
    faults(verify_result="no_match")
    assert verify(k1, hall.api, WLT, jpeg())["result"] == "no_match"


def test_the_serve_flag():
    args = cli.build_parser().parse_args(["serve", "--demo-verifier"])
    assert args.demo_verifier is True
    assert cli.build_parser().parse_args(["serve"]).demo_verifier is False


def test_the_simulated_terminals_hall_has_the_demo_verifier(tmp_path):
    from kiosk.core.simulation import LocalHall

    local = LocalHall(tmp_path / "hall", "KIOSK-T", "replace-with-the-hall-salt")
    config = local.start()
    try:
        with requests.Session() as s:
            s.headers.update({"Authorization": f"Bearer {config.token_file.read_text()}",
                              "X-Kiosk-Id": "KIOSK-T"})
            assert verify(s, f"{local.url}/api/v1", WLT, jpeg())["result"] == "match"
    finally:
        local.stop()
