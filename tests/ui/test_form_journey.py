"""Application forms through the real screens: one question per screen with its progress
line, a wrong phone number explained, back and forth between the questions, the answers
on the confirm screen (the phone number masked), nothing recorded without the confirm
touch; accepted offline with the personal answers sealed, delivered to the real hall
online; and 社保卡申领补换 with the photo from the face verification, taken again on the
simulated camera and compared by the hall once more.

Screenshots of every form screen, normal and elder mode, land in /tmp/forms."""
import json

import requests

from drivers.idcard.sim import sample_resident_card
from offline_cache import db

SHOTS = "/tmp/forms"
PHONE = "13800138000"
MASKED = "138****8000"


def identified(k, service):
    r = k.robot
    r.open_service(service)
    r.wait_screen("identify")
    # The identify screen counts the steps as the questions will (one counter).
    steps = k.controller.parts["ident"].journeySteps
    assert r.text_of("identifySteps").startswith(f"第 1 步，共 {steps} 步")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("form", timeout=25)
    return r


def type_number(r, digits):
    r.click("key_clear")
    for d in digits:
        r.click(f"key_{d}")
    r.click("keypadConfirm")


def progress(r):
    return r.text_of("formProgress")


def summary(k):
    return [f"{line['label']}：{line['value']}" for line in k.controller.parts["form"].summary]


def outbox_rows(k, kind="application"):
    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    try:
        return conn.execute("SELECT payload, sealed FROM outbox WHERE kind = ?",
                            (kind,)).fetchall()
    finally:
        conn.close()


def finish(k):
    r = k.robot
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_enrolment_is_accepted_offline_with_the_phone_sealed(make_kiosk):
    k = make_kiosk(hall=False)
    r = identified(k, "mi_resident_enrolment")
    assert progress(r) == "第 2 步，共 3 步"          # the card was step 1
    assert k.controller.parts["form"].field["question"] == "请选择参保类别"
    r.screenshot(f"{SHOTS}/enrol_1_category.png")
    r.click("elderToggle")          # the tallest question: four options with a second line
    r.screenshot(f"{SHOTS}/enrol_1_category_elder.png")
    r.click("elderToggle")
    r.click("option_student_child")
    r.wait_for(lambda: progress(r) == "第 3 步，共 3 步", 3, "the phone question")
    # A wrong number stays on screen with what is wrong, in plain words.
    type_number(r, "1380013800")
    r.wait_for(lambda: "您输入了 10 位" in r.text_of("formProblem"), 3, "the length problem")
    r.screenshot(f"{SHOTS}/enrol_2_phone_wrong.png")
    type_number(r, "23800138000")
    r.wait_for(lambda: "第一位是 1" in r.text_of("formProblem"), 3, "the prefix problem")
    assert k.controller.screen == "form"
    type_number(r, PHONE)
    r.wait_screen("confirm")
    assert summary(k) == ["参保类别：学生儿童", f"联系电话：{MASKED}"]
    r.screenshot(f"{SHOTS}/enrol_3_confirm.png")
    assert not outbox_rows(k)                                  # nothing before the touch
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    reference = k.controller.parts["apply"].reference
    assert len(reference) == 8 and reference in r.text_of("applicationReference")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    # The title is printed double width: 8 ideographs a line on 58 mm paper.
    assert reference in receipt.text and "城乡居民医保参保\n登记" in receipt.text
    assert f"联系电话: {MASKED}" in receipt.text and PHONE not in receipt.text
    [(payload, sealed)] = outbox_rows(k)
    assert json.loads(payload)["answers"] == {"category": "student_child"}
    assert PHONE not in payload and "440106199101010010" not in payload and sealed
    assert PHONE.encode() not in sealed and b"440106199101010010" not in sealed
    assert "form" not in k.controller.personal_data()          # dropped once submitted
    finish(k)


