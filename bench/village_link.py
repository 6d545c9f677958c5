"""A village terminal's day synced over a village-grade link, next to the same sync over
plain loopback in the same run.

    .venv/bin/python bench/village_link.py [--rows 200] [--kbit 64] [--rtt-ms 300]
                                           [--drop 0.02] [--outage 20] [--seed 1]

The link is :class:`tests.sync.link_proxy.LinkProxy` between the terminal's sync engine and
``python -m hall serve`` on 127.0.0.1: ``--kbit`` each way, ``--rtt-ms`` round trip, and
``--drop`` of the connections broken mid-transfer.

1. Baseline: ``--rows`` transactions (the day's mix: tickets, ratings, applications and
   card-loss reports with sealed personal fields, print jobs, device events) and a
   heartbeat synced straight to the hall.
2. The day over the link: the same kind of day from a second terminal, retried after
   each failure as the engine would (its backoff shortened to 1 s so the figure is the
   link's, not the backoff's). Target: < 60 s, nothing lost or duplicated.
3. The next round with nothing new: the catalog and the config come back 304 (ETag), so
   the bytes down are a fraction of the first round's.
4. An outage mid-sync: ``--rows`` more rows in batches of 20, the link taken down for
   ``--outage`` seconds after the first batches arrived (600 for the issue's ten
   minutes), the engine's own thread and backoff bring it back: the rows accepted before
   the outage are not sent again (the hall counts at most one batch twice).

Exit 1 when a row is lost or applied twice, or the day over the link takes 60 s or more.
"""
from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync_drain import ADMIN, CST, start_hall, stop_hall  # noqa: E402

from offline_cache import db, outbox  # noqa: E402
from offline_cache.backoff import Backoff  # noqa: E402
from offline_cache.hall_client import HallClient, HallSettings  # noqa: E402
from offline_cache.sealing import Sealer  # noqa: E402
from offline_cache.sync import SyncEngine, SyncSettings  # noqa: E402
from tests.sync.link_proxy import LinkProxy  # noqa: E402

TERMINALS = {"VILLAGE0": "village-token-0-0123456789abcdef",
             "VILLAGE1": "village-token-1-0123456789abcdef",
             "VILLAGE2": "village-token-2-0123456789abcdef"}
DEVICES = {"receipt": {"state": "online", "consumables": {"paper": "full"}},
           "idcard": {"state": "online", "consumables": {}},
           "docprinter": {"state": "online", "consumables": {"paper": "full"}}}


def day_row(n: int, terminal: str) -> tuple[str, dict, dict | None]:
    """Row ``n`` of a terminal's day: (kind, payload, personal fields)."""
    holder = {"id_number": f"44010619{n % 90 + 10:02d}0101{n % 10000:04d}"}
    match n % 6:
        case 0 | 1:
            return "ticket", {"number": f"{terminal[-1]}-{n:03d}", "category": "A",
                              "kind": "social_security",
                              "issued_at": datetime.now(CST).isoformat()}, None
        case 2:
            return "rating", {"service": "SB-001", "level": n % 5 + 1, "window": "3"}, None
        case 3:
            return "application", {"service": "YB-002", "form": {"plan": "urban"}}, holder
        case 4:
            return "card_loss_report", {"service": "SB-009", "reference": f"L{n:06d}"}, holder
        case _:
            return "device_event", {"device": "locker", "door": n % 24 + 1,
                                    "result": "opened"}, None


def fill(conn, sealer: Sealer, terminal: str, first: int, count: int) -> None:
    with db.transaction(conn):
        for n in range(first, first + count):
            kind, payload, personal = day_row(n, terminal)
            outbox.enqueue(conn, kind, payload, datetime.now(CST), personal=personal,
                           sealer=sealer)


class Terminal:
    """One terminal's outbox, sealer and sync engine against ``url``."""

    def __init__(self, tmp: Path, kiosk_id: str, url: str, batch_size: int = 500) -> None:
        self.kiosk_id = kiosk_id
        self.db_path = tmp / f"{kiosk_id}.db"
        self.sealer = Sealer.load_or_create(tmp / f"{kiosk_id}.key")
        self.conn = db.connect(self.db_path)
        self.client = HallClient(HallSettings(url=url, kiosk_id=kiosk_id,
                                              token=TERMINALS[kiosk_id], read_timeout=20.0,
                                              total_timeout=60.0))
        self.engine = SyncEngine(self.db_path, self.client, self.sealer,
                                 SyncSettings(batch_size=batch_size, interval=3600.0),
                                 backoff=Backoff(base=1.0, cap=1.0, floor=1.0),
                                 devices=lambda: DEVICES, software_version="bench")

    def sync_until_done(self) -> tuple[float, int]:
        """Rounds until one succeeds with nothing left; (seconds, failed rounds)."""
        start, failures = time.perf_counter(), 0
        while True:
            try:
                self.engine.sync_once(self.conn)
                if outbox.pending_count(self.conn) == 0:
                    return time.perf_counter() - start, failures
            except Exception:
                failures += 1
                time.sleep(self.engine.backoff.next_delay())

    def close(self) -> None:
        self.conn.close()
        self.client.close()


