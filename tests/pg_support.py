"""A throw-away PostgreSQL server for the tests: Debian's ``postgresql`` package (installed
by scripts/setup-system.sh), a cluster made with ``initdb`` in a temporary directory and
run with ``pg_ctl`` on a free loopback port, as a non-root user (``postgres`` when the
tests run as root; the server refuses to run as root), removed at the end.

Not finding or not starting the server is an error (:class:`PostgresUnavailable`), never
a skip: the PostgreSQL store is part of what the tests prove.
"""
from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BINS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"),
           Path("/usr/lib/postgresql/17/bin"))
SUPERUSER = "hall"
START_TIMEOUT_S = 60


class PostgresUnavailable(RuntimeError):
    """The server could not be found or started (the message says what to do)."""


def pg_bin() -> Path:
    for path in PG_BINS:
        if (path / "initdb").exists():
            return path
    raise PostgresUnavailable("PostgreSQL's initdb is not installed: run "
                              "scripts/setup-system.sh (Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One cluster: :meth:`start`, :meth:`create_database` per test store, :meth:`stop`."""

    def __init__(self, *, fsync: bool = False):
        """``fsync=False`` for tests (a crash test kills the hall, not the server);
        the bench keeps PostgreSQL's durable defaults."""
        self.bin = pg_bin()
        self.fsync = fsync
        self.root = Path(tempfile.mkdtemp(prefix="hall-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        # The server will not run as root: as root, run it as the package's user.
        self.user = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str, timeout: float = START_TIMEOUT_S) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        done = subprocess.run([*prefix, *args], capture_output=True, text=True,
                              timeout=timeout, cwd=self.root)
        if done.returncode != 0:
            raise PostgresUnavailable(f"{' '.join(args[:2])} failed: {done.stderr.strip()}"
                                      f" {done.stdout.strip()}")

    def start(self) -> PostgresServer:
        if self.user:
            try:
                entry = pwd.getpwnam(self.user)
            except KeyError:
                raise PostgresUnavailable(f"no {self.user} user to run PostgreSQL as "
                                          "(the postgresql package creates it)") from None
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o700)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self.root} -c max_connections=200 "
                   f"-c fsync={'on' if self.fsync else 'off'}")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-w", "-t", str(START_TIMEOUT_S),
                  "-o", options, "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "hall") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
