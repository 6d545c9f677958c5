"""社保缴费记录查询 through the real screens: ID card, the hall's rows in a paged table,
printed on the receipt printer; and plain words when the hall cannot answer."""
from drivers.idcard.sim import sample_resident_card


def query(k):
    r = k.robot
    r.open_service("ss_payment_history")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("results", timeout=20)
    return r


def results(k):
    return k.controller.parts["query"].results


def test_payment_history_paged_and_printed(make_kiosk):
    k = make_kiosk(hall=True)
    r = query(k)
    res = results(k)
    assert res["ok"] and res["total"] >= 12 and res["pages"] >= 2
    assert res["columns"][0] == "月份" and len(res["rows"]) == 6
    assert "共" in r.text_of("resultsTitle")
    first = res["rows"][0][0]
    r.click("nextPage")
    assert results(k)["page"] == 1 and results(k)["rows"][0][0] != first
    r.click("printResults")
    r.wait_for(lambda: "已打印" in results(k)["printStatus"], 15, "printed")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert "社保缴费记录查询" in receipt.text and first in receipt.text
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}            # the rows are gone too


def test_elder_mode_pages_fewer_rows_and_every_button_fits(make_kiosk):
    k = make_kiosk(hall=True)
    k.robot.click("elderToggle")
    r = query(k)
    assert len(results(k)["rows"]) == 4
    for name in ("printResults", "homeButton", "nextPage"):
        item = r.item(name)
        assert item.mapToScene(item.boundingRect().bottomRight()).y() <= k.ui.window.height(), name
    r.click("homeButton")
    r.wait_screen("rating")


def test_the_hall_not_answering_is_said_plainly(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    r.open_service("ss_payment_history")
    r.wait_screen("identify")
    k.sim.hall.stop()                                      # gone between choice and card
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("results", timeout=20)
    assert not results(k)["ok"]
    assert "暂时查不到" in r.text_of("resultsTitle")


def test_in_english_and_traditional_chinese_no_hall_word_stays_simplified(make_kiosk):
    """The hall answers in Simplified Chinese (养老保险, 已到账): the table says its words
    in the citizen's language (kiosk/core/queries.py ``values``)."""
    import re

    k = make_kiosk(hall=True)
    k.robot.click("attractArea")
    k.robot.wait_screen("home")
    k.robot.click("lang_en")
    query(k)
    rows = results(k)["rows"]
    assert rows and all(row[1] == "Pension" and row[-1] == "Received" for row in rows), rows
    assert not any(re.search(r"[\u4e00-\u9fff]", cell) for row in rows for cell in row)
    k.robot.click("lang_zh_TW")
    k.robot.process(0.3)
    rows = results(k)["rows"]
    assert rows[0][1] == "養老保險" and rows[0][-1] == "已到賬"
