"""A real speech-dispatcher for the tests: espeak-ng voices, its audio written to a file
through ALSA's file plugin (the test machines have no sound card), on its own socket.

What the kiosk said is read from the daemon's own log (at log level 5 it records every
message it queues and every language set), and that it was really synthesised from the
audio file growing: the text compared is the text the speech engine received. What the
kiosk plays itself through ALSA (the reminder's tone, ``aplay``) goes to another file,
``played`` (``env`` points the kiosk's ALSA default there too)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

_QUEUED = re.compile(r"Queueing message \|(.*)\| with priority")
_LANGUAGE = re.compile(r"DATA:\|SET SELF LANGUAGE (\S+)")


class SpeechDispatcher:
    """``start()`` it, point a process at it with ``env`` (SPEECHD_ADDRESS), ``stop()``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = root / "speechd.sock"
        self.audio = root / "audio.raw"
        self.played = root / "played.raw"
        self.logs = root / "log"
        self._process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        # ALSA reads the files of ALSA_CONFIG_PATH in turn: the system's, then ours.
        return {"SPEECHD_ADDRESS": f"unix_socket:{self.socket}",
                "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{self.root / 'asound.conf'}"}

    def start(self) -> SpeechDispatcher:
        conf = self.root / "conf"
        shutil.copytree("/etc/speech-dispatcher", conf)
        text = (conf / "speechd.conf").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^#?\s*AudioOutputMethod .*$", 'AudioOutputMethod "alsa"', text)
        text = re.sub(r"(?m)^#?\s*DefaultModule .*$", "DefaultModule espeak-ng", text)
        (conf / "speechd.conf").write_text(text, encoding="utf-8")
        home = self.root / "home"
        home.mkdir()
        (home / ".asoundrc").write_text(
            f'pcm.!default {{ type file; slave.pcm "null"; file "{self.audio}"; '
            'format "raw" }\n', encoding="utf-8")
        (self.root / "asound.conf").write_text(
            f'pcm.!default {{ type file; slave.pcm "null"; file "{self.played}"; '
            'format "raw" }\n', encoding="utf-8")
        self.logs.mkdir()
        runtime = self.root / "run"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
        self._process = subprocess.Popen(
            ["speech-dispatcher", "-s", "-l", "5", "-L", str(self.logs), "-C", str(conf),
             "-c", "unix_socket", "-S", str(self.socket), "-t", "0",
             "-P", str(self.root / "speechd.pid")],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 15
        while not self.socket.exists():
            if self._process.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"speech-dispatcher did not start: {self._log()[-2000:]}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None

    def _log(self) -> str:
        path = self.logs / "speech-dispatcher.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def said(self) -> list[tuple[str, str]]:
        """(language, text) of every message queued so far, in order."""
        out, language = [], ""
        for line in self._log().splitlines():
            if m := _LANGUAGE.search(line):
                language = m.group(1)
            elif m := _QUEUED.search(line):
                out.append((language, m.group(1)))
        return out

    def texts(self) -> list[str]:
        return [text for _, text in self.said()]

    def wait_said(self, predicate, timeout: float = 10.0) -> list[tuple[str, str]]:
        """The messages once ``predicate(messages)`` holds (AssertionError after ``timeout``)."""
        end = time.monotonic() + timeout
        while True:
            said = self.said()
            if predicate(said):
                return said
            if time.monotonic() > end:
                raise AssertionError(f"not said within {timeout} s; said: {said}")
            time.sleep(0.05)

    def audio_bytes(self) -> int:
        return self.audio.stat().st_size if self.audio.exists() else 0

    def played_bytes(self) -> bytes:
        """What the kiosk played through ALSA itself (raw frames), b"" for nothing."""
        return self.played.read_bytes() if self.played.exists() else b""
