"""The citizen journeys ``kiosk demo --headless`` runs, in order: each a function of a
:class:`kiosk.demo.Stage`, driving the real window by touches against the simulators and
a local reference hall. Each starts and ends on the attract screen.

Together they pass every service of the shipped catalog once, the main screens in
Chinese, in elder mode and in another language, and the failure paths a citizen meets
most (the hall away, the printer out of paper).
"""
from __future__ import annotations

import time

from drivers.idcard.sim import sample_hmt_card, sample_resident_card
from drivers.sscard.sim import sample_ss_card

# The mobile number typed in the forms (a made-up one).
PHONE = "13800138000"


def _card_in(stage) -> None:
    stage.sim.idcard.insert(sample_resident_card())


def _card_out(stage) -> None:
    stage.sim.idcard.remove()


def _ticket_number(stage) -> str:
    return stage.controller.parts["queue"].ticket["number"]


def _rate(stage, level: str = "very_satisfied") -> None:
    stage.robot.wait_screen("rating")
    stage.robot.click(f"rate_{level}")


def queue_ticket_online(stage) -> None:
    """An application ticket (受理) with the resident ID card, numbered by the hall."""
    r = stage.robot
    r.wait_screen("attract")
    stage.shot("attract")
    r.click("attractArea")
    r.wait_screen("home")
    stage.shot("home")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    stage.shot("category")
    r.click("category_registration")
    r.wait_screen("kind")
    stage.shot("kind")
    r.click("kind_accept")
    r.wait_screen("identify")
    r.item("readingText")
    stage.shot("identify-waiting")
    _card_in(stage)
    r.wait_screen("ticket", timeout=15)
    stage.shot("ticket")
    stage.note(f"hall up: ticket {_ticket_number(stage)} numbered by the hall "
               "(online)")
    stage.sim.printer.wait_for_receipt(1, timeout=10)
    _card_out(stage)
    r.click("homeButton")
    stage.shot("rating")
    _rate(stage)
    r.wait_screen("attract")
    r.wait_for(lambda: stage.sync_status()["depth"] == 0, 20, "the rating to reach the hall")
    stage.note("hall up: the rating reached the hall, outbox empty")


def queue_ticket_offline_elder_english(stage) -> None:
    """The hall goes away (a village link drops): English, elder mode, a consultation
    ticket without a card, numbered from a block leased earlier; then the hall returns
    and the outbox drains."""
    r = stage.robot
    stage.sim.hall.stop()
    r.click("lang_en")
    r.click("elderToggle")
    r.click("attractArea")
    r.wait_screen("home")
    stage.shot("home-elder-en")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    stage.shot("category-elder-en")
    r.click("category_consultation")
    r.wait_screen("kind")
    r.click("kind_consult")
    r.wait_screen("identify")
    stage.shot("identify-skip-elder-en")
    r.click("skipIdentity")
    r.wait_screen("ticket", timeout=15)
    stage.shot("ticket-elder-en")
    stage.note(f"hall stopped: ticket {_ticket_number(stage)} numbered from a "
               "block leased earlier (offline)")
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    stage.terminal.sync.trigger(force=True)
    r.wait_for(lambda: (stage.sync_status()["last_error"] or {}).get("code"), 20,
               "the sync engine to notice the hall is gone")
    st = stage.sync_status()
    stage.note(f"hall stopped: outbox holds {st['depth']} transaction(s), last error "
               f"{st['last_error']['code']}")
    stage.sim.hall.start()
    back = time.monotonic()
    stage.terminal.sync.trigger(force=True)
    r.wait_for(lambda: stage.sync_status()["depth"] == 0, 60,
               "the outbox to drain into the restarted hall")
    stage.note(f"hall restarted: outbox drained in {time.monotonic() - back:.1f} s")


