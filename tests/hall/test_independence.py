"""hall/ shares only the written contract with the kiosk (DESIGN.md). That it imports
nothing of kiosk/, drivers/ or offline_cache/, and no Qt, is an import-linter contract
(`make lint`, tests/test_contracts.py). Here: its CLI module loads without the web
framework, so mounting it in ``kiosk`` costs nothing when the hall extra is absent."""
import subprocess
import sys

from .conftest import ROOT


def test_the_cli_module_does_not_load_the_web_framework():
    code = ("import sys, hall.cli, hall.storage; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'pydantic') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
