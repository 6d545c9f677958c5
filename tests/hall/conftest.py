"""A real hall process on loopback for the tests of ``hall/``: ``python -m hall serve`` in
a subprocess on a free port, talked to over HTTP with ``requests``."""
from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.pg_support import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "admin-token-for-tests-0123456789"
TOKENS = {"K1": "token-of-k1-0123456789abcdef", "K2": "token-of-k2-0123456789abcdef",
          "K3": "token-of-k3-0123456789abcdef"}
# The stores the contract tests run against (the fixtures below with params=STORES).
STORES = ("sqlite", "postgres")


def hall_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hall", *args]


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """``python -m hall ARGS`` to completion (the CLI subcommands that work on the DB)."""
    return subprocess.run(hall_command(*args), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


class HallProcess:
    """One ``python -m hall serve`` process; :meth:`start` again after :meth:`kill`
    restarts it on the same database and port."""

    def __init__(self, db: Path | str, *extra: str, port: int = 0,
                 prefix: tuple[str, ...] = (), log: Path | None = None):
        """``db``: an SQLite path or a PostgreSQL URL (then ``extra`` has its ``--key``
        and ``log`` is required); ``prefix``: a command to run the hall under, e.g.
        ``("prlimit", "--nofile=1024")``; ``log``: where its stderr goes (default: next
        to the database)."""
        self.db, self.extra, self.port, self.prefix = db, extra, port, prefix
        self.proc: subprocess.Popen | None = None
        self.log = log or Path(db).with_suffix(".log")

    def start(self, timeout: float = 20) -> HallProcess:
        args = ["serve", "--db", str(self.db), "--port", str(self.port),
                "--admin-token", ADMIN_TOKEN, *self.extra]
        for kiosk, token in TOKENS.items():
            args += ["--token", f"{kiosk}={token}"]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([*self.prefix, *hall_command(*args)], cwd=ROOT,
                                         stdout=subprocess.PIPE,
                                         stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                self.kill()
                raise RuntimeError(f"the hall did not start: {self.log.read_text()}")
        line = self.proc.stdout.readline().decode()
        if not line.startswith("hall listening on http://"):
            self.kill()
            raise RuntimeError(f"unexpected first line {line!r}: {self.log.read_text()}")
        self.url = line.split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])
        self.api = self.url + "/api/v1"
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=15)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def kiosk(self, kiosk_id: str) -> requests.Session:
        """A session authenticated as ``kiosk_id``."""
        s = requests.Session()
        s.headers.update({"Authorization": f"Bearer {TOKENS[kiosk_id]}",
                          "X-Kiosk-Id": kiosk_id})
        return s

    def admin(self, method: str, path: str, **kwargs) -> dict:
        r = requests.request(method, f"{self.url}/admin/v1{path}", timeout=10,
                             headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, **kwargs)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture(scope="session")
def pg_server():
    """One throw-away PostgreSQL cluster for the session (tests.pg_support): not starting
    it fails the tests that need it."""
    server = PostgresServer().start()
    yield server
    server.stop()


class NewStore:
    """One new empty store: ``args`` names it to the CLI (``--db`` and, for PostgreSQL,
    ``--key``), :meth:`open` gives the storage object."""

    def __init__(self, db: str, key: str | None):
        self.db, self.key = db, key
        self.args = ["--db", db, *(["--key", key] if key else [])]

    def open(self):
        from hall.stores import open_storage
        return open_storage(self.db, self.key)


class StoreFactory:
    """New empty stores of one kind (``kind``: one of STORES)."""

    def __init__(self, kind: str, directory: Path, pg: PostgresServer | None):
        self.kind, self.directory, self.pg = kind, directory, pg
        self._n = 0

    def new(self) -> NewStore:
        self._n += 1
        if self.kind == "sqlite":
            return NewStore(str(self.directory / f"hall{self._n}.db"), None)
        return NewStore(self.pg.create_database(), str(self.directory / f"hall{self._n}.key"))

    def process(self, *extra: str, **kwargs) -> HallProcess:
        """A hall process on a new store (``.store``)."""
        store = self.new()
        hall = HallProcess(store.db, *store.args[2:], *extra,
                           log=self.directory / f"hall{self._n}.log", **kwargs)
        hall.store = store
        return hall

    def open(self):
        return self.new().open()


@pytest.fixture(scope="session", params=STORES)
def stores(request, tmp_path_factory):
    """A :class:`StoreFactory` for each store (the PostgreSQL server started on demand)."""
    pg = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    return StoreFactory(request.param, tmp_path_factory.mktemp(request.param), pg)


@pytest.fixture
def storage(stores):
    """A new empty store of each kind, the storage object itself."""
    s = stores.open()
    yield s
    s.close()


@pytest.fixture(scope="session")
def any_hall(stores):
    """A hall process (kiosks K1, K2, K3) on each store; a test module runs its tests on
    both by overriding ``hall`` with it."""
    server = stores.process().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def hall(tmp_path_factory):
    """The hall shared by most tests (kiosks K1, K2, K3); faults are cleared after use."""
    server = HallProcess(tmp_path_factory.mktemp("hall") / "hall.db").start()
    yield server
    server.stop()


@pytest.fixture
def faults(hall):
    """Set faults with ``faults(**values)``; cleared when the test ends."""
    def put(**values):
        return hall.admin("PUT", "/faults", json=values)
    yield put
    put()


@pytest.fixture
def k1(hall):
    with hall.kiosk("K1") as s:
        yield s


@pytest.fixture
def k2(hall):
    with hall.kiosk("K2") as s:
        yield s


@pytest.fixture(scope="module")
def demo_hall(tmp_path_factory):
    """A hall of the test module's own (its citizens' appointments and dues untouched by
    other modules), serving with ``--demo-verifier``."""
    server = HallProcess(tmp_path_factory.mktemp("demo-hall") / "hall.db",
                         "--demo-verifier").start()
    yield server
    server.stop()
