"""The hard import rules of DESIGN.md: only kiosk/ui imports Qt."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ["drivers", "offline_cache", "kiosk/core"]


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_qt_free_layers_do_not_import_qt():
    offenders = []
    for layer in QT_FREE:
        for path in (ROOT / layer).rglob("*.py"):
            for mod in imported_modules(path):
                if mod.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6") or \
                        mod.startswith("kiosk.ui"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert not offenders, offenders
    assert any((ROOT / "drivers").rglob("*.py"))   # the scan really looked at files
