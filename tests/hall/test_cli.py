"""The command line: the parser as ``kiosk hall`` will mount it, the database commands
in-process, and ``serve`` end to end with a catalog file, a token file and no admin token."""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import tomllib

import pytest
import requests

from hall import cli
from hall.seed import load_catalog

from .conftest import ROOT


def test_add_hall_parser_mounts_every_command():
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers(dest="command", required=True)
    cli.add_hall_parser(sub)
    args = parser.parse_args(["hall", "serve", "--db", "x.db", "--host", "::1", "--port", "0",
                              "--catalog", "c.toml", "--tokens", "t.txt", "--token", "A=a",
                              "--token", "B=b"])
    assert (args.command, args.hall_command, args.db, args.host, args.port) == \
        ("hall", "serve", "x.db", "::1", 0)
    assert args.token == ["A=a", "B=b"] and args.func is cli._serve
    for argv, func in ((["hall", "mark-paid", "P1", "--db", "x"], cli._mark_paid),
                       (["hall", "add-kiosk", "K", "--expires-at", "2030-01-01T00:00:00Z"],
                        cli._add_kiosk),
                       (["hall", "revoke-kiosk", "K"], cli._revoke_kiosk),
                       (["hall", "command", "K", "sync_now"], cli._command),
                       (["hall", "purge", "--days", "45"], cli._purge),
                       (["hall", "openapi"], cli._openapi)):
        assert parser.parse_args(argv).func is func


def test_database_commands_in_process(stores, capsys):
    """Every database subcommand, on each store."""
    store = stores.new()
    db = store.args
    assert cli.main(["add-kiosk", "K5", "--token", "t" * 20, *db]) == 0
    assert capsys.readouterr().out.strip() == "t" * 20
    assert cli.main(["add-kiosk", "K5", "--expires-at", "tomorrow", *db]) == 1
    assert cli.main(["command", "K5", "open_locker", "--arg", "door=2", *db]) == 0
    assert cli.main(["command", "K5", "open_locker", "--arg", "door", *db]) == 1
    assert cli.main(["purge", "--days", "10", *db]) == 1
    assert "30 days" in capsys.readouterr().err
    assert cli.main(["purge", *db]) == 0
    assert cli.main(["revoke-kiosk", "K5", *db]) == 0
    assert cli.main(["revoke-kiosk", "K5", *db]) == 1          # nothing left to revoke
    storage = store.open()
    try:
        assert storage.authenticate("t" * 20, time.time()).reason == "revoked"
        [command] = storage.take_commands("K5", time.time())
        assert (command["name"], command["args"]) == ("open_locker", {"door": 2})
    finally:
        storage.close()


def test_serve_refuses_bad_options(tmp_path, capsys):
    db = str(tmp_path / "hall.db")
    assert cli.main(["serve", "--db", db, "--catalog", str(tmp_path / "none.toml")]) == 1
    assert cli.main(["serve", "--db", db, "--token", "no-equals-sign"]) == 1
    assert cli.main(["serve", "--db", db, "--timezone", "Mars/Olympus"]) == 1
    assert "hall:" in capsys.readouterr().err


def test_token_files_and_catalog_files(tmp_path):
    lines = tmp_path / "tokens.txt"
    lines.write_text("# kiosk=token\nK1 = abc\n\nK2=def\n")
    assert cli.read_tokens(str(lines)) == [("K1", "abc"), ("K2", "def")]
    as_json = tmp_path / "tokens.json"
    as_json.write_text('{"K1": "abc"}')
    assert cli.read_tokens(str(as_json)) == [("K1", "abc")]
    catalog = load_catalog(ROOT / "kiosk" / "data" / "catalog.toml")
    assert catalog["guides"] == [] and catalog["ticket_categories"][0]["letter"] == "A"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"ticket_categories": [{"code": "x"}]}))
    with pytest.raises(ValueError, match="letter"):
        load_catalog(bad)


def test_serve_end_to_end(tmp_path):
    """A catalog file, a token file, no admin token (so the operator API is off)."""
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("K7=token-of-k7-0123456789abcdef\n")
    seed = ROOT / "kiosk" / "data" / "catalog.toml"
    proc = subprocess.Popen([sys.executable, "-m", "hall", "serve", "--db",
                             str(tmp_path / "e2e.db"), "--port", "0", "--catalog", str(seed),
                             "--tokens", str(tokens)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items() if k != "HALL_ADMIN_TOKEN"})
    try:
        line = proc.stdout.readline().decode()
        assert line.startswith("hall listening on http://127.0.0.1:"), line
        url = line.split()[-1]
        headers = {"Authorization": "Bearer token-of-k7-0123456789abcdef", "X-Kiosk-Id": "K7"}
        catalog = requests.get(f"{url}/api/v1/catalog", headers=headers, timeout=10).json()
        with open(seed, "rb") as f:
            expected = tomllib.load(f)
        assert catalog == {**expected, "guides": []}
        r = requests.get(f"{url}/admin/v1/faults", timeout=5,
                         headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "admin_disabled"
        proc.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal: a clean stop for systemd.
        assert proc.wait(timeout=10) in (0, -signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def test_kiosk_hall_serve_takes_the_serving_limits():
    parser = argparse.ArgumentParser(prog="kiosk")
    cli.add_hall_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["hall", "serve", "--max-connections", "100",
                              "--max-connections-per-client", "0", "--header-timeout", "2.5",
                              "--body-timeout", "30", "--keep-alive-timeout", "1",
                              "--max-blocks-per-day", "5", "--key", "/k"])
    assert (args.max_connections, args.max_connections_per_client, args.header_timeout,
            args.body_timeout, args.keep_alive_timeout, args.max_blocks_per_day, args.key) == \
        (100, 0, 2.5, 30.0, 1.0, 5, "/k")
    defaults = parser.parse_args(["hall", "serve"])
    assert (defaults.max_connections, defaults.header_timeout, defaults.body_timeout) == \
        (2048, 10.0, 60.0)
    for bad in (["--header-timeout", "0"], ["--max-connections", "0"],
                ["--max-blocks-per-day", "-1"]):
        with pytest.raises(SystemExit):
            parser.parse_args(["hall", "serve", *bad])
