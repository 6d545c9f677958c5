"""The hall's command line: ``python -m hall <command>``, and ``kiosk hall <command>``
through :func:`add_hall_parser`.

    signing-key [--db DB [--key FILE]] [--output FILE]
    serve [--db DB [--key FILE]] [--host H] [--port N] [--catalog FILE] [--tokens FILE]
          [--token KIOSK_ID=TOKEN ...] [--admin-token T] [--holder-salt S]
          [--demo-verifier] [--max-blocks-per-day N] [--max-connections N]
          [--max-connections-per-client N] [--header-timeout S] [--body-timeout S]
          [--keep-alive-timeout S] [--workers N] ...
    add-kiosk KIOSK_ID [--token T] [--expires-at TIME] --db DB
    add-operator NAME --role viewer|operator|admin --db PATH   (the console's accounts)
    revoke-kiosk KIOSK_ID --db DB
    mark-paid ORDER_ID [--failed] --db DB
    command KIOSK_ID NAME [--arg KEY=VALUE ...] --db DB
    purge [--days N] --db DB
    migrate --from HALL_DB --to POSTGRESQL_URL [--key FILE]
    openapi [--output FILE]

``DB`` is an SQLite file (default hall.db, its key next to it) or a PostgreSQL URL
``postgresql://USER@HOST:PORT/DATABASE`` with ``--key FILE`` (hall/stores.py).
Only ``serve`` and ``openapi`` import the web framework (an extra: ``pip install .[hall]``);
the others work on the database directly, also while the hall runs (SQLite WAL).
``serve --port 0`` picks a free port; the first line on stdout is always
``hall listening on http://HOST:PORT`` once the socket accepts connections.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import sys
from datetime import datetime
from pathlib import Path

from .console import accounts as console_accounts
from .errors import HallError
from .sealing import SealError
from .settings import DEFAULT_HOLDER_SALT, HallSettings, ServeLimits, hall_timezone
from .storage import SQLiteStorage, Storage
from .stores import describe, open_storage
from .transactions import parse_rfc3339

DEFAULT_DB = "hall.db"


def add_hall_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``hall`` with its subcommands to ``subparsers`` (each sets ``func``)."""
    parser = subparsers.add_parser("hall", help="the reference central-hall server")
    _add_commands(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hall",
                                     description="the reference central-hall server")
    _add_commands(parser)
    return parser


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"an SQLite file (default {DEFAULT_DB}) or a PostgreSQL URL "
                             "postgresql://USER@HOST:PORT/DATABASE")
    parser.add_argument("--key", help="the hall's key file, which seals personal data at "
                                      "rest (SQLite default: next to the database, DB with "
                                      "the suffix .key; required with PostgreSQL; created "
                                      "0600 when missing)")


def _storage(args, db: str | None = None) -> Storage:
    """The store of ``--db`` (or ``db``); a message and exit status 1 when it cannot be
    opened (the key file unreadable or too open, another key, the server down)."""
    db = db or args.db
    try:
        return open_storage(db, args.key)
    except (OSError, ValueError, SealError) as e:
        raise SystemExit(f"hall: {e}") from None
    except Exception as e:          # psycopg.Error, without importing psycopg for SQLite
        if type(e).__module__.startswith(("psycopg", "psycopg_pool")):
            first_line = (str(e).strip() or type(e).__name__).splitlines()[0]
            raise SystemExit(f"hall: cannot open {describe(db)}: {first_line}; check the "
                             "server and the URL") from None
        raise


