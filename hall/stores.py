"""Which :class:`hall.storage.Storage` a ``--db`` names, in one place for every ``kiosk
hall`` subcommand: a ``postgresql://`` (or ``postgres://``) URL is
:class:`hall.storage_pg.PostgresStorage` (its ``--key`` required), anything else a path of
:class:`hall.storage.SQLiteStorage` (its key next to it by default)."""
from __future__ import annotations

from .storage import SQLiteStorage, Storage


def is_postgres_url(db: str) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def open_storage(db: str, key_path: str | None = None, *, pool_size: int = 8) -> Storage:
    """Open (creating or migrating its schema) the store ``db`` names. Raises
    ``ValueError`` (no key for PostgreSQL), ``OSError`` (the key file),
    :class:`hall.sealing.SealError` (another key), ``psycopg.Error`` (the server)."""
    if is_postgres_url(db):
        from .storage_pg import PostgresStorage  # psycopg only where it is used
        return PostgresStorage(db, key_path, pool_size=pool_size)
    return SQLiteStorage(db, key_path)


def describe(db: str) -> str:
    """``db`` as it may be shown in a message (no password)."""
    if not is_postgres_url(db):
        return str(db)
    from psycopg.conninfo import conninfo_to_dict
    parts = conninfo_to_dict(db)
    return (f"postgresql://{parts.get('user', '')}@{parts.get('host', '')}:"
            f"{parts.get('port', '5432')}/{parts.get('dbname', '')}")
