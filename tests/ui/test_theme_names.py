"""Every ``theme.NAME`` a QML file reads is a property of the Theme (kiosk/ui/theme.py).

A name the Theme lacks is ``undefined`` in QML: no error, only a console line ("Unable to
assign [undefined] to QColor") and the text drawn in the default colour. ``accent`` (the
ticket number, the amount to pay) went so when the keypad's colours came in.
"""
import re
from pathlib import Path

from kiosk.ui.theme import Theme

QML_DIR = Path(__file__).resolve().parents[2] / "kiosk" / "ui" / "qml"


def test_every_theme_name_the_qml_reads_is_a_theme_property():
    used = {(path.name, name) for path in QML_DIR.glob("*.qml")
            for name in re.findall(r"\btheme\.([A-Za-z_]\w*)", path.read_text(encoding="utf-8"))}
    missing = sorted((file, name) for file, name in used if not hasattr(Theme, name))
    assert missing == []
