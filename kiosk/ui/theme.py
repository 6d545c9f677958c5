"""Sizes and colours of the citizen screens, exposed to QML as ``theme``.

Elder mode scales text and touch targets: body text >= 18 pt normally and >= 30 pt in
elder mode, touch targets >= 60x60 px (DESIGN.md). Colours pass WCAG AA (>= 4.5:1) for
their text; state is never told by colour alone (every disabled button also says why).
"""
from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal


class Theme(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._elder = False

    def set_elder(self, on: bool) -> None:
        if on != self._elder:
            self._elder = on
            self.changed.emit()

    def _pick(self, normal, elder):
        return elder if self._elder else normal

    # Text sizes in points.
    bodySize = Property(int, lambda self: self._pick(20, 32), notify=changed)
    labelSize = Property(int, lambda self: self._pick(18, 30), notify=changed)
    titleSize = Property(int, lambda self: self._pick(34, 46), notify=changed)
    buttonTextSize = Property(int, lambda self: self._pick(26, 38), notify=changed)
    hugeSize = Property(int, lambda self: self._pick(96, 120), notify=changed)
    # Touch targets in pixels.
    buttonHeight = Property(int, lambda self: self._pick(120, 170), notify=changed)
    smallButtonHeight = Property(int, lambda self: self._pick(64, 84), notify=changed)
    spacing = Property(int, lambda self: self._pick(24, 32), notify=changed)
    # Colours (contrast against their text noted).
    background = Property(str, lambda self: "#F4F7FB", constant=True)
    text = Property(str, lambda self: "#1A1A1A", constant=True)          # 16.6:1 on background
    mutedText = Property(str, lambda self: "#4A4A4A", constant=True)     # 8.4:1 on background
    primary = Property(str, lambda self: "#0B4F8A", constant=True)       # white text 8.4:1
    primaryText = Property(str, lambda self: "#FFFFFF", constant=True)
    headerBg = Property(str, lambda self: "#0B3C6B", constant=True)      # white text 11:1
    disabledBg = Property(str, lambda self: "#E3E6EA", constant=True)
    disabledText = Property(str, lambda self: "#3D3D3D", constant=True)  # 9.4:1 on disabledBg
    accent = Property(str, lambda self: "#C0392B", constant=True)        # ticket number, 5.4:1
    warning = Property(str, lambda self: "#8A3B00", constant=True)       # 7.4:1 on white
    # Done: a document printed, a door open, paid, accepted (green, not the red of alarm).
    success = Property(str, lambda self: "#1E6B34", constant=True)       # 6.9:1 on white
    # The keypad's focus ring (FocusRing.qml): dark outside, yellow inside, so it shows on
    # the light screens and on the dark header alike (WCAG 2.4.13: >= 3:1 each side).
    focusOuter = Property(str, lambda self: "#1A1A1A", constant=True)
    focusInner = Property(str, lambda self: "#FFD400", constant=True)
