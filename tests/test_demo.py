"""``kiosk demo --headless`` end to end, as ``make demo`` runs it: every journey passes,
every service of the shipped catalog is opened, and the screenshots, receipts and A4
documents are written."""
import subprocess
import sys
from pathlib import Path


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
