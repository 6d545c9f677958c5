"""A whole service on the hardware keypad alone (arrow keys and Enter, no touch): the
queue ticket from the attract screen to the rating; the header's language and elder
mode and the back button. The focus is visible where it is (FocusRing), and a
dialog keeps it (the screen behind is out of reach)."""
from PySide6.QtCore import Qt

from drivers.idcard.sim import sample_resident_card


def ring_of(r):
    """The focus ring drawn in the control with the focus, if any is shown."""
    item = r.window.activeFocusItem()
    rings = [c for c in item.childItems() if c.property("control") is item] if item else []
    return [c for c in rings if c.isVisible()]


def test_a_queue_ticket_by_keypad_only(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.wait_screen("attract")
    r.press_by_keypad("attractArea")
    r.wait_screen("home")
    assert r.focused() == ""                       # a new screen: nothing focused yet
    r.key(Qt.Key_Down)
    assert r.focused() != "" and ring_of(r), "the focus is not drawn"
    r.press_by_keypad("group_queue")
    r.press_by_keypad("service_queue_ticket")
    r.wait_screen("category")
    r.press_by_keypad("category_registration")
    r.wait_screen("kind")
    r.press_by_keypad("kind_accept")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    assert r.text_of("ticketNumber") == "A3-001"
    r.press_by_keypad("homeButton")
    r.wait_screen("rating")
    r.press_by_keypad("rate_satisfied")
    r.wait_screen("attract")


def test_the_header_and_the_back_button_by_keypad(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.press_by_keypad("attractArea")
    r.wait_screen("home")
    r.press_by_keypad("elderToggle")
    assert k.controller.elderMode
    r.press_by_keypad("lang_en")
    r.wait_for(lambda: k.controller.language == "en", 3, "English")
    r.press_by_keypad("group_queue")
    r.press_by_keypad("service_queue_ticket")
    r.wait_screen("category")
    r.press_by_keypad("backButton")
    r.wait_screen("home")
    r.key(Qt.Key_Up)                               # backwards too: the chain's last control
    assert r.focused() != ""


def test_a_dialog_keeps_the_keypad(make_kiosk):
    k = make_kiosk(timeout_s=30.0, warning_s=20.0)
    r = k.robot
    r.press_by_keypad("attractArea")
    r.wait_screen("home")
    r.wait_for(lambda: k.controller.timeoutWarning, 20, "the timeout warning")
    # Any key is activity, as any touch is: the warning goes at the next tick. Before
    # that, the arrows find the dialog's button, not the screen behind it.
    r.key(Qt.Key_Down)
    assert r.focused() == "continueButton"
    r.key(Qt.Key_Up)
    assert r.focused() == "continueButton"
    r.key(Qt.Key_Return)
    assert not k.controller.timeoutWarning
