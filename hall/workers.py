"""``kiosk hall serve --workers N``: N pre-forked processes accepting on one listening
socket (the kernel hands each new connection to one of them), each with its own store
connections and the guarded protocol of :mod:`hall.serving`.

The parent binds, migrates and seeds the store, then forks; it holds no store connection
and no thread when it forks (a forked connection pool or SQLite handle would be shared by
two processes). It supervises: a worker that dies is replaced (logged), unless workers
keep dying within :data:`EARLY_DEATH_S` of their start (then the hall stops, exit 1, for
systemd to restart or an operator to look at); SIGTERM/SIGINT are passed on to the workers,
which finish their requests (uvicorn's graceful shutdown), and any still running after
:data:`STOP_TIMEOUT_S` are killed.

Why several processes at all: one Python process runs the handlers on one core (the GIL);
with PostgreSQL, N workers use N cores. With SQLite the numbering and the batches stay
correct across workers (``BEGIN IMMEDIATE`` takes the database file's write lock, which
serialises writers of every process; tests/hall/test_store_processes.py), but they also
queue on that one lock, so SQLite gains little from more than one worker.

Per-process state stays per worker: the connection caps (``--max-connections`` is per
worker) and the admin API's injected faults (tests use one worker for those).
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable

log = logging.getLogger("hall.workers")
EARLY_DEATH_S = 5.0
MAX_EARLY_DEATHS = 5
STOP_TIMEOUT_S = 15.0
_POLL_S = 0.1


def prefork(count: int, work: Callable[[], None]) -> int:
    """Run ``work`` in ``count`` child processes until SIGTERM/SIGINT; returns the exit
    status for the parent."""
    children: dict[int, float] = {}
    stopping: list[float] = []            # the moment the stop began, once it has
    early_deaths = 0

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            status = 0
            try:
                work()
            except BaseException:          # the worker's last word goes to its stderr
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)
        children[pid] = time.monotonic()

    def stop(signum=None, frame=None) -> None:
        if not stopping:
            stopping.append(time.monotonic())
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(count):
        spawn()
    status = 0
    while children:
        pid, wait_status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            if stopping and time.monotonic() - stopping[0] > STOP_TIMEOUT_S:
                for child in children:
                    os.kill(child, signal.SIGKILL)
            time.sleep(_POLL_S)
            continue
        started = children.pop(pid, None)
        if started is None or stopping:
            continue
        code = os.waitstatus_to_exitcode(wait_status)
        early_deaths = early_deaths + 1 if time.monotonic() - started < EARLY_DEATH_S else 0
        if early_deaths >= MAX_EARLY_DEATHS:
            print(f"hall: workers keep dying at start (last: pid {pid}, status {code}); "
                  "stopping the hall: see the errors above", file=sys.stderr, flush=True)
            status = 1
            stop()
            continue
        print(f"hall: worker {pid} ended (status {code}); starting another", file=sys.stderr,
              flush=True)
        spawn()
    return status
