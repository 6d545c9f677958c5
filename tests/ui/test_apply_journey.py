"""社保卡挂失 through the real screens, with no hall at all (accepted offline): ID card,
confirm, a reference on screen and on the printed receipt, the report in the outbox with
its personal fields sealed."""
from drivers.idcard.sim import sample_resident_card
from offline_cache import db


def test_loss_report_is_accepted_offline_with_a_reference(make_kiosk):
    k = make_kiosk()
    r = k.robot
    card = sample_resident_card()
    r.open_service("card_loss_report")
    r.wait_screen("identify")
    k.sim.idcard.insert(card)
    r.wait_screen("confirm", timeout=15)
    applicant = r.text_of("applicant")
    assert card.id_number not in applicant and card.id_number[-4:] in applicant
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    reference = k.controller.parts["apply"].reference
    assert len(reference) == 8 and reference in r.text_of("applicationReference")
    receipt = k.sim.printer.wait_for_receipt(1, timeout=10)
    assert reference in receipt.text and "社保卡挂失" in receipt.text
    assert card.id_number not in receipt.text and card.id_number[-4:] in receipt.text
    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    payload, sealed = conn.execute("SELECT payload, sealed FROM outbox "
                                   "WHERE kind = 'card_loss_report'").fetchone()
    assert card.id_number not in payload and sealed
    assert card.id_number.encode() not in sealed
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_satisfied")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_nothing_is_submitted_without_confirming(make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.open_service("card_loss_report")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("confirm", timeout=15)
    r.click("backButton")
    r.wait_screen("home")
    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    assert k.controller.personal_data() == {}          # leaving the service drops the card
