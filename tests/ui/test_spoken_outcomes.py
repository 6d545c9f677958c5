"""With voice guidance on, what a screen tells besides its question is read aloud after
it, in the session's language, and what is said is what is shown: the ticket number and
the wait, a print failure, the locker door, a payment that cannot go ahead. Spoken by a
real speech-dispatcher with espeak-ng (the ``speech`` fixture): what it received is
compared with the texts on screen, and its audio file grows."""
from drivers.idcard.sim import sample_resident_card

from .test_pay_journey import hall_away_at_the_dues
from .test_pickup_journey import CODE, ready, type_code


def said_text(speech):
    return "。".join(speech.texts())


def shown(r, *names):
    """The texts of the named items as the citizen reads them (without the marks)."""
    marks = str.maketrans("", "", "⚠▼ⓘ✓")
    return [r.text_of(name).translate(marks).strip() for name in names]


def go_to_identify(r, category="registration", kind="accept"):
    r.open_service("queue_ticket")
    r.wait_screen("category")
    r.click(f"category_{category}")
    r.wait_screen("kind")
    r.click(f"kind_{kind}")
    r.wait_screen("identify")


def voice_on(k):
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.click("voiceToggle")
    assert k.controller.voiceOn
    return r


def test_the_ticket_number_and_the_wait_are_said_as_shown(make_kiosk, speech):
    k = make_kiosk()
    r = voice_on(k)
    go_to_identify(r)
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    number, waiting, take = shown(r, "ticketNumber", "ticketWaiting", "takeTicket")
    assert number == "A3-001"
    sentence = "。".join(["您的号码", number, waiting, take])
    r.wait_for(lambda: sentence in speech.texts(), 10, f"{sentence!r} said")
    assert speech.said()[-1][0] == "zh"
    r.wait_for(lambda: speech.audio_bytes() > 0, 15, "speech synthesised")
    # In English, the same screen again in English.
    r.click("lang_en")
    r.wait_for(lambda: speech.said()[-1][0] == "en"
               and "A3-001" in speech.said()[-1][1], 10, "the number said in English")
    number, waiting, take = shown(r, "ticketNumber", "ticketWaiting", "takeTicket")
    assert speech.said()[-1][1].endswith("。".join([number, waiting, take]))


def test_a_ticket_that_did_not_print_says_so(make_kiosk, speech):
    k = make_kiosk()
    r = voice_on(k)
    go_to_identify(r)
    k.sim.printer.run_out_after(2)                 # the paper ends inside the receipt
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("ticket", timeout=15)
    r.wait_for(lambda: r.text_of("ticketProblem") != "", 15, "the print failure shown")
    (problem,) = shown(r, "ticketProblem")
    r.wait_for(lambda: problem in said_text(speech), 10, f"{problem!r} said")


def test_the_open_door_is_said(make_kiosk, speech):
    k = make_kiosk(kinds=("idcard", "receipt", "locker"), hall=True)
    ready(k)
    r = voice_on(k)
    r.open_service("locker_pickup")
    r.wait_screen("pickup_code")
    type_code(r, CODE)
    r.click("keypadConfirm")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("pickup_result", timeout=15)
    door, message = shown(r, "pickupDoor", "pickupMessage")
    assert door == "1 号柜门已打开"
    r.wait_for(lambda: "。".join([door, message]) in speech.texts(), 10, "the door said")


def test_a_payment_that_cannot_go_ahead_is_said(make_kiosk, speech):
    k = make_kiosk(hall=True)
    voice_on(k)
    r = hall_away_at_the_dues(k)
    (notice,) = shown(r, "payItemsMessage")
    assert notice == "需要联网办理，网络暂时不通，请到 8 号窗口（税务）办理"
    r.wait_for(lambda: notice in speech.texts(), 10, "the notice said")
