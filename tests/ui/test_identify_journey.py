"""Identification on the real identify screen, by touches: the ways a service accepts
(ID card, social security card, a QR code on the phone) as tabs, switching between them,
the face step of the services that compare the face with the ID card (live guidance, the
hall's answer, never through without a match), notices when a card or a reader fails,
and the "take your card" reminder when a session ends.

The devices are the real drivers against their simulators: the ID card reader on a pty,
the social security card behind pcscd + vpcd (its fixed port: only this module may use
it), the camera on an image sequence. ``IDENT_SHOTS=DIR`` saves screenshots there."""
import os
import threading
from pathlib import Path

import requests

from drivers.base import DeviceState, DeviceStatus
from drivers.idcard.card import encode_text_block
from drivers.idcard.sim import sample_resident_card
from drivers.sscard.sim import sample_ss_card
from kiosk.core.availability import identity_reason

APPOINTMENT_QR = "KIOSK-APPT:20250315-A012"
WECHAT_PAY_CODE = "134567890123456789"
OFFLINE = "本机暂时无法联网，现在不能进行人脸核验"


def shot(k, name):
    if os.environ.get("IDENT_SHOTS"):
        k.robot.screenshot(Path(os.environ["IDENT_SHOTS"]) / f"{name}.png")


def ident(k):
    return k.controller.parts["ident"]


def wait_step(k, step, timeout, what):
    """Wait for the identify screen's ``step``, then let it lay out (as wait_screen)."""
    k.robot.wait_for(lambda: ident(k).step == step, timeout, what)
    k.robot.process(0.1)


def wait_usable(k, *names):
    k.robot.wait_for(lambda: all(k.terminal.devices[n].status.usable for n in names), 15,
                     f"{names} online")


def open_identify(k, service):
    k.robot.open_service(service)
    k.robot.wait_screen("identify")


def show(k, scene, **kw):
    """Put ``scene`` in front of the camera and wait until the camera delivers it."""
    k.sim.camera.set_scene(scene, **kw)
    camera = k.terminal.devices["camera"]
    first = camera.latest().seq if camera.latest() else 0
    k.robot.wait_for(lambda: camera.latest() and camera.latest().seq >= first + 2, 5,
                     "fresh camera frames")


def hall_answers(k, verify_result):
    """Make the hall answer every face comparison so (None: let its verifier compare)."""
    hall = k.sim.hall
    requests.put(f"{hall.url}/admin/v1/faults", json={"verify_result": verify_result},
                 headers={"Authorization": f"Bearer {hall.admin_token}"},
                 timeout=5).raise_for_status()


def open_face_service(make_kiosk, scene, hall_says=None):
    """``k`` at the identify screen of ss_card_application (compares the face with the ID
    card, no card laid yet): ``scene`` before the camera, the hall answering every face
    comparison ``hall_says`` (None: as its verifier compares)."""
    k = make_kiosk(kinds=("idcard", "camera", "receipt"), hall=True)
    wait_usable(k, "idcard", "camera")
    show(k, scene)
    if hall_says is not None:
        hall_answers(k, hall_says)
    open_identify(k, "ss_card_application")
    return k


def insert_ss_card(k):
    k.sim.sscard.insert(sample_ss_card())
    assert k.sim.sscard.wait_seen(5)


