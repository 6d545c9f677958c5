"""The terminal installed as an appliance installs it (issue 11): a wheel built from this
tree, installed into a fresh venv made with Debian's python3 outside the tree, runs its
commands from a folder outside the tree with nothing of the sources on the path.

Builds and installs once per module (about 20 s with pip's wheel cache warm). The demo
uses the shared pcscd and CUPS: run this file under the shared lock, like test_demo.py
(``flock /tmp/kiosk-shared.lock python -m pytest tests/test_install.py``).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The interpreter the .deb builds its venv with; another python3 elsewhere.
SYSTEM_PYTHON = ("/usr/bin/python3" if os.path.exists("/usr/bin/python3")
                 else shutil.which("python3"))
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def installed():
    """(venv bin folder, an environment without the source tree, a folder outside it)."""
    if SYSTEM_PYTHON is None:
        pytest.skip("no python3 to make the venv with")
    # Not under pytest's own temporary folder (0700 root): the kiosk user runs the app
    # from this venv under cage.
    base = Path(tempfile.mkdtemp(prefix="kiosk-install-"))
    base.chmod(0o755)
    # Nothing of the tree on the path (with it, pip would take the tree's egg-info for
    # gd-kiosk already installed).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(base / "state"))
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, timeout=300, cwd=base)
    wheel = next(wheels.glob("gd_kiosk-*.whl"))
    venv = base / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True, timeout=120, env=env)
    # Dependencies from the configured index; pip's wheel cache keeps a re-run short.
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"{wheel}[hall]"],
                   check=True, timeout=600, cwd=base, env=env)
    outside = base / "elsewhere"
    outside.mkdir()
    yield venv / "bin", env, outside
    shutil.rmtree(base, ignore_errors=True)


def _run(installed, *args, timeout: float):
    bin_dir, env, cwd = installed
    return subprocess.run([str(bin_dir / "kiosk"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=cwd)


def test_the_package_comes_from_the_venv_not_the_tree(installed):
    bin_dir, env, cwd = installed
    out = subprocess.run([str(bin_dir / "python"), "-c",
                          "import kiosk, kiosk.core.config as c; print(kiosk.__file__); "
                          "print(c.SHIPPED_CONFIG_DIR)"],
                         capture_output=True, text=True, timeout=60, env=env, cwd=cwd, check=True)
    for line in out.stdout.split():
        assert "site-packages" in line and not line.startswith(str(ROOT)), line


def test_the_wheel_carries_the_compiled_translations(installed):
    bin_dir, env, cwd = installed
    out = subprocess.run([str(bin_dir / "python"), "-c",
                          "from importlib import resources; "
                          "print(sorted(p.name for p in (resources.files('kiosk.ui') / 'i18n')"
                          ".iterdir() if p.name.endswith('.qm')))"],
                         capture_output=True, text=True, timeout=60, env=env, cwd=cwd, check=True)
    assert out.stdout.strip() == "['kiosk_en.qm', 'kiosk_zh_TW.qm']"


def test_run_simulate_reaches_its_first_frame(installed):
    done = _run(installed, "run", "--simulate", "--first-frame-probe", timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert any(line.startswith("FIRST_FRAME ") for line in done.stdout.splitlines()), done.stdout


def test_diag_list_reports_the_shipped_models_devices(installed):
    done = _run(installed, "diag", "list", "--json", timeout=120)
    # The hardware of the shipped model is not on this machine: not OK, but every device
    # is listed with its state.
    report = json.loads(done.stdout)
    assert done.returncode == (0 if report["ok"] else 1)
    assert {d["name"] for d in report["devices"]} == {
        "idcard", "sscard", "camera", "receipt", "docprinter", "lockers"}


def test_hall_serve_answers(installed):
    bin_dir, env, cwd = installed
    proc = subprocess.Popen([str(bin_dir / "kiosk"), "hall", "serve", "--port", "0",
                             "--db", str(cwd / "hall.db"), "--token", "K-1=t0ken-for-the-test"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=cwd)
    try:
        line = proc.stdout.readline()
        assert line.startswith("hall listening on http://"), line + proc.stderr.read(3000)
        url = line.split()[-1]
        req = urllib.request.Request(f"{url}/api/v1/catalog",
                                     headers={"Authorization": "Bearer t0ken-for-the-test",
                                              "X-Kiosk-Id": "K-1"})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200 and json.load(r)["services"]
    finally:
        proc.terminate()
        proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()


def test_the_headless_demo_runs_from_the_install(installed):
    """Every journey passes from the installed package too, with every simulator (the
    CUPS set-up script ships too), and it writes its output."""
    _, _, cwd = installed
    out = cwd / "demo"
    done = _run(installed, "demo", "--headless", "--out", str(out), timeout=600)
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, summary + done.stderr[-3000:]
    assert "journeys" in summary.splitlines()[0]
    for word in ("FileNotFoundError", "ModuleNotFoundError", "ImportError", "left out"):
        assert word not in summary + done.stdout + done.stderr, word
    assert len(list(out.glob("*.png"))) >= 40
    assert len(list(out.glob("receipt-*.png"))) >= 8 and len(list(out.glob("*.pdf"))) == 5


# -- the appliance session: the app under cage as the kiosk user ------------------------
CAGE_TOML = """[kiosk]
id = "CAGE-1"
hall_name = {{ zh_CN = "清远市连山县政务服务中心", en = "Lianshan County Service Centre" }}
data_dir = "{data}"
model = "village-compact"
"""


@pytest.fixture
def kiosk_user():
    """The appliance's user: the package creates it; here a throw-away one when absent."""
    if os.geteuid() != 0:
        pytest.skip("runs the app as the kiosk user under cage: needs root")
    created = subprocess.run(["getent", "passwd", "kiosk"], capture_output=True).returncode != 0
    if created:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", "kiosk"], check=True, timeout=60)
    yield "kiosk"
    if created:
        subprocess.run(["userdel", "kiosk"], check=True, timeout=60)


