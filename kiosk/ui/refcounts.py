"""None, True and False pinned for the life of the process (Python 3.11 with PySide6 6.12).

PySide6 6.12 returns None, True or False to Python without a reference of their own in
places the app calls all day: each ``processEvents()`` takes one from None, each
``Signal.emit()`` one from True, each call of a Python ``QTranslator.translate`` override
with a null disambiguation (nearly every qsTr) one from None. Python 3.11 counts those
objects like any other, so after a few thousand such calls the process died ("Fatal Python
error: none_dealloc" / "bool_dealloc"): 65 sessions into bench/soak.py, a terminal within
hours. Python 3.12 made them immortal; here they are given 2**60 references once (a
stolen reference a microsecond would take 36,000 years to use them up), which is what
immortality amounts to, whatever PySide gets wrong next.
"""
from __future__ import annotations

import ctypes
import sys

_PINNED = 1 << 60
_done = False


def pin() -> None:
    """Give None, True and False their extra references (once; nothing on 3.12+)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        # ob_refcnt is the object's first field (Py_ssize_t); this runs under the GIL, as
        # every other change to it does.
        ctypes.c_ssize_t.from_address(id(obj)).value += _PINNED
    _done = True
