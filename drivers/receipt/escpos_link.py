"""python-escpos's printers with the reads the driver needs. Imported on the first open
(:meth:`drivers.receipt.transport.Endpoint.create`), after
:func:`drivers.receipt.escpos_ready`: python-escpos is not imported at start-up."""
from __future__ import annotations

import socket
from typing import TypeAlias

from . import escpos_ready

escpos_ready()

from escpos.printer import File, Network, Serial  # noqa: E402  (after the cache set-up)

__all__ = ["EscposPrinter", "File", "NetworkPrinter", "SerialPrinter"]


class NetworkPrinter(Network):
    """python-escpos ``Network`` with a timed read that reports a closed connection."""

    def read_within(self, timeout: float) -> bytes:
        sock: socket.socket = self.device
        sock.settimeout(max(timeout, 0.001))
        try:
            data = sock.recv(256)
        except TimeoutError:
            return b""
        finally:
            sock.settimeout(self.timeout)
        if not data:
            raise ConnectionResetError("the printer closed the connection")
        return data


class SerialPrinter(Serial):
    """python-escpos ``Serial`` with a timed read and a bounded write."""

    def read_within(self, timeout: float) -> bytes:
        port = self.device
        port.timeout = max(timeout, 0.001)
        try:
            return port.read(max(1, port.in_waiting))
        finally:
            port.timeout = self.timeout

    def _raw(self, msg: bytes) -> None:
        # python-escpos sets no write timeout: with flow control stalled (printer offline)
        # a write would block for ever. Allow the transfer time at 10 bits per byte.
        self.device.write_timeout = self.timeout + len(msg) * 10 / self.baudrate
        super()._raw(msg)


EscposPrinter: TypeAlias = NetworkPrinter | SerialPrinter | File