def _owned_dir(path: Path, user: str) -> Path:
    path.mkdir(mode=0o700)
    shutil.chown(path, user, user)
    return path


def _ink(gray, rect):
    x, y, w, h = rect
    return gray[y:y + h, x:x + w] < 128


def _overlap(a, b) -> float:
    """How much of the dark pixels (the glyphs) two crops share: 1.0 is the same text
    at the same place; a shift of a few pixels already falls under 0.5."""
    union = (a | b).sum()
    return float((a & b).sum() / union) if union else 0.0


def test_the_app_under_cage_as_the_kiosk_user_renders_its_attract_screen(installed,
                                                                         kiosk_user):
    """The appliance session: the installed app under cage with wlroots' headless backend
    (no GPU, pixman), as the kiosk user with a unit's clean environment. grim's screenshot
    of the compositor shows the hall's name where and as the offscreen render does."""
    import cv2
    import numpy as np

    bin_dir, env, cwd = installed
    for tool in ("cage", "grim"):
        assert shutil.which(tool), f"{tool} missing: make setup installs it"
    work = cwd / "cage"
    work.mkdir()
    work.chmod(0o755)
    runtime, data = _owned_dir(work / "run", kiosk_user), _owned_dir(work / "data", kiosk_user)
    config = work / "kiosk.toml"
    config.write_text(CAGE_TOML.format(data=data), encoding="utf-8")
    config.chmod(0o644)
    as_kiosk = ["runuser", "-u", kiosk_user, "--", "env", "-i", "PATH=/usr/bin:/bin",
                "LANG=C.UTF-8", f"HOME={data}", f"XDG_RUNTIME_DIR={runtime}"]
    log = (work / "cage.log").open("wb")
    cage = subprocess.Popen(
        [*as_kiosk, "WLR_BACKENDS=headless", "WLR_RENDERER=pixman", "WLR_LIBINPUT_NO_DEVICES=1",
         "QT_QPA_PLATFORM=wayland", "XDG_SESSION_TYPE=wayland",
         "/usr/bin/cage", "--", str(bin_dir / "kiosk"), "run", "--simulate", "--config",
         str(config)], cwd="/", stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def grim():
        if not (runtime / "wayland-0").exists():
            return None
        shot = subprocess.run([*as_kiosk, "WAYLAND_DISPLAY=wayland-0", "grim", "-"],
                              capture_output=True, timeout=30)
        if shot.returncode != 0 or not shot.stdout:
            return None
        return cv2.imdecode(np.frombuffer(shot.stdout, np.uint8), cv2.IMREAD_GRAYSCALE)

    try:
        deadline = time.monotonic() + 90
        first = None
        while first is None and time.monotonic() < deadline and cage.poll() is None:
            time.sleep(1)
            first = grim()
        assert first is not None, "cage showed nothing: " + \
            (work / "cage.log").read_text(errors="replace")[-3000:]
        height, width = first.shape
        # The same screen offscreen, at the compositor's size, with the same configuration
        # (its own data folder).
        off_config = work / "offscreen.toml"
        off_config.write_text(CAGE_TOML.format(data=work / "offscreen-data"), encoding="utf-8")
        render = subprocess.run(
            [str(bin_dir / "python"), str(ROOT / "tests" / "appliance" / "render_attract.py"),
             str(off_config), str(work / "offscreen.png"), str(width), str(height)],
            capture_output=True, text=True, timeout=180, env=env, cwd=cwd)
        assert render.returncode == 0, render.stderr[-3000:]
        rect = [round(v) for v in json.loads(render.stdout.splitlines()[-1])]
        expected = _ink(cv2.imread(str(work / "offscreen.png"), cv2.IMREAD_GRAYSCALE), rect)
        assert expected.mean() > 0.05, "the offscreen render shows no hall name"
        overlap = 0.0
        shot = first
        while time.monotonic() < deadline:
            overlap = _overlap(_ink(shot, rect), expected)
            if overlap > 0.8:
                break
            time.sleep(1)
            shot = grim() if cage.poll() is None else shot
        cv2.imwrite(str(work / "cage.png"), shot)
        assert overlap > 0.8, (f"the hall name under cage covers {overlap:.2f} of the "
                               f"offscreen render's (see {work}/cage.png)")
        x, y, w, h = rect
        shifted = _overlap(_ink(shot, (x, y + 8, w, h)), expected)
        assert shifted < 0.6, f"the comparison cannot tell a shift of 8 px ({shifted:.2f})"
        assert cage.poll() is None, "the app or cage ended by itself"
    finally:
        if cage.poll() is None:
            os.killpg(cage.pid, 15)
            try:
                cage.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(cage.pid, 9)
                cage.wait(30)
        log.close()
