"""What ``kiosk run`` imports before the attract screen's first frame (issue 16: start-up).

Not a timing: the modules the first frame does not need stay out of the process until it is
on screen (python-escpos and its Pillow/barcode/qrcode, the HTTP stack, OpenCV, the hall's
own package), whatever the machine's speed. bench/startup.py has the figures. (pypinyin is
not in the list: the guides' loading, which imports it, starts on a worker thread at the
first frame, just before this probe looks.)
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs the real entry point (kiosk.cli main -> kiosk.ui.main.run); the probe's own handler
# on the first frame is connected after create()'s, before the app starts its threads.
_CHILD = r"""
import json, sys
import kiosk.ui.app as app_mod
real_create = app_mod.create
def create(*args, **kwargs):
    ui = real_create(*args, **kwargs)
    def first_frame():
        print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
    ui.window.frameSwapped.connect(first_frame)
    return ui
app_mod.create = create
from kiosk import cli
sys.exit(cli.main(["run", "--config", sys.argv[1], "--first-frame-probe"]))
"""

_CONFIG = """
[kiosk]
data_dir = "{data}"
[devices.idcard]
driver = "idcard"
port = "{data}/no-reader"
required = true
[devices.receipt]
driver = "receipt"
uri = "tcp://127.0.0.1:9"
required = true
[devices.camera]
driver = "camera"
source = "{data}/no-camera.avi"
required = false
"""

NOT_BEFORE_THE_FIRST_FRAME = ("escpos", "PIL", "barcode", "qrcode", "requests", "urllib3",
                              "cv2", "numpy", "hall")


def test_nothing_the_attract_screen_does_not_need_is_imported_before_its_first_frame(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(_CONFIG.format(data=tmp_path))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(config)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("MODULES ")]
    assert lines, out.stdout + out.stderr
    modules = set(json.loads(lines[0].removeprefix("MODULES ")))
    assert "kiosk.ui.controller" in modules          # the probe saw the app, not a stub
    early = sorted(m for m in modules if m.split(".")[0] in NOT_BEFORE_THE_FIRST_FRAME)
    assert early == []
    assert "READY" in out.stdout                      # and the app still came up
    assert out.returncode == 0, out.stderr
