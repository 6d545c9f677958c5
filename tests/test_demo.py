"""``kiosk demo --headless`` end to end, as ``make demo`` runs it: every journey passes,
every service of the shipped catalog is opened, and the screenshots, receipts and A4
documents are written. It is also the screen walker: every screen a citizen can leave
has the one bottom bar with the one end button, labelled alike in each language."""
import subprocess
import sys
from pathlib import Path

from kiosk.core.screens import Screen
from kiosk.demo import NO_WAY_OUT


def test_the_headless_demo_runs_every_service(tmp_path):
    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "demo", "--headless",
                           "--out", str(out)], capture_output=True, text=True, timeout=600)
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, summary + done.stderr[-3000:]
    assert "(0 failed)" in summary.splitlines()[0]
    opened = next(line for line in summary.splitlines() if line.startswith("services opened"))
    count, total = opened.split(":")[1].split(" of ")
    assert int(count) == int(total) >= 16 and "not:" not in opened
    assert len(list(out.glob("*.png"))) >= 40
    assert len(list(out.glob("receipt-*.png"))) >= 8 and len(list(out.glob("*.pdf"))) == 5
    for pdf in out.glob("*.pdf"):
        assert Path(pdf).read_bytes().startswith(b"%PDF-")
    navigation = next(line for line in summary.splitlines() if line.startswith("navigation:"))
    walked = set(navigation.split("(")[1].split(")")[0].split(", "))
    assert walked == {s.value for s in Screen} - NO_WAY_OUT, navigation
    assert "every one with the bottom bar and one end button" in navigation, summary
    assert "more than one label" not in navigation
    assert "⌂ 结束办理" in navigation and "⌂ Finish" in navigation