def test_social_security_card_for_the_payment_history(make_kiosk):
    k = make_kiosk(kinds=("idcard", "sscard", "receipt"), hall=True)
    r = k.robot
    wait_usable(k, "idcard", "sscard")
    open_identify(k, "ss_payment_history")
    assert [m["code"] for m in ident(k).methods] == ["id_card", "ss_card"]
    assert ident(k).method == "id_card"                 # the first way waits at once
    assert "等待读卡" in r.text_of("readingText")
    shot(k, "identify-id-card")
    r.click("method_ss_card")
    assert (ident(k).method, ident(k).step) == ("ss_card", "waiting")
    shot(k, "identify-ss-card")
    # The ID card wait was cancelled: a card laid on the reader now is not read.
    k.sim.idcard.insert(sample_resident_card())
    r.process(1.5)
    assert k.controller.screen == "identify" and ident(k).method == "ss_card"
    k.sim.idcard.remove()                       # the citizen takes it back
    r.click("elderToggle")
    shot(k, "identify-ss-card-elder")
    r.click("elderToggle")
    insert_ss_card(k)
    r.wait_screen("results", timeout=20)
    res = k.controller.parts["query"].results
    assert res["ok"] and res["total"] >= 12           # the hall knew the holder's hash
    r.click("homeButton")
    r.wait_screen("rating")
    # The card is still in the slot: the reminder covers the rating screen.
    r.wait_for(lambda: ident(k).takeCard != "", 10, "the take-your-card reminder")
    assert "请取走您的社保卡" in r.text_of("takeCardText")
    shot(k, "reminder-on-rating")
    k.sim.sscard.remove()
    r.wait_for(lambda: ident(k).takeCard == "", 10, "the reminder gone with the card")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_switching_to_a_qr_code_and_refusing_a_payment_code(make_kiosk):
    k = make_kiosk(kinds=("idcard", "camera", "receipt"), hall=True)
    r = k.robot
    wait_usable(k, "idcard", "camera")
    open_identify(k, "appointment_checkin")
    # No social security card reader on this terminal: its tab is not offered.
    assert [m["code"] for m in ident(k).methods] == ["id_card", "qr"]
    r.click("method_qr")
    assert (ident(k).method, ident(k).step) == ("qr", "waiting")
    assert "扫码" in r.text_of("readingText")
    shot(k, "identify-qr")
    show(k, "qr", text=WECHAT_PAY_CODE)
    wait_step(k, "notice", 10, "the payment code refused")
    assert "付款码" in r.text_of("identifyNotice")
    assert k.controller.screen == "identify" and k.controller.personal_data() == {}
    shot(k, "identify-qr-refused")
    show(k, "qr", text=APPOINTMENT_QR)
    r.click("retryCard")
    r.wait_screen("appointments", timeout=10)
    identity = k.controller.flow.session.identity
    assert identity is None or (identity.method, identity.credential, identity.holder) == (
        "qr", APPOINTMENT_QR, None)
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_face_guidance_then_no_verification_offline(make_kiosk, speech):
    k = open_face_service(make_kiosk, "too_small")
    r = k.robot
    assert ident(k).verifyFace and [m["code"] for m in ident(k).methods] == ["id_card"]
    assert "第 1 步" in r.text_of("identifySteps")
    shot(k, "identify-face-plan-card")
    k.sim.hall.stop()                           # the village link drops
    k.sim.idcard.insert(sample_resident_card())
    wait_step(k, "face", 10, "the face step")
    r.wait_for(lambda: ident(k).guidance == "请靠近一点", 10, "the guidance")
    assert r.text_of("faceGuidance") == "请靠近一点"
    assert "第 2 步" in r.text_of("identifySteps")
    assert r.text_of("identifyGreeting") == "您好，张**"      # masked
    r.wait_for(lambda: "请靠近一点" in speech.texts(), 5, "the prompt read aloud")
    shot(k, "identify-face-guidance")
    r.click("elderToggle")
    shot(k, "identify-face-guidance-elder")
    show(k, "face")                             # the citizen steps closer
    wait_step(k, "refused", 20, "the hall's answer")
    assert OFFLINE in r.text_of("identifyNotice")
    # No way through: no retry, no skip; only back (or a counter).
    assert r.find("retryCard") is None and r.find("skipIdentity") is None
    assert k.controller.screen == "identify"
    session = k.controller.flow.session
    assert session.identity is None and session.photo is None and session.holder is None
    shot(k, "identify-face-offline-elder")
    r.click("identifyBack")
    r.wait_screen("home")
    assert k.controller.personal_data() == {}


