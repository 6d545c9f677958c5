"""A village-grade link on loopback: a TCP proxy that throttles, delays, drops and goes down.

    proxy = LinkProxy(("127.0.0.1", hall_port), kbit_s=64, rtt_ms=300, drop_rate=0.02)
    port = proxy.start()          # the terminal talks to 127.0.0.1:<port>
    proxy.set_down(True)          # an outage: live connections cut, new ones refused
    proxy.stop()

Each direction is a link of ``kbit_s``: a chunk is serialised after the previous one
(``len * 8 / bit rate``) and arrives ``rtt_ms / 2`` later, so a request and its answer cost a
round trip plus their size over the line, as on a rural ADSL or 2G/3G uplink. With
probability ``drop_rate`` a connection is chosen to break mid-transfer: after a random
number of bytes (``drop_after`` range) both ends are aborted, as when the line drops. The
seed makes a run repeatable. ``stats`` counts connections, drops and the bytes each way.

The proxy runs its own asyncio loop on a daemon thread; it is a test and bench tool, not
part of the terminal.
"""
from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass


@dataclass
class LinkStats:
    connections: int = 0
    dropped: int = 0
    refused: int = 0            # connections that arrived while the link was down
    bytes_up: int = 0           # terminal -> hall
    bytes_down: int = 0         # hall -> terminal


class LinkProxy:
    def __init__(self, upstream: tuple[str, int], *, kbit_s: float = 64.0,
                 rtt_ms: float = 300.0, drop_rate: float = 0.0,
                 drop_after: tuple[int, int] = (200, 20_000), seed: int = 1) -> None:
        self.upstream = upstream
        self.byte_time = 8.0 / (kbit_s * 1000.0)     # seconds per byte on the line
        self.one_way = rtt_ms / 2000.0
        self.drop_rate = drop_rate
        self.drop_after = drop_after
        self.stats = LinkStats()
        self._rng = random.Random(seed)
        self._down = False
        self._live: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="link-proxy")
        self._server: asyncio.base_events.Server | None = None

    # -- control (any thread) ----------------------------------------------------------
    def start(self) -> int:
        """Listen on 127.0.0.1; returns the port."""
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result(10)
        return self._server.sockets[0].getsockname()[1]

    def set_down(self, down: bool) -> None:
        """Take the link down (cut every live connection, refuse new ones) or back up."""
        def apply() -> None:
            self._down = down
            if down:
                for writer in list(self._live):
                    writer.transport.abort()
        self._loop.call_soon_threadsafe(apply)

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for writer in list(self._live):
                writer.transport.abort()
        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # -- the link (the proxy's loop) ---------------------------------------------------
    async def _serve(self, client_r: asyncio.StreamReader,
                     client_w: asyncio.StreamWriter) -> None:
        if self._down:
            self.stats.refused += 1
            client_w.transport.abort()
            return
        self.stats.connections += 1
        try:
            hall_r, hall_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_w.transport.abort()
            return
        self._live.update((client_w, hall_w))
        budget = (self._rng.randint(*self.drop_after)
                  if self._rng.random() < self.drop_rate else None)
        moved = [0]

        def cut_if_due(n: int) -> bool:
            moved[0] += n
            if budget is not None and moved[0] >= budget:
                self.stats.dropped += 1
                client_w.transport.abort()
                hall_w.transport.abort()
                return True
            return False

        try:
            await asyncio.gather(self._direction(client_r, hall_w, "up", cut_if_due),
                                 self._direction(hall_r, client_w, "down", cut_if_due),
                                 return_exceptions=True)
        finally:
            self._live.difference_update((client_w, hall_w))
            for w in (client_w, hall_w):
                w.transport.abort()

    async def _direction(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                         name: str, cut_if_due) -> None:
        """Move bytes one way at the line's rate and delay, in order."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        line_free = 0.0

        async def deliver() -> None:
            while (item := await queue.get()) is not None:
                arrival, data = item
                await asyncio.sleep(max(0.0, arrival - loop.time()))
                if writer.transport.is_closing():
                    return
                writer.write(data)
                await writer.drain()
                if name == "up":
                    self.stats.bytes_up += len(data)
                else:
                    self.stats.bytes_down += len(data)
                if cut_if_due(len(data)):
                    return
            if not writer.transport.is_closing() and writer.can_write_eof():
                writer.write_eof()

        delivering = asyncio.ensure_future(deliver())
        try:
            while data := await reader.read(1460):       # one TCP segment at a time
                sent = max(loop.time(), line_free) + len(data) * self.byte_time
                line_free = sent
                await queue.put((sent + self.one_way, data))
        finally:
            await queue.put(None)
            await delivering
