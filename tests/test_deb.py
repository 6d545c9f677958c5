"""The Debian package's life cycle (issue 11), by scripts/test-deb.sh: two versions built
with `scripts/appliance.sh deb` (the newer with one more schema migration), the older
installed with apt-get, three unsynced outbox rows left, the upgrade with dpkg -i keeps
them (the database copied to kiosk.db.before-v<N>.bak before it is migrated; they then
sync to a real hall), the purge leaves nothing. Root only; the script purges the package
whatever happens.

About a minute and a half. It writes /etc/kiosk/kiosk.toml for that time, which any
test loading the default configuration would see: it is marked ``alone`` (tests/conftest.py),
so `make test` runs it after every other test, by itself.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.timeout(900), pytest.mark.alone]


@pytest.mark.skipif(os.geteuid() != 0, reason="installs a package: needs root")
@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="not a Debian system")
def test_install_upgrade_with_unsynced_rows_and_purge():
    done = subprocess.run(["bash", str(ROOT / "scripts" / "test-deb.sh")], capture_output=True,
                          text=True, timeout=840,
                          env=dict(os.environ, KIOSK_HALL_PYTHON=sys.executable))
    if done.returncode == 77:
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert ("OK: install, upgrade (a schema migration, backed up first) with 3 unsynced rows "
            "kept and synced, purge") in done.stdout
