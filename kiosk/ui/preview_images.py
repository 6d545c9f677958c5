"""``image://facepreview/<n>`` (the citizen in the face step's oval) and
``image://techpreview/<n>`` (the technician's view): live camera previews for QML's Image.

The frames are made on the preview's own thread (kiosk/core/camera_preview.py: cropped,
mirrored or boxed, RGB); this only wraps the newest one's bytes in a QImage, so the GUI
thread never waits on the camera. ``<n>`` is the frame's number: a new number makes the
Image ask again (its cache is off).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider


class PreviewImages(QQuickImageProvider):
    def __init__(self, latest: Callable[[], object]) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._latest = latest

    def requestImage(self, _id: str, size: QSize, requested: QSize) -> QImage:
        frame = self._latest()
        if frame is None:
            image = QImage(1, 1, QImage.Format.Format_RGB888)
            image.fill(0)
        else:
            # copy(): the QImage must own its pixels, not borrow the frame's bytes.
            fmt = (QImage.Format.Format_RGBA8888 if frame.channels == 4
                   else QImage.Format.Format_RGB888)
            image = QImage(frame.rgb, frame.width, frame.height, frame.channels * frame.width,
                           fmt).copy()
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
