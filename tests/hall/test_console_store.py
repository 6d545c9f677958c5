"""The console's tables on each real store (``storage``: SQLite and PostgreSQL, see
conftest.STORES): what the triggers make of the kiosk API's writes, that they never fail
one, that a restart makes the derived objects again, and that two halls sharing one
database open one alert per condition."""
from __future__ import annotations

import json
import threading

from hall.console.dialects import dialect_of
from hall.console.store import ConsoleStore

REPORT = {"software_version": "0.1.0", "uptime_s": 1, "outbox_depth": 0,
          "oldest_pending_age_s": None, "devices": {"printer": {
              "state": "online", "consumables": {"paper": "full"}, "counters": {"n": 1}}}}


def _ratings(storage, kiosk_id="K1", n=3, start=0):
    with dialect_of(storage).write() as w:
        w.executemany(
            "INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, received_at) "
            "VALUES (?, ?, 'rating', '2026-12-01T10:00:00+08:00', ?, 0)",
            [(f"r{start + i}", kiosk_id, json.dumps({"service": "s", "level": "satisfied"}))
             for i in range(n)])


def _count(storage, table):
    return dialect_of(storage).value(f"SELECT COUNT(*) FROM {table}")


def test_ratings_stored_before_the_console_existed_are_counted_once(storage):
    _ratings(storage)                                  # an older hall's database
    ConsoleStore(storage)
    ConsoleStore(storage)                              # a restart backfills nothing again
    _ratings(storage, n=2, start=10)                   # the trigger from now on
    days = ConsoleStore(storage).rating_days("2026-12-01", "2026-12-01")
    assert [(d["service"], d["level"], d["n"]) for d in days] == [("s", "satisfied", 5)]


def test_history_keeps_changes_not_every_heartbeat(storage):
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
    assert store.history("K1")[0]["outbox_depth"] == 0
    alerts, _ = store.alerts()
    assert [(a["kind"], a["opened_at"]) for a in alerts] == [("paper_low", 1010.0)]


def test_device_states_backlogs_and_quarantined_rows_open_and_clear_alerts(storage):
    store = ConsoleStore(storage)
    bad = {**REPORT, "outbox_depth": 250, "oldest_pending_age_s": 7300.5, "quarantined": 2,
           "devices": {"printer": {"state": "hardware_error", "error": "cutter",
                                   "consumables": {"paper": "jammed", "cover": "open"}}}}
    storage.record_heartbeat("K1", bad, None, 100.0)
    alerts, total = store.alerts()
    assert sorted((a["kind"], a["key"], a["detail"]) for a in alerts) == [
        ("device_error", "device:printer", "printer: hardware_error (cutter)"),
        ("door_open", "consumable:printer:cover:open", "printer: cover open"),
        ("outbox_backlog", "outbox_backlog", "250 / 7300 s"),
        ("paper_out", "consumable:printer:paper:jammed", "printer: paper jammed"),
        ("quarantined", "quarantined", "2")] and total == 5
    storage.record_heartbeat("K1", bad, None, 110.0)              # the same: nothing new
    assert store.alerts()[1] == 5 and _count(storage, "console_alerts") == 5
    storage.record_heartbeat("K1", REPORT, None, 120.0)           # all well again
    assert store.alerts() == ([], 0)
    assert {a["cleared_at"] for a in store.alerts(show="all")[0]} == {120.0}


def test_a_report_or_payload_that_is_not_json_fails_no_kiosk_write(storage):
    ConsoleStore(storage)
    with dialect_of(storage).write() as w:   # e.g. a later store that seals these columns
        w.execute("INSERT INTO kiosks (kiosk_id, last_seen, report) VALUES "
                  "('K9', 1, 'sealed:abc')")
        w.execute("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                  "received_at) VALUES ('x', 'K9', 'rating', 'now', 'sealed:abc', 0)")
        w.execute("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                  "received_at) VALUES ('y', 'K9', 'device_event', 'now', 'sealed', 0)")
        if dialect_of(storage).name == "postgres":
            # JSON, but not what a heartbeat reports (the API validates reports, so this
            # comes only from another writer): read as far as it goes, never an error.
            # SQLite's json_extract refuses a device that is not an object.
            w.execute("""INSERT INTO kiosks (kiosk_id, last_seen, report) VALUES ('K8', 1,
                      '{"devices": {"p": "x", "q": {"state": 5, "consumables": [1]}},
                        "outbox_depth": "many", "oldest_pending_age_s": 1e400}')""")
    storage.record_heartbeat("K1", REPORT, None, 5.0)     # the view skips K9's report
    assert _count(storage, "console_ratings") == 0
    assert _count(storage, "console_heartbeats") >= 1


