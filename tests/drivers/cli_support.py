"""The ``kiosk diag <device>`` / ``kiosk sim <device>`` command line, for the driver CLI tests.

Each driver's ``cli`` module gives two hooks, ``add_diag_parser`` and ``add_sim_parser``; the
top-level ``kiosk`` parser (kiosk/cli.py) hangs them under ``diag`` and ``sim``. Here that
parser is rebuilt from the one driver named in ``argv`` (``argv[1]``, after ``diag`` or
``sim``), so a driver's tests need nothing of ``kiosk/`` and import only its own driver.

- :func:`kiosk` runs a command in this process and returns its exit code; what it prints
  goes to ``sys.stdout`` / ``sys.stderr`` (read it with ``capsys``). A usage error raises
  ``SystemExit(2)``, as argparse does.
- :func:`run_kiosk` runs a command to its end in a real subprocess
  (``python -m tests.drivers.cli_support diag ...``, from the repository root), text in
  UTF-8, and returns the :class:`subprocess.CompletedProcess`.
- :func:`start_kiosk` starts a long-running command (``sim ...``) in a subprocess, stdout a
  pipe, and yields the :class:`subprocess.Popen`. However the block ends, the process is
  gone afterwards: still running, it gets SIGTERM (a simulator then cleans up: removes its
  link, pulls its card, clears its printer fault), and is killed if that takes over 10 s.
- :func:`first_line` and :func:`stop` read a simulator's first line (where it says where it
  listens) and stop it with a signal, within time limits, so a hung simulator fails the
  test instead of hanging it.

No pytest here: the subprocesses import this module too.
"""
from __future__ import annotations

import argparse
import importlib
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def kiosk(*argv: str) -> int:
    """``kiosk diag|sim <device> ...`` in this process; its exit code."""
    _command, device = argv[:2]
    device_cli = importlib.import_module(f"drivers.{device}.cli")
    parser = argparse.ArgumentParser(prog="kiosk")
    top = parser.add_subparsers(dest="command", required=True)
    device_cli.add_diag_parser(top.add_parser("diag").add_subparsers(dest="check",
                                                                      required=True))
    device_cli.add_sim_parser(top.add_parser("sim").add_subparsers(dest="device",
                                                                   required=True))
    args = parser.parse_args(argv)
    # The driver's hooks register their commands under the device's own name.
    assert (args.check if args.command == "diag" else args.device) == device, args
    return args.func(args)


def _command(argv: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "tests.drivers.cli_support", *argv]


def run_kiosk(*argv: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """``kiosk diag|sim <device> ...`` in a subprocess, run to its end."""
    return subprocess.run(_command(argv), cwd=ROOT, env=ENV, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


@contextmanager
def start_kiosk(*argv: str, stderr: int = subprocess.PIPE) -> Iterator[subprocess.Popen]:
    """``kiosk sim <device> ...`` in a subprocess for the time of the block; ``stderr``:
    ``subprocess.DEVNULL`` where the test does not read it (a pipe nobody reads fills)."""
    proc = subprocess.Popen(_command(argv), cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                            stderr=stderr, text=True, encoding="utf-8")
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


def first_line(proc: subprocess.Popen, timeout: float = 10) -> str:
    """The next line ``proc`` prints, stripped; fails if nothing comes within ``timeout``."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "the simulator printed nothing"
    return proc.stdout.readline().strip()


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> tuple[int, str]:
    """Send ``sig`` (Ctrl-C is SIGINT, ``systemctl stop`` SIGTERM), wait up to 15 s for the
    end; the exit code and the rest of stderr ("" when it was not a pipe)."""
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=15)
    return proc.returncode, err or ""


if __name__ == "__main__":
    sys.exit(kiosk(*sys.argv[1:]))
