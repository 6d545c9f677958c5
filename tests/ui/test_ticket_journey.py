"""The queue-ticket journey through the real screens, by touches, to a printed receipt."""
import logging

from drivers.idcard.sim import sample_resident_card
from offline_cache import db, outbox


def go_to_identify(robot, category="registration", kind="accept"):
    robot.wait_screen("attract")
    robot.open_service("queue_ticket")
    robot.wait_screen("category")
    robot.click(f"category_{category}")
    robot.wait_screen("kind")
    robot.click(f"kind_{kind}")
    robot.wait_screen("identify")


def queue(k):
    return k.controller.parts["queue"]


def test_application_ticket_with_id_card_prints_the_issued_number(make_kiosk, caplog):
    caplog.set_level(logging.DEBUG)
    k = make_kiosk()
    r = k.robot
    card = sample_resident_card()
    go_to_identify(r)
    assert "等待读卡" in r.text_of("readingText")
    k.sim.idcard.insert(card)
    r.wait_screen("ticket", timeout=15)
    number = r.text_of("ticketNumber")
    assert number == "A3-001"
    assert "请取走凭条" in r.text_of("takeTicket")
    k.sim.printer.wait_for_receipt(1, timeout=10)
    receipt = k.sim.printer.receipts[0]
    assert number in receipt.text
    assert "注册登记类" in receipt.text and "受理" in receipt.text
    assert card.id_number not in receipt.text and card.name not in receipt.text
    assert receipt.png_path.exists()

    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    row = conn.execute("SELECT payload FROM outbox WHERE kind = 'ticket'").fetchone()
    assert number in row[0] and card.id_number not in row[0]

    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_satisfied")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
    assert k.controller.holderGreeting == "" and queue(k).ticket["number"] == ""
    r.wait_for(lambda: outbox.pending_count(conn) == 2, 5, "the rating transaction")
    assert card.id_number not in caplog.text


def test_consultation_ticket_skips_the_card(make_kiosk):
    k = make_kiosk()
    r = k.robot
    go_to_identify(r, "consultation", "consult")
    r.click("skipIdentity")
    r.wait_screen("ticket", timeout=15)
    assert r.text_of("ticketNumber") == "E3-001"
    k.sim.printer.wait_for_receipt(1, timeout=10)
    assert "E3-001" in k.sim.printer.receipts[0].text


def test_no_card_then_retry(make_kiosk):
    k = make_kiosk(card_wait_s=0.6)
    r = k.robot
    go_to_identify(r)
    r.wait_for(lambda: k.controller.parts["ident"].notice != "", 10, "the no-card notice")
    assert "没有读到身份证" in r.text_of("identifyNotice")
    k.sim.idcard.insert(sample_resident_card())
    r.click("retryCard")
    r.wait_screen("ticket", timeout=15)
    assert r.text_of("ticketNumber") == "A3-001"


def test_paper_out_is_told_before_choosing(make_kiosk):
    k = make_kiosk()
    r = k.robot
    k.sim.printer.set_paper("out")
    r.wait_for(lambda: not k.controller.ticketService["available"], 10, "paper out on screen")
    assert "打印机缺纸，请到窗口办理" in r.text_of("attractNotice")
    r.click("attractArea")
    r.wait_screen("home")
    # The topic's tile (取号 and 预约取号 both print) is greyed with the reason.
    tile = next(t for t in k.controller.parts["home"].tiles if t["code"] == "queue")
    assert not tile["available"] and "打印机缺纸" in tile["reason"]
    r.click("group_queue")                      # a disabled tile: nothing happens
    r.process(0.3)
    assert k.controller.screen == "home" and r.find("service_queue_ticket") is None
    assert "打印机缺纸" in k.controller.services[0]["reason"]
    k.sim.printer.set_paper("ok")
    r.wait_for(lambda: k.controller.ticketService["available"], 10, "paper loaded again")


def test_reader_unplugged_takes_out_only_card_kinds(make_kiosk):
    k = make_kiosk()
    r = k.robot
    k.sim.idcard.vanish()
    r.wait_for(lambda: not next(x for x in queue(k).kinds if x["code"] == "accept")
               ["available"], 10, "the reader to go offline")
    kinds = {x["code"]: x for x in queue(k).kinds}
    assert "身份证阅读器" in kinds["accept"]["reason"]
    assert kinds["consult"]["available"]
    k.sim.idcard.restore()
    r.wait_for(lambda: all(x["available"] for x in queue(k).kinds), 10,
               "the reader back online without a restart")


def test_gui_thread_keeps_running_while_devices_work(make_kiosk):
    """The reader's SAM takes a whole second; the GUI thread must keep turning frames
    meanwhile (a blocking read on it would show as a gap of a second or more)."""
    import time

    from PySide6.QtCore import QTimer

    k = make_kiosk()
    r = k.robot
    k.sim.idcard.sam_delay = 1.0
    gaps, last = [], [time.monotonic()]

    def beat():
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    last[0] = time.monotonic()
    timer.start()
    r.wait_screen("ticket", timeout=15)
    k.sim.printer.wait_for_receipt(1, timeout=10)
    timer.stop()
    assert len(gaps) > 50
    assert max(gaps) < 0.5, f"the GUI thread stalled for {max(gaps):.2f} s"


def test_an_offline_number_gives_no_queue_count_it_cannot_know(make_kiosk):
    """Numbered by the terminal itself (no hall), only its own tickets are known: the
    screen and the receipt send the citizen to the display instead of "0 ahead"."""
    k = make_kiosk()
    r = k.robot
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    assert r.text_of("ticketWaiting").endswith("等候人数请看叫号屏")
    assert "前面还有" not in r.text_of("ticketWaiting")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert "等候人数请看叫号屏" in receipt.text and "前面还有" not in receipt.text


def test_a_number_from_the_hall_says_how_many_wait(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    r.wait_for(lambda: k.terminal.hall_reachable, 20, "the hall")
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    assert "前面还有" in r.text_of("ticketWaiting")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert "前面还有" in receipt.text