def test_face_mismatch_then_match_goes_on_with_the_photo(make_kiosk):
    k = open_face_service(make_kiosk, "face", hall_says="no_match")
    r = k.robot
    k.sim.idcard.insert(sample_resident_card())
    wait_step(k, "refused", 20, "the hall's answer")
    assert "不一致" in r.text_of("identifyNotice")
    assert r.item("retryCard") and r.item("goToCounter")
    assert k.controller.flow.session.identity is None
    shot(k, "identify-face-no-match")
    hall_answers(k, None)                       # the citizen takes off the hat
    r.click("retryCard")
    r.wait_for(lambda: k.controller.screen != "identify", 20, "the face matched")
    session = k.controller.flow.session
    assert session.photo[:2] == b"\xff\xd8"     # the live JPEG, for the application
    assert session.identity.method == "id_card" and session.holder == session.identity.holder
    assert session.card.id_number == sample_resident_card().id_number
    assert k.controller.holderGreeting == "张**"
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_three_mismatches_send_the_citizen_to_a_counter(make_kiosk):
    k = open_face_service(make_kiosk, "face", hall_says="no_match")
    r = k.robot
    k.sim.idcard.insert(sample_resident_card())
    for attempt in range(3):
        wait_step(k, "refused", 20, "the hall's answer")
        if attempt < 2:
            r.click("retryCard")
    assert r.find("retryCard") is None
    r.click("goToCounter")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_take_your_card_reminder_after_the_session(make_kiosk, speech):
    k = make_kiosk(kinds=("idcard", "sscard", "receipt"))
    r = k.robot
    wait_usable(k, "sscard")
    r.click("attractArea")
    r.wait_screen("home")
    insert_ss_card(k)
    reader = k.terminal.devices["sscard"]
    r.wait_for(lambda: reader.status.consumables.get("card") == "present", 5, "the card seen")
    r.click("homeButton")                       # the citizen leaves, the card stays
    r.wait_screen("attract")
    r.wait_for(lambda: r.find("takeCardText") is not None, 10, "the reminder")
    assert "请取走您的社保卡" in r.text_of("takeCardText")
    r.wait_for(lambda: "请取走您的社保卡" in speech.texts(), 5, "the reminder read aloud")
    assert not k.controller.voiceOn             # spoken as an alert, voice stays off
    shot(k, "reminder-on-attract")
    k.sim.sscard.remove()
    r.wait_for(lambda: r.find("takeCardText") is None, 10, "the reminder gone")
    r.click("attractArea")                      # the next citizen can start
    r.wait_screen("home")


def test_unsupported_card_and_reader_down(make_kiosk):
    k = make_kiosk(kinds=("idcard", "sscard", "receipt"))
    r = k.robot
    wait_usable(k, "idcard", "sscard")
    open_identify(k, "mi_stop")
    assert ident(k).method == "id_card"
    card = sample_resident_card()
    text = bytearray(encode_text_block(card))
    text[248:250] = "Y".encode("utf-16-le")             # the 2023 foreigner's card
    k.sim.idcard.insert_text_block(bytes(text), card.photo)
    wait_step(k, "notice", 10, "the notice")
    assert "本机暂不支持这种证件" in r.text_of("identifyNotice")
    assert r.item("retryCard")
    shot(k, "identify-unsupported")
    k.sim.idcard.remove()
    r.click("retryCard")
    assert ident(k).step == "waiting"
    k.sim.idcard.vanish()                               # unplugged while waiting
    try:
        wait_step(k, "notice", 10, "the reader failure")
        assert "身份证阅读器暂时无法使用" in r.text_of("identifyNotice")
        r.wait_for(lambda: not ident(k).methods[0]["usable"], 10, "the tab greyed")
        assert r.find("retryCard") is None              # it would only fail again
        shot(k, "identify-reader-down")
        r.click("method_id_card")                       # greyed: nothing happens
        assert ident(k).step == "notice"
        # The social security card still works, and so does the service.
        services = {s["code"]: s for s in k.controller.services}
        assert services["mi_stop"]["available"]
        assert not services["card_loss_report"]["available"]
        r.click("method_ss_card")
        assert (ident(k).method, ident(k).step) == ("ss_card", "waiting")
    finally:
        k.sim.idcard.restore()
    r.wait_for(lambda: ident(k).methods[0]["usable"], 15, "the reader back")


def status(kind, state=DeviceState.ONLINE):
    return DeviceStatus(kind, kind, state, True, {}, None)


def test_a_service_is_out_only_when_no_way_to_identify_works():
    both = {"idcard": status("idcard"), "sscard": status("sscard")}
    id_down = dict(both, idcard=status("idcard", DeviceState.OFFLINE))
    assert identity_reason(["id_card", "ss_card"], both) is None
    assert identity_reason(["id_card", "ss_card"], id_down) is None
    assert identity_reason(["id_card", "ss_card"], {"idcard": id_down["idcard"]}) \
        == "idcard_offline"                              # the preferred way's reason
    assert identity_reason(["ss_card", "id_card"], {"idcard": id_down["idcard"]}) \
        == "sscard_missing"
    assert identity_reason(["id_card", "none"], {}) is None          # may be skipped
    # The face comparison needs the camera as well as the card reader.
    assert identity_reason(["face"], both) == "camera_missing"
    assert identity_reason(["face"], dict(both, camera=status("camera"))) is None
    assert identity_reason(["palm_vein"], both) == "identity_unsupported"


