"""The architecture's import rules are import-linter contracts (pyproject.toml), checked
by `make lint`, which `make test` runs first. This shows that each contract catches what
it is there for: a copy of the packages, one forbidden import added per contract, must
break exactly that contract (a contract that cannot fail checks nothing).
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("kiosk", "drivers", "offline_cache", "hall")

# contract name (as in pyproject.toml) -> (module to add, its text)
VIOLATIONS = {
    "Layers: the UI over the domain over the drivers and the outbox":
        ("drivers/idcard/upward.py", "import kiosk.core.flow\n"),
    "Only kiosk.ui (and the command line that starts it) imports Qt":
        ("kiosk/core/qt_here.py", "import PySide6.QtCore\n"),
    "The hall shares no code with the kiosk":
        ("hall/borrowed.py", "import offline_cache.outbox\n"),
    "No import cycles between the modules of a package":
        ("kiosk/core/screens_back.py", "import kiosk.core.flow\n"),
}


def _lint(tree: Path) -> str:
    run = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True,
                         text=True, timeout=300,
                         env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    return run.stdout + run.stderr


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    copy = tmp_path_factory.mktemp("contracts")
    shutil.copy(ROOT / "pyproject.toml", copy)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.qm", "*.png", "*.qml"))
    return copy


def test_the_tree_keeps_every_contract(tree):
    out = _lint(tree)
    assert f"Contracts: {len(VIOLATIONS)} kept, 0 broken." in out, out[-3000:]


def test_each_contract_catches_its_violation(tree):
    added = []
    screens = tree / "kiosk/core/screens.py"
    original = screens.read_text(encoding="utf-8")
    try:
        for module, text in VIOLATIONS.values():
            (tree / module).write_text(text, encoding="utf-8")
            added.append(tree / module)
        # screens_back.py imports flow, which imports screens: importing it back closes it
        screens.write_text(original + "\nfrom . import screens_back\n", encoding="utf-8")
        out = _lint(tree)
    finally:
        for path in added:
            path.unlink()
        screens.write_text(original, encoding="utf-8")
    for name in VIOLATIONS:
        assert f"{name} BROKEN" in out, out[-3000:]
