"""The virtual card's answers to fixed APDUs (no pcscd needed): the simulator the driver
tests rely on behaves as hardware.md §2 describes a card."""
import pytest

from drivers.sscard import protocol as p
from drivers.sscard.sim import DEFAULT_ATR, VirtualSsCard

H = bytes.fromhex
OK = H("90 00")


def selected(generation=2, **faults) -> VirtualSsCard:
    card = VirtualSsCard(generation=generation)
    for name, value in faults.items():
        setattr(card, name, value)
    assert card.answer(p.SELECT_APP)[-2:] in (OK, H("61 13"))
    return card


def test_atr_has_a_valid_check_byte():
    tck = 0
    for b in DEFAULT_ATR[1:]:
        tck ^= b
    assert DEFAULT_ATR[0] == 0x3B and tck == 0


def test_select_application_then_files():
    card = VirtualSsCard()
    assert card.answer(H("00 A4 00 00 02 EF 05")) == H("6A 82")    # not in the application yet
    assert card.answer(H("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF")) == OK
    assert card.answer(H("00 A4 00 00 02 EF 05")) == OK
    assert card.answer(H("00 A4 02 00 02 EF 06")) == OK
    assert card.answer(H("00 A4 02 00 02 EF 07")) == H("6A 82")
    assert card.answer(H("00 A4 04 00 03 41 42 43")) == H("6A 82")
    assert card.answer(H("00 CA 00 00 00")) == H("6D 00")
    assert card.answer(H("80 A4 00 00 02 EF 05")) == H("6E 00")


def test_read_by_tag_and_le():
    card = selected()
    assert card.answer(H("00 A4 02 00 02 EF 06")) == OK
    assert card.answer(H("00 B2 08 00 14")) == H("08 12") + b"440106199101010010" + OK
    assert card.answer(H("00 B2 09 00 20")) == H("09 1E D5 C5 D0 A1 C3 F7") + bytes(24) + OK
    assert card.answer(H("00 B2 0A 00 03")) == H("0A 01 31") + OK
    assert card.answer(H("00 B2 0D 00 06")) == H("0D 04 19 91 01 01") + OK
    assert card.answer(H("00 B2 0A 00 00")) == H("0A 01 31") + OK      # Le 00: up to 256
    assert card.answer(H("00 B2 08 00 10")) == H("6C 14")             # Le too short
    assert card.answer(H("00 B2 0E 00 03")) == H("6A 83")


@pytest.mark.parametrize("generation,gender_record", [(1, 3), (2, 4), (3, 4)])
def test_record_numbers_by_generation(generation, gender_record):
    card = selected(generation, pin_required=False)
    rec = card.answer(p.read_record_sfi(gender_record, 6, 3))
    assert rec == H("0A 01 31") + OK
    assert card.answer(H("00 B2 07 2C 0B")) == H("07 09") + b"A01234567" + OK
    last = 6 if generation == 1 else 7
    assert card.answer(p.read_record_sfi(last + 1, 6)) == H("6A 83")


def test_third_generation_wants_a_pin_for_ef06_only():
    card = selected(3)
    assert card.answer(H("00 B2 01 2C 12"))[-2:] == OK
    assert card.answer(H("00 B2 01 34 14")) == H("69 82")
    assert card.answer(H("00 A4 02 00 02 EF 06")) == OK
    assert card.answer(H("00 B2 08 00 14")) == H("69 82")


def test_faults_change_the_answers():
    card = selected(by_tag=False)
    assert card.answer(H("00 A4 00 00 02 EF 06")) == OK
    assert card.answer(H("00 B2 08 00 14")) == H("6A 81")
    card = selected(select_p1s=frozenset({0x02}))
    assert card.answer(H("00 A4 00 00 02 EF 05")) == H("6A 86")
    assert card.answer(H("00 A4 02 00 02 EF 05")) == OK
    card = selected(t0_le=True)
    assert card.answer(H("00 B2 02 2C 00")) == H("6C 03")            # T=0: Le must be exact
    assert card.answer(H("00 B2 02 2C 03")) == H("02 01 31") + OK
    assert card.answer(H("00 B2 02 2C 05")) == H("6C 03")


def test_get_response_flow():
    card = VirtualSsCard()
    card.get_response = True
    answer = card.answer(p.SELECT_APP)
    assert answer[0] == 0x61
    fci = card.answer(p.get_response(answer[1]))
    assert fci[:-2] == H("6F 11 84 0F") + p.APP_NAME and fci[-2:] == OK
    assert card.answer(H("00 B2 02 2C 03")) == H("61 03")
    assert card.answer(H("00 C0 00 00 02")) == H("02 01 61 01")       # part, 1 byte left
    assert card.answer(H("00 C0 00 00 01")) == H("31") + OK
    assert card.answer(H("00 C0 00 00 01")) == H("69 85")             # nothing waiting
