"""Starting the citizen UI: the Qt application, the QML engine and the bridge objects.

:func:`create` builds everything without entering the event loop, so tests and the
headless demo can drive the same window the appliance shows.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import shiboken6
from PySide6 import QtQuick  # noqa: F401  (registers QQuickWindow: see DESIGN.md "Facts")
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.terminal import Terminal

from . import keypad
from .controller import KioskController
from .i18n import Translations
from .preview_images import PreviewImages
from .theme import Theme
from .warm import ScreenWarmer

QML_DIR = Path(resources.files(__package__) / "qml")   # package data (a folder: pip unpacks)


class _ActivityFilter(QObject):
    """Every press anywhere, by finger or on the keypad, counts as activity for the
    inactivity timeout; the keypad's arrows move the focus (keypad.py)."""

    def __init__(self, controller: KioskController, window: QQuickWindow) -> None:
        super().__init__()
        self._controller = controller
        self._window = window

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in (QEvent.MouseButtonPress, QEvent.TouchBegin):
            self._controller.touched()
        elif kind == QEvent.KeyPress and obj is self._window:
            # The window sees a key first, before the item with the focus does.
            self._controller.touched()
            key = Qt.Key(event.key())
            if key in keypad.FORWARD or key in keypad.BACKWARD:
                keypad.move_focus(self._window, key in keypad.FORWARD)
                return True
        return False


@dataclass
class KioskUi:
    app: QGuiApplication
    engine: QQmlApplicationEngine
    controller: KioskController
    theme: Theme
    window: QQuickWindow
    _filter: _ActivityFilter
    warmer: ScreenWarmer

    def close(self) -> None:
        self.controller.shutdown()
        self.app.removeEventFilter(self._filter)
        self.window.close()
        shiboken6.delete(self.engine)   # now, not at some later event-loop turn


def ensure_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["kiosk"])
    # A CJK font first so no Chinese character ever renders as a box.
    app.setFont(QFont(["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans"]))
    return app


def create(terminal: Terminal, *, fullscreen: bool = False) -> KioskUi:
    app = ensure_app()
    engine = QQmlApplicationEngine()
    # Parented to the engine so they outlive every QML object that binds to them
    # (otherwise teardown re-evaluates bindings against deleted context objects).
    theme = Theme(engine)
    controller = KioskController(terminal, Translations(engine), theme, engine)
    engine.rootContext().setContextProperty("kiosk", controller)
    engine.rootContext().setContextProperty("theme", theme)
    for name, part in controller.parts.items():
        engine.rootContext().setContextProperty(name, part)
    # The engine owns the providers (and deletes them with itself).
    engine.addImageProvider("techpreview", PreviewImages(controller.parts["tech"].preview_frame))
    engine.addImageProvider("facepreview",
                            PreviewImages(controller.parts["ident"].preview_frame))
    engine.load(str(QML_DIR / "Main.qml"))
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError(f"the QML failed to load from {QML_DIR}")
    window = roots[0]
    if fullscreen:
        window.showFullScreen()
    # Slow loading (the guides) starts once the first frame is on screen; so does the
    # compiling of the screens not shown yet.
    window.frameSwapped.connect(terminal.preload, Qt.SingleShotConnection)
    warmer = ScreenWarmer(engine, QML_DIR)
    window.frameSwapped.connect(warmer.start, Qt.SingleShotConnection)
    activity = _ActivityFilter(controller, window)
    app.installEventFilter(activity)
    return KioskUi(app, engine, controller, theme, window, activity, warmer)
