"""Switching the UI language at run time through Qt's translation system.

Source strings in the QML are Simplified Chinese (the default language), so zh_CN needs
no catalogue; zh_TW and en load ``i18n/kiosk_<lang>.qm``, built from the committed
``.ts`` files by the set-up (``make``: ``pyside6-lrelease``) and by the wheel build
(buildtools/kiosk_build.py), package data found with :mod:`importlib.resources`.

Every sentence that sends the citizen "到窗口" / "to a service counter" names the
counter the hall set for the session's service (``where``: the controller's, over
:mod:`kiosk.core.service_counters`): one translator on top of the catalogue rewrites
them, for the QML's qsTr and the Python's translate alike.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
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
        self.where: Callable[[str], str] | None = None     # names the counter in a text
        self._counters = _CounterNames(self)
        QCoreApplication.instance().installTranslator(self._counters)
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
        # Asked first (installed last): the counter's name goes into the new language's text.
        app.removeTranslator(self._counters)
        app.installTranslator(self._counters)
        self._engine.retranslate()
        return True

    def translate(self, context: str, source: str) -> str:
        """``source`` in the current language's catalogue (itself when it has none)."""
        text = self._current.translate(context, source) if self._current is not None else ""
        return text or source

    def close(self) -> None:
        """The app is closing: its catalogue leaves the application (a window created
        after this one, in the same process, starts in Chinese as a terminal does)."""
        app = QCoreApplication.instance()
        if self._current is not None:
            app.removeTranslator(self._current)
            self._current = None
        app.removeTranslator(self._counters)
        self.where = None


class _CounterNames(QTranslator):
    """The catalogue's text (or the Chinese source) with the counter named; nothing
    (Qt asks the catalogue itself) for a text that names no counter."""

    def __init__(self, translations: Translations) -> None:
        super().__init__()
        self._translations = translations

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        # None is Qt's null string, "no translation here" (an empty one would be taken
        # for the translation).
        where = self._translations.where
        if where is None or not source:
            return None
        text = self._translations.translate(context, source)
        named = where(text)
        return named if named != text else None
