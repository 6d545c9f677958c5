"""Switching the UI language at run time through Qt's translation system.

Source strings in the QML are Simplified Chinese (the default language), so zh_CN needs
no catalogue; zh_TW and en load ``i18n/kiosk_<lang>.qm``, built from the committed
``.ts`` files by the set-up (``make``: ``pyside6-lrelease``) and by the wheel build
(buildtools/kiosk_build.py), package data found with :mod:`importlib.resources`.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtQml import QQmlEngine

log = logging.getLogger(__name__)

I18N_DIR = Path(resources.files(__package__) / "i18n")   # a folder: pip installs unpacked
LANGUAGES = ("zh_CN", "zh_TW", "en")


class Translations:
    """Loads every catalogue once at start-up, so a language switch touches no disk on
    the GUI thread."""

    def __init__(self, engine: QQmlEngine) -> None:
        self._engine = engine
        self._current: QTranslator | None = None
        self._loaded: dict[str, QTranslator] = {}
        for language in LANGUAGES[1:]:
            translator = QTranslator()
            qm = I18N_DIR / f"kiosk_{language}.qm"
            if translator.load(str(qm)):
                self._loaded[language] = translator
            else:
                log.error("translation %s missing (run the set-up to build it)", qm)

    def apply(self, language: str) -> bool:
        """Switch to ``language``; False (and no change) when its catalogue is missing."""
        if language != "zh_CN" and language not in self._loaded:
            return False
        app = QCoreApplication.instance()
        if self._current is not None:
            app.removeTranslator(self._current)
        self._current = self._loaded.get(language)
        if self._current is not None:
            app.installTranslator(self._current)
        self._engine.retranslate()
        return True

    def close(self) -> None:
        """The app is closing: its catalogue leaves the application (a window created
        after this one, in the same process, starts in Chinese as a terminal does)."""
        if self._current is not None:
            QCoreApplication.instance().removeTranslator(self._current)
            self._current = None
