"""A cupsd that trickles its answer cannot hold a request past the client's deadline (issue
9 item 10: ``timeout`` was a socket timeout, between bytes). A real HTTP/IPP answer over
TCP, one byte every 0.2 s, against the real CupsClient and DocPrinter; no CUPS."""
import socket
import threading
import time

import pytest

from drivers.base import DeviceState
from drivers.docprinter import ipp
from drivers.docprinter.cupsclient import CupsClient, CupsUnavailable
from drivers.docprinter.driver import DocPrinter
from drivers.docprinter.ipp import Status, Tag

pytestmark = pytest.mark.timeout(60)

MARGIN = 0.3


class TricklingCupsd:
    """Accepts IPP requests on TCP and answers a valid Get-Printer-Attributes reply, one
    byte every ``pause`` seconds (a hung or overloaded print server, a bad proxy)."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.server.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        body = ipp.encode(Status.OK, 1, [
            (Tag.OPERATION, [(Tag.CHARSET, "attributes-charset", "utf-8"),
                             (Tag.LANGUAGE, "attributes-natural-language", "en")]),
            (Tag.PRINTER, [(Tag.ENUM, "printer-state", 3),
                           (Tag.BOOLEAN, "printer-is-accepting-jobs", True)])])
        reply = (b"HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\n\r\n" + body)
        with conn:
            conn.settimeout(1)
            try:
                conn.recv(65536)
                for i in range(len(reply)):
                    if self.stop.wait(self.pause):
                        return
                    conn.sendall(reply[i:i + 1])
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.server.close()


@pytest.fixture
def cupsd():
    s = TricklingCupsd(pause=0.2)
    yield s
    s.close()


def test_a_trickling_cupsd_is_unavailable_after_the_timeout(cupsd):
    client = CupsClient(f"127.0.0.1:{cupsd.port}", timeout=1.0)
    start = time.monotonic()
    with pytest.raises(CupsUnavailable):
        client.printer("kiosk-a4")
    assert time.monotonic() - start < 1.0 + MARGIN


def test_the_document_printer_probe_ends_within_its_timeout(cupsd):
    printer = DocPrinter("docprinter", "kiosk-a4", server=f"127.0.0.1:{cupsd.port}",
                              timeout=1.0)
    start = time.monotonic()
    status = printer.poll()
    assert time.monotonic() - start < 1.0 + MARGIN
    assert status.state is DeviceState.OFFLINE and status.error.code == "cups_unavailable"