def test_change_details_back_and_forth_and_nothing_without_confirming(make_kiosk):
    k = make_kiosk(hall=False)
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.click("elderToggle")
    r = identified(k, "mi_change_details")
    assert progress(r) == "第 2 步，共 3 步"
    r.screenshot(f"{SHOTS}/change_1_item_elder.png")
    r.click("option_district")
    r.wait_for(lambda: r.find("option_tianhe") is not None, 3, "the districts")
    assert progress(r) == "第 3 步，共 3 步"
    r.screenshot(f"{SHOTS}/change_2_district_elder.png")
    r.click("formBack")                                        # the previous question...
    r.wait_for(lambda: r.find("option_phone") is not None, 3, "the first question")
    assert r.item("option_district").property("label").startswith("✓")   # ...answer kept
    r.click("option_phone")                                    # changed its mind
    r.wait_for(lambda: r.find("phoneDisplay") is not None, 3, "the keypad")
    r.screenshot(f"{SHOTS}/change_2_phone_elder.png")
    type_number(r, PHONE)
    r.wait_screen("confirm")
    assert summary(k) == ["变更项目：联系电话", f"新联系电话：{MASKED}"]   # no district
    r.screenshot(f"{SHOTS}/change_3_confirm_elder.png")
    r.click("formBack")                                        # confirm -> last question
    r.wait_screen("form")
    assert r.text_of("phoneDisplay") == "138 0013 8000"
    r.click("formBack")
    r.click("formBack")                                        # first question -> leaves
    r.wait_screen("home")
    assert not outbox_rows(k)
    assert k.controller.personal_data() == {}


def test_stop_is_delivered_to_the_hall(make_kiosk):
    k = make_kiosk(hall=True)
    r = identified(k, "mi_stop")
    r.click("lang_en")              # the options come from the catalog in every language
    r.wait_for(lambda: r.find("option_moved_away") is not None and "household" in
               r.item("option_moved_away").property("label"), 3, "the options in English")
    r.screenshot(f"{SHOTS}/stop_1_reason_en.png")
    r.click("lang_zh_CN")
    r.screenshot(f"{SHOTS}/stop_1_reason.png")
    r.click("option_other")
    r.wait_for(lambda: r.find("phoneDisplay") is not None, 3, "the keypad")
    r.screenshot(f"{SHOTS}/stop_2_phone.png")
    type_number(r, PHONE)
    r.wait_screen("confirm")
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    reference = k.controller.parts["apply"].reference
    hall = k.sim.hall

    def delivered():
        got = requests.get(f"{hall.url}/admin/v1/transactions", params={"kind": "application"},
                           headers={"Authorization": f"Bearer {hall.admin_token}"}, timeout=5)
        return got.json()["transactions"]

    r.wait_for(lambda: delivered(), 20, "the application at the hall")
    [tx] = delivered()
    assert tx["id"].replace("-", "")[:8].upper() == reference
    assert tx["payload"]["service"] == "mi_stop"
    assert tx["payload"]["answers"] == {"reason": "other"}
    assert tx["payload"]["phone"] == PHONE                      # the hall gets it unsealed
    r.wait_for(lambda: not outbox_rows(k), 10, "the row gone from the terminal")
    finish(k)


CARD_KINDS = ("idcard", "camera", "receipt")


