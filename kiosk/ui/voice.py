"""Voice guidance through speech-dispatcher (``spd-say``) and its espeak-ng voices, which
the terminal's package depends on; silent (and no voice switch) on a machine without
them (QtTextToSpeech would need the Qt add-ons and speech-dispatcher anyway).

The daemon is the one ``SPEECHD_ADDRESS`` names, or else one of our own, started on first
use with the shipped configuration (kiosk/data/speech: ALSA, espeak-ng) on a socket in a
private folder, and stopped with the app: never the user daemon spd-say would autospawn
(see speechd.conf for why).

Speaking never blocks the GUI thread: sentences go to a small worker thread that cancels
what is being read and hands the new text to the speech daemon, in that order, so the
voice always follows the screen the citizen is looking at; a screen's outcome is queued
after its question.

:meth:`Voice.tone` plays the reminder's tone (a card left in a reader) through ALSA
(``aplay``, the same sound card), before what is said with it.
"""
from __future__ import annotations

import logging
import math
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path

from kiosk.core.config import SHIPPED_CONFIG_DIR

log = logging.getLogger(__name__)

# speech-dispatcher's language codes for the UI languages (Cantonese voices are rare on
# Debian's engines; Traditional Chinese text is read in Mandarin like Simplified).
_SPD_LANGUAGE = {"zh_CN": "zh", "zh_TW": "zh", "en": "en"}
_TONE = "tone"          # in the queue: the tone, not a sentence
_TIMEOUT_S = 5.0
_CONFIG = SHIPPED_CONFIG_DIR / "speech"
# The reminder's tone: two short beeps, 880 Hz then 1320 Hz (a rising pair reads as
# "attention", not as an error), 16-bit mono at 16 kHz.
TONE_RATE = 16000
TONE_BEEPS = ((880, 0.18), (0, 0.08), (1320, 0.18))


def tone_samples() -> bytes:
    """The tone's PCM frames (little-endian 16-bit), as written to the sound card."""
    frames = bytearray()
    for freq, seconds in TONE_BEEPS:
        for n in range(int(TONE_RATE * seconds)):
            value = int(12000 * math.sin(2 * math.pi * freq * n / TONE_RATE)) if freq else 0
            frames += value.to_bytes(2, "little", signed=True)
    return bytes(frames)


class Voice:
    def __init__(self, command: str | None = None) -> None:
        self._spd = command or shutil.which("spd-say")
        self._daemon_command = shutil.which("speech-dispatcher")
        self.enabled = False
        self._aplay = shutil.which("aplay")
        self._queue: queue.Queue[tuple[str, str, bool]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._env: dict[str, str] | None = None     # spd-say's, once a daemon is known
        self._daemon: subprocess.Popen | None = None
        self._folder: tempfile.TemporaryDirectory | None = None

    @property
    def available(self) -> bool:
        return self._spd is not None and (
            "SPEECHD_ADDRESS" in os.environ or self._daemon_command is not None)

    def say(self, text: str, language: str = "zh_CN", *, alert: bool = False,
            after: bool = False) -> None:
        """Read ``text`` aloud while voice guidance is on (``enabled``), cancelling what is
        being read; ``after``: once what is being read is finished instead (a screen's
        outcome after its question). An ``alert`` is read even when voice guidance is
        off: what the citizen must hear while not looking at the screen (face prompts, a
        card left in a reader). No-op when the terminal has no speech."""
        if not ((self.enabled or alert) and self.available and text.strip()):
            return
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
            self._worker.start()
        self._queue.put((text, language, not after))

    def tone(self) -> None:
        """Sound the reminder's tone (even with voice guidance off: it goes with an alert),
        cancelling what is being read; what is said next follows it. No-op without
        ALSA's aplay."""
        if self._aplay is None or not self.available:
            return
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
            self._worker.start()
        self._queue.put(("", _TONE, True))

    def close(self) -> None:
        """Stop our own speech daemon, if one was started (the app is ending)."""
        daemon, self._daemon = self._daemon, None
        if daemon is not None:
            daemon.terminate()
            try:
                daemon.wait(_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                daemon.kill()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def _run(self) -> None:
        spd = self._spd
        assert spd is not None                  # say() starts the worker only with one
        while True:
            batch = [self._queue.get()]
            while not self._queue.empty():
                batch.append(self._queue.get())
            # Only the latest screen matters: what came before the last interruption is
            # dropped unread, and what is being read is cancelled.
            starts = max((i for i, (_, _, cut) in enumerate(batch) if cut), default=None)
            try:
                env = self._env or self._connect()
                if starts is not None:
                    batch = batch[starts:]
                    _spd_say(spd, env, "--cancel")
                for text, language, _ in batch:
                    if language == _TONE:
                        self._play_tone(env)
                    else:
                        _spd_say(spd, env, "-l", _SPD_LANGUAGE.get(language, "zh"), "--", text)
            except (OSError, subprocess.SubprocessError) as exc:
                # A broken speech set-up must never disturb the service: say nothing more.
                log.warning("voice guidance unavailable: %s", exc)
                self._spd = None
                self.close()
                return

    def _play_tone(self, env: dict[str, str]) -> None:
        # Its own failure (no sound card) must not silence the voice: logged, not raised.
        path = self._tone_file()
        try:
            subprocess.run([self._aplay or "aplay", "-q", str(path)], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("the reminder's tone did not play: %s", exc)

    def _tone_file(self) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="kiosk-speech-")
        path = Path(self._folder.name) / "tone.wav"
        if not path.exists():
            with wave.open(str(path), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(TONE_RATE)
                out.writeframes(tone_samples())
        return path

    def _connect(self) -> dict[str, str]:
        """spd-say's environment: the daemon SPEECHD_ADDRESS names, or our own, started
        now (worker thread) and given _TIMEOUT_S to open its socket."""
        if "SPEECHD_ADDRESS" not in os.environ:
            assert self._daemon_command is not None     # available says so
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="kiosk-speech-")
            folder = Path(self._folder.name)            # 0700, ours
            socket = folder / "speechd.sock"
            self._daemon = subprocess.Popen(
                [self._daemon_command, "--run-single", "--timeout", "0",
                 "--config-dir", str(_CONFIG), "--log-dir", str(folder),
                 "--communication-method", "unix_socket", "--socket-path", str(socket),
                 "--pid-file", str(folder / "speechd.pid")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + _TIMEOUT_S
            while not socket.exists():
                if self._daemon.poll() is not None or time.monotonic() > deadline:
                    raise OSError(f"speech-dispatcher did not start ({self._daemon.poll()})")
                time.sleep(0.05)
            self._env = {**os.environ, "SPEECHD_ADDRESS": f"unix_socket:{socket}"}
        else:
            self._env = dict(os.environ)
        return self._env

def _spd_say(spd: str, env: dict[str, str], *args: str) -> None:
    # spd-say hands the text to the daemon and returns: it does not wait for the reading;
    # texts sent without --cancel are read one after the other. It exits 1 when it cannot
    # reach the daemon: then voice is unavailable.
    subprocess.run([spd, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=_TIMEOUT_S, check=True, env=env)
