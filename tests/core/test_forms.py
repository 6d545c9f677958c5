"""Application forms: the catalog's questions, the checks on answers, the flow through the
form screens, and what an application records (nothing personal in the clear)."""
import json
from datetime import UTC, datetime

import pytest

from drivers.idcard.sim import sample_foreign_card, sample_resident_card
from drivers.receipt.document import Text
from kiosk.core import applications, forms
from kiosk.core import catalog as catalog_mod
from kiosk.core.config import SHIPPED_CONFIG_DIR, SessionSettings
from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.identify import IdentityResult

NOW = datetime(2025, 3, 15, 10, 30, tzinfo=UTC)
JPEG = b"\xff\xd8\xff\xe0" + b"face" * 100
CATALOG = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml")


def form_of(code):
    return CATALOG.service(code).form


# -- the catalog ------------------------------------------------------------------------------
def test_the_four_applications_have_their_questions():
    names = {code: [f.name for f in form_of(code)] for code in
             ("mi_resident_enrolment", "mi_stop", "mi_change_details", "ss_card_application")}
    assert names == {"mi_resident_enrolment": ["category", "phone"],
                     "mi_stop": ["reason", "phone"],
                     "mi_change_details": ["item", "phone", "district"],
                     "ss_card_application": ["kind", "delivery", "phone", "photo"]}
    category = form_of("mi_resident_enrolment")[0]
    assert [o.label("zh_CN") for o in category.options] == ["城乡居民", "学生儿童", "大学生",
                                                            "老年居民"]
    districts = form_of("mi_change_details")[2]
    assert len(districts.options) == 11 and districts.option("tianhe").label("zh_CN") == "天河区"
    for f in (f for s in CATALOG.services for f in s.form):      # every text in 3 languages
        assert set(f.label) == {"zh_CN", "zh_TW", "en"}, f.name
        assert all(set(o.name) == {"zh_CN", "zh_TW", "en"} for o in f.options), f.name


def test_services_without_a_form_are_unchanged():
    assert CATALOG.service("card_loss_report").form == ()
    assert CATALOG.service("queue_ticket").form == ()


@pytest.mark.parametrize("raw, why", [
    ([{"name": "holder", "type": "phone", "label": {}}], "reserved"),
    ([{"name": "a", "type": "phone"}, {"name": "a", "type": "phone"}], "twice"),
    ([{"name": "a", "type": "text"}], "unknown type"),
    ([{"name": "a", "type": "choice"}], "options"),
    ([{"name": "a", "type": "phone", "options": [{"code": "x", "name": {}}]}], "options"),
    ([{"name": "a", "type": "phone", "when": {"item": "phone"}}], "earlier choice"),
])
def test_a_malformed_form_is_refused(raw, why):
    with pytest.raises(ValueError, match=why):
        forms.parse(raw)


# -- answers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("number, problem", [
    ("13800138000", None), ("19912345678", None), ("", "phone_empty"),
    ("1380013800", "phone_length"), ("138001380001", "phone_length"),
    ("23800138000", "phone_prefix"), ("12800138000", "phone_not_mobile"),
    ("1380013800a", "phone_not_digits"), ("１３８００１３８０００", "phone_not_digits"),
])
def test_phone_numbers(number, problem):
    assert forms.phone_problem(number) == problem


def test_answers_are_checked_by_type():
    category, phone = form_of("mi_resident_enrolment")
    photo = form_of("ss_card_application")[3]
    assert forms.problem(category, "elderly") is None
    assert forms.problem(category, "tourist") == "choice_unknown"
    assert forms.problem(phone, forms.clean(phone, "138 0013-8000")) is None
    assert forms.problem(photo, JPEG) is None
    assert forms.problem(photo, b"not a jpeg") == "photo_missing"
    assert forms.problem(photo, None) == "photo_missing"


