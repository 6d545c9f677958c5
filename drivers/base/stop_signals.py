"""``kiosk sim ...`` runs until Ctrl-C or ``systemctl stop``: one way to wait for that."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable


def catch_stop_signals() -> tuple[threading.Event, Callable[[], None]]:
    """An event set by SIGINT or SIGTERM, and the function that puts the previous
    handlers back (call it in ``finally``)."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return stop, restore
