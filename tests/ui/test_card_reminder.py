"""The "take your card" reminder draws the card actually left in a reader, and is spoken
as an alert: even with voice guidance off, as are the face prompts (``Voice.say`` with
``alert=True``); voice guidance itself stays off.

The speech daemon is a real speech-dispatcher (the ``speech`` fixture).
``REMINDER_SHOTS=DIR`` saves screenshots there."""
import os
import time
from pathlib import Path

from drivers.idcard.sim import sample_resident_card
from drivers.sscard.sim import sample_ss_card
from kiosk.ui.voice import Voice, tone_samples


def shot(k, name):
    if os.environ.get("REMINDER_SHOTS"):
        k.robot.screenshot(Path(os.environ["REMINDER_SHOTS"]) / f"{name}.png")


def leave_with_card_in(k):
    """The citizen starts, then goes away (the session ends) while the card stays."""
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    return r


def test_an_alert_is_spoken_with_voice_guidance_off(speech):
    voice = Voice()
    assert voice.available and not voice.enabled
    voice.say("请选择业务类别")                        # guidance: off, so silent
    voice.say("请靠近一点", "zh_CN", alert=True)
    assert speech.wait_said(lambda m: m) == [("zh", "请靠近一点")]
    time.sleep(0.5)
    assert speech.texts() == ["请靠近一点"]
    assert not voice.enabled


def test_an_id_card_left_is_drawn_and_spoken(make_kiosk, speech):
    k = make_kiosk()
    reader = k.terminal.devices["idcard"]
    r = leave_with_card_in(k)
    # The reader tells from its SAM's FIND that a card lies on it (drivers/idcard).
    k.sim.idcard.insert(sample_resident_card())
    r.wait_for(lambda: reader.status.consumables.get("card") == "present", 5, "the card seen")
    r.click("homeButton")
    r.wait_screen("attract")
    r.wait_for(lambda: r.find("takeCardText") is not None, 10, "the reminder")
    part = k.controller.parts["ident"]
    assert part.takeCardMethod == "id_card"
    assert "请取走您的身份证" in r.text_of("takeCardText")
    assert r.item("takeIdCardPicture") and r.find("takeSsCardPicture") is None
    r.wait_for(lambda: "请取走您的身份证" in speech.texts(), 5, "the reminder read aloud")
    # And its tone, through ALSA to the sound card (here a file): the very frames.
    r.wait_for(lambda: tone_samples() in speech.played_bytes(), 10, "the reminder's tone")
    assert not k.controller.voiceOn
    shot(k, "reminder-id-card")
    k.controller.setElderMode(True)
    shot(k, "reminder-id-card-elder")
    k.controller.setElderMode(False)
    k.sim.idcard.remove()
    r.wait_for(lambda: r.find("takeCardText") is None, 10, "the reminder gone")
    assert k.controller.parts["ident"].takeCardMethod == ""


def test_a_social_security_card_left_is_drawn(make_kiosk):
    k = make_kiosk(kinds=("idcard", "sscard", "receipt"))
    reader = k.terminal.devices["sscard"]
    r = leave_with_card_in(k)
    k.sim.sscard.insert(sample_ss_card())
    assert k.sim.sscard.wait_seen(5)
    r.wait_for(lambda: reader.status.consumables.get("card") == "present", 5, "the card seen")
    r.click("homeButton")
    r.wait_screen("attract")
    r.wait_for(lambda: r.find("takeCardText") is not None, 10, "the reminder")
    assert k.controller.parts["ident"].takeCardMethod == "ss_card"
    assert r.item("takeSsCardPicture") and r.find("takeIdCardPicture") is None
    shot(k, "reminder-ss-card")
    k.sim.sscard.remove()
    r.wait_for(lambda: r.find("takeCardText") is None, 10, "the reminder gone")
