"""What the console's SQL needs of each store, so that :class:`.store.ConsoleStore` holds
one copy of every query: :class:`SQLite` (:class:`hall.storage.SQLiteStorage`, schema
:mod:`.schema`) and :class:`Postgres` (:class:`hall.storage_pg.PostgresStorage`, schema
:mod:`.schema_pg`), both on the store's own connections and transactions.

The queries are written with ``?`` placeholders (PostgreSQL gets ``%s``); the few
expressions that differ are methods or attributes here (a JSON field, a substring
search, the clause that keeps an open alert from being opened twice).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol

from ..storage import SQLiteStorage, Storage
from . import schema, schema_pg


class Writer(Protocol):
    """A statement runner inside one write transaction of the store."""

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; the rows it changed."""

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


class Dialect:
    name = ""
    # find(haystack, needle) > 0 when needle is in haystack.
    find = ""
    # Appended to an INSERT INTO console_alerts ... SELECT that may meet an open alert of
    # the same terminal and key (another process opened it a moment ago).
    alert_once = ""

    def setup(self) -> None:
        """Create the console's tables, make its derived objects again, and count the
        ratings stored before the console existed (a fresh console only)."""
        raise NotImplementedError

    def read(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def value(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """The first column of the first row."""
        raise NotImplementedError

    def write(self) -> Any:
        """A context manager: a :class:`Writer` in one transaction of the store."""
        raise NotImplementedError

    def json_text(self, column: str, key: str) -> str:
        """The SQL of ``column``'s JSON object's ``key`` (text, NULL when missing; an
        object's JSON text)."""
        raise NotImplementedError


class SQLite(Dialect):
    name = "sqlite"
    find = "instr"

    def __init__(self, storage: SQLiteStorage):
        self.storage = storage

    def setup(self) -> None:
        with self.storage._write() as conn:
            # Under the write lock: of two processes starting on one file, only the
            # first finds the console fresh (a second backfill would count twice).
            fresh = not conn.execute("SELECT 1 FROM sqlite_master WHERE name = "
                                     "'console_ratings'").fetchone()
            for statement in statements(schema.DERIVED + schema.SCHEMA):
                conn.execute(statement)
            if fresh:
                for statement in statements(schema.BACKFILL):
                    conn.execute(statement)

    def read(self, sql, args=()):
        return [dict(r) for r in self.storage._read(sql, args)]

    def value(self, sql, args=()):
        return self.storage._read(sql, args)[0][0]

    @contextmanager
    def write(self) -> Iterator[Writer]:
        with self.storage._write() as conn:
            yield _SQLiteWriter(conn)

    def json_text(self, column, key):
        return f"json_extract({column}, '$.{key}')"


class _SQLiteWriter:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql, args=()):
        return self.conn.execute(sql, args).rowcount

    def executemany(self, sql, rows):
        self.conn.executemany(sql, rows)


class Postgres(Dialect):
    name = "postgres"
    find = "strpos"
    alert_once = " " + schema_pg.ALERT_ONCE

    def __init__(self, storage: Any):
        self.storage = storage              # a PostgresStorage (psycopg imported by it)

    def setup(self) -> None:
        with self.storage._write() as conn:
            # Several hall processes (workers, machines) may start at once: one at a time,
            # and the first one alone finds the console fresh.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (schema_pg.LOCK,))
            fresh = conn.execute("SELECT to_regclass(%s) IS NULL AS fresh",
                                 (schema_pg.MARKER,)).fetchone()["fresh"]
            conn.execute(schema_pg.TABLES)
            conn.execute(schema_pg.DERIVED)
            conn.execute(schema_pg.FUNCTIONS)
            if fresh:
                conn.execute(schema_pg.BACKFILL)

    def read(self, sql, args=()):
        return self.storage._read(_pg(sql), args)

    def value(self, sql, args=()):
        with self.storage._connection() as conn:
            row = conn.execute(_pg(sql), args).fetchone()
        return next(iter(row.values()))

    @contextmanager
    def write(self) -> Iterator[Writer]:
        with self.storage._write() as conn:
            yield _PostgresWriter(conn)

    def json_text(self, column, key):
        return f"({column}::json ->> '{key}')"


class _PostgresWriter:
    def __init__(self, conn: Any):
        self.conn = conn

    def execute(self, sql, args=()):
        return self.conn.execute(_pg(sql), args).rowcount

    def executemany(self, sql, rows):
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)


@lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (the console's SQL has no ``%`` and no
    ``?`` but its placeholders)."""
    if "%" in sql:
        raise ValueError(f"a console query with '%': {sql[:80]}")
    return sql.replace("?", "%s")


def dialect_of(storage: Storage) -> Dialect:
    if isinstance(storage, SQLiteStorage):
        return SQLite(storage)
    from ..storage_pg import PostgresStorage  # psycopg only where it is used
    if isinstance(storage, PostgresStorage):
        return Postgres(storage)
    raise TypeError(f"the console has no dialect for {type(storage).__name__}")


def statements(script: str) -> list[str]:
    """Split an SQLite script into statements (``sqlite3.complete_statement`` knows that
    a trigger's body holds semicolons), so they can run inside one transaction."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not current.strip():
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    return out
