"""Shared test set-up: Qt offscreen, a terminal configuration in a temporary folder, and
which tests may run at the same time.

`make test` runs the suite on every core (pytest-xdist, ``--dist loadgroup``). This machine
has one pcscd (the vpcd virtual readers of the simulated 社保卡) and one CUPS queue (the
simulated A4 printer), and tests inject faults into them (a stopped queue, pcscd killed, a
second reader claimed): every test that uses them runs in one xdist group, one at a time on
one worker. Which tests those are is :data:`SHARED_SERVICES`; a test outside it that still
starts one of those simulators fails at once and says so (:func:`_shared_services_guard`),
so a forgotten entry is found the first time the test runs, not as a rare flaky failure.

Tests marked ``alone`` change the machine for every other process (the Debian package
writes /etc/kiosk/kiosk.toml, which every terminal on the machine reads): `make test` runs
them after the parallel part, by themselves.
"""
import fnmatch
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED_GROUP = "pcscd-cups"
# Test modules that use the machine's pcscd/vpcd or CUPS, in-process or through a
# subprocess (the guard only sees the in-process ones: keep subprocess users listed).
SHARED_SERVICES = (
    # terminals with the 社保卡 reader or the A4 printer (the others have only the ID card
    # reader on a pty and the receipt printer on TCP, which every test has its own of)
    "tests/ui/test_card_reminder.py",
    "tests/ui/test_checkin_journey.py",
    "tests/ui/test_form_journey.py",
    "tests/ui/test_hall_catalog_journey.py",
    "tests/ui/test_identify_journey.py",
    "tests/ui/test_pickup_journey.py",
    "tests/ui/test_print_journey.py",
    "tests/ui/test_technician_journey.py",
    "tests/tech/*",                     # the technician's checks run on every device
    "tests/drivers/test_sscard_*",
    "tests/drivers/test_docprinter_*",
    "tests/drivers/test_cups_*",
    "tests/test_terminal_devices.py",   # kills pcscd, stops the CUPS queue
    "tests/test_chaos.py",
    "tests/test_identify.py",
    "tests/test_demo.py",               # `kiosk demo` in a subprocess
    "tests/test_install.py",            # the installed `kiosk demo` in a subprocess
)


def uses_shared_services(path: Path) -> bool:
    rel = path.resolve().relative_to(ROOT).as_posix()
    return any(fnmatch.fnmatch(rel, pattern) for pattern in SHARED_SERVICES)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "alone: changes the machine for every process; run by itself "
                   "(`make test` runs these after the parallel part)")


# First: xdist reads the group markers in its own collection hook, and a marker added after
# it is silently ignored (the shared tests then ran on every worker at once).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if uses_shared_services(item.path):
            item.add_marker(pytest.mark.xdist_group(SHARED_GROUP))


_current_test_may_share = [True]


def _guarded(what: str, function):
    def guarded(*args, **kwargs):
        if not _current_test_may_share[0]:
            raise RuntimeError(
                f"this test starts {what}, which is shared by the whole machine, but it "
                f"is not listed in tests/conftest.py SHARED_SERVICES: add it there, so "
                f"that it never runs beside another test using it")
        return function(*args, **kwargs)
    guarded.__wrapped__ = function
    return guarded


def _install_guards() -> None:
    from drivers.docprinter.sim import DocPrinterSimulator
    from drivers.sscard import vpcd
    from drivers.sscard.sim import SsCardSimulator

    vpcd.claim_slot = _guarded("a vpcd reader (pcscd)", vpcd.claim_slot)
    SsCardSimulator.__init__ = _guarded("a vpcd reader (pcscd)", SsCardSimulator.__init__)
    DocPrinterSimulator.__init__ = _guarded("the CUPS queue", DocPrinterSimulator.__init__)


_install_guards()


@pytest.fixture(autouse=True)
def _shared_services_guard(request):
    _current_test_may_share[0] = uses_shared_services(request.node.path)
    yield
    _current_test_may_share[0] = True


@pytest.fixture
def kiosk_config(tmp_path: Path):
    """The shipped kiosk.toml with its data in ``tmp_path`` and no devices."""
    from kiosk.core import config
    return config.load().with_data_dir(tmp_path / "data").with_devices(())
