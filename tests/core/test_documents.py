"""What the terminal tells the hall about the holder of a document: masked before it
leaves (the page shows it; the hall refuses a full ID number)."""
import pytest

from drivers.idcard.sim import sample_foreign_card, sample_hmt_card, sample_resident_card
from drivers.sscard.sim import sample_ss_card
from kiosk.core.documents import holder_params
from kiosk.core.identify import id_number_of


@pytest.mark.parametrize("card", [sample_resident_card(), sample_hmt_card(),
                                  sample_foreign_card(), sample_ss_card()],
                         ids=["resident", "hmt", "foreign", "ss_card"])
def test_the_holder_goes_to_the_hall_masked(card):
    params = holder_params(card)
    number = id_number_of(card)
    assert set(params) == {"masked_name", "masked_id_number"}
    assert "*" in params["masked_name"] and "*" in params["masked_id_number"]
    assert params["masked_id_number"][:4] == number[:4]
    assert params["masked_id_number"][-4:] == number[-4:]
    assert number[4:-4] not in params["masked_id_number"]
    assert all(1 <= len(value) <= 32 for value in params.values())


def test_a_resident_card():
    assert holder_params(sample_resident_card()) == {
        "masked_name": "张**", "masked_id_number": "4401**********0010"}
