"""The hall's event loop never waits on its store: a token check is a database read (on
PostgreSQL a round trip, or a wait for a pooled connection while every one is busy with
batches), and made on the loop it froze every other connection of the process, which
showed as p99 spikes under load (bench/hall_ingest.py). Here a token check is held until
the test lets it go: another request must be answered meanwhile."""
from __future__ import annotations

import socket
import threading
import time

import requests
import uvicorn

from hall.app import create_app
from hall.storage import SQLiteStorage

from .helpers import tx

TOKEN = "token-of-k1-0123456789abcdef"


def test_a_slow_token_check_does_not_hold_other_requests(tmp_path):
    storage = SQLiteStorage(tmp_path / "hall.db")
    storage.add_token("K1", TOKEN, time.time())
    entered, release = threading.Event(), threading.Event()
    real = storage.authenticate

    def held(token, now):
        entered.set()
        release.wait(30)
        return real(token, now)

    storage.authenticate = held
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(storage), log_level="warning"))
    serving = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    serving.start()
    answers: list[int] = []
    try:
        while not server.started:
            time.sleep(0.01)
        batch = threading.Thread(target=lambda: answers.append(requests.post(
            f"{url}/api/v1/kiosks/K1/transactions:batch", json={"transactions": [tx()]},
            headers={"Authorization": f"Bearer {TOKEN}", "X-Kiosk-Id": "K1"},
            timeout=30).status_code))
        batch.start()
        assert entered.wait(10)
        # The batch's token check is in progress: the process still answers.
        assert requests.get(f"{url}/api/v1/openapi.json", timeout=5).status_code == 200
        release.set()
        batch.join(30)
        assert answers == [200]
    finally:
        release.set()
        server.should_exit = True
        serving.join(10)
        storage.close()
