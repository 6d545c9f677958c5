"""Every UI string is translated into Traditional Chinese and English, and the committed
.ts files are up to date with the QML and Python sources."""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "kiosk" / "ui"
TS = sorted((UI / "i18n").glob("kiosk_*.ts"))


def messages(path):
    for msg in ET.parse(path).iter("message"):
        tr = msg.find("translation")
        yield msg.find("source").text, tr


@pytest.mark.parametrize("ts", TS, ids=lambda p: p.stem)
def test_no_string_is_left_untranslated(ts):
    missing = [src for src, tr in messages(ts)
               if tr.get("type") in ("unfinished", "vanished", "obsolete") or not tr.text]
    assert not missing, missing
    # Placeholders survive translation.
    for src, tr in messages(ts):
        assert src.count("%1") == tr.text.count("%1"), src


def test_ts_files_cover_every_string_in_the_sources(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copies = []
    for ts in TS:
        shutil.copy(ts, tmp_path / ts.name)
        copies.append(str(tmp_path / ts.name))
    out = subprocess.run([str(lupdate), *map(str, sorted((UI / "qml").glob("*.qml"))),
                          str(UI / "messages.py"),
                          *map(str, sorted((UI / "parts").glob("*.py"))), "-ts", *copies],
                         capture_output=True, text=True, check=True)
    assert out.stdout.count("(0 new and") == len(TS), out.stdout
    for copy in copies:
        assert 'type="unfinished"' not in Path(copy).read_text(encoding="utf-8"), \
            f"run `make translations` and translate the new strings ({copy})"


def test_compiled_catalogues_exist():
    for ts in TS:
        assert ts.with_suffix(".qm").exists(), f"{ts.with_suffix('.qm')} missing: run make"
