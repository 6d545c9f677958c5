"""The hall changes the catalog and this kiosk's services (a real hall process, its
operator API): the terminal shows the change between two citizens, never under one's
hands, keeps it offline and after a restart, and refuses a broken entry on its own."""
import logging
import tomllib

from kiosk.core import config
from kiosk.core.terminal import Terminal

KINDS = ("idcard", "receipt", "docprinter")


def shipped_catalog() -> dict:
    with open(config.load().catalog_path, "rb") as f:
        return tomllib.load(f)


def hall_update(k, doc, kiosk_config=None, *, until):
    """The operator's change, then the kiosk's next sync round brings it: ``until`` is
    true of the terminal's waiting catalog once it has."""
    k.sim.hall.admin("PUT", "/catalog", doc)
    if kiosk_config is not None:
        k.sim.hall.admin("PUT", f"/kiosks/{k.terminal.config.kiosk_id}/config", kiosk_config)
    k.terminal.sync.trigger(force=True)
    k.robot.wait_for(lambda: until(k.terminal.catalog_state.catalog), 20,
                     "the hall's change fetched")


def codes(catalog) -> set[str]:
    return {s.code for s in catalog.services}


def tile_names(k) -> dict[str, str]:
    """The home screen's tiles as the citizen sees them: topics, and a topic of one
    service as that service."""
    return {t["code"]: t["name"] for t in k.controller.parts["home"]._tiles()}


def queue_topic(k) -> dict[str, str]:
    """Touch the 排队取号 topic and read its services' tiles, then go back."""
    k.robot.click("group_queue")
    names = tile_names(k)
    k.robot.click("groupBack")
    return names


def test_the_halls_change_shows_after_the_citizen_leaves(make_kiosk, caplog):
    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    before = tile_names(k)
    assert "service_guide" in before
    assert queue_topic(k)["queue_ticket"] == "排队取号"

    doc = shipped_catalog()
    by_code = {s["code"]: s for s in doc["services"]}
    by_code["queue_ticket"]["name"]["zh_CN"] = "取号排队"
    by_code["ss_certificate"]["offline"] = "maybe"      # broken: the kiosk's own entry stays
    caplog.set_level(logging.WARNING)
    hall_update(k, doc, {"enabled_services": [c for c in by_code if c != "service_guide"]},
                until=lambda c: "service_guide" not in codes(c)
                and c.service("queue_ticket").label("zh_CN") == "取号排队")

    # A citizen is on the home screen: nothing moves under their hands.
    r.process(1.0)
    assert tile_names(k) == before
    assert queue_topic(k)["queue_ticket"] == "排队取号"
    assert any("'ss_certificate'" in rec.getMessage() and "offline" in rec.getMessage()
               for rec in caplog.records), "the refused entry is in the technician's log"

    r.click("homeButton")                               # 结束办理
    r.wait_screen("attract")
    r.click("attractArea")
    r.wait_screen("home")
    assert "service_guide" not in tile_names(k)
    assert queue_topic(k)["queue_ticket"] == "取号排队"
    assert k.terminal.catalog.service("ss_certificate").offline is False
    r.open_service("queue_ticket")
    r.wait_screen("category")


def test_kept_offline_and_after_a_restart(make_kiosk):
    k = make_kiosk(kinds=KINDS, hall=True)
    doc = shipped_catalog()
    doc["services"] = [s for s in doc["services"] if s["code"] != "locker_pickup"]
    hall_update(k, doc, until=lambda c: "locker_pickup" not in codes(c))
    k.sim.hall.stop()
    k.robot.wait_for(lambda: k.controller.screen == "attract", 2, "attract")
    k.robot.wait_for(lambda: "locker_pickup" not in tile_names(k), 5, "the change shown")

    # The terminal restarts with the hall still away: the hall's catalog, from its database.
    k.terminal.stop()
    again = Terminal(k.terminal.config, poll_interval=0.2)
    try:
        assert again.catalog_state.source == "hall"
        assert "locker_pickup" not in [s.code for s in again.catalog.services]
    finally:
        again.stop()


def test_the_halls_announcements_on_the_idle_screen(make_kiosk):
    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    # The hall's default config greets with the opening hours.
    r.wait_for(lambda: r.find("announcement_0") is not None, 20, "the hall's announcement")
    assert "工作时间" in r.text_of("announcement_0")
    k.sim.hall.admin("PUT", f"/kiosks/{k.terminal.config.kiosk_id}/config", {
        "announcements": [{"id": "closed", "text": {"zh_CN": "今天下午不动产窗口暂停办理",
                                                    "en": "No real estate desk today"}},
                          {"id": "broken", "text": "not a table"}]})
    k.terminal.sync.trigger(force=True)
    r.wait_for(lambda: r.find("announcement_0") is not None
               and "不动产" in r.text_of("announcement_0"), 20, "the new announcement")
    assert r.find("announcement_1") is None
    r.screenshot(k.terminal.config.data_dir / "attract.png")


def test_the_halls_timeouts_apply_between_citizens(make_kiosk):
    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    k.sim.hall.admin("PUT", f"/kiosks/{k.terminal.config.kiosk_id}/config",
                     {"timeouts": {"session_s": 40, "warning_s": 10, "card_wait_s": 20}})
    k.terminal.sync.trigger(force=True)
    r.wait_for(lambda: k.terminal.hall_changes_waiting, 20, "the hall's timeouts fetched")
    assert k.controller.flow.inactivity.timeout_s == 90      # not under this citizen
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.flow.inactivity.timeout_s == 40
    assert k.controller.flow.inactivity.warning_s == 10
    assert k.terminal.session_settings.card_wait_s == 20
    k.controller.setElderMode(True)                          # elder mode still stretches it
    assert k.controller.flow.inactivity.remaining() > 40
