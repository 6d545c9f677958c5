"""Where the receipt printer is: a URI from the configuration, opened with python-escpos.

- ``tcp://host[:port]``            a network printer (raw TCP, port 9100 by default)
- ``serial:///dev/ttyS0?baud=19200`` a serial printer (8N1, 9600 baud by default)
- ``file:///dev/usb/lp0``          a device or file written blind: no status can be read

python-escpos's ``Network`` and ``Serial`` do the opening and writing. Their ``_read``
does not fit status queries (``Serial._read`` waits for 16 bytes or the whole timeout;
neither reports a closed connection), so the subclasses here add :meth:`read_within`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import parse_qs, urlsplit

from . import escpos_ready

if TYPE_CHECKING:
    from .escpos_link import EscposPrinter

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 9600


@runtime_checkable
class Readable(Protocol):
    """A printer connection that can read replies."""

    def read_within(self, timeout: float) -> bytes:
        """Whatever arrived within ``timeout`` seconds (b"" if nothing); raises
        ConnectionError when the printer closed the connection."""


@dataclass(frozen=True)
class Endpoint:
    """A parsed printer URI."""

    scheme: str  # tcp | serial | file
    target: str  # host, device path or file path
    port: int = DEFAULT_TCP_PORT
    baud: int = DEFAULT_BAUD

    def create(self, timeout: float) -> EscposPrinter:
        """An unopened python-escpos printer for this endpoint."""
        escpos_ready()
        from .escpos_link import File, NetworkPrinter, SerialPrinter

        if self.scheme == "tcp":
            return NetworkPrinter(self.target, self.port, timeout=timeout)
        if self.scheme == "serial":
            return SerialPrinter(self.target, baudrate=self.baud, timeout=timeout)
        return File(self.target)


def parse_uri(uri: str) -> Endpoint:
    """Parse a printer URI; raises ValueError for anything else."""
    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    if parts.scheme == "tcp" and parts.hostname:
        return Endpoint("tcp", parts.hostname, parts.port or DEFAULT_TCP_PORT)
    if parts.scheme == "serial" and parts.path:
        try:
            baud = int(query.get("baud", [DEFAULT_BAUD])[0])
        except ValueError:
            raise ValueError(f"bad baud rate in {uri!r}") from None
        return Endpoint("serial", parts.path, baud=baud)
    if parts.scheme == "file" and parts.path:
        return Endpoint("file", parts.path)
    raise ValueError(f"printer URI must be tcp://host:port, serial:///dev/X?baud=N or "
                     f"file:///path, not {uri!r}")
