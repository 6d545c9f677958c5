"""Time from process start to the first rendered frame of the attract screen, next to a
bare QML window started the same way in the same run (compare the ratio, not seconds:
the machines are shared and noisy), and to READY (the database read, every driver
polled, the first frame on screen: systemd's READY=1).

    .venv/bin/python bench/startup.py [--runs N] [--camera]

Both children run offscreen and print ``FIRST_FRAME <epoch>`` on their window's first
``frameSwapped`` (the kiosk, ``READY <epoch>`` too); the parent takes the time just
before spawning them.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import sys, time
from PySide6.QtGui import QGuiApplication
from PySide6 import QtQuick
from PySide6.QtQml import QQmlApplicationEngine
app = QGuiApplication(sys.argv)
engine = QQmlApplicationEngine()
engine.loadData(b'import QtQuick\nWindow { width: 1920; height: 1080; visible: true; '
                b'Text { anchors.centerIn: parent; text: "\xe8\xaf\xb7\xe8\xa7\xa6\xe6\x91\xb8"; '
                b'font.pointSize: 40 } }')
w = engine.rootObjects()[0]
def done():
    print(f"FIRST_FRAME {time.time():.6f}", flush=True)
    app.quit()
w.frameSwapped.connect(done)
app.exec()
"""

KIOSK_CONFIG = """
[kiosk]
data_dir = "{data}"
catalog = "{catalog}"
[devices.idcard]
driver = "idcard"
port = "{data}/no-reader"
required = true
[devices.receipt]
driver = "receipt"
uri = "tcp://127.0.0.1:9"
required = true
"""

# --camera: as on both shipped models (kiosk/data/models), a camera too (none plugged in).
CAMERA = """
[devices.camera]
driver = "camera"
source = "{data}/no-camera.avi"
required = false
"""


def first_frame(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """{"FIRST_FRAME": seconds, and "READY": seconds when the child says it}."""
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    times = {}
    for line in out.stdout.splitlines():
        what, _, at = line.partition(" ")
        if what in ("FIRST_FRAME", "READY"):
            times[what] = float(at) - start
    if "FIRST_FRAME" not in times:
        raise RuntimeError(f"{cmd[:3]} printed no first frame:\n{out.stdout}\n{out.stderr}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--camera", action="store_true",
                        help="a camera in the kiosk's configuration, as on the shipped models")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Byte-compiled as installed (pip compiles the wheel's modules into the venv): this
        # machine's environment may say PYTHONDONTWRITEBYTECODE, and the tree is not
        # compiled, so each start compiled every kiosk module from source (about 35 ms of
        # kiosk.ui alone). The warm-up runs below fill this cache for both children.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cfg = Path(tmp) / "kiosk.toml"
        catalog = ROOT / "kiosk" / "data" / "catalog.toml"
        cfg.write_text(KIOSK_CONFIG.format(data=tmp, catalog=catalog)
                       + (CAMERA.format(data=tmp) if args.camera else ""))
        kiosk_cmd = [sys.executable, "-m", "kiosk.cli", "run", "--config", str(cfg),
                     "--first-frame-probe"]
        bare_cmd = [sys.executable, "-c", BARE]
        first_frame(bare_cmd, env)           # warm the page and bytecode caches for both
        first_frame(kiosk_cmd, env)
        bare, kiosk, ready = [], [], []
        for _ in range(args.runs):           # interleaved, so noise hits both alike
            bare.append(first_frame(bare_cmd, env)["FIRST_FRAME"])
            times = first_frame(kiosk_cmd, env)
            kiosk.append(times["FIRST_FRAME"])
            ready.append(times.get("READY", float("nan")))
    b, k, r = statistics.median(bare), statistics.median(kiosk), statistics.median(ready)
    print(f"first frame, median of {args.runs} runs (offscreen):")
    print(f"  bare QML window   {b * 1000:7.0f} ms")
    print(f"  kiosk attract     {k * 1000:7.0f} ms")
    print(f"  ratio kiosk/bare  {k / b:7.2f}   overhead {(k - b) * 1000:.0f} ms")
    print(f"kiosk run to READY  {r * 1000:7.0f} ms   ({(r - k) * 1000:.0f} ms after the first "
          f"frame; ratio to the bare window {r / b:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
