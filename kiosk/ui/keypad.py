"""The hardware keypad of accessible kiosks (arrow keys and Enter, as on CUSS accessible
keypads): the arrows move the focus through every control that takes touches, in the
order they are declared (the screen first, then the header: Main.qml), Enter presses the
control that has it (BigButton.qml, TouchArea.qml, ChoiceChip.qml...), and FocusRing.qml
shows which one that is. No screen is reachable by touch only.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow

FORWARD = frozenset({Qt.Key.Key_Down, Qt.Key.Key_Right})
BACKWARD = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Left})
_MOST_CONTROLS = 400         # a bound on the walk round the chain (a screen has < 100)


def move_focus(window: QQuickWindow, forward: bool) -> None:
    """Give the focus to the next (previous) control after the one that has it; with
    none focused (a new screen), to the screen's first (last). The chain wraps round.
    Controls inside a disabled item (the screen under a dialog, Main.qml) are passed
    over: Qt's focus chain would stop on them."""
    start = window.activeFocusItem() or window.contentItem()
    target = start
    for _ in range(_MOST_CONTROLS):
        target = target.nextItemInFocusChain(forward)
        if target is None or target is start:
            return
        if _reachable(target):
            target.forceActiveFocus(Qt.FocusReason.TabFocusReason)
            return


def _reachable(item: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if not (node.isEnabled() and node.isVisible()):
            return False
        node = node.parentItem()
    return True
