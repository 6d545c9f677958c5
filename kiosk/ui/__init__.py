"""The citizen screens: Qt Quick (QML) plus a thin Python bridge.

QML holds no business logic: it shows the properties of :class:`KioskController` and
calls its slots. Only this package imports PySide6.
"""

from .refcounts import pin as _pin

_pin()      # before anything here talks to PySide6: see refcounts.py
