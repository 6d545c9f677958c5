"""Who may enter technician mode and when: the PIN against the hall's salted hash, the
lockout after wrong PINs, the corner taps, VendorMode's request/acknowledge and the idle
exit (kiosk/core/tech/access.py). A fake clock: no sleeping."""
import pytest

from hall.settings import pin_hash
from kiosk.core.tech import access


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_pin_checked_against_the_halls_hash_format():
    encoded = pin_hash("246810")          # what the hall puts in the kiosk's config
    assert access.check_pin("246810", encoded)
    assert not access.check_pin("246811", encoded)
    with pytest.raises(access.PinFormatError):
        access.check_pin("246810", "md5$abc")
    with pytest.raises(access.PinFormatError):
        access.check_pin("246810", "sha1$1000$00$00")


def test_five_wrong_pins_lock_entry_for_the_configured_time():
    clock = Clock()
    encoded = pin_hash("246810", iterations=1000)
    gate = access.PinGate(lambda: (encoded, "technician"), lockout_s=60, clock=clock)
    outcomes = [gate.check("000000") for _ in range(5)]
    assert [o.outcome for o in outcomes] == ["wrong"] * 4 + ["locked"]
    assert [o.attempts_left for o in outcomes[:4]] == [4, 3, 2, 1]
    # Locked: even the right PIN is refused, and says for how long.
    clock.t += 59
    refused = gate.check("246810")
    assert refused.outcome == "locked" and 0 < refused.locked_for_s <= 1
    clock.t += 2
    assert gate.check("246810").outcome == "ok"
    # A right PIN starts the count anew.
    assert gate.check("1").attempts_left == 4


def test_no_hash_from_the_hall_refuses_every_pin():
    gate = access.PinGate(lambda: (None, "technician"))
    assert gate.check(access.SIMULATED_PIN).outcome == "no_pin"


def test_five_taps_in_three_seconds_open_the_entry():
    clock = Clock()
    taps = access.CornerTaps(clock=clock)
    for _ in range(4):
        assert not taps.tap()
        clock.t += 0.5
    assert taps.tap()
    # Slow taps never add up.
    for _ in range(10):
        clock.t += 1.0
        assert not taps.tap()


def test_entry_is_acknowledged_only_between_citizens_and_ends_when_idle():
    clock = Clock()
    mode = access.VendorMode(idle_s=120, clock=clock)
    mode.request("technician")
    assert mode.state == "requested"
    assert not mode.acknowledge(citizen_served=True)
    assert mode.state == "requested"
    assert mode.acknowledge(citizen_served=False) and mode.state == "active"
    clock.t += 119
    assert not mode.idle_expired()
    mode.touch()
    clock.t += 119
    assert not mode.idle_expired()
    clock.t += 2
    assert mode.idle_expired()
    assert mode.exit() == "technician" and mode.state == "off"