def _add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="hall_command", required=True)

    serve = sub.add_parser("serve", help="run the hall (until SIGINT/SIGTERM)")
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600, help="0: any free port")
    serve.add_argument("--catalog", help="seed the catalog from this TOML/JSON file")
    serve.add_argument("--tokens", help="kiosk tokens: JSON {kiosk_id: token} or lines "
                                        "KIOSK_ID=TOKEN")
    serve.add_argument("--token", action="append", default=[], metavar="KIOSK_ID=TOKEN",
                       help="register a kiosk token (repeatable)")
    serve.add_argument("--admin-token", default=os.environ.get("HALL_ADMIN_TOKEN"),
                       help="enables /admin/v1 (default: $HALL_ADMIN_TOKEN; none: disabled)")
    serve.add_argument("--holder-salt", default=os.environ.get("HALL_HOLDER_SALT",
                                                               DEFAULT_HOLDER_SALT))
    serve.add_argument("--timezone", default="Asia/Shanghai")
    serve.add_argument("--payment-ttl", type=float, default=900, metavar="SECONDS")
    serve.add_argument("--max-blocks-per-day", type=_positive_int,
                       default=HallSettings.max_blocks_per_day, metavar="N",
                       help="ticket blocks one kiosk may lease per day and category "
                            "(default %(default)s)")
    serve.add_argument("--demo-verifier", action="store_true",
                       help="answer /identity/verify with the demo stand-in: 'match' for "
                            "any usable pair of photos (NOT a face comparison; demos and "
                            "tests only)")
    serve.add_argument("--max-body-bytes", type=int, default=HallSettings.max_body_bytes,
                       metavar="BYTES", help="the largest request body (413 beyond)")
    serve.add_argument("--max-attachment-bytes", type=int,
                       default=HallSettings.max_attachment_bytes, metavar="BYTES",
                       help="the largest attachment upload, e.g. a photo (413 beyond)")
    serve.add_argument("--max-bundle-bytes", type=int, default=HallSettings.max_bundle_bytes,
                       metavar="BYTES", help="the largest diagnostics bundle a technician "
                                             "uploads (a zip; 413 beyond)")
    defaults = ServeLimits()
    serve.add_argument("--max-connections", type=_positive_int, metavar="N",
                       default=defaults.max_connections,
                       help="open connections at most; kept below the file-descriptor "
                            "limit (default %(default)s)")
    serve.add_argument("--max-connections-per-client", type=int, metavar="N",
                       default=defaults.max_connections_per_client,
                       help="open connections per client address; 0: no cap, behind a "
                            "reverse proxy (default %(default)s)")
    serve.add_argument("--header-timeout", type=_positive_float, metavar="SECONDS",
                       default=defaults.header_timeout_s,
                       help="a request's line and headers must arrive within this "
                            "(default %(default)s)")
    serve.add_argument("--body-timeout", type=_positive_float, metavar="SECONDS",
                       default=defaults.body_timeout_s,
                       help="a request's body must arrive within this after its headers "
                            "(default %(default)s)")
    serve.add_argument("--keep-alive-timeout", type=_positive_float, metavar="SECONDS",
                       default=defaults.keep_alive_s,
                       help="an idle keep-alive connection is closed after this "
                            "(default %(default)s)")
    serve.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                       help="processes serving the one port (pre-forked; see hall/workers.py); "
                            "--max-connections counts per worker (default %(default)s)")
    serve.add_argument("--log-level", default="warning",
                       choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=_serve)

    add = sub.add_parser("add-kiosk", help="register a kiosk token (prints the token); a "
                                           "revoked or expired token is refused")
    add.add_argument("kiosk_id")
    add.add_argument("--token", help="the token (default: a new random one)")
    add.add_argument("--expires-at", help="RFC 3339 time with offset")
    add.add_argument("--holder-salt", default=os.environ.get("HALL_HOLDER_SALT",
                                                             DEFAULT_HOLDER_SALT))
    _add_db(add)
    add.set_defaults(func=_add_kiosk)

    revoke = sub.add_parser("revoke-kiosk", help="revoke every token of a kiosk")
    revoke.add_argument("kiosk_id")
    _add_db(revoke)
    revoke.set_defaults(func=_revoke_kiosk)

    signing_key = sub.add_parser(
        "signing-key", help="print the public key terminals verify the catalog, configs "
                            "and locker assignments with (their /etc/kiosk/hall-signing.pub)")
    _add_db(signing_key)
    signing_key.add_argument("--output", help="write it to this file instead")
    signing_key.set_defaults(func=_signing_key)

    paid = sub.add_parser("mark-paid", help="settle a pending payment order")
    paid.add_argument("order_id")
    paid.add_argument("--failed", action="store_true", help="mark it failed instead")
    _add_db(paid)
    paid.set_defaults(func=_mark_paid)

    command = sub.add_parser("command", help="queue a command for a kiosk's next heartbeat")
    command.add_argument("kiosk_id")
    command.add_argument("name", help="sync_now | reload_config | open_locker | ...")
    command.add_argument("--arg", action="append", default=[], metavar="KEY=VALUE",
                         help="an argument; VALUE is parsed as JSON when it can be")
    _add_db(command)
    command.set_defaults(func=_command)

    purge = sub.add_parser("purge", help="forget idempotency keys older than the window")
    purge.add_argument("--days", type=float, default=30, help="the window (>= 30)")
    _add_db(purge)
    purge.set_defaults(func=_purge)

    console_accounts.add_commands(sub, _add_db)

    move = sub.add_parser("migrate", help="move an SQLite hall's data into an empty "
                                          "PostgreSQL database (counted and checked)")
    move.add_argument("--from", dest="source", required=True, metavar="HALL_DB",
                      help="the SQLite file")
    move.add_argument("--to", dest="target", required=True, metavar="POSTGRESQL_URL")
    move.add_argument("--key", help="the hall's key file (default: the SQLite file's, "
                                    "next to it); the PostgreSQL hall then serves with it")
    move.set_defaults(func=_migrate)

    openapi = sub.add_parser("openapi", help="print the OpenAPI document the hall serves")
    openapi.add_argument("--output", help="write it to this file instead")
    openapi.set_defaults(func=_openapi)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


