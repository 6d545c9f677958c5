"""``kiosk hall migrate --from hall.db --to postgresql://...``: a pilot hall's SQLite
data moved into PostgreSQL with nothing lost (every table counted and checked), sealed
values moved as they are and opened there with the same key; the moved hall carries on
(idempotency keys recognised, numbering continued); and what cannot be moved exactly
moves nothing."""
import sqlite3
from datetime import date

from hall.seed import seed
from hall.storage import SQLiteStorage
from hall.stores import open_storage
from hall.transactions import parse

from .conftest import run_cli
from .helpers import seed_holder, tx

NOW = 1_740_000_000.1234567   # no exact binary fraction: floats must move bit for bit


def pilot_hall(path) -> tuple[SQLiteStorage, list]:
    """A pilot hall's database with a row in every table."""
    s = SQLiteStorage(path)
    s.add_token("K1", "token-of-k1-0123456789abcdef", NOW)
    s.add_token("K2", "token-of-k2-0123456789abcdef", NOW, expires_at=NOW + 86400)
    s.revoke_tokens("K2", NOW)
    seed(s, holder_salt="replace-with-the-hall-salt", today=date(2025, 3, 1), now=NOW)
    block = s.lease_block("K1", day="2025-03-01", category="a", prefix="A", size=10,
                          valid_until=NOW + 3600, now=NOW)
    s.issue_ticket("K1", day="2025-03-01", category="a", prefix="A", kind="accept",
                   appointment_id="APT-20250301-01", issued_at="2025-03-01T09:00:00+08:00")
    batch = [parse(tx("rating")), parse(tx("application", {"name": "欧阳娜娜",
                                                           "phone": "13912345678"})),
             parse(tx("ticket", {"number": f"A{block['first']:03d}", "category": "a",
                                 "issued_at": "2025-03-01T09:01:00+08:00",
                                 "block_id": block["block_id"], "seq": block["first"],
                                 "holder": seed_holder(1)}))]
    assert [r["status"] for r in s.ingest("K1", batch, NOW)] == ["accepted"] * 3
    s.create_payment({"order_id": "P1", "kiosk_id": "K1", "service_code": "s",
                      "holder": seed_holder(1), "amount_fen": 100, "params": {"a": 1},
                      "qr_payload": "q", "created_at": NOW, "expires_at": NOW + 900})
    s.put_document({"document_id": "D1", "kiosk_id": "K1", "service_code": "s",
                    "holder": seed_holder(1), "title": "证明", "created_at": NOW},
                   b"%PDF-1.4 \x00\xff binary")
    s.record_heartbeat("K1", {"status": "ok"}, 0.5, NOW)
    s.queue_command("K1", "sync_now", {}, NOW)
    s.queue_command("K1", "reload_config", {"n": 2}, NOW)
    s.put_config("K1", {"volume": 3}, NOW)
    s.put_attachment("K1", "ab" * 32, "image/jpeg", b"\xff\xd8photo\xff\xd9", NOW)
    return s, batch


def test_a_pilot_hall_moves_into_postgres_with_nothing_lost(pg_server, tmp_path):
    db = tmp_path / "hall.db"
    source, batch = pilot_hall(db)
    before = {"tickets": source.tickets("2025-03-01"), "blocks": source.blocks(),
              "transactions": source.transactions(), "stats": source.transaction_stats(),
              "document": source.document("D1"), "payment": source.payment("P1", NOW),
              "dues": source.dues("vehicle_vessel_tax", seed_holder(1)),
              "rows": source.service_rows("ss_payment_history", seed_holder(1)),
              "appointments": source.appointments(seed_holder(1), "2025-03-01"),
              "config": source.config("K1"), "kiosks": source.kiosks(),
              "catalog": source.catalog(), "kiosk_ids": source.kiosk_ids()}
    source.close()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                             "type = 'table' AND name != 'key_check'")]
        counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    assert all(counts.values()), f"the pilot hall should fill every table: {counts}"

    url = pg_server.create_database("migrated")
    done = run_cli("migrate", "--from", str(db), "--to", url)
    assert done.returncode == 0, done.stderr
    reported = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()
                if line.endswith(" ok")}
    assert reported == counts

    target = open_storage(url, str(db.with_suffix(".key")))
    try:
        after = {"tickets": target.tickets("2025-03-01"), "blocks": target.blocks(),
                 "transactions": target.transactions(), "stats": target.transaction_stats(),
                 "document": target.document("D1"), "payment": target.payment("P1", NOW),
                 "dues": target.dues("vehicle_vessel_tax", seed_holder(1)),
                 "rows": target.service_rows("ss_payment_history", seed_holder(1)),
                 "appointments": target.appointments(seed_holder(1), "2025-03-01"),
                 "config": target.config("K1"), "kiosks": target.kiosks(),
                 "catalog": target.catalog(), "kiosk_ids": target.kiosk_ids()}
        assert after == before
        assert after["transactions"][1]["payload"]["name"] == "欧阳娜娜"   # opens there
        assert target.authenticate("token-of-k1-0123456789abcdef", NOW).kiosk_id == "K1"
        assert target.authenticate("token-of-k2-0123456789abcdef", NOW).reason == "revoked"
        # The moved hall carries on where the pilot stopped.
        assert [r["status"] for r in target.ingest("K1", batch, NOW)] == ["duplicate"] * 3
        assert [c["name"] for c in target.take_commands("K1", NOW)] == ["sync_now",
                                                                        "reload_config"]
        nxt = target.issue_ticket("K1", day="2025-03-01", category="a", prefix="A",
                                  kind="accept", appointment_id=None, issued_at="x")
        assert nxt["seq"] == 12                      # after the block of 10 and one online
        assert target.tickets("2025-03-01")[-1]["id"] == before["tickets"][-1]["id"] + 1
        new = parse(tx())
        target.ingest("K1", [new], NOW)
        assert target.transactions()[-1]["id"] == new.key
    finally:
        target.close()

    again = run_cli("migrate", "--from", str(db), "--to", url)
    assert again.returncode == 1 and "holds data already" in again.stderr


def test_what_cannot_move_exactly_moves_nothing(pg_server, tmp_path):
    db = tmp_path / "hall.db"
    source, _ = pilot_hall(db)
    source.close()
    with sqlite3.connect(db) as conn:           # SQLite keeps any type in any column
        conn.execute("UPDATE commands SET created_at = 'yesterday' WHERE name = 'sync_now'")
    url = pg_server.create_database("refused")
    done = run_cli("migrate", "--from", str(db), "--to", url)
    assert done.returncode == 1 and "commands.created_at" in done.stderr, done.stderr
    target = open_storage(url, str(db.with_suffix(".key")))
    try:
        assert target.transaction_stats()["applied"] == 0 and target.catalog() is None
    finally:
        target.close()
    other_key = run_cli("migrate", "--from", str(db), "--to", url, "--key",
                        str(tmp_path / "other.key"))
    assert other_key.returncode == 1 and "another hall key" in other_key.stderr


def test_a_hall_that_served_the_console_still_migrates(pg_server, tmp_path):
    """Every SQLite hall that served has the console's tables (and triggers): they stay
    behind, said so, and everything else moves."""
    from hall.console.store import ConsoleStore

    db = tmp_path / "hall.db"
    source = SQLiteStorage(db)
    ConsoleStore(source)
    source.ingest("K1", [parse(tx())], NOW)
    source.close()
    done = run_cli("migrate", "--from", str(db), "--to", pg_server.create_database("c"))
    assert done.returncode == 0, done.stderr
    assert "console" in done.stdout
    assert "transactions" in done.stdout
