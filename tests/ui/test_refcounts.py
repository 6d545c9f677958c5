"""The app survives the PySide6 calls of days of use (kiosk/ui/refcounts.py).

PySide6 6.12 takes a reference from None at each ``processEvents()`` and at each call of
the app's Python translator with a null disambiguation (nearly every qsTr), and one from
True at each ``Signal.emit()``; Python 3.11 died after a few thousand ("Fatal Python
error: none_dealloc", 65 sessions into bench/soak.py). In a child process: a failure aborts
the interpreter.
"""
import os
import subprocess
import sys

_CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtQml import QQmlEngine
app = QCoreApplication(["kiosk"])
from kiosk.ui.i18n import Translations
engine = QQmlEngine()
translations = Translations(engine)
translations.where = lambda text: text.replace("到窗口", "到3号窗口")
class Hub(QObject):
    changed = Signal()
hub = Hub()
hub.changed.connect(lambda: None)
for language in ("en", "zh_TW", "zh_CN") * 10:
    translations.apply(language)
    for _ in range(2000):
        QCoreApplication.translate("AttractScreen", "请触摸屏幕开始")
        QCoreApplication.translate("Messages", "请到窗口办理")
        hub.changed.emit()
        QCoreApplication.processEvents()
print("REFS", min(sys.getrefcount(o) for o in (None, True, False)), flush=True)
"""


def test_a_day_of_translations_emits_and_event_loop_turns_leaves_none_and_true_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    refs = int(next(line.split()[1] for line in out.stdout.splitlines()
                    if line.startswith("REFS")))
    assert refs > 2**59 or sys.version_info >= (3, 12)