def test_conditional_questions_count_and_drop_stale_answers():
    form = form_of("mi_change_details")
    # Before the choice: the count assumes its first option (two questions, not one).
    assert forms.step_count(form, {}) == 2
    assert [f.name for f in forms.steps(form, {"item": "district"})] == ["item", "district"]
    # Changed from the phone to the district: the phone number goes.
    assert forms.kept(form, {"item": "district", "phone": "13800138000"}) == {"item": "district"}
    assert forms.complete(form, {"item": "phone", "phone": "13800138000"})
    assert not forms.complete(form, {"item": "district"})


def test_summary_masks_the_phone_and_split_keeps_it_personal():
    form = form_of("ss_card_application")
    answers = {"kind": "lost", "delivery": "mail", "phone": "13800138000", "photo": JPEG}
    assert forms.summary(form, answers, "zh_CN") == [
        ("申领类型", "补领（遗失）"), ("领卡方式", "邮寄到户籍地址"), ("联系电话", "138****8000"),
        ("社保卡照片", "已拍照")]
    assert forms.summary(form, answers, "en")[0] == ("Application", "Replace a lost card")
    plain, personal = forms.split(form, answers)
    assert plain == {"kind": "lost", "delivery": "mail"}
    assert personal == {"phone": "13800138000", "photo": JPEG}


# -- the flow ---------------------------------------------------------------------------------
@pytest.fixture
def flow():
    return KioskFlow(CATALOG, SessionSettings())


def identified(flow, service, photo=None):
    flow.start()
    flow.choose_service(service)
    card = sample_resident_card()
    return flow.card_read(IdentityResult("ok", "id_card", holder="h" * 64, card=card),
                          photo=photo)


def test_enrolment_asks_one_question_per_screen(flow):
    assert identified(flow, "mi_resident_enrolment") == Screen.FORM
    assert flow.form_field.name == "category" and flow.form_progress == (1, 2)
    assert flow.answer("tourist") == Screen.FORM and flow.session.notice == "choice_unknown"
    assert flow.answer("student_child") == Screen.FORM
    assert flow.form_field.name == "phone" and flow.form_progress == (2, 2)
    assert flow.session.notice is None
    assert flow.answer("2380013800") == Screen.FORM           # stays, says what is wrong
    assert flow.session.notice == "phone_length"
    assert flow.answer("23800138000") == Screen.FORM and flow.session.notice == "phone_prefix"
    assert flow.answer("13800138000") == Screen.CONFIRM
    assert flow.session.form == {"category": "student_child", "phone": "13800138000"}
    assert flow.form_complete
    # Back from the confirm screen: the last question, its answer kept.
    assert flow.form_back() == Screen.FORM and flow.form_field.name == "phone"
    assert flow.form_back() == Screen.FORM and flow.form_field.name == "category"
    assert flow.session.form["category"] == "student_child"
    # Back from the first question leaves the service with nothing personal behind.
    assert flow.form_back() == Screen.HOME
    assert not flow.session.holds_personal_data()


def test_the_change_form_follows_the_choice(flow):
    identified(flow, "mi_change_details")
    flow.answer("phone")
    assert flow.form_field.name == "phone" and flow.form_progress == (2, 2)
    flow.answer("13800138000")
    assert flow.screen == Screen.CONFIRM
    flow.form_back()
    flow.form_back()
    flow.answer("district")                    # changed its mind: the phone number goes
    assert flow.form_field.name == "district" and flow.session.form == {"item": "district"}
    assert flow.answer("tianhe") == Screen.CONFIRM
    assert flow.session.form == {"item": "district", "district": "tianhe"}


def test_the_card_application_ends_with_the_photo(flow):
    assert identified(flow, "ss_card_application", photo=JPEG) == Screen.FORM
    for value in ("first", "hall", "13800138000"):
        flow.answer(value)
    assert flow.form_field.type == "photo" and flow.form_progress == (4, 4)
    assert flow.answer(None) == Screen.FORM and flow.session.notice == "photo_missing"
    assert flow.answer(flow.session.photo) == Screen.CONFIRM
    assert flow.session.form["photo"] == JPEG
    flow.submitted("ABCD1234")
    flow.application_done()
    flow.end()
    assert not flow.session.holds_personal_data()


