"""systemd/hall.service: ``systemd-analyze verify`` is clean, ``systemd-analyze security``
rates it 3.0 or better (OK), and its ExecStart is a command line the hall accepts."""
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hall import cli

from .conftest import ROOT

UNIT = ROOT / "systemd" / "hall.service"
INSTALLED_PREFIX = "/opt/kiosk/venv"
ANALYZE = shutil.which("systemd-analyze")
# Not a skip: scripts/setup-system.sh installs Debian's systemd package for this.
needs_analyze = pytest.mark.usefixtures("analyze")


@pytest.fixture
def analyze() -> str:
    assert ANALYZE, "systemd-analyze is missing: run scripts/setup-system.sh (package systemd)"
    return ANALYZE


def exec_start() -> list[str]:
    text = UNIT.read_text().replace("\\\n", " ")
    [line] = [line for line in text.splitlines() if line.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


@pytest.fixture
def unit_here(tmp_path) -> Path:
    """The unit as installed with the project in this venv instead of /opt/kiosk/venv
    (verify checks that ExecStart's program exists)."""
    venv = Path(sys.executable).parent.parent
    assert (venv / "bin" / "kiosk").exists(), "the project's kiosk command is not installed"
    copy = tmp_path / "hall.service"
    copy.write_text(UNIT.read_text().replace(INSTALLED_PREFIX, str(venv)))
    return copy


@needs_analyze
def test_the_unit_verifies_clean(unit_here):
    done = subprocess.run([ANALYZE, "verify", str(unit_here)], capture_output=True, text=True,
                          timeout=60, cwd=unit_here.parent)
    said = [line for line in (done.stdout + done.stderr).splitlines() if "hall.service" in line]
    assert done.returncode == 0 and not said, done.stdout + done.stderr


@needs_analyze
def test_the_unit_is_hardened(unit_here):
    done = subprocess.run([ANALYZE, "security", "--offline=true", str(unit_here)],
                          capture_output=True, text=True, timeout=60, cwd=unit_here.parent)
    assert done.returncode == 0, done.stderr
    m = re.search(r"Overall exposure level for hall\.service: (\d+\.\d+)", done.stdout)
    assert m, done.stdout
    assert float(m.group(1)) <= 3.0, done.stdout


def test_exec_start_is_a_command_line_the_hall_accepts(tmp_path):
    argv = exec_start()
    assert argv[0] == f"{INSTALLED_PREFIX}/bin/kiosk" and argv[1] == "hall"
    args = cli.build_parser().parse_args([a.replace("%d", str(tmp_path)) for a in argv[2:]])
    assert args.func is cli._serve and args.db.startswith("/var/lib/hall/")
    text = UNIT.read_text()
    for directive in ("StateDirectory=hall", "LimitNOFILE=65536", "ProtectSystem=strict",
                      "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes",
                      "SystemCallFilter=@system-service", "UMask=0077"):
        assert directive in text.splitlines(), directive
