"""OpenCV and NumPy for the camera's modules, imported on first use.

``from ._cv import cv2, np`` gives stand-ins that import the real module at their first
attribute (``cv2.VideoCapture``): a terminal with a camera builds its driver at start-up,
and importing OpenCV with NumPy then cost about 300 ms before the attract screen's first
frame (issue 16); now the camera's first open pays it, on its polling thread. Annotations
name ``np.ndarray`` freely: every module here has ``from __future__ import annotations``.
"""
from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

_lock = threading.Lock()


class _Lazy:
    def __init__(self, name: str, loaded: Callable[[ModuleType], None] | None = None) -> None:
        self._name = name
        self._loaded = loaded
        self._module: ModuleType | None = None

    def _load(self) -> ModuleType:
        with _lock:
            if self._module is None:
                module = importlib.import_module(self._name)
                if self._loaded is not None:
                    self._loaded(module)
                self._module = module
        return self._module

    def __getattr__(self, attr: str) -> Any:
        module = self._module if self._module is not None else self._load()
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<{self._name}, imported on first use>"


def _opencv_loaded(cv2_module: ModuleType) -> None:
    importlib.import_module("cv2.data")     # the bundled Haar cascades: a submodule
    # OpenCV's own warnings go straight to stderr, past logging and its ID-number mask, once
    # per failed read: at the end of every loop of an image sequence (the simulated camera),
    # at every read of a frame file that cannot be read. What matters is the camera's
    # status, logged once when a trouble starts and once when it ends
    # (drivers/base/device.py). OPENCV_LOG_LEVEL, when set, still has the last word.
    if "OPENCV_LOG_LEVEL" not in os.environ:
        cv2_module.utils.logging.setLogLevel(cv2_module.utils.logging.LOG_LEVEL_ERROR)


cv2: Any = _Lazy("cv2", _opencv_loaded)
np: Any = _Lazy("numpy")
