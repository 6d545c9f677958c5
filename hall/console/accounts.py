"""``add-operator``: the console's accounts are made on the hall's machine, not on the web
(no page can create an admin). Works on the database directly, also while the hall runs.

    python -m hall add-operator NAME --role viewer|operator|admin [--db PATH|URL] [--key K]

The password is read from stdin when it is not a terminal (one line), else prompted
for twice; it is never an argument (arguments show in ``ps``). Running it again for an
existing name sets a new password and role and ends that operator's sessions.
"""
from __future__ import annotations

import getpass
import re
import sys
from datetime import datetime

from ..sealing import SealError
from ..stores import open_storage
from . import auth
from .store import ROLES, ConsoleStore

USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,64}")


def add_commands(sub, add_db) -> None:
    add = sub.add_parser("add-operator", help="add a console operator (password on stdin "
                                              "or prompted)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add_db(add)
    add.set_defaults(func=add_operator)


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def add_operator(args) -> int:
    if not USERNAME.fullmatch(args.username):
        print("hall: a username is 2-64 letters, digits, '_', '.' or '-'", file=sys.stderr)
        return 1
    try:
        encoded = auth.hash_password(_read_password())
    except ValueError as e:
        print(f"hall: {e}", file=sys.stderr)
        return 1
    try:
        storage = open_storage(args.db, args.key)       # SQLite or PostgreSQL, as serve
    except (OSError, ValueError, SealError) as e:
        print(f"hall: {e}", file=sys.stderr)
        return 1
    except Exception as e:          # psycopg.Error, without importing psycopg for SQLite
        if not type(e).__module__.startswith(("psycopg", "psycopg_pool")):
            raise
        print(f"hall: cannot open the database: {str(e).strip().splitlines()[0]}",
              file=sys.stderr)
        return 1
    try:
        store = ConsoleStore(storage)
        now = datetime.now().timestamp()
        store.add_operator(args.username, encoded, args.role, now)
        store.audit("cli", "add_operator", args.username, args.role, None, now)
    finally:
        storage.close()
    print(f"operator {args.username} ({args.role})")
    return 0
