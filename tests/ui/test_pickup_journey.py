"""自助取件 through the real screens: the SMS code on our keypad, the ID card, the door
opens on the simulated locker bus; wrong codes, retries, the rating reasons."""
import requests

from drivers.idcard.sim import sample_resident_card
from offline_cache import caches, db

CODE = "246810"      # the reference hall's seeded code for door 1 of this terminal


def type_code(robot, code):
    for digit in code:
        robot.click(f"key_{digit}")


def ready(k):
    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    k.robot.wait_for(lambda: caches.get(conn, "locker_assignments") is not None, 15,
                     "the locker assignments from the hall")
    k.robot.wait_for(lambda: k.terminal.devices["lockers"].status.usable, 10, "the lockers")
    conn.close()


def start_pickup(r):
    r.wait_screen("attract")
    r.open_service("locker_pickup")
    r.wait_screen("pickup_code")


def test_pickup_with_code_and_card_opens_the_door(make_kiosk):
    k = make_kiosk(kinds=("idcard", "receipt", "locker"), hall=True)
    ready(k)
    r = k.robot
    start_pickup(r)
    type_code(r, "2468")
    assert "2 4 6 8" in r.text_of("keypadDisplay").replace("_", "")
    r.click("keypadConfirm")                         # 4 digits: not accepted yet
    assert k.controller.screen == "pickup_code"
    type_code(r, "10")
    r.click("keypadConfirm")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pickup_result", timeout=15)
    assert "1 号柜门已打开" in r.text_of("pickupDoor")
    assert k.sim.locker.is_open(1, 1)
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_very_dissatisfied")
    r.wait_screen("rating_reason")
    r.click("reason_hard_to_use")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}
    # The rating, with its reason, reaches the hall.
    admin = {"Authorization": f"Bearer {k.sim.hall.admin_token}"}

    def rated():
        got = requests.get(f"{k.sim.hall.url}/admin/v1/transactions",
                           params={"kind": "rating"}, headers=admin, timeout=5).json()
        return [t["payload"] for t in got["transactions"]]

    k.terminal.sync.trigger(force=True)
    r.wait_for(lambda: rated(), 15, "the rating at the hall")
    assert rated()[0]["level"] == "very_dissatisfied"
    assert rated()[0]["reason"] == "hard_to_use"
    assert rated()[0]["service"] == "locker_pickup"


def test_a_wrong_code_can_be_corrected_without_the_card_again(make_kiosk):
    k = make_kiosk(kinds=("idcard", "receipt", "locker"), hall=True)
    ready(k)
    r = k.robot
    start_pickup(r)
    type_code(r, "111111")
    r.click("keypadConfirm")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pickup_result", timeout=15)
    assert "取件码和身份证对不上" in r.text_of("pickupMessage")
    assert not k.sim.locker.is_open(1, 1)
    r.click("pickupRetry")
    r.wait_screen("pickup_code")
    r.click("key_clear")
    type_code(r, CODE)
    r.click("keypadConfirm")
    r.wait_screen("pickup_result", timeout=15)      # straight on: the card was read
    assert k.sim.locker.is_open(1, 1)


def test_pickup_is_unavailable_when_the_lockers_are_gone(make_kiosk):
    k = make_kiosk(kinds=("idcard", "receipt", "locker"), hall=True)
    ready(k)
    k.sim.locker.vanish()
    r = k.robot
    r.wait_for(lambda: not next(s for s in k.controller.services
                                if s["code"] == "locker_pickup")["available"], 10,
               "the pickup service to go out")
    r.click("attractArea")
    r.wait_screen("home")
    reason = next(s for s in k.controller.services if s["code"] == "locker_pickup")["reason"]
    assert "取件柜" in reason
    assert next(s for s in k.controller.services if s["code"] == "queue_ticket")["available"]
