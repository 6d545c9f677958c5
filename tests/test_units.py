"""The systemd units of the appliance (issue 11): `systemd-analyze verify` passes and
`systemd-analyze security --offline=true` rates kiosk.service 3.0 or better.

verify runs against a scratch root holding the units, systemd's own units and the two
programs the units start (verify checks that they exist): cage from the system (Debian's
`cage`, scripts/setup-system.sh) and a stand-in for /opt/kiosk/venv/bin/kiosk. The package
test (tests/test_deb.py) verifies the units again as installed, with the real venv.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "systemd"
SERVICES = ("kiosk.service", "kiosk-health.service")
ANALYZE = shutil.which("systemd-analyze")
pytestmark = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze missing: run "
                                                        "scripts/setup-system.sh (package systemd)")


def _settings(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (UNITS / unit).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_every_unit_verifies(tmp_path):
    cage = shutil.which("cage")
    if cage is None:
        pytest.skip("cage missing: run scripts/setup-system.sh")
    (tmp_path / "etc/systemd/system").mkdir(parents=True)
    for unit in SERVICES:
        shutil.copy(UNITS / unit, tmp_path / "etc/systemd/system" / unit)
    shutil.copytree("/lib/systemd/system", tmp_path / "usr/lib/systemd/system", symlinks=True)
    (tmp_path / "usr/bin").mkdir(parents=True)
    shutil.copy(cage, tmp_path / "usr/bin/cage")
    kiosk = tmp_path / "opt/kiosk/venv/bin/kiosk"
    kiosk.parent.mkdir(parents=True)
    kiosk.write_text("#!/bin/sh\n")
    kiosk.chmod(0o755)
    done = subprocess.run([ANALYZE, "verify", f"--root={tmp_path}", *SERVICES],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_verify_would_catch_a_broken_unit(tmp_path):
    """The check above can fail: a misspelt setting is reported."""
    broken = tmp_path / "kiosk.service"
    unit = (UNITS / "kiosk.service").read_text()
    broken.write_text(unit.replace("NotifyAccess=", "NotifyAcess="))
    done = subprocess.run([ANALYZE, "verify", str(broken)], capture_output=True, text=True,
                          timeout=120)
    assert "NotifyAcess" in done.stderr


@pytest.mark.parametrize("unit, ceiling", [("kiosk.service", 3.0), ("kiosk-health.service", 3.0)])
def test_the_security_exposure_is_at_most(unit, ceiling):
    done = subprocess.run([ANALYZE, "security", "--offline=true", str(UNITS / unit)],
                          capture_output=True, text=True, timeout=120)
    level = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", done.stdout)
    assert level, done.stdout[-2000:] + done.stderr
    assert float(level.group(1)) <= ceiling, done.stdout


def test_the_session_is_the_cage_pattern_with_the_watchdog():
    s = _settings("kiosk.service")
    assert s["Type"] == ["notify"] and s["NotifyAccess"] == ["all"]
    assert int(s["WatchdogSec"][0]) > 0 and s["Restart"] == ["always"]
    assert s["ExecStart"][0].startswith("/usr/bin/cage ")
    assert " -- /opt/kiosk/venv/bin/kiosk run" in s["ExecStart"][0]
    assert s["TTYPath"] == ["/dev/tty1"] and s["PAMName"] and s["UtmpIdentifier"] == ["tty1"]
    assert "getty@tty1.service" in s["Conflicts"] and s["User"] == ["kiosk"]
    assert s["StartLimitBurst"] and s["StartLimitIntervalSec"]
    assert s["StartLimitAction"] == ["reboot"]
    assert "SupplementaryGroups" not in s and s["DevicePolicy"] == ["closed"]
    allowed = " ".join(s["DeviceAllow"])
    for device in ("/dev/tty1", "char-drm", "char-input", "char-video4linux"):
        assert device in allowed
    assert s["ProtectSystem"] == ["strict"] and "/var/lib/kiosk" in s["ReadWritePaths"][0]
    assert s["PrivateTmp"] == ["yes"] and s["NoNewPrivileges"] == ["yes"]


def test_the_health_unit_gates_boot_complete():
    s = _settings("kiosk-health.service")
    assert "boot-complete.target" in s["Before"] and "boot-complete.target" in s["RequiredBy"]
    assert "kiosk health" in s["ExecStart"][0] and "kiosk.service" in s["After"]


def test_tmpfiles_makes_the_state_dir_owner_only():
    lines = [line.split() for line in (UNITS / "kiosk-tmpfiles.conf").read_text().splitlines()
             if line and not line.startswith("#")]
    assert ["d", "/var/lib/kiosk", "0700", "kiosk", "kiosk", "-"] in lines