def _now() -> float:
    return datetime.now().timestamp()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"{what} must read KEY=VALUE, got {value!r}")
        pairs.append((key.strip(), rest.strip()))
    return pairs


def read_tokens(path: str) -> list[tuple[str, str]]:
    """``{kiosk_id: token}`` JSON, or one ``KIOSK_ID=TOKEN`` a line (# comments)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        return [(str(k), str(v)) for k, v in json.loads(text).items()]
    lines = [line.strip() for line in text.splitlines()]
    return _pairs([line for line in lines if line and not line.startswith("#")], "a token line")


def _serve(args) -> int:
    from . import seed
    from .app import create_app
    from .serving import serve

    try:
        tokens = (read_tokens(args.tokens) if args.tokens else []) + _pairs(args.token,
                                                                           "--token")
        catalog = seed.load_catalog(args.catalog) if args.catalog else None
        settings = HallSettings(holder_salt=args.holder_salt,
                                timezone=hall_timezone(args.timezone),
                                admin_token=args.admin_token, payment_ttl_s=args.payment_ttl,
                                demo_verifier=args.demo_verifier,
                                max_body_bytes=args.max_body_bytes,
                                max_attachment_bytes=args.max_attachment_bytes,
                                max_bundle_bytes=args.max_bundle_bytes,
                                max_blocks_per_day=args.max_blocks_per_day)
    except (OSError, ValueError) as e:
        return _fail(f"hall: {e}")
    storage = _storage(args)
    now = datetime.now(settings.timezone)
    for kiosk_id, token in tokens:
        try:
            storage.add_token(kiosk_id, token, now.timestamp())
        except HallError as e:
            # The hall serves the other kiosks: one revoked token in a unit's arguments
            # must not keep the whole hall down, nor come back to life.
            print(f"hall: not registering the --token of {kiosk_id}: {e.code}: {e.message}; "
                  "take it out of --token/--tokens", file=sys.stderr, flush=True)
    seed.seed(storage, holder_salt=settings.holder_salt, today=now.date(),
              now=now.timestamp(), catalog=catalog)

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as e:
        storage.close()
        return _fail(f"hall: cannot listen on {args.host}:{args.port}: {e}")
    sock.listen(256)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    limits = ServeLimits(max_connections=args.max_connections,
                         max_connections_per_client=max(0, args.max_connections_per_client),
                         header_timeout_s=args.header_timeout, body_timeout_s=args.body_timeout,
                         keep_alive_s=args.keep_alive_timeout)
    if args.workers == 1:
        # Connections made from now on wait in the backlog until uvicorn accepts them.
        print(f"hall listening on http://{shown}:{port}", flush=True)
        try:
            serve(create_app(storage, settings), sock, limits, args.log_level)
        finally:
            storage.close()
        return 0

    from .workers import prefork

    storage.close()                 # no connection, no pool thread across the fork

    def work() -> None:
        worker_storage = _storage(args)
        try:
            serve(create_app(worker_storage, settings), sock, limits, args.log_level)
        finally:
            worker_storage.close()

    print(f"hall listening on http://{shown}:{port}", flush=True)
    return prefork(args.workers, work)


def _add_kiosk(args) -> int:
    from .seed import seed_kiosk

    expires = None
    if args.expires_at:
        parsed = parse_rfc3339(args.expires_at)
        if parsed is None:
            return _fail("--expires-at must be an RFC 3339 time with offset")
        expires = parsed.timestamp()
    token = args.token or secrets.token_urlsafe(32)
    storage = _storage(args)
    try:
        storage.add_token(args.kiosk_id, token, _now(), expires)
        seed_kiosk(storage, args.kiosk_id, holder_salt=args.holder_salt, now=_now())
    except HallError as e:
        return _fail(f"hall: {e.code}: {e.message}")
    finally:
        storage.close()
    print(token)
    return 0


def _revoke_kiosk(args) -> int:
    storage = _storage(args)
    try:
        count = storage.revoke_tokens(args.kiosk_id, _now())
    finally:
        storage.close()
    print(f"revoked {count} token(s) of {args.kiosk_id}")
    return 0 if count else 1


def _signing_key(args) -> int:
    storage = _storage(args)
    try:
        line = storage.keys.signer.public_key_line(f"hall {describe(args.db)}") + "\n"
    finally:
        storage.close()
    return _emit(line, args.output)


def _mark_paid(args) -> int:
    status = "failed" if args.failed else "paid"
    storage = _storage(args)
    try:
        order = storage.set_payment_status(args.order_id, status, _now())
    except HallError as e:
        return _fail(f"{e.code}: {e.message}")
    finally:
        storage.close()
    print(f"{args.order_id} {order['status']}")
    return 0


def _command(args) -> int:
    try:
        pairs = _pairs(args.arg, "--arg")
    except ValueError as e:
        return _fail(str(e))
    command_args = {}
    for key, value in pairs:
        try:
            command_args[key] = json.loads(value)
        except ValueError:
            command_args[key] = value
    storage = _storage(args)
    try:
        print(storage.queue_command(args.kiosk_id, args.name, command_args, _now()))
    finally:
        storage.close()
    return 0


def _purge(args) -> int:
    storage = _storage(args)
    try:
        count = storage.purge_idempotency_keys(args.days * 86400, _now())
    except ValueError as e:
        return _fail(str(e))
    finally:
        storage.close()
    print(f"purged {count} idempotency key(s)")
    return 0


def _migrate(args) -> int:
    from .migrate import MigrationError, migrate
    from .sealing import default_key_path
    from .stores import is_postgres_url

    if is_postgres_url(args.source) or not is_postgres_url(args.target):
        return _fail("hall: migrate moves an SQLite file (--from) into PostgreSQL (--to "
                     "postgresql://...)")
    if not Path(args.source).is_file():
        return _fail(f"hall: no SQLite database {args.source}")
    args.key = args.key or str(default_key_path(args.source))
    source = _storage(args, args.source)
    try:
        target = _storage(args, args.target)
        try:
            reports = migrate(source, target)
        except MigrationError as e:
            return _fail(f"hall: nothing migrated: {e}")
        finally:
            target.close()
    finally:
        source.close()
    for r in reports:
        print(f"{r.table:20} {r.rows:10} rows  sha256 {r.digest[:16]}  ok")
    print(f"migrated {sum(r.rows for r in reports)} rows of {len(reports)} tables into "
          f"{describe(args.target)}; serve it with --key {args.key}")
    print("not moved: the operator console's accounts, alerts and history; add the "
          "operators again on the new hall (add-operator --db URL --key KEY); its ratings "
          "are counted when the console first starts there")
    return 0


def _openapi(args) -> int:
    from .app import create_app

    storage = SQLiteStorage(":memory:")
    try:
        text = json.dumps(create_app(storage).openapi(), indent=2, ensure_ascii=False) + "\n"
    finally:
        storage.close()
    return _emit(text, args.output)


def _emit(text: str, output: str | None) -> int:
    """``text`` to the file ``output``, or to stdout without one."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
