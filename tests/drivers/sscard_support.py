"""The PC/SC side of the social security card tests: the real pcscd with vsmartcard-vpcd,
and the reader this suite's simulated card goes into.

:func:`slot` is this test process's vpcd reader: the first one no other process holds
(:func:`drivers.sscard.vpcd.process_slot`, a lock file held until the process ends), so
another suite or a demo on this machine never puts its card in the same reader. The
simulated terminal (kiosk/core/simulation.py) of this process uses the same reader, one
test after the other. It is claimed when a test first asks, never at import: every xdist
worker imports this module when it collects, and the machine has two readers only.

- :func:`start_pcscd` runs scripts/services/pcscd.sh: starts pcscd when it is not running
  (a no-op otherwise); the caller decides what a failure means (the modules skip).
- :func:`wait_card` waits until pcscd itself sees the card in the reader or the reader
  empty: the simulator's own view is earlier than the one a driver gets.
- :func:`insert` puts a :class:`SsCardSimulator`'s card in, with card faults set first, and
  fails unless pcscd sees it within 3 s.
"""
from __future__ import annotations

import subprocess
import time

import pytest
from smartcard import scard as sc

from drivers.sscard.sim import SsCardSimulator
from drivers.sscard.vpcd import NoFreeSlot, VpcdSlot, process_slot

from .cli_support import ROOT

SCRIPT = ROOT / "scripts" / "services" / "pcscd.sh"


def slot() -> VpcdSlot:
    """This process's vpcd reader (``.reader`` for PC/SC, ``.port`` for the simulator)."""
    try:
        return process_slot()
    except NoFreeSlot as exc:
        pytest.fail(f"no free vpcd reader for the social security card tests: {exc}")


def start_pcscd() -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=30)


def list_readers() -> list[str]:
    hr, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    if hr != sc.SCARD_S_SUCCESS:
        return []
    try:
        hr, readers = sc.SCardListReaders(ctx, [])
        return list(readers) if hr == sc.SCARD_S_SUCCESS else []
    finally:
        sc.SCardReleaseContext(ctx)


def wait_card(present: bool, timeout: float = 3.0, reader: str | None = None) -> bool:
    """Wait until pcscd sees a card in ``reader`` (default: :func:`slot`'s) (``present``) or the
    reader empty."""
    reader = reader or slot().reader
    hr, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    assert hr == sc.SCARD_S_SUCCESS
    try:
        deadline = time.monotonic() + timeout
        state = sc.SCARD_STATE_UNAWARE
        while True:
            hr, states = sc.SCardGetStatusChange(
                ctx, 0 if state == sc.SCARD_STATE_UNAWARE else 100, [(reader, state)])
            if hr == sc.SCARD_S_SUCCESS:
                state = states[0][1]
            if bool(state & sc.SCARD_STATE_PRESENT) == present:
                return True
            if time.monotonic() >= deadline:
                return False
    finally:
        sc.SCardReleaseContext(ctx)


def insert(sim: SsCardSimulator, **faults) -> None:
    """``faults``: attributes of the :class:`VirtualSsCard` (``get_response=True``...)."""
    for name, value in faults.items():
        setattr(sim.card, name, value)
    sim.insert()
    assert wait_card(True, reader=sim.reader_name), "pcscd did not see the simulated card"
