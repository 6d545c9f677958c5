"""The citizen flow as a state machine: navigation, identity, timeouts, data disposal."""
import pytest

from kiosk.core import catalog as catalog_mod
from kiosk.core.config import SHIPPED_CONFIG_DIR, SessionSettings
from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.identify import IdentityResult


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def flow(clock):
    cat = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml")
    return KioskFlow(cat, SessionSettings(timeout_s=90, warning_s=20, elder_factor=2.0), clock)


def card(holder="h", method="id_card"):
    """A successful identification as kiosk.core.identify.Identifier returns it."""
    return IdentityResult("ok", method, holder, "张*", object())


def walk_to_identify(flow, kind="accept"):
    flow.start()
    flow.choose_service("queue_ticket")
    flow.choose_category("registration")
    return flow.choose_kind(kind)


def test_application_ticket_needs_the_card(flow):
    assert walk_to_identify(flow) == Screen.IDENTIFY
    assert not flow.identity_optional
    assert flow.identity_plan.methods == ("id_card",)
    with pytest.raises(FlowError):
        flow.skip_identity()
    with pytest.raises(FlowError):              # failures stay on the identify screen
        flow.card_read(IdentityResult("no_card", "id_card", notice="id_card_absent"))
    read = card()
    assert flow.card_read(read) == Screen.ISSUING
    assert (flow.session.identity, flow.session.card, flow.session.holder) == (
        read, read.card, "h")
    assert flow.ticket_ready(object()) == Screen.TICKET
    assert flow.session.card is None           # not kept once the ticket exists
    assert flow.session.identity is None
    assert flow.ticket_taken() == Screen.RATING
    assert flow.end() == Screen.ATTRACT
    assert not flow.session.holds_personal_data()


def test_consultation_may_skip_identification(flow):
    walk_to_identify(flow, "consult")
    assert flow.identity_optional
    assert flow.identity_plan.methods == ("id_card", "none")   # a card is still welcome
    assert flow.skip_identity() == Screen.ISSUING
    assert flow.session.identity is None


def test_a_card_result_after_leaving_is_dropped(flow):
    walk_to_identify(flow)
    flow.back()
    assert flow.screen == Screen.KIND
    assert flow.card_read(card()) == Screen.KIND
    assert not flow.session.holds_personal_data()


def test_back_from_home_ends_the_session(flow):
    flow.start()
    assert flow.back() == Screen.ATTRACT


def test_inactivity_warns_20s_ahead_then_ends_and_drops_personal_data(flow, clock):
    walk_to_identify(flow)
    flow.card_read(card("secret"))
    flow.ticket_ready(object())
    flow.session.holder = "secret"
    clock.t += 69
    assert flow.tick() == "active"
    clock.t += 2                               # 19 s left
    assert flow.tick() == "warning"
    flow.touch()                               # "continue" pressed
    assert flow.tick() == "active"
    clock.t += 91
    assert flow.tick() == "expired"
    assert flow.screen == Screen.ATTRACT
    assert not flow.session.holds_personal_data()
    assert flow.session.ticket is None


def test_elder_mode_doubles_the_time(flow, clock):
    """The session (90 s -> 180 s) and its warning (20 s -> 40 s) alike."""
    flow.start()
    flow.set_elder_mode(True)
    clock.t += 130
    assert flow.tick() == "active"             # 50 s of 180 left
    clock.t += 15                              # 35 s left: warned (it was 20 s in elder mode)
    assert flow.tick() == "warning"


def test_attract_and_issuing_never_time_out(flow, clock):
    clock.t += 10_000
    assert flow.tick() == "active"
    walk_to_identify(flow, "consult")
    flow.skip_identity()
    clock.t += 10_000
    assert flow.tick() == "active" and flow.screen == Screen.ISSUING


def test_wrong_screen_calls_are_refused(flow):
    with pytest.raises(FlowError):
        flow.choose_category("registration")
    flow.start()
    with pytest.raises(KeyError):
        flow.choose_service("no_such_service")


def test_pickup_flow_code_then_card_then_door(flow):
    flow.start()
    assert flow.choose_service("locker_pickup") == Screen.PICKUP_CODE
    with pytest.raises(FlowError):
        flow.enter_pickup_code("12a4")
    assert flow.enter_pickup_code("246810") == Screen.IDENTIFY
    assert not flow.identity_optional
    assert flow.session.holds_personal_data()          # the code itself
    assert flow.card_read(card()) == Screen.OPENING
    assert flow.pickup_done("wrong_code") == Screen.PICKUP_RESULT
    assert flow.session.pickup_code is None
    # Correcting the code does not ask for the card again.
    assert flow.retry_pickup_code() == Screen.PICKUP_CODE
    assert flow.enter_pickup_code("135790") == Screen.OPENING
    assert flow.pickup_done("ok", 7) == Screen.PICKUP_RESULT
    assert flow.session.pickup == {"outcome": "ok", "door": 7}
    assert not flow.session.holds_personal_data()
    assert flow.pickup_finished() == Screen.RATING


def test_back_from_identify_depends_on_the_flow(flow):
    flow.start()
    flow.choose_service("locker_pickup")
    flow.enter_pickup_code("246810")
    assert flow.back() == Screen.PICKUP_CODE
    assert flow.back() == Screen.HOME


def test_low_ratings_ask_why(flow):
    walk_to_identify(flow, "consult")
    flow.skip_identity()
    flow.ticket_ready(object())
    flow.ticket_taken()
    assert flow.rate("dissatisfied") == Screen.RATING_REASON
    assert flow.back() == Screen.RATING
    assert flow.rate("satisfied") == Screen.ATTRACT


def test_only_the_plans_methods_identify(flow):
    flow.start()
    flow.choose_service("ss_payment_history")
    assert flow.identity_plan.methods == ("id_card", "ss_card")
    with pytest.raises(FlowError):
        flow.card_read(IdentityResult("ok", "qr", credential="KIOSK-APPT:1"))
    assert flow.card_read(card(method="ss_card")) == Screen.QUERYING
    assert flow.session.identity.method == "ss_card" and flow.session.photo is None


def test_face_services_go_on_only_with_the_matched_photo(flow):
    flow.start()
    flow.choose_service("ss_card_application")
    assert flow.identity_plan.verify_face and not flow.identity_optional
    with pytest.raises(FlowError):
        flow.card_read(card())                 # the card alone is not enough
    assert flow.screen == Screen.IDENTIFY and not flow.session.holds_personal_data()
    assert flow.card_read(card(), photo=b"\xff\xd8live") != Screen.IDENTIFY
    assert flow.session.photo == b"\xff\xd8live"
    flow.end()
    assert not flow.session.holds_personal_data()


def test_qr_identification_has_no_holder(flow):
    flow.start()
    flow.choose_service("appointment_checkin")
    qr = IdentityResult("ok", "qr", credential="KIOSK-APPT:20250315-A012")
    assert flow.card_read(qr) == Screen.APPOINTMENTS
    s = flow.session
    assert (s.identity, s.card, s.holder) == (qr, None, None)
    assert s.identity.credential == "KIOSK-APPT:20250315-A012"


def test_back_from_identify_forgets_the_identification(flow):
    flow.start()
    flow.choose_service("locker_pickup")
    flow.enter_pickup_code("246810")
    flow.session.identity = card()             # e.g. a read that came in as they left
    assert flow.back() == Screen.PICKUP_CODE
    assert flow.session.identity is None and flow.session.pickup_code == "246810"
