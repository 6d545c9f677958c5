"""The console's tables on a real SQLite file: what the triggers make of the kiosk API's
writes, and that they never fail one."""
from __future__ import annotations

import json
import sqlite3

from hall.console.store import ConsoleStore
from hall.storage import SQLiteStorage

REPORT = {"software_version": "0.1.0", "uptime_s": 1, "outbox_depth": 0,
          "oldest_pending_age_s": None, "devices": {"printer": {
              "state": "online", "consumables": {"paper": "full"}, "counters": {"n": 1}}}}


def _ratings(storage, kiosk_id="K1", n=3, start=0):
    with storage._write() as conn:
        conn.executemany(
            "INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, received_at) "
            "VALUES (?, ?, 'rating', '2026-12-01T10:00:00+08:00', ?, 0)",
            [(f"r{start + i}", kiosk_id, json.dumps({"service": "s", "level": "satisfied"}))
             for i in range(n)])


def test_ratings_stored_before_the_console_existed_are_counted_once(tmp_path):
    storage = SQLiteStorage(tmp_path / "hall.db")
    _ratings(storage)                                  # an older hall's database
    ConsoleStore(storage)
    ConsoleStore(storage)                              # a restart backfills nothing again
    _ratings(storage, n=2, start=10)                   # the trigger from now on
    days = ConsoleStore(storage).rating_days("2026-12-01", "2026-12-01")
    assert [(d["service"], d["level"], d["n"]) for d in days] == [("s", "satisfied", 5)]
    storage.close()


def test_history_keeps_changes_not_every_heartbeat(tmp_path):
    storage = SQLiteStorage(tmp_path / "hall.db")
    store = ConsoleStore(storage)
    for i in range(5):                                 # counters move, nothing else
        report = {**REPORT, "devices": {"printer": {**REPORT["devices"]["printer"],
                                                    "counters": {"n": i}}}}
        storage.record_heartbeat("K1", report, None, 1000.0 + i)
    low = {**REPORT, "devices": {"printer": {"state": "online",
                                             "consumables": {"paper": "low"}}}}
    storage.record_heartbeat("K1", low, None, 1010.0)
    storage.record_heartbeat("K1", low, None, 1010.0 + 3601)      # an hour later
    assert [h["at"] for h in store.history("K1")] == [4611.0, 1010.0, 1000.0]
    alerts, _ = store.alerts()
    assert [(a["kind"], a["opened_at"]) for a in alerts] == [("paper_low", 1010.0)]
    storage.close()


def test_a_report_or_payload_that_is_not_json_fails_no_kiosk_write(tmp_path):
    storage = SQLiteStorage(tmp_path / "hall.db")
    ConsoleStore(storage)
    with storage._write() as conn:          # e.g. a later store that seals these columns
        conn.execute("INSERT INTO kiosks (kiosk_id, last_seen, report) VALUES "
                     "('K9', 1, 'sealed:abc')")
        conn.execute("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                     "received_at) VALUES ('x', 'K9', 'rating', 'now', 'sealed:abc', 0)")
        conn.execute("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                     "received_at) VALUES ('y', 'K9', 'device_event', 'now', 'sealed', 0)")
    storage.record_heartbeat("K1", REPORT, None, 5.0)     # the view skips K9's report
    conn = sqlite3.connect(tmp_path / "hall.db")
    assert conn.execute("SELECT COUNT(*) FROM console_ratings").fetchone()[0] == 0
    conn.close()
    storage.close()
