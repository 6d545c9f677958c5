"""Driving the real QML window with real touches, for the tests and the headless demo.

Items are found by ``objectName``; a click is a mouse press and release delivered to the
window at the item's centre (``QTest.mouseClick``), so it goes through the same hit
testing and MouseAreas as a finger on the appliance's touch screen.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from .app import KioskUi


class UiRobot:
    def __init__(self, ui: KioskUi) -> None:
        self.ui = ui
        self.window = ui.window
        self.wait_for(self.window.isExposed, 5.0, "the window to be shown")

    def process(self, seconds: float = 0.0) -> None:
        """Run the event loop for ``seconds`` (at least one pass)."""
        end = time.monotonic() + seconds
        while True:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 20)
            if time.monotonic() >= end:
                return
            time.sleep(0.005)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0,
                 what: str = "condition") -> None:
        end = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > end:
                raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
            self.process(0.02)

    def wait_screen(self, screen: str, timeout: float = 5.0) -> None:
        self.wait_for(lambda: self.ui.controller.screen == screen, timeout, f"screen {screen!r}")
        self.process(0.1)   # let the Loader build the new screen

    def find(self, name: str) -> QQuickItem | None:
        """The first visible item called ``name``, searched in the visual tree (items a
        Repeater creates have no QObject parent, so ``findChildren`` misses them)."""
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if not item.isVisible():
                continue
            if item.objectName() == name:
                return item
            stack.extend(reversed(item.childItems()))
        return None

    def item(self, name: str, timeout: float = 3.0) -> QQuickItem:
        found: list[QQuickItem] = []

        def visible() -> bool:
            item = self.find(name)
            if item is not None and item.width() > 0 and item.height() > 0:
                found[:] = [item]
                return True
            return False

        self.wait_for(visible, timeout, f"visible item {name!r}")
        return found[0]

    def click(self, name: str, timeout: float = 3.0) -> None:
        """Touch the item's centre where it is drawn. Positions are laid out at the next
        frame (Qt Quick's polish), so a button below a notice that just changed is still
        at its old place for a moment: the touch waits until two frames agree. (The
        likely cause of a lost touch on 重拍 in one CI run, tests/ui/test_form_journey.py.)"""
        item = self.item(name, timeout)
        centre = None
        for _frame in range(10):
            now = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            if now == centre:
                break
            centre = now
            self.process(0.02)
        QTest.mouseClick(self.window, Qt.LeftButton, Qt.NoModifier,
                         QPoint(int(centre.x()), int(centre.y())))
        self.process(0.05)

    def key(self, key: Qt.Key) -> None:
        """Press a key of the hardware keypad (an arrow, Enter) on the window."""
        QTest.keyClick(self.window, key)
        self.process(0.05)

    def focused(self) -> str:
        """The objectName of the control with the keypad's focus (of the named item it
        belongs to: a tile's TouchArea is its tile's), or "" with none."""
        item = self.window.activeFocusItem()
        if item is None or not item.activeFocusOnTab():
            return ""                   # a screen's root after it changed: no control
        while item is not None and not item.objectName():
            item = item.parentItem()
        return item.objectName() if item is not None else ""

    def press_by_keypad(self, name: str, steps: int = 80) -> None:
        """Reach the control ``name`` with the down arrow alone, as a citizen on the
        keypad would, and press Enter there; AssertionError if the arrows never reach it."""
        self.item(name)
        seen = []
        for _ in range(steps):
            if self.focused() == name:
                self.key(Qt.Key_Return)
                return
            self.key(Qt.Key_Down)
            seen.append(self.focused())
        raise AssertionError(f"the keypad never reaches {name!r}; it went through {seen}")

    def open_service(self, code: str, timeout: float = 3.0) -> None:
        """From the attract or home screen, touch the tile of service ``code`` as a
        citizen would: its topic first when it is in one, turning pages as needed."""
        if self.ui.controller.screen == "attract":
            self.click("attractArea")
        self.wait_screen("home")
        groups = self.ui.controller.terminal.catalog.home_groups()
        group = next((g for g in groups if code in g.services), None)
        if group is None:
            raise AssertionError(f"no tile for service {code!r} on the home screen")
        if self.find("groupBack") is not None:
            self.click("groupBack")
        if len(group.services) > 1:
            self._click_on_some_page(f"group_{group.code}", timeout)
        self._click_on_some_page(f"service_{code}", timeout)

    def _click_on_some_page(self, name: str, timeout: float) -> None:
        while self.find("servicesPrev") is not None and \
                self.item("servicesPrev").property("available"):
            self.click("servicesPrev")
        for _page in range(20):
            if self.find(name) is not None:
                self.click(name, timeout)
                return
            self.click("servicesNext", timeout)
        raise AssertionError(f"no tile {name!r} on the home screen")

    def text_of(self, name: str) -> str:
        return str(self.item(name).property("text"))

    def screenshot(self, path: str | Path) -> Path:
        self.process(0.1)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.window.grabWindow().save(str(path)):
            raise OSError(f"could not save a screenshot to {path}")
        return path
