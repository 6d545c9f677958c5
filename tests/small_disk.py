"""A real small disk for the terminal's data directory: a tmpfs mounted for the test.

Mounting needs root (the test machines run the suite as root); elsewhere the tests that
use it skip and say why. :meth:`SmallDisk.fill` takes every free byte with one file, so
the terminal meets ENOSPC / SQLITE_FULL from the kernel, not from a mock;
:meth:`SmallDisk.free` gives them back.
"""
from __future__ import annotations

import errno
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._filler = root / "filler"

    def fill(self) -> None:
        """Write until the kernel answers ENOSPC (unbuffered: every byte that fits lands)."""
        with open(self._filler, "ab", buffering=0) as f:
            for size in (1 << 16, 4096, 1):
                try:
                    while f.write(b"\0" * size):
                        pass
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    @property
    def free_bytes(self) -> int:
        st = os.statvfs(self.root)
        return st.f_bavail * st.f_frsize


@contextmanager
def small_disk(root: Path, size: str):
    """A tmpfs of ``size`` (mount's syntax: ``8m``) at ``root``, unmounted afterwards."""
    root.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(root)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
