"""Voice guidance: reads each screen's question through speech-dispatcher's spd-say when
the terminal has it, follows the language, and is silent (no button) when it has not.

A real speech-dispatcher reads with espeak-ng into an audio file (the ``speech`` fixture,
tests/speech.py): what we check is what the speech engine received, and that it spoke."""
from kiosk.ui.voice import Voice


def test_voice_reads_the_screen_in_the_citizens_language(make_kiosk, speech):
    k = make_kiosk()
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    r.process(0.5)
    assert speech.said() == []                        # off until asked for
    r.click("voiceToggle")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    r.wait_for(lambda: speech.texts()[-1:] and speech.texts()[-1].startswith("请选择业务类别"),
               10, "the question read")
    assert speech.said()[-1][0] == "zh"
    r.wait_for(lambda: speech.audio_bytes() > 0, 10, "the sentence synthesised")
    r.click("lang_en")
    r.wait_for(lambda: speech.said()[-1][0] == "en"
               and speech.said()[-1][1].startswith("Choose the type"), 10, "the English sentence")
    r.click("homeButton")
    r.wait_screen("attract")
    assert not k.controller.voiceOn                   # the next citizen starts silent


def test_elder_mode_turns_the_voice_on(make_kiosk, speech):
    k = make_kiosk()
    k.robot.click("elderToggle")
    assert k.controller.voiceOn


def test_no_speech_dispatcher_no_button_no_error(make_kiosk, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))         # no spd-say anywhere
    k = make_kiosk()
    assert not k.controller.voiceAvailable
    assert k.robot.find("voiceToggle") is None
    k.robot.click("elderToggle")
    assert not k.controller.voiceOn


def test_a_broken_spd_say_goes_quiet(tmp_path):
    voice = Voice(command=str(tmp_path / "missing-spd-say"))
    voice.enabled = True
    voice.say("你好")
    voice._worker.join(5)
    assert not voice.available
