"""Pickup lockers (RS-485 lock-control boards): codec, driver, simulator, CLI.

``from drivers.locker import LockerBus, BoardConfig`` is the usual entry point; ``protocol``
holds the pure codec, ``sim`` the pty simulator.
"""
from .driver import BoardError, DoorJammed, DoorResult, LockerBus, OpenDoor
from .protocol import CLOSED, OPEN, BoardConfig, ByteOrder, Polarity

__all__ = [
    "CLOSED", "OPEN", "BoardConfig", "BoardError", "ByteOrder", "DoorJammed", "DoorResult",
    "LockerBus", "OpenDoor", "Polarity",
]
