"""The project's build backend (pyproject.toml): setuptools, plus the compiled translations.

The UI's translations are kept as Qt Linguist sources (``kiosk/ui/i18n/*.ts``) and the app
loads the compiled ``.qm`` files, which are not in git. So that a wheel built from a fresh
clone carries them, every ``.ts`` whose ``.qm`` is missing or older is compiled with Qt's
``lrelease`` before setuptools collects the package data. ``lrelease`` comes with
PySide6-Essentials, which is asked for as a build requirement only when a ``.qm`` needs
building (a tree where ``make setup`` already built them builds without it).
"""
from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the rest of PEP 517 unchanged)

I18N_DIR = Path(__file__).resolve().parents[1] / "kiosk" / "ui" / "i18n"
LRELEASE_PROVIDER = "PySide6-Essentials>=6.5,<7"   # as in setup.cfg
_LRELEASE_TIMEOUT_S = 120


def _stale() -> list[Path]:
    """The .ts files whose .qm is missing or older."""
    stale = []
    for ts in sorted(I18N_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            stale.append(ts)
    return stale


def _compile_translations() -> None:
    stale = _stale()
    if not stale:
        return
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{', '.join(p.name for p in stale)} need compiling and lrelease is "
                           f"missing: install {LRELEASE_PROVIDER!r} in the build environment")
    lrelease = Path(spec.submodule_search_locations[0]) / "lrelease"
    for ts in stale:
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True, timeout=_LRELEASE_TIMEOUT_S)


def _requires(base: list[str]) -> list[str]:
    return base + ([LRELEASE_PROVIDER] if _stale() else [])


def get_requires_for_build_wheel(config_settings=None):
    return _requires(_setuptools.get_requires_for_build_wheel(config_settings))


def get_requires_for_build_editable(config_settings=None):
    return _requires(_setuptools.get_requires_for_build_editable(config_settings))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _compile_translations()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _compile_translations()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