def locker_pickup(stage) -> None:
    """自助取件 with the hall's seeded code for door 1, then a low rating with a reason."""
    r = stage.robot
    r.open_service("locker_pickup")
    r.wait_screen("pickup_code")
    for digit in "246810":
        r.click(f"key_{digit}")
    stage.shot("pickup-code")
    r.click("keypadConfirm")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("pickup_result", timeout=15)
    stage.shot("pickup-door-open")
    _card_out(stage)
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_dissatisfied")
    r.wait_screen("rating_reason")
    stage.shot("rating-reason")
    r.click("reason_long_wait")


def ss_payment_history(stage) -> None:
    """社保缴费记录查询: the hall's rows, paged, in elder mode."""
    r = stage.robot
    r.click("elderToggle")
    r.open_service("ss_payment_history")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("results", timeout=20)
    stage.shot("query-results-elder")
    _card_out(stage)
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")


def _certificate(stage, code: str, name: str) -> None:
    r = stage.robot
    printed_after = time.time()
    r.open_service(code)
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("printing", timeout=15)
    if name == "ss_certificate":
        stage.shot("certificate-printing")
    r.wait_screen("printed", timeout=90)
    stage.shot(f"{name}-printed")
    _card_out(stage)
    stage.keep_pdf(printed_after, f"{name}.pdf")
    r.click("homeButton")
    _rate(stage)


def ss_certificate(stage) -> None:
    """个人参保证明, made by the hall, printed on A4."""
    _certificate(stage, "ss_certificate", "ss_certificate")


def property_register_extract(stage) -> None:
    """不动产登记查册表 on A4."""
    _certificate(stage, "property_register_extract", "property_register_extract")


def card_loss_report(stage) -> None:
    """社保卡挂失: recorded at once (works offline too), a reference on the receipt."""
    r = stage.robot
    r.open_service("card_loss_report")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("confirm", timeout=15)
    stage.shot("loss-report-confirm")
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    stage.shot("loss-report-submitted")
    _card_out(stage)
    r.click("homeButton")
    _rate(stage, "satisfied")


def service_guide(stage) -> None:
    """办事指南: browse a theme, search by pinyin initials, read and print a guide."""
    r = stage.robot
    r.wait_for(lambda: stage.terminal.guides_ready, 10, "the guides")
    r.open_service("service_guide")
    r.wait_screen("guides")
    r.click("guideFacet_social_security")
    stage.shot("guides-theme")
    r.click("guideTab_search")
    for letter in "CBZM":                    # 参保证明
        r.click(f"letter_{letter}")
    stage.shot("guides-search")
    r.click("guide_ss_certificate")
    r.wait_screen("guide_detail")
    r.click("printGuide")
    guides = stage.controller.parts["guides"]
    r.wait_for(lambda: guides.detail.get("printStatus", "").startswith("已打印"), 15,
               "the guide printed")
    stage.shot("guide-detail-printed")
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")


def ss_card_query(stage) -> None:
    """社保缴费记录查询 again, identified by the social security card this time, then the
    "please take your card" reminder while the card is still in the slot."""
    r = stage.robot
    r.open_service("ss_payment_history")
    r.wait_screen("identify")
    r.click("method_ss_card")
    stage.shot("identify-ss-card")
    stage.sim.sscard.insert(sample_ss_card())
    r.wait_screen("results", timeout=20)
    r.click("homeButton")
    r.wait_screen("rating")
    # The card is still in the slot: the reminder covers the rating screen at once.
    r.wait_for(lambda: stage.controller.parts["ident"].takeCard != "", 10,
               "the take-your-card reminder")
    stage.shot("take-your-card")
    stage.sim.sscard.remove()
    r.wait_for(lambda: stage.controller.parts["ident"].takeCard == "", 15,
               "the reminder to go once the card is taken")
    r.click("homeButton")


def more_certificates(stage) -> None:
    """养老保险参保证明, 无犯罪记录证明 and 生育保险确认凭证, each on A4."""
    for code in ("pension_certificate", "no_criminal_record", "maternity_confirmation"):
        _certificate(stage, code, code)
        stage.robot.wait_screen("attract")


