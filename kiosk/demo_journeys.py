"""The citizen journeys ``kiosk demo --headless`` runs, in order: each a function of a
:class:`kiosk.demo.Stage`, driving the real window by touches against the simulators and
a local reference hall. Each starts and ends on the attract screen.

Together they pass every service of the shipped catalog once, the main screens in
Chinese, in elder mode and in another language, and the failure paths a citizen meets
most (the hall away, the printer out of paper).
"""
from __future__ import annotations

import time

from drivers.idcard.sim import sample_resident_card


def _card_in(stage) -> None:
    stage.sim.idcard.insert(sample_resident_card())


def _card_out(stage) -> None:
    stage.sim.idcard.remove()


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
    stage.note(f"hall up: ticket {stage.controller.ticket['number']} numbered by the hall "
               "(online)")
    stage.sim.printer.wait_for_receipt(1, timeout=10)
    _card_out(stage)
    r.click("ticketTaken")
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
    stage.note(f"hall stopped: ticket {stage.controller.ticket['number']} numbered from a "
               "block leased earlier (offline)")
    r.click("ticketTaken")
    r.wait_screen("rating")
    r.click("skipRating")
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
    r.click("pickupDone")
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
    r.click("resultsDone")
    r.wait_screen("rating")
    r.click("skipRating")


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
    r.click("documentTaken")
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
    r.click("applicationDone")
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
    r.wait_for(lambda: stage.controller.guide.get("printStatus", "").startswith("已打印"), 15,
               "the guide printed")
    stage.shot("guide-detail-printed")
    r.click("guideDone")
    r.wait_screen("rating")
    r.click("skipRating")


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
            ss_payment_history, ss_certificate, property_register_extract, card_loss_report,
            service_guide, paper_out)
