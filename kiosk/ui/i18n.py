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
        _app_translator().translations = self
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
        self._current = self._loaded.get(language)
        self._engine.retranslate()
        return True

    def translate(self, context: str, source: str) -> str:
        """``source`` in the current language's catalogue (itself when it has none)."""
        text = self._current.translate(context, source) if self._current is not None else ""
        return text or source

    def close(self) -> None:
        """The app is closing: its catalogue leaves the application (a window created
        after this one, in the same process, starts in Chinese as a terminal does)."""
        self._current = None
        self.where = None
        translator = _app_translator()
        if translator.translations is self:
            translator.translations = None


class _AppTranslator(QTranslator):
    """The application's one translator, installed once and never removed: the current
    catalogue's text (or the Chinese source) with the counter named; nothing (None, Qt's
    null string: "no translation here") where neither applies.

    Installing or removing a translator takes Qt's translator lock for writing while
    this thread holds the GIL; any other thread translating meanwhile (Qt's QML loader
    thread does, for the text of an error, while it compiles the screens in the
    background: kiosk/ui/warm.py) holds the lock for reading and waits for the GIL to
    ask this Python translator: a deadlock (issue 16: ``kiosk run`` hung at exit one
    time in two). So a language switch changes which catalogue this translator reads
    and touches no Qt lock."""

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.translations: Translations | None = None

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        translations = self.translations
        if translations is None or not source:
            return None
        current = translations._current
        found = current.translate(context, source, disambiguation, n) if current else ""
        text = found or source
        where = translations.where
        named = where(text) if where is not None else text
        return named if named != text else (found or None)


_translator: _AppTranslator | None = None

def _app_translator() -> _AppTranslator:
    """The application's translator, installed the first time it is asked for."""
    global _translator
    app = QCoreApplication.instance()
    if _translator is None or _translator.parent() is not app:
        _translator = _AppTranslator()
        app.installTranslator(_translator)
    return _translator