def appointment_checkin_card(stage) -> None:
    """预约取号 with the ID card: today's booking, the number from the hall."""
    r = stage.robot
    r.open_service("appointment_checkin")
    r.wait_screen("identify")
    stage.shot("identify-methods")
    _card_in(stage)
    r.wait_screen("appointments", timeout=15)
    checkin = stage.controller.parts["checkin"]
    r.wait_for(lambda: not checkin.loading, 15, "the appointments")
    stage.shot("appointments")
    r.click(f"checkIn_{checkin.appointments[0]['id']}")
    r.wait_screen("ticket", timeout=15)
    stage.shot("appointment-ticket")
    stage.note(f"appointment checked in: number {_ticket_number(stage)}")
    _card_out(stage)
    r.click("homeButton")
    _rate(stage)


def appointment_checkin_qr(stage) -> None:
    """预约取号 with the booking's QR code on the phone (the second seed citizen's booking
    for today, as the hall's booking page would show it)."""
    r = stage.robot
    # The hall's day, not this machine's: the hall books in its own zone (+08:00), and
    # from 16:00 UTC a terminal clock on UTC is a day behind it.
    today = stage.terminal.hall_today().strftime("%Y%m%d")
    # Its code as the booking page draws it (hall/seed.py appointment_qr): the time, 10:30,
    # and the holder's masked name, 陈*, which the screen shows to check.
    stage.sim.camera.set_scene("qr", text=f"GDZWFW-APPT:APT-{today}-02:registration:accept"
                                          ":1030:6ZmIKg")
    r.open_service("appointment_checkin")
    r.wait_screen("identify")
    r.click("method_qr")
    stage.shot("identify-qr")
    r.wait_screen("appointments", timeout=15)
    checkin = stage.controller.parts["checkin"]
    r.wait_for(lambda: not checkin.loading, 15, "the appointment")
    r.click(f"checkIn_{checkin.appointments[0]['id']}")
    r.wait_screen("ticket", timeout=15)
    stage.note(f"appointment checked in by QR: number {_ticket_number(stage)}")
    stage.sim.camera.set_scene("face")
    r.click("homeButton")
    _rate(stage)


def vehicle_tax(stage) -> None:
    """车船税缴纳: the vehicles and their tax, the payment QR, paid on the phone (settled
    here through the hall's operator API), the receipt."""
    r = stage.robot
    r.open_service("vehicle_vessel_tax")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("pay_items", timeout=20)
    pay = stage.controller.parts["pay"]
    r.wait_for(lambda: not pay.dues["loading"], 15, "the tax due")
    stage.shot("tax-items")
    r.click("payItem_" + pay.dues["items"][0]["itemId"])
    r.wait_screen("paying")
    r.wait_for(lambda: pay.order["qr"] != "", 15, "the payment QR")
    stage.shot("tax-paying")
    order = stage.controller.flow.session.payment["order"]["order_id"]
    stage.sim.hall.admin("POST", f"/payments/{order}/status", {"status": "paid"})
    r.wait_screen("pay_result", timeout=15)
    stage.shot("tax-paid")
    stage.note(f"vehicle tax order {order} paid; receipt printed")
    _card_out(stage)
    r.click("homeButton")
    _rate(stage)


def _type_phone(stage) -> None:
    r = stage.robot
    r.wait_for(lambda: r.find("phoneDisplay") is not None, 5, "the phone question")
    for digit in PHONE:
        r.click(f"key_{digit}")
    r.click("keypadConfirm")