def test_answers_only_on_the_form_screen(flow):
    identified(flow, "card_loss_report")
    assert flow.screen == Screen.CONFIRM                        # no form: straight on
    with pytest.raises(FlowError):
        flow.answer("x")
    with pytest.raises(FlowError):             # back from its confirm screen is the hub's
        flow.form_back()


# -- what is recorded -------------------------------------------------------------------------
def test_an_application_seals_the_applicant_and_the_personal_answers():
    service = CATALOG.service("ss_card_application")
    card = sample_resident_card()
    frame = camera_jpeg()
    answers = {"kind": "first", "delivery": "hall", "phone": "13800138000", "photo": frame}
    entry = applications.entry(service, card, answers, holder_salt="salt", now=NOW)
    assert entry.kind == "application"
    assert entry.payload == {"service": "ss_card_application",
                             "answers": {"kind": "first", "delivery": "hall"},
                             "submitted_at": "2025-03-15T10:30:00+00:00"}
    clear = json.dumps(entry.payload, ensure_ascii=False)
    assert card.id_number not in clear and "13800138000" not in clear and card.name not in clear
    assert entry.personal["id_number"] == card.id_number and entry.personal["name"] == "张小明"
    assert entry.personal["phone"] == "13800138000" and len(entry.personal["holder"]) == 64
    # The photo travels as an attachment (sealed at rest by the outbox), not in the row.
    assert "photo" not in entry.personal and set(entry.attachments) == {"photo"}
    assert entry.attachments["photo"][1] == "image/jpeg"


def camera_jpeg() -> bytes:
    """A whole frame as the camera driver encodes it (640x480, JPEG quality 92)."""
    import cv2

    from drivers.camera.scenes import face_scene
    return cv2.imencode(".jpg", face_scene("face"), [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


def test_an_incomplete_application_is_never_recorded():
    service = CATALOG.service("mi_resident_enrolment")
    with pytest.raises(ValueError, match="incomplete"):
        applications.entry(service, sample_resident_card(), {"category": "elderly"},
                           holder_salt="s", now=NOW)
    with pytest.raises(ValueError, match="incomplete"):
        applications.entry(service, sample_resident_card(),
                           {"category": "elderly", "phone": "12345"}, holder_salt="s", now=NOW)


def test_a_social_security_card_applies_with_its_number():
    class SsCard:                      # what drivers.sscard reads: the number is the ID number
        ss_number, name = "440106199101010010", "张小明"
    entry = applications.entry(CATALOG.service("mi_stop"), SsCard(),
                               {"reason": "moved_away", "phone": "13800138000"},
                               holder_salt="s", now=NOW)
    assert entry.personal["id_number"] == "440106199101010010"


def test_the_loss_report_keeps_its_own_kind():
    entry = applications.entry(CATALOG.service("card_loss_report"), sample_resident_card(), {},
                               holder_salt="s", now=NOW)
    assert entry.kind == "card_loss_report" and entry.payload["card"] == "ss_card"
    assert set(entry.personal) == {"id_number", "name", "holder"}


def test_the_receipt_lists_the_answers_masked():
    service = CATALOG.service("mi_resident_enrolment")
    card = sample_resident_card()
    printed = applications.receipt(service, "ABCD1234", card,
                                   {"category": "elderly", "phone": "13800138000"},
                                   submitted_at=NOW, hall_name="天河区政务服务中心")
    text = printed.plain_text()
    assert "ABCD1234" in text and "参保类别: 老年居民" in text and "联系电话: 138****8000" in text
    assert "13800138000" not in text and card.id_number not in text and "张小明" not in text
    lines = [e.text for e in printed.elements if isinstance(e, Text)]
    assert lines.index("参保类别: 老年居民") == lines.index(next(
        t for t in lines if "4401**********0010" in t)) + 1      # under the applicant


def test_a_foreign_permanent_residence_number_is_masked_on_paper():
    card = sample_foreign_card()
    printed = applications.receipt(CATALOG.service("card_loss_report"), "ABCD1234", card, {},
                                   submitted_at=NOW, hall_name="h")
    assert card.id_number not in printed.plain_text() and "USA4*******0100" in \
        printed.plain_text()
