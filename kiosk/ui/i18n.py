"""Switching the UI language at run time through Qt's translation system.

Source strings in the QML are Simplified Chinese (the default language), so zh_CN needs
no catalogue; zh_TW and en load ``i18n/kiosk_<lang>.qm``, built from the committed
``.ts`` files by the set-up (``make``: ``pyside6-lrelease``).
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtQml import QQmlEngine

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).with_name("i18n")
LANGUAGES = ("zh_CN", "zh_TW", "en")


class Translations:
    def __init__(self, engine: QQmlEngine) -> None:
        self._engine = engine
        self._translator: QTranslator | None = None

    def apply(self, language: str) -> bool:
        """Switch to ``language``; False (and no change) when its catalogue is missing."""
        if language not in LANGUAGES:
            return False
        new = None
        if language != "zh_CN":
            new = QTranslator()
            qm = I18N_DIR / f"kiosk_{language}.qm"
            if not new.load(str(qm)):
                log.error("translation %s missing (run the set-up to build it)", qm)
                return False
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
        self._translator = new
        if new is not None:
            app.installTranslator(new)
        self._engine.retranslate()
        return True
