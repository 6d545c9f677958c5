"""hall/ shares only the written contract with the kiosk (DESIGN.md): it imports nothing
of kiosk/, drivers/ or offline_cache/, no Qt; and its CLI module loads without the web
framework, so mounting it in ``kiosk`` costs nothing when the hall extra is absent."""
import ast
import subprocess
import sys

from .conftest import ROOT

FORBIDDEN = ("kiosk", "drivers", "offline_cache", "PySide6", "PyQt5", "PyQt6", "shiboken6")


def test_hall_imports_nothing_of_the_kiosk():
    offenders, files = [], list((ROOT / "hall").rglob("*.py"))
    assert len(files) > 5
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and \
                not node.level else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert not offenders


def test_the_cli_module_does_not_load_the_web_framework():
    code = ("import sys, hall.cli, hall.storage; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'pydantic') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
