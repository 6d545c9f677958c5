"""Every screen's QML compiled ahead of its first show, off the GUI thread.

The screen Loader (Main.qml) builds a screen inside the touch that leads to it. The first
time, that included compiling the screen's QML (or loading it from Qt's disk cache): a
compiled type is kept by the engine only while something holds it. After the first
frame, :class:`ScreenWarmer` asks the engine for each screen as a component compiled
asynchronously (Qt's type loader thread does the compiling) and keeps the components, so
a first show only instantiates (issue 16: the first identify screen stalled the GUI
thread 29 ms with the disk cache off, a later one half that).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine


class ScreenWarmer(QObject):
    def __init__(self, engine: QQmlEngine, qml_dir: Path) -> None:
        super().__init__(engine)
        self._engine = engine
        self._files = sorted(qml_dir.glob("*Screen.qml"))
        self.components: list[QQmlComponent] = []

    def start(self) -> None:
        """Start compiling every screen (returns at once; each compiles in the
        background and is kept for the engine's life)."""
        for path in self._files:
            self.components.append(QQmlComponent(self._engine, QUrl.fromLocalFile(str(path)),
                                                 QQmlComponent.CompilationMode.Asynchronous,
                                                 self))

    def ready(self) -> bool:
        """Every screen compiled (or failed: its error shows when it is first loaded)."""
        return bool(self.components) and all(not c.isLoading() for c in self.components)
