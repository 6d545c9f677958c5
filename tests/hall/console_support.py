"""What the console tests run against: a real ``python -m hall serve`` on either store
(SQLite or PostgreSQL, see conftest.STORES) with operators made by the real
``add-operator`` command, a simulated terminal (the real sync engine and outbox over
HTTP, with a device report the test changes), and a logged-in HTTP session."""
from __future__ import annotations

import os
import re
import selectors
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import requests

from offline_cache import db, outbox
from offline_cache.backoff import Backoff
from offline_cache.hall_client import HallClient, HallSettings
from offline_cache.sealing import Sealer
from offline_cache.sync import SyncEngine, SyncSettings

ROOT = Path(__file__).resolve().parents[2]
CST = timezone(timedelta(hours=8))
PASSWORDS = {"ada": "admin-password-1", "otto": "operator-password-1",
             "vera": "viewer-password-1"}
ROLES = {"ada": "admin", "otto": "operator", "vera": "viewer"}
OFFLINE_AFTER_S = 3


def token_of(kiosk_id: str) -> str:
    return f"console-test-token-{kiosk_id}-0123456789"


class ConsoleHall:
    """A hall process on a free port with three operators (admin ada, operator otto,
    viewer vera) and tokens for ``kiosk_ids``; terminals count as offline after 3 s.
    ``store``: a conftest.NewStore (its ``--db`` and ``--key``), else an SQLite file in
    ``workdir``."""

    def __init__(self, workdir: Path, kiosk_ids: list[str], store: Any = None):
        self.db = store.db if store is not None else str(workdir / "hall.db")
        self.db_args = store.args if store is not None else ["--db", self.db]
        self.log = workdir / "hall.log"
        self.kiosk_ids = kiosk_ids
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT),
                    "HALL_CONSOLE_OFFLINE_AFTER_S": str(OFFLINE_AFTER_S)}
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def add_operator(self, name: str, role: str, password: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hall", "add-operator", name, "--role",
                               role, *self.db_args], input=password + "\n", text=True,
                              capture_output=True, cwd=ROOT, env=self.env, timeout=60)

    def start(self) -> ConsoleHall:
        for name, password in PASSWORDS.items():
            done = self.add_operator(name, ROLES[name], password)
            assert done.returncode == 0, done.stderr
        cmd = [sys.executable, "-m", "hall", "serve", *self.db_args, "--port", "0"]
        for kiosk_id in self.kiosk_ids:
            cmd += ["--token", f"{kiosk_id}={token_of(kiosk_id)}"]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                         env=self.env)
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            ready = sel.select(30)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("hall listening on http://"):
            self.stop()
            raise RuntimeError(f"the hall did not start ({line!r}): {self.log.read_text()}")
        self.url = line.split()[-1]
        return self

    def sql(self, query: str) -> list[tuple]:
        """Run ``query`` (no parameters; SQL both stores read alike) on the hall's
        database directly, committed; its rows, if it returns any."""
        if self.db.startswith("postgresql://"):
            import psycopg
            with psycopg.connect(self.db, autocommit=True, connect_timeout=10) as pg:
                cursor = pg.execute(query)
                return [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(query).fetchall()
        finally:
            conn.close()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class Terminal:
    """A simulated terminal: the real outbox and sync engine talking to the hall over
    HTTP, with ``devices`` as its device report and the commands it carried out."""

    def __init__(self, workdir: Path, hall: ConsoleHall, kiosk_id: str,
                 version: str = "0.1.0"):
        self.kiosk_id = kiosk_id
        self.db_path = workdir / f"{kiosk_id}.db"
        self.sealer = Sealer.load_or_create(workdir / f"{kiosk_id}.key")
        self.devices: dict[str, Any] = {
            "receipt_printer": {"state": "online", "kind": "receipt",
                                "consumables": {"paper": "full", "cover": "closed"},
                                "counters": {}},
            "id_reader": {"state": "online", "kind": "idcard", "consumables": {},
                          "counters": {}}}
        self.commands: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        self.client = HallClient(HallSettings(url=hall.url, kiosk_id=kiosk_id,
                                              token=token_of(kiosk_id), connect_timeout=2,
                                              read_timeout=10))
        self.engine = SyncEngine(self.db_path, self.client, self.sealer,
                                 SyncSettings(interval=0.5),
                                 backoff=Backoff(base=0.2, cap=1.0, floor=0.1),
                                 devices=self._report, on_command=self._command,
                                 software_version=version)

    def _report(self) -> dict[str, Any]:
        with self.lock:
            return {k: dict(v) for k, v in self.devices.items()}

    def _command(self, name: str, args: dict) -> None:
        with self.lock:
            self.commands.append((name, args))

    def set_consumable(self, device: str, name: str, value: str) -> None:
        with self.lock:
            self.devices[device] = {**self.devices[device], "consumables": {
                **self.devices[device]["consumables"], name: value}}

    def record(self, kind: str, payload: dict[str, Any]) -> str:
        conn = db.connect(self.db_path)
        try:
            with db.transaction(conn):
                tx_id = outbox.enqueue(conn, kind, payload, datetime.now(CST))
        finally:
            conn.close()
        self.engine.trigger(force=True)
        return tx_id

    def start(self) -> Terminal:
        self.engine.start()
        return self

    def stop(self) -> None:
        self.engine.stop()
        self.client.close()


def login(hall: ConsoleHall, username: str, password: str | None = None) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{hall.url}/console/login", timeout=10)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = session.post(f"{hall.url}/console/login", timeout=30, data={
        "csrf": csrf, "username": username, "password": password or PASSWORDS[username]})
    assert r.url.endswith("/console/terminals"), (r.status_code, r.text[:300])
    return session


def csrf_of(session: requests.Session, hall: ConsoleHall, page: str = "/console/terminals"):
    text = session.get(f"{hall.url}{page}", timeout=10).text
    return re.search(r'name="csrf" value="([^"]+)"', text).group(1)
