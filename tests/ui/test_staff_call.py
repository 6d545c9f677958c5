"""呼叫工作人员 on every screen: the hall hears of it (a staff_call device_event, which its
console shows as an alert), once a minute however often it is pressed, and the citizen
is told someone is coming, or, with the hall out of reach, to wave. And "请到窗口办理"
names the counter the hall set for the service."""
from .test_pay_journey import hall_away_at_the_dues


def staff_calls(k):
    got = k.sim.hall.admin("GET", "/transactions?kind=device_event", None)
    return [t["payload"] for t in got["transactions"] if t["payload"]["event"] == "staff_call"]


def test_a_staff_call_reaches_the_hall_and_the_citizen_is_told(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    r.wait_for(lambda: k.terminal.counters.name(None, "zh_CN"), 20, "the hall's config")
    r.wait_screen("attract")
    r.click("callStaff")                           # on the attract screen too
    assert "已通知工作人员" in r.text_of("staffCallText")
    assert k.controller.screen == "attract"        # the call starts no session
    r.wait_for(lambda: staff_calls(k), 15, "the call at the hall")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    r.click("callStaff")                           # again within the minute: not resent
    r.process(1.0)
    k.terminal.sync.trigger(force=True)
    r.process(1.0)
    calls = staff_calls(k)
    assert len(calls) == 1 and calls[0]["screen"] == "attract", calls


def test_with_the_hall_away_the_citizen_is_asked_to_wave(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    k.sim.hall.stop()
    k.terminal.sync.trigger(force=True)
    r.wait_for(lambda: not k.terminal.hall_reachable, 15, "the hall missed")
    r.click("callStaff")
    assert "招手" in r.text_of("staffCallText")


def test_go_to_the_counter_names_it(make_kiosk):
    k = make_kiosk(hall=True)
    r = k.robot
    r.wait_for(lambda: k.terminal.counters.name("vehicle_vessel_tax", "zh_CN"), 20,
               "the hall's config")
    hall_away_at_the_dues(k)
    assert r.text_of("payItemsMessage").endswith("请到 8 号窗口（税务）办理")
    r.click("lang_en")
    r.wait_for(lambda: "counter 8 (tax)" in r.text_of("payItemsMessage"), 5, "in English")


def test_the_header_fits_in_elder_mode_in_english(make_kiosk):
    """The longest header (English, elder mode, the call button too): the hall's name
    gives way to the controls instead of running under them."""
    k = make_kiosk()
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.click("elderToggle")
    r.click("lang_en")
    r.process(0.3)
    name, first = r.item("headerHallName"), r.item("lang_zh_CN")
    right = name.mapToScene(name.boundingRect().topRight()).x()
    assert name.property("contentWidth") <= name.width() + 1
    assert right <= first.mapToScene(first.boundingRect().topLeft()).x()
