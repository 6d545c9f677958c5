"""The receipt printer (ESC/POS): receipt model, codec, driver, simulator and renderer.

``from drivers.receipt import ReceiptPrinter, Receipt, Text, QR, Feed, Rule``. The
simulator (``drivers.receipt.sim``) and the CLI (``drivers.receipt.cli``) are imported
from their modules, so the driver alone needs neither OpenCV nor the renderer.
"""
import fcntl
import os
import pickle
from pathlib import Path


def _private_escpos_cache() -> None:
    """python-escpos 3.1 parses its 1 MB capabilities file with YAML on every import
    (about 100 ms) unless ESCPOS_CAPABILITIES_PICKLE_DIR names a folder to cache the
    result in; by default it makes a new temporary folder per process (never reused, never
    removed). Use a private folder of ours (0700: the cache is a pickle, so no other user
    may write it). Must run before the first ``import escpos``: every module of this
    package imports escpos through :func:`escpos_ready` when it first needs it, not at
    import (python-escpos pulls in Pillow, python-barcode, qrcode and pyserial: about
    160 ms of the kiosk's start-up before its first frame, issue 16).

    escpos writes the cache in place (truncate, then write) and trusts any file newer than
    its capabilities: a second process starting meanwhile reads a file cut short (EOFError,
    seen with the test suite's parallel workers), and so would every start after a power
    cut in the middle of that write. So the first import runs under a lock on the folder,
    and a cache that does not load is removed and built again."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "gd-kiosk" / "escpos"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid() or not os.access(folder, os.W_OK):
            return
        lock = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return    # no writable home: escpos falls back to its own temporary folder
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            import escpos.capabilities
        except (EOFError, pickle.UnpicklingError):
            for cached in folder.glob("*.capabilities.pickle"):
                cached.unlink()
            import escpos.capabilities  # noqa: F401
    finally:
        os.close(lock)


_escpos_loaded = False


def escpos_ready() -> None:
    """Call before importing anything from ``escpos`` (cheap after the first time)."""
    global _escpos_loaded
    if not _escpos_loaded:
        _private_escpos_cache()
        _escpos_loaded = True


from .document import QR, Feed, Receipt, Rule, Text  # noqa: E402  (after the cache set-up)
from .driver import ReceiptPrinter  # noqa: E402

__all__ = ["QR", "Feed", "Receipt", "ReceiptPrinter", "Rule", "Text"]
