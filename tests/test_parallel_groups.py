"""`make test` runs on every core but keeps the tests that share pcscd and CUPS on one
worker, one at a time (tests/conftest.py). This checks that promise with a real xdist run:
the shared tests must all land on one worker, under the group's name.

CI once failed because the group marker was added after xdist had read the markers: the
shared tests were spread over both workers, the 社保卡 simulator and the demo fought over
pcscd, and the CUPS spool held another test's document.
"""
import re
import subprocess
import sys

from tests.conftest import ROOT, SHARED_GROUP

# Two modules of the shared group that only encode and decode bytes (they start no
# simulator), so this run does not itself need pcscd or CUPS.
SHARED = ("tests/drivers/test_sscard_protocol.py", "tests/drivers/test_docprinter_ipp.py")
OTHER = "tests/test_units.py"


def test_the_shared_tests_run_on_one_worker_under_the_group():
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v",
         "-p", "no:cacheprovider", *SHARED, OTHER],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    lines = re.findall(r"^\[(gw\d+)\] .*?PASSED (.+?) *$", run.stdout, re.M)
    shared = [(worker, test) for worker, test in lines if test.startswith(SHARED)]
    other = [test for worker, test in lines if test.startswith(OTHER)]
    assert len(shared) >= 20 and other, run.stdout[-3000:]
    assert {worker for worker, _ in shared} == {shared[0][0]}, shared
    assert all(test.endswith("@" + SHARED_GROUP) for _, test in shared), shared
    assert not any("@" in test for test in other), other


def test_collecting_the_suite_claims_no_vpcd_reader():
    """Every xdist worker imports every test module when it collects. A module that took
    this process's vpcd reader at import (tests/drivers/sscard_support.py once did) left
    both of the machine's readers held by idle workers, and `kiosk demo`, run in a
    subprocess by the shared group, found none: CI failed on its 社保卡 journey."""
    code = ("import pytest\n"
            "pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', 'tests'])\n"
            "from drivers.sscard import vpcd\n"
            "print('HELD', vpcd._process_claim is not None)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert "HELD" in run.stdout, run.stdout[-2000:] + run.stderr[-2000:]
    assert "HELD False" in run.stdout
