"""The ``kiosk`` command line (stable: scripts and technicians rely on it; DESIGN.md).

    kiosk run [--config PATH] [--simulate] [--windowed]
    kiosk demo [--headless] [--out DIR]
    kiosk diag list | idcard | sscard | receipt | docprinter | camera | locker ...
    kiosk sim idcard | sscard | receipt | docprinter | camera | locker ...
    kiosk sync status | now
    kiosk tech overview | checks | network | quarantine | logs | service | restart | bundle
               ... (tech_cli.py)
    kiosk health [--json]   (exit 0 healthy, 1 not: for monitoring and A/B updaters)
    kiosk hall serve [--db PATH] [--port N] ... (the reference central hall)

Qt is imported only by ``run`` and ``demo``, so ``diag`` and ``sim`` start fast and work
on a terminal whose display is broken.
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys


def _device_clis():
    """The drivers' ``cli`` modules. Imported only for ``diag`` and ``sim``: they pull in
    OpenCV, the CUPS client... which ``kiosk run`` must not pay for before its first frame."""
    from drivers.registry import KINDS
    return [importlib.import_module(f"drivers.{kind}.cli") for kind in KINDS]


def build_parser(with_devices: bool = True, with_hall: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="政务服务一体机 terminal software")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="the appliance app")
    run.add_argument("--config", help="kiosk.toml (default /etc/kiosk/kiosk.toml)")
    run.add_argument("--simulate", action="store_true",
                     help="start device simulators and use them instead of the hardware")
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    # For bench/startup.py: print the time of the first rendered frame and exit.
    run.add_argument("--first-frame-probe", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(func=_run)

    demo = sub.add_parser("demo", help="simulators + the app; scripted and offscreen "
                                       "when there is no display")
    demo.add_argument("--headless", action="store_true",
                      help="run the scripted citizen journey even if a display exists")
    demo.add_argument("--out", default="demo-output", help="where screenshots go (headless)")
    demo.add_argument("--config", help="kiosk.toml to start from (devices are simulated)")
    demo.set_defaults(func=_demo)

    diag = sub.add_parser("diag", help="technician checks (exit 0 only when passed)")
    checks = diag.add_subparsers(dest="check", required=True)
    lst = checks.add_parser("list", help="every configured device with its state")
    lst.add_argument("--config", help="kiosk.toml (default /etc/kiosk/kiosk.toml)")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_diag_list)
    device_clis = _device_clis() if with_devices else []
    for device_cli in device_clis:
        device_cli.add_diag_parser(checks)

    sync_p = sub.add_parser("sync", help="the outbox and the link with the hall")
    sync_p.add_argument("action", choices=["status", "now"],
                        help="status: depth, oldest pending, last success/error; "
                             "now: one sync round from this process")
    sync_p.add_argument("--config", help="kiosk.toml (default /etc/kiosk/kiosk.toml)")
    sync_p.add_argument("--json", action="store_true")
    sync_p.set_defaults(func=_sync)

    health_p = sub.add_parser("health", help="the running app's verdict: exit 0 healthy, 1 not "
                                             "(devices, UI watchdog tick, outbox, hall link)")
    health_p.add_argument("--config", help="kiosk.toml (default /etc/kiosk/kiosk.toml)")
    health_p.add_argument("--json", action="store_true")
    health_p.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                          help="ask again every 2 s until healthy or SECONDS passed "
                               "(kiosk-health.service at boot: the hall link comes up later)")
    health_p.set_defaults(func=_health)

    # The reference hall lives in its own package (it shares only the contract with the
    # kiosk); its CLI module loads FastAPI only when `serve` runs, but its console's
    # modules still cost `kiosk run` about 85 ms before the first frame: left out there.
    if with_hall:
        from hall import cli as hall_cli
        hall_cli.add_hall_parser(sub)
    from kiosk import tech_cli
    tech_cli.add_tech_parser(sub)

    sim = sub.add_parser("sim", help="start one device simulator standalone")
    sims = sim.add_subparsers(dest="device", required=True)
    for device_cli in device_clis:
        device_cli.add_sim_parser(sims)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(with_devices=command in (None, "diag", "sim"),
                        with_hall=command not in ("run", "demo")).parse_args(argv)
    setup_logging(args.verbose)
    from offline_cache.db import SchemaError, StorageFull
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (SchemaError, StorageFull) as exc:
        # Known conditions of the database (offline_cache/db.py), nothing lost: a line a
        # technician can act on, not a traceback.
        zh = getattr(exc, "message_zh", "存储空间已满，请清理磁盘")
        print(f"kiosk: {zh}\nkiosk: {exc} ({exc.code})", file=sys.stderr)
        return 1


def setup_logging(verbose: bool = False) -> None:
    """Every command's logging: lines on stderr, or, under systemd's journal, datagrams
    with fields (kiosk/core/journal.py); ID numbers masked either way."""
    # force: escpos.capabilities calls logging.basicConfig() when imported, and `diag` and
    # `sim` import it before this runs; its bare handler would take the level and format.
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    from kiosk.core import journal
    from kiosk.core.privacy import install_log_masking
    install_log_masking()
    journal.install()


def _run(args) -> int:
    from kiosk.ui.main import run
    return run(args.config, simulate=args.simulate, windowed=args.windowed,
               first_frame_probe=args.first_frame_probe)


def _demo(args) -> int:
    from kiosk.demo import demo
    return demo(args.out, headless=args.headless, config_path=args.config)


def _diag_list(args) -> int:
    from kiosk.core import config as config_mod
    from kiosk.core.devices import build_device

    cfg = config_mod.load(args.config)
    rows = []
    for dc in cfg.devices:
        device = build_device(dc, cfg.data_dir / "counters" if cfg.data_dir.exists() else None)
        status = device.poll()
        rows.append({**status.to_dict(), "driver": dc.driver, "info": device.info().to_dict(),
                     "counters": device.counters.snapshot()})
        device.close()
    ok = all(r["state"] == "online" for r in rows if r["required"])
    if args.json:
        print(json.dumps({"ok": ok, "devices": rows}, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            err = r["error"]
            line = f"{r['name']:<10} {r['driver']:<8} {r['state']:<15}"
            if r["consumables"]:
                line += " " + " ".join(f"{k}={v}" for k, v in r["consumables"].items())
            if err:
                line += f"  ! {err['message']} -> {err['action']}"
            print(line + ("  (required)" if r["required"] else ""))
        print("OK" if ok else "NOT OK: a required device is not online")
    return 0 if ok else 1


def _sync(args) -> int:
    """``status`` reads the database only; ``now`` runs one round right here (the hall
    deduplicates, so running beside the app's own engine is safe)."""
    from kiosk.core import catalog as catalog_mod
    from kiosk.core import config as config_mod
    from kiosk.core import hall_catalog
    from kiosk.core.hall_link import build_sync, signature_state
    from kiosk.core.tech import sync_view
    from offline_cache import db, sync
    from offline_cache.hall_client import HallError
    from offline_cache.sealing import Sealer

    cfg = config_mod.load(args.config)
    conn = db.connect(cfg.data_dir / "kiosk.db")
    seed = catalog_mod.load(cfg.catalog_path)
    code = 0
    if args.action == "now":
        engine = build_sync(cfg, Sealer.load_or_create(cfg.outbox_key_path),
                            hall_catalog.from_caches(conn, seed).catalog)
        if engine is None:
            print("no [hall] url configured: this terminal works offline only", file=sys.stderr)
            return 1
        try:
            counts = engine.sync_once(conn)
            if not args.json:
                print(f"synced: {counts['accepted']} accepted, {counts['duplicate']} duplicate, "
                      f"{counts['rejected']} rejected (quarantined)")
        except HallError as err:
            print(f"sync failed: {err.code}: {err.message}", file=sys.stderr)
            code = 1
    st = sync.status(conn)
    cat = hall_catalog.from_caches(conn, seed)
    st["catalog"] = {"source": cat.source, "services": len(cat.catalog.services),
                     "problems": list(cat.problems)}
    st["signatures"] = signature_state(cfg)
    if args.json:
        print(json.dumps(st, ensure_ascii=False, indent=2))
    else:
        age = st["oldest_pending_age_s"]
        print(f"outbox depth       {st['depth']}"
              + (f" (oldest waiting {age:.0f} s)" if age is not None else ""))
        print(f"quarantined        {st['quarantined']}")
        for row in st["quarantine"]:
            print(f"  - {row['id'][:8]} {row['kind']}: {row.get('code')}: {row.get('message')}")
        for category, pause in st["leases_paused"].items():
            print(f"ticket blocks      {category}: refused ({pause['code']}) until "
                  f"{pause['until']}: numbering from the local counter")
        print(f"last success       {st['last_success'] or 'never'}")
        err = st["last_error"]
        print(f"last error         {err['code'] + ': ' + err['message'] if err else '-'}")
        origin = "the hall's" if cat.source == "hall" else "the terminal's own"
        print(f"catalog            {origin}, {len(cat.catalog.services)} services"
              + (f"; {len(cat.problems)} problem{'s' * (len(cat.problems) > 1)}:"
                 if cat.problems else ""))
        for problem in cat.problems:
            print(f"  - {problem}")
        for line in sync_view.signature_lines(st):
            print(line)
    return code


def _health(args) -> int:
    """Reads what the running app wrote (kiosk/core/health.py) and the outbox; never
    touches a device (the app holds them)."""
    import time

    from kiosk.core import config as config_mod
    from kiosk.core import health
    from offline_cache import db, outbox

    cfg = config_mod.load(args.config)

    def depth() -> int | None:
        if not (cfg.data_dir / "kiosk.db").exists():
            return None
        try:
            conn = db.connect(cfg.data_dir / "kiosk.db")
            try:
                return outbox.pending_count(conn)
            finally:
                conn.close()
        except Exception as err:   # locked or corrupt: a verdict all the same
            print(f"outbox unreadable: {err}", file=sys.stderr)
            return None

    deadline = time.monotonic() + args.wait
    while not (v := health.verdict(cfg.data_dir, depth()))["healthy"] \
            and time.monotonic() + 2 < deadline:
        time.sleep(2)
    if args.json:
        print(json.dumps(v, ensure_ascii=False, indent=2))
    else:
        print("HEALTHY" if v["healthy"] else "NOT HEALTHY: " + ", ".join(v["problems"]))
        if v["status"]:
            print(f"status        {v['status']}")
        tick = v["ui_tick"]
        if tick:
            print(f"ui tick       {tick['age_s']} s ago (stale after {tick['stale_after_s']} s)")
        print(f"outbox depth  {v['outbox_depth']}")
        print(f"hall link     {v['hall']}")
        for name, d in v["devices"].items():
            required = "  (required)" if d["required"] else ""
            print(f"device        {name:<10} {d['state']}{required}")
    return 0 if v["healthy"] else 1


if __name__ == "__main__":
    sys.exit(main())
