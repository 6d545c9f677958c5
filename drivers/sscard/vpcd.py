"""The virtual readers vsmartcard-vpcd offers through pcscd, and claiming one of them.

pcscd loads vpcd from the entry of ``/etc/reader.conf.d`` whose LIBPATH is libifdvpcd; it
gives ``SLOTS_PER_ENTRY`` readers, "<FRIENDLYNAME> 00 <slot>", whose virtual card side
listens on TCP ``<port of DEVICENAME> + slot`` (Debian's entry: "Virtual PCD 00 00" on
35963 and "Virtual PCD 00 01" on 35964). Only one entry works: libifdvpcd (vsmartcard 3.3)
keeps its slots in one table for all entries, so a second entry takes the first one's
slots over (checked: the first entry's readers never see their card again).

A vpcd reader takes one card at a time, so two programs (two test suites, a demo beside a
test run) that insert a simulated card must not share one. :func:`process_slot` gives this
process the first reader no other process holds, through an exclusive ``flock`` on
``/tmp/kiosk-vpcd-<port>.lock`` kept until the process ends; everything in the process
that inserts a simulated card (the driver tests, the simulated terminal, one after the
other) uses that one. :func:`claim_slot` takes one more, for as long as it is held.
"""
from __future__ import annotations

import fcntl
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

CONF_DIR = Path("/etc/reader.conf.d")
LOCK_DIR = Path("/tmp")
# vsmartcard's VPCDSLOTS as Debian builds it: two readers per reader.conf entry.
SLOTS_PER_ENTRY = 2
# Debian's entry, for a machine without one in reader.conf.d (the slots are then guessed).
DEFAULT_PORT = 35963
_FALLBACK_ENTRIES = (("Virtual PCD", DEFAULT_PORT),)


@dataclass(frozen=True)
class VpcdSlot:
    """One virtual reader: its PC/SC name and the TCP port its card connects to."""

    reader: str
    port: int


class NoFreeSlot(RuntimeError):
    """Every declared vpcd reader is claimed by another program."""


def declared_slots(conf_dir: str | os.PathLike = CONF_DIR) -> list[VpcdSlot]:
    """The vpcd readers pcscd offers with the files of ``conf_dir`` (the first vpcd
    entry's; Debian's when there is none)."""
    friendly, port = (_vpcd_entries(Path(conf_dir)) or list(_FALLBACK_ENTRIES))[0]
    return [VpcdSlot(f"{friendly} 00 {s:02X}", port + s) for s in range(SLOTS_PER_ENTRY)]


def slot_for_port(port: int, conf_dir: str | os.PathLike = CONF_DIR) -> VpcdSlot | None:
    return next((s for s in declared_slots(conf_dir) if s.port == port), None)


class SlotClaim:
    """A vpcd reader held for this program until :meth:`release` (or the process ends)."""

    def __init__(self, slot: VpcdSlot, fd: int) -> None:
        self.slot = slot
        self._fd: int | None = fd

    @property
    def reader(self) -> str:
        return self.slot.reader

    @property
    def port(self) -> int:
        return self.slot.port

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)      # closing the descriptor drops the flock

    def __enter__(self) -> SlotClaim:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def claim_slot(slots: list[VpcdSlot] | None = None, *,
               lock_dir: str | os.PathLike = LOCK_DIR) -> SlotClaim:
    """Claim the first of ``slots`` (default: every declared one) no other program holds;
    raises :class:`NoFreeSlot` when all are taken."""
    candidates = declared_slots() if slots is None else slots
    for slot in candidates:
        path = Path(lock_dir) / f"kiosk-vpcd-{slot.port}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            # flock, not lockf: it belongs to this descriptor, so one process can hold
            # several slots (a test suite and the simulated terminal it builds).
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return SlotClaim(slot, fd)
    raise NoFreeSlot(f"all {len(candidates)} vpcd readers are in use by other programs"
                     f" (locks {Path(lock_dir)}/kiosk-vpcd-<port>.lock): wait for one of"
                     " them to end")


_process_claim: SlotClaim | None = None
_process_lock = threading.Lock()


def process_slot() -> VpcdSlot:
    """This process's vpcd reader, claimed on first use and held until the process ends.
    Raises :class:`NoFreeSlot` when other processes hold every reader."""
    global _process_claim
    with _process_lock:
        if _process_claim is None:
            _process_claim = claim_slot()
        return _process_claim.slot


def _vpcd_entries(conf_dir: Path) -> list[tuple[str, int]]:
    """(FRIENDLYNAME, port) of every vpcd entry, files in name order (pcscd's own order
    is the directory's; with one entry it does not matter)."""
    try:
        files = sorted(p for p in conf_dir.iterdir() if p.is_file())
    except OSError:
        return []
    entries = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for block in re.split(r"\n\s*\n", text):
            fields = dict(re.findall(r"^\s*([A-Z]+)\s+(.+?)\s*$", block, re.MULTILINE))
            if "ifdvpcd" not in fields.get("LIBPATH", ""):
                continue
            port = _port(fields.get("DEVICENAME", ""), fields.get("CHANNELID", ""))
            if port is not None:
                entries.append((fields.get("FRIENDLYNAME", "Virtual PCD").strip('"'), port))
    return entries


def _port(devicename: str, channelid: str) -> int | None:
    # vpcd takes its port from DEVICENAME's ":port" and falls back to CHANNELID.
    for text in (devicename.rpartition(":")[2] if ":" in devicename else "", channelid):
        try:
            return int(text, 0)
        except ValueError:
            continue
    return None