def test_a_restart_makes_the_triggers_again(storage):
    """The derived objects are made again at every start: one gone (or an older hall's)
    is back, and the tables keep their rows."""
    ConsoleStore(storage)
    _ratings(storage, n=1)
    with dialect_of(storage).write() as w:
        w.execute("DROP TRIGGER console_rating" + (" ON transactions"
                                                   if dialect_of(storage).name == "postgres"
                                                   else ""))
    _ratings(storage, n=1, start=10)                    # not counted: no trigger
    store = ConsoleStore(storage)
    _ratings(storage, n=1, start=20)
    days = store.rating_days("2026-12-01", "2026-12-01")
    assert [d["n"] for d in days] == [2]


def test_two_halls_on_one_database_open_one_offline_alert(stores):
    """Two hall processes (here two storage objects) sharing one store start and sweep at
    once: one offline alert, one console schema."""
    new = stores.new()
    first, second = new.open(), new.open()
    try:
        first.record_heartbeat("K1", REPORT, None, 10.0)
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def hall(storage):
            try:
                barrier.wait()
                store = ConsoleStore(storage)
                for _ in range(5):
                    store.sweep_offline(1000.0, 60.0)
            except BaseException as e:          # reported below
                errors.append(e)

        threads = [threading.Thread(target=hall, args=(s,)) for s in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        alerts, _ = ConsoleStore(first).alerts()
        assert [(a["kind"], a["opened_at"]) for a in alerts] == [("offline", 70.0)]
    finally:
        first.close()
        second.close()


def test_a_migrated_hall_has_its_ratings_counted_by_the_console(pg_server, tmp_path):
    """An SQLite hall that served the console, moved by ``kiosk hall migrate``: the first
    start of the console on PostgreSQL counts the moved ratings, once."""
    from hall.migrate import migrate
    from hall.storage import SQLiteStorage
    from hall.stores import open_storage

    source = SQLiteStorage(tmp_path / "hall.db")
    ConsoleStore(source)
    _ratings(source, n=4)
    url = pg_server.create_database("moved")
    target = open_storage(url, str(tmp_path / "hall.key"))
    try:
        migrate(source, target)
        store = ConsoleStore(target)
        ConsoleStore(target)
        _ratings(target, n=1, start=10)
        days = store.rating_days("2026-12-01", "2026-12-01")
        assert [(d["level"], d["n"]) for d in days] == [("satisfied", 5)]
    finally:
        target.close()
        source.close()


def test_concurrent_batches_of_ratings_all_land_and_are_counted(storage):
    """Terminals delivering ratings at once share the day's count rows (today, service,
    level). Every batch must be accepted and counted exactly: on PostgreSQL, a row
    trigger locked those rows in each batch's own order, and two batches holding them in
    opposite orders deadlocked (one refused with 503)."""
    from hall.transactions import parse

    from .helpers import tx

    store = ConsoleStore(storage)
    levels = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
              "very_dissatisfied"]
    failures, threads = [], []

    def terminal(n):
        order = levels if n % 2 else levels[::-1]          # opposite orders, as in life
        try:
            for _ in range(15):
                batch = [parse(tx("rating", {"service": "s", "level": level,
                                             "rated_at": "2026-12-01T10:00:00+08:00"}))
                         for level in order for _ in range(3)]
                results = storage.ingest(f"K{n}", batch, 1.0)
                assert [r["status"] for r in results] == ["accepted"] * len(batch)
        except Exception as e:                               # reported below, not lost
            failures.append(repr(e))

    for n in range(6):
        threads.append(threading.Thread(target=terminal, args=(n,)))
        threads[-1].start()
    for t in threads:
        t.join()
    assert failures == []
    days = store.rating_days("2026-12-01", "2026-12-01")
    assert {d["level"]: d["n"] for d in days} == {level: 6 * 15 * 3 for level in levels}
