"""The health reporter writes every period_s: a health file that cannot be written and
a database that cannot be read are logged once when they start and once when they end,
not at every report (issue 11, "Logs to journald")."""
import logging
import os
import sqlite3
import time

from kiosk.core.health import HealthReporter
from kiosk.core.sd_notify import Notifier


def test_a_failing_report_is_one_line_and_one_when_it_works_again(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.core.health")
    broken = {"db": True}

    def depth() -> int:
        if broken["db"]:
            raise sqlite3.OperationalError("database is locked")
        return 0

    folder = tmp_path / "data"          # not there yet: health.json cannot be written
    reporter = HealthReporter(folder / "health.json", statuses=dict, hall_configured=False,
                              hall_reachable=lambda: False, depth=depth,
                              drivers_polled=lambda: True, notifier=Notifier({}),
                              period_s=0.01)
    reporter.start()
    try:
        time.sleep(0.3)                 # some thirty reports
        # The database first, then the folder: a report between the two steps sees
        # them mend in that order, whatever the thread's timing.
        broken["db"] = False
        deadline = time.monotonic() + 5
        while not any("readable again" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        folder.mkdir()
        deadline = time.monotonic() + 5
        while not (folder / "health.json").exists():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.05)
    finally:
        reporter.stop()
    got = [(r.levelname, r.getMessage().split(" (for ")[0]) for r in caplog.records
           if r.name == "kiosk.core.health"]
    assert got == [
        ("WARNING", "health: outbox depth unreadable: database is locked"),
        ("ERROR", f"health report failed: [Errno 2] No such file or directory: "
                  f"'{folder / '.health.json.'}{os.getpid()}'"),
        ("INFO", "health: outbox depth readable again"),
        ("INFO", "health report written again")], got
    failed = next(r for r in caplog.records if r.levelname == "ERROR")
    assert failed.exc_info                      # the traceback, once
    again = caplog.records[-1].getMessage()
    assert int(again.split("seen ")[1].split(" ")[0]) > 5