def test_card_application_uses_the_verified_photo_or_a_new_matched_one(make_kiosk):
    k = make_kiosk(kinds=CARD_KINDS, hall=True)
    part = k.controller.parts["form"]
    r = identified(k, "ss_card_application")      # ID card, face, the hall's comparison
    first_photo = k.controller.flow.session.photo
    assert first_photo
    r.screenshot(f"{SHOTS}/card_1_kind.png")
    r.click("option_first")
    r.wait_for(lambda: r.find("option_mail") is not None, 3, "the delivery question")
    r.screenshot(f"{SHOTS}/card_2_delivery.png")
    r.click("option_hall")
    r.wait_for(lambda: r.find("phoneDisplay") is not None, 3, "the keypad")
    type_number(r, PHONE)
    r.wait_for(lambda: r.find("formPhoto") is not None, 3, "the photo")
    # One counter for the whole application: the card (1), the face (2), four questions.
    assert progress(r) == "第 6 步，共 6 步"
    r.wait_for(lambda: r.item("formPhoto").property("implicitWidth") > 0, 5, "the photo shown")
    r.screenshot(f"{SHOTS}/card_4_photo.png")
    r.click("elderToggle")
    r.screenshot(f"{SHOTS}/card_4_photo_elder.png")
    r.click("elderToggle")
    # Another photo: the camera's hints while the citizen stands too far away, then the
    # photo, matched with the ID card again.
    k.sim.camera.set_scene("too_small")
    r.click("retakePhoto")
    assert part.capturing
    r.wait_for(lambda: r.text_of("faceGuidance") == "请靠近一点", 10, "the camera's hint")
    r.screenshot(f"{SHOTS}/card_4_photo_capturing.png")
    k.sim.camera.set_scene("face")
    r.wait_for(lambda: not part.capturing, 25, "the new photo")
    assert "已换成新照片" in r.text_of("photoNotice")
    second_photo = k.controller.flow.session.photo
    assert second_photo and second_photo is not first_photo
    # The hall does not confirm the next one: the matched photo stays.
    requests.put(f"{k.sim.hall.url}/admin/v1/faults", json={"verify_result": "no_match"},
                 headers={"Authorization": f"Bearer {k.sim.hall.admin_token}"},
                 timeout=5).raise_for_status()
    r.click("retakePhoto")
    r.wait_for(lambda: not part.capturing, 25, "the refused photo")
    assert "不一致，仍用原来的照片" in r.text_of("photoNotice")
    assert k.controller.flow.session.photo is second_photo
    r.click("retakePhoto")                                     # the last one allowed
    r.wait_for(lambda: not part.capturing, 25, "the third photo")
    assert "不能再拍了" in r.text_of("photoNotice") and r.find("retakePhoto") is None
    r.screenshot(f"{SHOTS}/card_4_photo_kept.png")
    r.click("usePhoto")
    r.wait_screen("confirm")
    assert summary(k) == ["申领类型：首次申领", "领卡方式：到大厅领取", f"联系电话：{MASKED}",
                          "社保卡照片：已拍照"]
    r.screenshot(f"{SHOTS}/card_5_confirm.png")
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    assert k.controller.flow.session.photo is None            # not kept once submitted
    hall = k.sim.hall

    def delivered():
        got = requests.get(f"{hall.url}/admin/v1/transactions", params={"kind": "application"},
                           headers={"Authorization": f"Bearer {hall.admin_token}"}, timeout=5)
        return got.json()["transactions"]

    r.wait_for(lambda: delivered(), 20, "the application at the hall")
    [tx] = delivered()
    assert tx["payload"]["answers"] == {"kind": "first", "delivery": "hall"}
    # The photo went as its own upload, made to the card's spec (358x441 JPEG).
    from hall.storage import SQLiteStorage
    from kiosk.core.card_photo import conform
    ref = tx["payload"]["photo"]
    spec = next(f.spec for f in k.terminal.catalog.service("ss_card_application").form
                if f.type == "photo")
    storage = SQLiteStorage(hall.workdir / "hall.db")
    try:
        _meta, photo = storage.attachment(ref["attachment"])
    finally:
        storage.close()
    assert photo == conform(second_photo, spec) and ref["bytes"] == len(photo) <= spec.max_bytes
    finish(k)


def test_card_application_is_unavailable_offline(make_kiosk):
    k = make_kiosk(kinds=CARD_KINDS, hall=False)
    [service] = [s for s in k.controller.services if s["code"] == "ss_card_application"]
    assert not service["available"] and "联网" in service["reason"]
    others = {s["code"]: s["available"] for s in k.controller.services}
    assert others["mi_resident_enrolment"] and others["mi_stop"]
