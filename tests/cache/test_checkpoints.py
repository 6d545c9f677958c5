"""The WAL is checkpointed on a thread of its own, never in the citizen's commit
(offline_cache/db.py, issue 16: on an SD card the commit that crossed SQLite's threshold
waited three flushes instead of one, bench/slow_storage.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from offline_cache import db, outbox

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import ctypes, json, sys
from datetime import UTC, datetime
from offline_cache import db, outbox
calls = ctypes.CDLL(None).slow_fsync_calls
calls.restype = ctypes.c_long
conn = db.connect(sys.argv[1])
flushes = []
for n in range(int(sys.argv[2])):
    before = calls()
    with db.transaction(conn):
        outbox.enqueue(conn, "rating", {"n": n}, datetime.now(UTC))
    flushes.append(calls() - before)
print(json.dumps({"flushes": flushes, "checkpoints": conn.checkpointer.checkpoints}))
"""


def _commit(conn, n: int) -> None:
    with db.transaction(conn):
        outbox.enqueue(conn, "rating", {"n": n}, datetime.now(UTC))


def test_sqlite_checkpoints_only_as_a_backstop(tmp_path):
    conn = db.connect(tmp_path / "kiosk.db")
    try:
        pages = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        assert pages == db.AUTOCHECKPOINT_BACKSTOP_PAGES
        assert pages >= 10 * db.CHECKPOINT_AFTER_CHANGES    # far above what it waits for
    finally:
        conn.close()


def test_enough_changes_are_checkpointed_in_the_background(tmp_path):
    conn = db.connect(tmp_path / "kiosk.db")
    try:
        for n in range(db.CHECKPOINT_AFTER_CHANGES):
            _commit(conn, n)
        deadline = time.monotonic() + 10
        while conn.checkpointer.checkpoints == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert conn.checkpointer.checkpoints >= 1
        # Everything in the WAL was copied back: a PASSIVE checkpoint now has nothing left.
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert busy == 0 and frames == copied
    finally:
        conn.close()


def test_a_quiet_database_is_checkpointed(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "CHECKPOINT_IDLE_S", 0.2)
    conn = db.connect(tmp_path / "kiosk.db")
    try:
        _commit(conn, 1)        # far below CHECKPOINT_AFTER_CHANGES
        deadline = time.monotonic() + 10
        while conn.checkpointer.checkpoints == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert conn.checkpointer.checkpoints >= 1
    finally:
        conn.close()


def test_a_removed_database_is_not_made_again(tmp_path):
    checkpointer = db._Checkpointer.of(tmp_path / "gone.db")
    checkpointer.checkpoint()
    assert not (tmp_path / "gone.db").exists()


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler for the fsync shim")
def test_each_commit_flushes_once_on_its_own_thread(tmp_path):
    """Through bench/slow_fsync.c (counting each thread's fsync/fdatasync calls): every
    commit is flushed (durable), and none pays for a checkpoint's flushes, though several
    checkpoints happen meanwhile."""
    lib = tmp_path / "slow_fsync.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", str(lib),
                    str(ROOT / "bench" / "slow_fsync.c"), "-ldl"], check=True)
    commits = 3 * db.CHECKPOINT_AFTER_CHANGES + 20
    env = {**os.environ, "LD_PRELOAD": str(lib), "SLOW_FSYNC_MS": "0", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "kiosk.db"),
                          str(commits)], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)
    result = json.loads(out.stdout.splitlines()[-1])
    assert set(result["flushes"]) == {1}
    assert result["checkpoints"] >= 1