def hall_counts(url: str) -> dict:
    return requests.get(f"{url}/admin/v1/transactions/stats", timeout=30,
                        headers={"Authorization": f"Bearer {ADMIN}"}).json()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--kbit", type=float, default=64.0)
    parser.add_argument("--rtt-ms", type=float, default=300.0)
    parser.add_argument("--drop", type=float, default=0.02)
    parser.add_argument("--outage", type=float, default=20.0,
                        help="seconds the link is down mid-sync (600: ten minutes)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    ok = True
    with tempfile.TemporaryDirectory(prefix="village-link-") as tmp_name:
        tmp = Path(tmp_name)
        hall, url = start_hall(tmp, tokens=TERMINALS)
        port = urlsplit(url).port
        proxy = LinkProxy(("127.0.0.1", port), kbit_s=args.kbit, rtt_ms=args.rtt_ms,
                          drop_rate=args.drop, seed=args.seed)
        link_url = f"http://127.0.0.1:{proxy.start()}"
        terminals = []
        try:
            # 1. Baseline: straight to the hall.
            base = Terminal(tmp, "VILLAGE0", url)
            terminals.append(base)
            fill(base.conn, base.sealer, base.kiosk_id, 0, args.rows)
            base_s, _ = base.sync_until_done()

            # 2. The day over the link.
            village = Terminal(tmp, "VILLAGE1", link_url)
            terminals.append(village)
            fill(village.conn, village.sealer, village.kiosk_id, 0, args.rows)
            day_s, failures = village.sync_until_done()
            first = (proxy.stats.bytes_up, proxy.stats.bytes_down)

            # 3. The next round, nothing new: 304s.
            next_s, _ = village.sync_until_done()
            second = (proxy.stats.bytes_up - first[0], proxy.stats.bytes_down - first[1])

            # 4. An outage mid-sync, brought back by the engine's own thread.
            proxy.drop_rate = 0.0
            outage_t = Terminal(tmp, "VILLAGE2", link_url, batch_size=20)
            terminals.append(outage_t)
            outage_t.engine.backoff = Backoff(base=2.0, cap=60.0)
            fill(outage_t.conn, outage_t.sealer, outage_t.kiosk_id, 0, args.rows)
            before = hall_counts(url)["applied"]
            outage_t.engine.start()
            while hall_counts(url)["applied"] < before + 60:
                time.sleep(0.2)
            proxy.set_down(True)
            at_cut = hall_counts(url)["applied"] - before
            time.sleep(args.outage)
            proxy.set_down(False)
            back = time.perf_counter()
            while outbox.pending_count(outage_t.conn) > 0:
                time.sleep(0.2)
            resumed_s = time.perf_counter() - back
            outage_t.engine.stop()
            stats = hall_counts(url)
        finally:
            for t in terminals:
                t.close()
            proxy.stop()
            stop_hall(hall)

    expected = 3 * args.rows
    print(f"a day of {args.rows} transactions + heartbeat + catalog/config refresh:")
    print(f"  loopback (baseline)       {base_s:6.2f} s")
    print(f"  village link              {day_s:6.2f} s   ({args.kbit:g} kbit/s, "
          f"{args.rtt_ms:g} ms RTT, {args.drop:.0%} of connections dropped; "
          f"{failures} failed rounds, {proxy.stats.dropped} connections cut)")
    print(f"  ratio link/loopback       {day_s / base_s:6.1f}")
    print(f"  bytes up {first[0]:,}  down {first[1]:,}")
    print(f"next round, nothing new: {next_s:.2f} s, bytes up {second[0]:,}  "
          f"down {second[1]:,} ({second[1] / max(first[1], 1):.0%} of the first round's: "
          f"ETags)")
    print(f"outage of {args.outage:g} s after {at_cut} of {args.rows} rows arrived "
          f"(batches of 20): all in {resumed_s:.1f} s after the link came back")
    print(f"hall: applied {stats['applied']} of {expected}, distinct {stats['distinct_ids']},"
          f" applied more than once {stats['applied_more_than_once']}")
    if not (stats["applied"] == stats["distinct_ids"] == expected
            and stats["applied_more_than_once"] == 0):
        print("rows lost or applied twice", file=sys.stderr)
        ok = False
    if day_s >= 60:
        print(f"the day over the link took {day_s:.1f} s (target < 60 s)", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
