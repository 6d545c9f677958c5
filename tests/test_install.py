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
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The interpreter the .deb builds its venv with; another python3 elsewhere.
SYSTEM_PYTHON = ("/usr/bin/python3" if os.path.exists("/usr/bin/python3")
                 else shutil.which("python3"))
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin folder, an environment without the source tree, a folder outside it)."""
    if SYSTEM_PYTHON is None:
        pytest.skip("no python3 to make the venv with")
    base = tmp_path_factory.mktemp("install")
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
    return venv / "bin", env, outside


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
