"""Voice guidance: reads each screen's question through speech-dispatcher's spd-say when
the terminal has it, follows the language, and is silent (no button) when it has not.

speech-dispatcher is not installed on the test machines (it needs a sound server), so a
stand-in ``spd-say`` on PATH records its command lines: what we check is what the kiosk
asks speech-dispatcher to do."""
import os
import stat
import time

import pytest

from kiosk.ui.voice import Voice


@pytest.fixture
def spd_say(tmp_path, monkeypatch):
    log = tmp_path / "spoken.txt"
    script = tmp_path / "bin" / "spd-say"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {log}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{script.parent}{os.pathsep}{os.environ['PATH']}")
    return log


def spoken(log, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if log.exists() and any("--cancel" not in line for line in log.read_text().splitlines()):
            return [line for line in log.read_text().splitlines() if "--cancel" not in line]
        time.sleep(0.05)
    return []


def test_voice_reads_the_screen_in_the_citizens_language(make_kiosk, spd_say):
    k = make_kiosk()
    r = k.robot
    r.click("attractArea")
    r.wait_screen("home")
    assert spoken(spd_say, 0.5) == []                 # off until asked for
    r.click("voiceToggle")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    lines = spoken(spd_say)
    assert lines and lines[-1].startswith("-l zh -- 请选择业务类别")
    r.click("lang_en")
    r.wait_for(lambda: spoken(spd_say)[-1].startswith("-l en -- Choose the type"), 5,
               "the English sentence")
    r.click("homeButton")
    r.wait_screen("attract")
    assert not k.controller.voiceOn                   # the next citizen starts silent


def test_elder_mode_turns_the_voice_on(make_kiosk, spd_say):
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
