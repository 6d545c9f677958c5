"""Social security card reader (PC/SC through pcscd, pyscard): codec, driver, simulator, CLI.

``from drivers.sscard import SsCardReader, SsReadOutcome, SsCard`` is the usual entry point;
``protocol`` holds the pure codec (APDUs, status words, records, :class:`SsCard`), ``sim``
the virtual card that plugs into pcscd through vsmartcard-vpcd.
"""
from .driver import CardError, SsCardReader, SsReadOutcome
from .protocol import SsCard

__all__ = ["CardError", "SsCard", "SsCardReader", "SsReadOutcome"]
