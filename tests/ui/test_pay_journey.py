"""车船税缴纳 through the real screens, with the real reference hall in its own process:
ID card -> the vehicles and their tax -> the order's QR code on screen -> the citizen
pays on the phone (settled here through the hall's operator API) -> the receipt on the
receipt printer simulator. Cancel, expiry, and the hall going away at each step."""
import re
from datetime import timedelta

from drivers.idcard.sim import sample_resident_card
from kiosk.ui.parts import payment as payment_part

SHOTS = "/tmp/pay"
SERVICE = "vehicle_vessel_tax"


def admin(k, method, path, body):
    return k.sim.hall.admin(method, path, body)


def pay(k):
    return k.controller.parts["pay"]


def to_items(k):
    r = k.robot
    r.open_service(SERVICE)
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pay_items", timeout=20)
    r.wait_for(lambda: not pay(k).dues["loading"], 15, "the dues")
    return r


def item_of(k, plate):
    return next(i for i in pay(k).dues["items"] if i["plate"] == plate)


def order_id(k):
    return k.controller.flow.session.payment["order"]["order_id"]


def settle(k, status="paid"):
    admin(k, "POST", f"/payments/{order_id(k)}/status", {"status": status})


def test_paid_with_the_phone_and_the_receipt_printed(make_kiosk):
    k = make_kiosk(hall=True)
    admin(k, "PUT", "/faults", {"latency_s": 1.2})          # a slow hall: the spinner shows
    r = k.robot
    r.open_service(SERVICE)
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pay_items", timeout=20)
    r.wait_for(lambda: pay(k).dues["slow"], 5, "the spinner")
    r.item("payLoading")
    r.screenshot(f"{SHOTS}/items_loading.png")
    r.wait_for(lambda: not pay(k).dues["loading"], 15, "the dues")
    admin(k, "PUT", "/faults", {})
    items = pay(k).dues["items"]
    assert [(i["plate"], i["amount"], i["due"]) for i in items] == [
        ("粤A·12345", "¥360.00", True), ("粤A·6B789", "¥480.00", True)]
    r.screenshot(f"{SHOTS}/items.png")

    r.click("payItem_" + items[0]["itemId"])
    r.wait_screen("paying")
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    assert r.item("payQr").width() >= 500
    assert pay(k).order["qr"].startswith("data:image/png;base64,")
    assert "¥360.00" in r.text_of("payAmount") and "粤A·12345" in r.text_of("payVehicle")
    # 15 minutes to pay, as a duration (issue 13: "14:59" read as a clock time).
    assert re.search(r"剩余 1[45] 分 \d{1,2} 秒", r.text_of("payCountdown")), \
        r.text_of("payCountdown")
    assert not re.search(r"\d:\d\d", r.text_of("payCountdown"))
    r.screenshot(f"{SHOTS}/paying.png")
    assert k.controller.flow.tick() == "active"                  # never times out here
    paid_order = order_id(k)
    settle(k)
    r.wait_screen("pay_result", timeout=10)
    out = pay(k).outcome
    assert out["title"] == "缴费成功" and out["orderId"] == paid_order and out["printed"]
    assert paid_order in r.text_of("payOrderId")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert paid_order in receipt.text and "粤A·12345" in receipt.text and "360.00" in receipt.text
    assert out["canPayMore"]                                     # the second vehicle
    r.screenshot(f"{SHOTS}/paid.png")
    # The payment reaches the hall as a transaction, holder and plate included.
    r.wait_for(lambda: any(t["payload"].get("order_id") == paid_order for t in admin(
        k, "GET", "/transactions?kind=payment", None)["transactions"]), 20, "the transaction")
    sent = [t for t in admin(k, "GET", "/transactions?kind=payment", None)["transactions"]]
    assert len(sent) == 1 and sent[0]["payload"]["plate"] == "粤A·12345"

    r.click("payMore")                                           # the other vehicle
    r.wait_screen("pay_items")
    r.wait_for(lambda: not pay(k).dues["loading"], 15, "the dues")
    assert {i["plate"]: i["due"] for i in pay(k).dues["items"]} == {
        "粤A·12345": False, "粤A·6B789": True}
    r.click("payItem_" + items[0]["itemId"])                     # paid: not touchable
    assert k.controller.screen == "pay_items"
    r.click("payItem_" + items[1]["itemId"])
    r.wait_screen("paying")
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    settle(k)
    r.wait_screen("pay_result", timeout=10)
    k.sim.printer.wait_for_receipt(2, timeout=10)
    assert not pay(k).outcome["canPayMore"]
    r.click("homeButton")
    r.wait_screen("rating")
    # Gone before the rating (the masked greeting is the hub's, until the session ends).
    assert set(k.controller.personal_data()) <= {"greeting"}
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
    assert len(k.sim.printer.receipts) == 2
    # Next time, nothing is due.
    k.sim.idcard.remove()
    to_items(k)
    assert r.text_of("payItemsMessage") == "您名下没有需要缴纳的车船税"
    r.screenshot(f"{SHOTS}/items_none.png")
    r.click("homeButton")
    r.wait_screen("rating")


