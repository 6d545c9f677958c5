"""Optional voice guidance through speech-dispatcher (``spd-say``), when the terminal
has it; silent when it has not (QtTextToSpeech would need the Qt add-ons and
speech-dispatcher anyway).

Speaking never blocks the GUI thread: sentences go to a small worker thread that cancels
what is being read and hands the new text to the speech daemon, in that order, so the
voice always follows the screen the citizen is looking at.
"""
from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading

log = logging.getLogger(__name__)

# speech-dispatcher's language codes for the UI languages (Cantonese voices are rare on
# Debian's engines; Traditional Chinese text is read in Mandarin like Simplified).
_SPD_LANGUAGE = {"zh_CN": "zh", "zh_TW": "zh", "en": "en"}
_TIMEOUT_S = 5.0


class Voice:
    def __init__(self, command: str | None = None) -> None:
        self._spd = command or shutil.which("spd-say")
        self.enabled = False
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._worker: threading.Thread | None = None

    @property
    def available(self) -> bool:
        return self._spd is not None

    def say(self, text: str, language: str = "zh_CN", *, alert: bool = False) -> None:
        """Read ``text`` aloud, cancelling what is being read, while voice guidance is on
        (``enabled``). An ``alert`` is read even when it is off: what the citizen must
        hear while not looking at the screen (face prompts, a card left in a reader).
        No-op when the terminal has no speech."""
        if not ((self.enabled or alert) and self._spd and text.strip()):
            return
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
            self._worker.start()
        self._queue.put((text, language))

    def _run(self) -> None:
        while True:
            text, language = self._queue.get()
            while not self._queue.empty():          # only the latest screen matters
                text, language = self._queue.get()
            try:
                subprocess.run([self._spd, "--cancel"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=_TIMEOUT_S)
                subprocess.run([self._spd, "-l", _SPD_LANGUAGE.get(language, "zh"), "--", text],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=_TIMEOUT_S)
            except (OSError, subprocess.SubprocessError) as exc:
                # A broken speech set-up must never disturb the service: say nothing more.
                log.warning("voice guidance unavailable: %s", exc)
                self._spd = None
                return