def medical_enrolment_elder(stage) -> None:
    """城乡居民医保参保登记 in elder mode: a choice, the phone number on our keypad, the
    answers to confirm, a reference (accepted offline too)."""
    r = stage.robot
    r.click("elderToggle")
    r.open_service("mi_resident_enrolment")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_screen("form", timeout=15)
    stage.shot("form-choice-elder")
    r.click("option_resident")
    _type_phone(stage)
    r.wait_screen("confirm")
    stage.shot("form-confirm-elder")
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    stage.shot("form-submitted-elder")
    _card_out(stage)
    r.click("homeButton")
    _rate(stage)


def medical_stop_and_change(stage) -> None:
    """医保停保减员 and 医保资料变更, in Traditional Chinese."""
    r = stage.robot
    for code, first in (("mi_stop", "option_employee_insurance"),
                        ("mi_change_details", "option_phone")):
        r.click("lang_zh_TW")
        r.open_service(code)
        r.wait_screen("identify")
        _card_in(stage)
        r.wait_screen("form", timeout=15)
        stage.shot(f"{code}-form-zh_TW")
        r.click(first)
        _type_phone(stage)
        r.wait_screen("confirm")
        r.click("confirmApplication")
        r.wait_screen("submitted", timeout=15)
        _card_out(stage)
        r.click("homeButton")
        _rate(stage, "satisfied")
        r.wait_screen("attract")


def ss_card_application(stage) -> None:
    """社保卡申领补换: ID card, the live face compared with the card's photo by the hall,
    that photo for the new card, the application delivered."""
    r = stage.robot
    stage.sim.camera.set_scene("face")
    r.open_service("ss_card_application")
    r.wait_screen("identify")
    _card_in(stage)
    r.wait_for(lambda: stage.controller.parts["ident"].faceStep, 15, "the face step")
    stage.shot("identify-face")
    r.wait_screen("form", timeout=30)
    r.click("option_first")
    r.wait_for(lambda: r.find("option_hall") is not None, 5, "the delivery question")
    r.click("option_hall")
    _type_phone(stage)
    r.wait_for(lambda: r.find("formPhoto") is not None, 5, "the photo")
    stage.shot("form-photo")
    r.click("usePhoto")
    r.wait_screen("confirm")
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    _card_out(stage)
    r.click("homeButton")
    _rate(stage)


def appointment_already_used(stage) -> None:
    """The second seed citizen, whose booking the QR journey checked in, comes back with
    their Hong Kong resident's permit: told the booking already has its number."""
    r = stage.robot
    r.open_service("appointment_checkin")
    r.wait_screen("identify")
    stage.sim.idcard.insert(sample_hmt_card())
    r.wait_screen("appointments", timeout=15)
    checkin = stage.controller.parts["checkin"]
    r.wait_for(lambda: not checkin.loading, 15, "the appointments")
    if [a["status"] for a in checkin.appointments] != ["checked_in"]:
        raise AssertionError(f"expected the used booking, got {checkin.appointments}")
    stage.shot("appointment-used")
    _card_out(stage)
    r.click("homeButton")


def paper_out(stage) -> None:
    """The printer runs out of paper: the citizen is told before choosing."""
    r = stage.robot
    stage.sim.printer.set_paper("out")
    r.wait_for(lambda: not stage.controller.ticketService["available"], 10,
               "the paper-out state to reach the screen")
    stage.shot("attract-paper-out")
    r.click("attractArea")
    r.wait_screen("home")
    stage.shot("home-paper-out")
    r.click("homeButton")
    r.wait_screen("attract")
    stage.sim.printer.set_paper("ok")
    r.wait_for(lambda: stage.controller.ticketService["available"], 10,
               "the printer back in service")


JOURNEYS = (queue_ticket_online, queue_ticket_offline_elder_english, locker_pickup,
            ss_payment_history, ss_card_query, ss_certificate, property_register_extract,
            more_certificates, card_loss_report, appointment_checkin_card,
            appointment_checkin_qr, appointment_already_used, vehicle_tax,
            medical_enrolment_elder, medical_stop_and_change, ss_card_application,
            service_guide, paper_out)