def test_the_citizen_sees_themself_live_in_the_oval_without_the_gui_thread_waiting(make_kiosk):
    """The face step shows the camera live in the oval (mirrored, ≥ 10 frames a second),
    the prompt large beside it, while the GUI thread's longest stall stays under one
    frame (100 ms at 10 frames a second); the preview ends with the step."""
    import numpy as np
    from PySide6.QtCore import QElapsedTimer, QTimer

    k = open_face_service(make_kiosk, "too_small")
    r = k.robot
    k.sim.idcard.insert(sample_resident_card())
    wait_step(k, "face", 10, "the face step")
    r.wait_for(lambda: ident(k).previewSource != "", 5, "the first preview frame")
    image = r.item("facePreview")
    assert image.property("implicitWidth") > 0

    # For two seconds: the frames QML is handed, and the gaps between 10 ms ticks of a
    # timer on the GUI thread (a stall shows as a long gap).
    sources, gaps, clock = set(), [], QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
        sources.add(image.property("source").toString())
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    r.process(2.0)
    timer.stop()
    assert len(sources) >= 20, f"{len(sources)} frames in 2 s"
    assert max(gaps) < 100, f"the GUI thread stalled {max(gaps)} ms"
    assert r.text_of("faceGuidance") == "请靠近一点"

    # The oval's portrait shape, its corners transparent (the mirroring and the mask in
    # detail: tests/core/test_camera_preview.py).
    frame = ident(k).preview_frame()
    shown = np.frombuffer(frame.rgb, np.uint8).reshape(frame.height, frame.width, 4)
    assert frame.height / frame.width == 1.25
    assert shown[0, 0, 3] == 0 and shown[frame.height // 2, frame.width // 2, 3] == 255
    shot(k, "identify-face-live")

    show(k, "face")                             # the citizen steps closer: a photo
    r.wait_for(lambda: ident(k).step != "face", 20, "the face step over")
    r.wait_for(lambda: ident(k).previewSource == "", 5, "the preview ended with the step")
    r.wait_for(lambda: not any(t.name == "camera-preview" for t in threading.enumerate()), 5,
               "the preview thread gone")


def _ticket_then_leave(k):
    """A queue ticket with the ID card (left on the reader), then the citizen leaves."""
    from .test_ticket_journey import go_to_identify
    go_to_identify(k.robot)
    k.sim.idcard.lift_after_read = False         # this citizen forgets it
    k.sim.idcard.insert(sample_resident_card())
    k.robot.wait_screen("ticket", timeout=15)
    k.controller._end()                          # the session ends (timeout, 结束办理)
    k.robot.wait_screen("attract")


def test_an_id_card_left_on_the_reader_is_reminded_until_it_is_taken(make_kiosk, speech,
                                                                       monkeypatch):
    """The ID card reader says whether the card is still there (FIND): the reminder stays
    past REMIND_S, is said again every REPEAT_S, its button does not close it, and it
    goes once the card is taken."""
    from kiosk.ui.parts import identify as identify_part
    monkeypatch.setattr(identify_part, "REPEAT_S", 1.0)
    monkeypatch.setattr(identify_part, "REMIND_S", 1.0)
    k = make_kiosk()
    r = k.robot
    _ticket_then_leave(k)
    r.wait_for(lambda: r.find("takeCardText") is not None, 10, "the reminder")
    assert "身份证" in r.text_of("takeCardText") and ident(k).takeCardHeld
    r.process(2.5)                               # past REMIND_S: the card is still there
    assert r.find("takeCardText") is not None
    r.click("dismissReminder")                   # "再说一遍": it stays
    r.process(0.3)
    assert r.find("takeCardText") is not None
    said = [text for text in speech.texts() if "身份证" in text]
    assert len(said) >= 3, said                  # shown, repeated, and the button
    shot(k, "reminder-id-card")
    k.sim.idcard.remove()
    r.wait_for(lambda: r.find("takeCardText") is None, 10, "the reminder gone with the card")


def test_a_reader_that_cannot_tell_holds_the_reminder_after_a_read(make_kiosk, speech,
                                                                   monkeypatch):
    from kiosk.ui.parts import identify as identify_part
    monkeypatch.setattr(identify_part, "HOLD_S", 1.5)
    k = make_kiosk()
    r = k.robot
    reader = k.terminal.devices["idcard"]
    reader.reports_presence = False
    r.wait_for(lambda: "card" not in reader.poll().consumables, 5, "no presence reported")
    _ticket_then_leave(k)
    r.wait_for(lambda: r.find("takeCardText") is not None, 5, "the held reminder")
    assert not ident(k).takeCardHeld
    assert any("身份证" in text for text in speech.texts())
    r.wait_for(lambda: r.find("takeCardText") is None, 5, "the hold over")
