"""The app's translator (kiosk/ui/i18n.py) survives the translations of days of use.

PySide6 6.12 hands a Python override of QTranslator.translate a null disambiguation as
None without a reference of its own: each qsTr took one from None and the app died after a
few thousand ("Fatal Python error: none_dealloc", 65 sessions into bench/soak.py). In a
child process: a failure aborts the interpreter.
"""
import os
import subprocess
import sys

_CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtQml import QQmlEngine
app = QCoreApplication(["kiosk"])
from kiosk.ui.i18n import Translations
engine = QQmlEngine()
translations = Translations(engine)
translations.where = lambda text: text.replace("到窗口", "到3号窗口")
before = sys.getrefcount(None)
for language in ("en", "zh_TW", "zh_CN") * 10:
    translations.apply(language)
    for _ in range(2000):
        QCoreApplication.translate("AttractScreen", "请触摸屏幕开始")
        QCoreApplication.translate("Messages", "请到窗口办理")
print("NONE_DELTA", sys.getrefcount(None) - before, flush=True)
"""


def test_sixty_thousand_translations_take_no_reference_from_none():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    delta = int(next(line.split()[1] for line in out.stdout.splitlines()
                     if line.startswith("NONE_DELTA")))
    assert abs(delta) < 1000        # 120,000 calls: one reference each would show