def test_cancel_before_paying_and_cancel_just_after_paying(make_kiosk):
    k = make_kiosk(hall=True)
    r = to_items(k)
    item = item_of(k, "粤A·12345")["itemId"]
    r.click("payItem_" + item)
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    r.click("payCancel")
    r.wait_screen("pay_items", timeout=10)
    r.wait_for(lambda: not pay(k).dues["loading"], 15, "the dues")
    assert "没有扣款" in r.text_of("payNotice")
    assert k.sim.printer.receipts == []
    # Paid on the phone a moment before touching cancel: paid all the same; and when
    # the receipt does not print, the payment stands and the citizen is told so.
    r.click("payItem_" + item)
    r.wait_screen("paying")
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    k.sim.printer.set_paper("out")
    settle(k)
    r.click("payCancel")
    r.wait_screen("pay_result", timeout=10)
    assert pay(k).outcome["status"] == "paid"
    assert r.text_of("payReceipt") == "⚠ 凭条没有打印出来，缴费已成功，可到 8 号窗口（税务）补打"
    assert order_id(k) in r.text_of("payOrderId")
    r.screenshot(f"{SHOTS}/paid_no_receipt.png")
    assert k.sim.printer.receipts == []
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_an_expired_order_takes_nothing_and_a_new_one_can_be_opened(make_kiosk):
    k = make_kiosk(hall=True)
    r = to_items(k)
    r.click("payItem_" + item_of(k, "粤A·12345")["itemId"])
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    first = order_id(k)
    admin(k, "PUT", "/faults", {"clock_offset_s": 1000})       # the hall's 15 minutes pass
    r.wait_screen("pay_result", timeout=10)
    assert pay(k).outcome["status"] == "expired"
    assert "支付已超时，没有扣款，请重新办理" in r.text_of("payResultMessage")
    r.screenshot(f"{SHOTS}/expired.png")
    admin(k, "PUT", "/faults", {})
    r.click("payRetry")
    r.wait_screen("paying")
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the new QR code")
    assert order_id(k) != first
    r.click("payCancel")
    r.wait_screen("pay_items", timeout=10)
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
    assert k.sim.printer.receipts == []


def hall_away_at_the_dues(k):
    """车船税缴纳 with the hall gone between the card and its dues: on the items screen
    once the notice says so."""
    r = k.robot
    r.open_service(SERVICE)
    r.wait_screen("identify")
    k.sim.hall.stop()
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pay_items", timeout=20)
    r.wait_for(lambda: not pay(k).dues["loading"], 15, "the dues")
    return r


def test_the_hall_away_while_the_dues_load_is_said_plainly(make_kiosk):
    k = make_kiosk(hall=True)
    r = hall_away_at_the_dues(k)
    assert r.text_of("payItemsMessage") == "⚠ 需要联网办理，网络暂时不通，请到 8 号窗口（税务）办理"
    r.screenshot(f"{SHOTS}/items_offline.png")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_the_hall_away_while_polling_then_back_in_elder_mode(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.click("elderToggle")
    to_items(k)
    r.screenshot(f"{SHOTS}/items_elder.png")
    r.click("payItem_" + item_of(k, "粤A·12345")["itemId"])
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    r.screenshot(f"{SHOTS}/paying_elder.png")
    k.sim.hall.stop()
    r.wait_for(lambda: pay(k).order["network"] != "", 10, "the network notice")
    assert r.text_of("payNetwork").endswith("网络不稳定，正在重试…")
    assert k.controller.screen == "paying"                        # never a failure
    r.screenshot(f"{SHOTS}/paying_network_elder.png")
    r.process(3)                                                  # still polling, still paying
    assert k.controller.screen == "paying"
    k.sim.hall.start()                                            # back, same database
    settle(k)
    r.wait_screen("pay_result", timeout=15)
    assert pay(k).outcome["status"] == "paid"
    k.sim.printer.wait_for_receipt(1, timeout=10)
    r.screenshot(f"{SHOTS}/paid_elder.png")
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_the_hall_gone_at_expiry_sends_the_citizen_to_the_counter(make_kiosk, monkeypatch):
    monkeypatch.setattr(payment_part, "GRACE_S", 3.0)
    k = make_kiosk(hall=True)
    r = to_items(k)
    # The terminal's clock is already past the order's expiry when it opens.
    now = k.terminal._now
    monkeypatch.setattr(k.terminal, "_now", lambda: now() + timedelta(minutes=20))
    r.click("payItem_" + item_of(k, "粤A·12345")["itemId"])
    r.wait_for(lambda: pay(k).order["qr"] != "", 15, "the QR code")
    k.sim.hall.stop()
    r.wait_screen("pay_result", timeout=15)
    out = pay(k).outcome
    assert out["status"] == "unknown" and out["title"] == "请到 8 号窗口（税务）核实缴费结果"
    assert out["orderId"] in r.text_of("payOrderId") and not out["canRetry"]
    r.screenshot(f"{SHOTS}/unknown.png")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
