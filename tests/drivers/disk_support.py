"""A real small disk for the tests that fill one: a 64 KiB tmpfs mounted for the test.

Mounting needs root (the test machines run the suite as root); elsewhere the tests that use
it skip and say why. ``fill()`` takes every free byte with one file, ``free()`` gives them
back, so a test sees ENOSPC from the kernel, not from a mock.
"""
from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._filler = root / "filler"

    def fill(self) -> None:
        """Write until the kernel answers ENOSPC (unbuffered: every byte that fits lands)."""
        with open(self._filler, "ab", buffering=0) as f:
            for size in (4096, 1):
                try:
                    while f.write(b"\0" * size):
                        pass
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KiB tmpfs at ``tmp_path/disk``, unmounted after the test."""
    root = tmp_path / "disk"
    root.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                           str(root)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
