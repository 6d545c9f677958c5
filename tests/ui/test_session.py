"""Session rules on the real screens: timeout warning, data disposal, language, elder mode."""
from drivers.idcard.sim import sample_resident_card

from .test_ticket_journey import go_to_identify


def test_timeout_warns_then_returns_to_start_and_forgets(make_kiosk):
    k = make_kiosk(timeout_s=2.5, warning_s=2.0)
    r = k.robot
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    assert k.controller.personal_data() == {"greeting": k.controller.holderGreeting}
    r.wait_for(lambda: k.controller.timeoutWarning, 5, "the timeout warning")
    assert "秒后将返回首页" in r.text_of("timeoutText")
    r.click("continueButton")
    assert not k.controller.timeoutWarning and k.controller.screen == "ticket"
    r.wait_screen("attract", timeout=10)
    assert k.controller.personal_data() == {}
    assert k.controller.ticket["number"] == "" and k.controller.choice == ""


def test_language_switch_reaches_every_string(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.click("lang_en")
    r.click("attractArea")
    r.wait_screen("home")
    assert k.controller.services[0]["name"] == "Take a queue number"
    r.click("service_queue_ticket")
    r.wait_screen("category")
    names = [c["name"] for c in k.controller.categories]
    assert names[0] == "Registration"
    r.click("lang_zh_TW")
    assert k.controller.categories[0]["name"] == "註冊登記類"
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.language == "zh_CN"          # the next citizen starts in Chinese


def test_elder_mode_enlarges_text_and_targets(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    normal = r.item("service_queue_ticket").height()
    r.click("elderToggle")
    r.process(0.2)
    assert k.ui.theme.bodySize >= 30 and k.ui.theme.labelSize >= 30
    assert r.item("service_queue_ticket").height() > normal
    assert r.item("homeButton").height() >= 60 and r.item("lang_en").height() >= 60
    r.click("homeButton")
    r.wait_screen("attract")
    assert not k.controller.elderMode


def test_services_page_instead_of_running_off_the_screen(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.click("elderToggle")
    r.click("attractArea")
    r.wait_screen("home")
    assert r.find("service_card_loss_report") is None          # 4 a page in elder mode
    r.click("servicesNext")
    tile = r.item("service_card_loss_report")
    bottom = tile.mapToScene(tile.boundingRect().bottomRight()).y()
    assert bottom <= k.ui.window.height()                      # fully on screen
    r.click("servicesPrev")
    assert r.find("service_queue_ticket") is not None
