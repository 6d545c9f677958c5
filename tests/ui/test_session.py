"""Session rules on the real screens: timeout warning, data disposal, language, elder mode."""
import re

from drivers.idcard.sim import sample_resident_card

from .test_ticket_journey import go_to_identify, queue


def test_timeout_warns_then_returns_to_start_and_forgets(make_kiosk):
    k = make_kiosk(timeout_s=2.5, warning_s=2.0)
    r = k.robot
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    assert k.controller.personal_data() == {"greeting": k.controller.holderGreeting}
    r.wait_for(lambda: k.controller.timeoutWarning, 5, "the timeout warning")
    # It says what will happen (the session ends, the form is dropped), not "返回首页".
    assert "秒后本次办理将结束，您填写的信息将被清除" in r.text_of("timeoutText")
    r.click("continueButton")
    assert not k.controller.timeoutWarning and k.controller.screen == "ticket"
    r.wait_screen("attract", timeout=10)
    assert k.controller.personal_data() == {}
    assert queue(k).ticket["number"] == "" and queue(k).choice == ""


def test_language_switch_reaches_every_string(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.click("lang_en")
    r.click("attractArea")
    r.wait_screen("home")
    assert k.controller.services[0]["name"] == "Take a queue number"
    r.open_service("queue_ticket")
    r.wait_screen("category")
    names = [c["name"] for c in queue(k).categories]
    assert names[0] == "Registration"
    r.click("lang_zh_TW")
    assert queue(k).categories[0]["name"] == "註冊登記類"
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.language == "zh_CN"          # the next citizen starts in Chinese


def test_elder_mode_enlarges_text_and_targets(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    normal = r.item("group_queue").height()
    r.click("elderToggle")
    r.process(0.2)
    assert k.ui.theme.bodySize >= 30 and k.ui.theme.labelSize >= 30
    assert r.item("group_queue").height() > normal
    assert r.item("homeButton").height() >= 60 and r.item("lang_en").height() >= 60
    r.click("homeButton")
    r.wait_screen("attract")
    assert not k.controller.elderMode


def test_topics_then_services_never_run_off_the_screen(make_kiosk):
    """Elder mode: the topics (six a page) and a topic's services all fit on screen; back
    from a topic returns to the topics, and from a service to its topic."""
    k = make_kiosk()
    r = k.robot
    r.click("elderToggle")
    r.click("attractArea")
    r.wait_screen("home")

    def on_screen(name):
        item = r.item(name)
        return item.mapToScene(item.boundingRect().bottomRight()).y() <= k.ui.window.height()

    assert r.find("service_service_guide") is None             # on the second page
    r.click("servicesNext")
    assert on_screen("service_service_guide")
    r.click("servicesPrev")
    r.click("group_social_security")
    assert "社保服务" in k.controller.parts["home"].groupName
    assert all(on_screen(f"service_{c}") for c in
               ("ss_payment_history", "ss_certificate", "pension_certificate",
                "card_loss_report", "ss_card_application"))
    r.click("service_card_loss_report")
    r.wait_screen("identify")
    r.click("backButton")
    r.wait_screen("home")
    assert r.find("service_card_loss_report") is not None      # still in its topic
    r.click("groupBack")
    assert r.find("group_social_security") is not None


def test_a_jobs_late_result_never_reaches_the_next_citizen(make_kiosk):
    """Part.run, on the real worker pool and event loop: a result arrives on the GUI
    thread, an exception is handed over as the result, and a job still running when its
    session ends (a slow printer, a slow hall) is dropped, whichever part started it."""
    import threading

    k = make_kiosk()
    r = k.robot
    part = k.controller.parts["apply"]
    got = []

    def keep(result):
        got.append((result, threading.current_thread()))

    part.run(lambda: "reference", keep, "a quick job")
    part.run(lambda: 1 / 0, keep, "a failing job")
    r.wait_for(lambda: len(got) == 2, 5, "both results")
    # Two pool workers: either job may finish first.
    results = sorted(got, key=lambda g: isinstance(g[0], ZeroDivisionError))
    assert results[0][0] == "reference" and isinstance(results[1][0], ZeroDivisionError)
    assert {thread for _, thread in got} == {threading.main_thread()}

    release, late = threading.Event(), []
    r.click("attractArea")
    r.wait_screen("home")
    part.run(lambda: release.wait(5) and "old citizen's reference", late.append, "a slow job")
    r.click("homeButton")                       # 结束办理: the session ends meanwhile
    r.wait_screen("attract")
    release.set()
    r.process(0.5)
    assert late == []


def test_elder_mode_warns_longer_and_the_warning_is_spoken_as_shown(make_kiosk, speech):
    """Elder mode stretches the warning with the session (2x); with voice on, the warning
    is read once when it appears, the same sentence as on screen."""
    k = make_kiosk(timeout_s=4.0, warning_s=1.5)
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.click("elderToggle")                          # voice on with it
    assert k.controller.voiceOn
    k.controller.flow.touch()
    # Warned 3 s before the end (1.5 s x 2), not 1.5 s: seen with more than 1.5 s left.
    r.wait_for(lambda: k.controller.timeoutWarning, 8, "the timeout warning")
    assert k.controller.flow.inactivity.remaining() > 1.6
    shown = r.text_of("timeoutText")
    r.wait_for(lambda: any("秒后本次办理将结束" in text for text in speech.texts()), 5,
               "the warning read aloud")
    r.process(1.0)
    said = [m for m in speech.said() if "秒后本次办理将结束" in m[1]]
    assert len(said) == 1, said                     # once, not every second
    # What was said is what was shown (but for the seconds, which count down on screen).
    assert said[0][0] == "zh"
    assert re.sub(r"\d+", "N", said[0][1]) == re.sub(r"\d+", "N", shown)
    r.wait_screen("attract", timeout=10)


def test_one_clock_the_halls_on_screen_and_on_paper(make_kiosk, monkeypatch):
    """A terminal whose clock is set to UTC, a hall on +08:00 (China Standard Time): the
    header and the ticket show the same day and time, the hall's (they were 8 hours
    apart)."""
    import time
    from datetime import datetime, timedelta, timezone

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        k = make_kiosk()
        r = k.robot
        assert k.terminal.now().utcoffset() == timedelta(0)         # the terminal's clock
        go_to_identify(r)
        k.sim.idcard.insert(sample_resident_card())
        r.wait_screen("ticket", timeout=15)
        receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
        r.process(0.5)                  # the header's next tick
        hall = timezone(timedelta(hours=8))
        shown = {f"{datetime.now(hall) - timedelta(minutes=m):%Y-%m-%d  %H:%M}" for m in (0, 1)}
        assert r.text_of("headerClock") in shown
        printed = re.search(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d):\d\d", receipt.text)
        assert printed and f"{printed[1]}  {printed[2]}" in shown, receipt.text
    finally:
        monkeypatch.undo()
        time.tzset()
