"""``kiosk hall migrate --from hall.db --to postgresql://...``: a pilot hall's SQLite
database moved into PostgreSQL with nothing lost.

- The source is opened as the hall opens it (its key checked, brought to the current
  schema); the target is opened with the same key file (created and checked as the hall
  does: the key's digest must match), and must hold no data yet (no merging of halls).
- Every table of the source is moved (but the operator console's, which only the
  SQLite store serves), every column; values move as they are stored:
  holders keyed and sealed columns sealed with the hall's key, JSON as its canonical text
  (nothing is opened or resealed). A table or column the target does not have stops the
  migration before anything is written. The row ids (``transactions.seq``, ``tickets.id``)
  keep their values and the target's sequences continue after them; the order of
  commands (SQLite's rowid) becomes ``commands.ord``.
- All in one PostgreSQL transaction, checked before it commits: per table, the count and
  a SHA-256 of every row read back from PostgreSQL equal the source's. Any difference
  rolls everything back (:class:`MigrationError`).

Stop the hall (or at least its writers) while it runs: rows written to the source after
its start are not moved.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from .storage import SQLiteStorage, Storage
from .storage_pg import PostgresStorage

# Tables the stores keep for themselves, not moved.
_OWN_TABLES = {"key_check", "schema_version", "sqlite_sequence"}
# The operator console's tables (hall/console) are its own, made by it on either store:
# not moved; operators are added again on the new hall, whose console counts the moved
# ratings when it first starts (its backfill).
CONSOLE_PREFIX = "console_"
# Target columns filled from the source's rowid (the order SQLite keeps implicitly).
_FROM_ROWID = {("commands", "ord")}
# The target's identity columns: their sequences continue after the moved ids.
_IDENTITY = (("transactions", "seq"), ("tickets", "id"), ("commands", "ord"))


class MigrationError(Exception):
    """The migration cannot move everything exactly; nothing was written."""


@dataclass(frozen=True)
class TableReport:
    table: str
    rows: int
    digest: str


def migrate(source: Storage, target: Storage) -> list[TableReport]:
    """Move every row of ``source`` (SQLite) into the empty ``target`` (PostgreSQL); returns
    what was moved and checked, per table. Raises :class:`MigrationError` otherwise."""
    if not isinstance(source, SQLiteStorage) or not isinstance(target, PostgresStorage):
        raise MigrationError("migrate moves an SQLite hall into PostgreSQL")
    src = sqlite3.connect(source.path, timeout=10)
    try:
        src.execute("BEGIN")                  # one snapshot of the source
        tables = [r[0] for r in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if r[0] not in _OWN_TABLES and not r[0].startswith(CONSOLE_PREFIX)]
        with target._write() as conn:
            target_columns = _columns(conn)
            plans = []
            for table in tables:
                columns = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
                if table not in target_columns:
                    raise MigrationError(f"the target has no table {table}: this hall "
                                         "version cannot hold it in PostgreSQL")
                missing = set(columns) - set(target_columns[table])
                if missing:
                    raise MigrationError(f"the target's {table} lacks {sorted(missing)}")
                extra = [c for c in target_columns[table]
                         if c not in columns and (table, c) in _FROM_ROWID]
                plans.append((table, columns, extra))
            for table, _, _ in plans:
                if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
                    raise MigrationError(f"the target's {table} holds data already: "
                                         "migrate into a new database")
            reports = []
            for table, columns, extra in plans:
                types = target_columns[table]
                select = ", ".join([f'"{c}"' for c in columns] + ["rowid"] * len(extra))
                rows = [tuple(_exact(v, types[c], table, c)
                              for v, c in zip(row, [*columns, *extra], strict=True))
                        for row in src.execute(f'SELECT {select} FROM "{table}"')]
                names = ", ".join(f'"{c}"' for c in [*columns, *extra])
                with conn.cursor() as cur, \
                        cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
                moved = conn.execute(f'SELECT {names} FROM "{table}"').fetchall()
                back = [tuple(_exact(r[c], types[c], table, c) for c in [*columns, *extra])
                        for r in moved]
                want, got = _digest(rows), _digest(back)
                if len(back) != len(rows) or want != got:
                    raise MigrationError(f"{table}: {len(rows)} rows in the source, "
                                         f"{len(back)} read back, digests {want[:12]} and "
                                         f"{got[:12]}")
                reports.append(TableReport(table, len(rows), got))
            for table, column in _IDENTITY:
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                             f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")
        return reports
    finally:
        src.close()


def _columns(conn) -> dict[str, dict[str, str]]:
    columns: dict[str, dict[str, str]] = {}
    for r in conn.execute("SELECT table_name, column_name, data_type FROM "
                          "information_schema.columns WHERE table_schema = current_schema() "
                          "ORDER BY table_name, ordinal_position"):
        columns.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    return columns


def _exact(value: Any, pg_type: str, table: str, column: str) -> Any:
    """``value`` as the PostgreSQL column holds it, or :class:`MigrationError` when it
    would change (SQLite keeps any type in any column)."""
    if value is None:
        return None
    if pg_type == "double precision" and isinstance(value, (int, float)) \
            and not isinstance(value, bool) and float(value) == value:
        return float(value)
    if pg_type in ("bigint", "integer") and isinstance(value, int):
        return value
    if pg_type in ("bigint", "integer") and isinstance(value, float) and value.is_integer():
        return int(value)
    if pg_type == "text" and isinstance(value, str):
        return value
    if pg_type == "bytea" and isinstance(value, (bytes, memoryview)):
        return bytes(value)
    raise MigrationError(f"{table}.{column}: {type(value).__name__} value does not fit "
                         f"{pg_type} exactly")


def _digest(rows: list[tuple]) -> str:
    h = hashlib.sha256()
    for row in sorted(repr(r) for r in rows):
        h.update(row.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()
