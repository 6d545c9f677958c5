"""Resident ID card reader (SAM module, serial): codec, driver, simulator, CLI.

``from drivers.idcard import IdCardReader, ReadOutcome, IdCard`` is the usual entry point;
``protocol`` and ``card`` hold the pure codec, ``sim`` the pty simulator.
"""
from .card import IdCard
from .driver import CardError, IdCardReader, ReadOutcome

__all__ = ["CardError", "IdCard", "IdCardReader", "ReadOutcome"]
