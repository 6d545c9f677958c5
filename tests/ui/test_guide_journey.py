"""办事指南 through the real screens: browse by theme, search by pinyin initials on the
A-Z pad and by a common word, read a guide, print it on the receipt printer."""


def open_guides(k):
    r = k.robot
    r.wait_for(lambda: k.terminal.guides_ready, 10, "the guides loaded")
    r.open_service("service_guide")
    r.wait_screen("guides")
    return r


def guides(k):
    return k.controller.parts["guides"]


def test_browse_read_and_print_a_guide(make_kiosk):
    k = make_kiosk()
    r = open_guides(k)
    r.click("guideFacet_social_security")
    assert any(g["code"] == "ss_certificate" for g in guides(k).results)
    r.click("guide_ss_certificate")
    r.wait_screen("guide_detail")
    assert r.text_of("guideName") == "个人参保证明"
    assert guides(k).detail["materials"]
    r.click("printGuide")
    r.wait_for(lambda: "已打印" in guides(k).detail["printStatus"], 15, "the guide printed")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert "个人参保证明" in receipt.text and "所需材料" in receipt.text
    r.click("homeButton")
    r.wait_screen("rating")


def test_search_by_pinyin_initials_and_by_a_common_word(make_kiosk):
    k = make_kiosk()
    r = open_guides(k)
    r.click("guideTab_search")
    for letter in "SBJF":
        r.click(f"letter_{letter}")
    assert r.text_of("guideQuery") == "SBJF"
    assert guides(k).results[0]["code"] == "ss_payment_history"
    r.click("letter_clear")
    assert guides(k).results == []
    assert r.item("guideKeyword_3").height() >= 60  # a touch target
    r.click("guideKeyword_3")                       # 挂失, the loss report's first keyword
    assert guides(k).query == "挂失"
    assert guides(k).results[0]["code"] == "card_loss_report"
    r.click("lang_en")
    assert guides(k).results[0]["name"].lower().startswith("report")
    r.click("homeButton")
    r.wait_screen("attract")
    assert guides(k).query == ""                     # the next citizen starts afresh
