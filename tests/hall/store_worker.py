"""A separate process working on a store, for tests/hall/test_store_processes.py:

    python -m tests.hall.store_worker numbering DB KEY WORKER   -> JSON [[first, last], ...]
    python -m tests.hall.store_worker ingest DB KEY BATCH_FILE  -> JSON [status, ...]

(``KEY`` is ``-`` for SQLite's default key.) Each waits for the file ``DB.go`` (or
``KEY.go``) to appear, so that all start their work at once."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from hall.stores import open_storage
from hall.transactions import parse


def main(what: str, db: str, key: str, arg: str) -> None:
    storage = open_storage(db, None if key == "-" else key)
    go = Path(arg if what == "ingest" else (key if key != "-" else db)).with_suffix(".go")
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        if what == "numbering":
            spans = []
            for i in range(30):
                if i % 3 == 0:
                    b = storage.lease_block(f"W{arg}", day="2025-03-01", category="a",
                                            prefix="A", size=1 + i % 7, valid_until=0, now=0)
                    spans.append([b["first"], b["last"]])
                else:
                    t = storage.issue_ticket(f"W{arg}", day="2025-03-01", category="a",
                                             prefix="A", kind="accept", appointment_id=None,
                                             issued_at="x")
                    spans.append([t["seq"], t["seq"]])
            print(json.dumps(spans))
        else:
            batch = [parse(t) for t in json.loads(Path(arg).read_text())]
            print(json.dumps([r["status"] for r in storage.ingest("K1", batch, time.time())]))
    finally:
        storage.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
