"""``kiosk tech``: technician mode from an SSH session or a script, the same
implementation as the technician screens (:class:`kiosk.core.tech.Technician`).

    kiosk tech overview                      every device in words, counters, checks
    kiosk tech checks DEVICE --level L [--door N] [--wait S]
    kiosk tech counters-reset DEVICE --yes
    kiosk tech network                       hall link, outbox, quarantine
    kiosk tech quarantine (list | retry ID | export PATH)
    kiosk tech sync-now
    kiosk tech logs [--device D] [--lines N] [--out PATH]
    kiosk tech service (out --reason R | in)
    kiosk tech restart [--wait S]            the running app, in place (waits until it is up)
    kiosk tech bundle [--out PATH | --upload]  default: the first mounted USB stick

Each takes ``--config`` and ``--json``; exit code 0 only when the action succeeded (a
check: when it passed). Actions are audited as ``shell:<user>``. A running app holds
its serial ports: a check from here then reports the port busy; use the screens.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_tech_parser(sub) -> None:
    tech = sub.add_parser("tech", help="technician mode: checks, sync, logs, bundle "
                                       "(the screens' implementation)")
    actions = tech.add_subparsers(dest="tech_action", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help)
        p.add_argument("--config", help="kiosk.toml (default /etc/kiosk/kiosk.toml)")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=main_args)
        return p

    action("overview", "every device: state in words, action, counters")
    c = action("checks", "run one device's health check")
    c.add_argument("device")
    c.add_argument("--level", choices=["internal", "external", "interactive"],
                   default="internal")
    c.add_argument("--door", type=int, help="lockers: the door to open (external)")
    c.add_argument("--wait", type=float, default=30.0,
                   help="interactive: seconds to wait for a card or a QR code")
    r = action("counters-reset", "zero a device's usage counters")
    r.add_argument("device")
    r.add_argument("--yes", action="store_true", help="confirm the reset")
    action("network", "hall reachable, round trip, outbox, quarantined rows")
    q = action("quarantine", "rows the hall rejected")
    q.add_argument("what", choices=["list", "retry", "export"])
    q.add_argument("arg", nargs="?", help="retry: the row id; export: the file")
    action("sync-now", "one sync round now")
    lg = action("logs", "the app's last log lines, masked")
    lg.add_argument("--device")
    lg.add_argument("--lines", type=int, default=300)
    lg.add_argument("--out", help="write them (masked) to this file or folder")
    s = action("service", "take the terminal out of service (暂停服务) or back")
    s.add_argument("what", choices=["out", "in"])
    s.add_argument("--reason", help="out: what citizens read")
    rs = action("restart", "restart the running app in place (devices and database closed "
                           "first; same process, so cage and systemd keep it)")
    rs.add_argument("--wait", type=float, default=90.0,
                    help="seconds to wait for the app to be up again")
    b = action("bundle", "write the diagnostics zip")
    where = b.add_mutually_exclusive_group()
    where.add_argument("--out", help="a .zip path or a directory (default: the USB stick)")
    where.add_argument("--upload", action="store_true",
                       help="send it to the hall (an audit row with the zip attached)")


def main_args(args, terminal=None) -> int:
    """Run ``args.tech_action``; ``terminal`` for tests (else built from --config,
    devices not started: each is asked when a view needs it)."""
    from kiosk.core.tech import Technician
    own = terminal is None
    if own:
        from kiosk.core import config as config_mod
        from kiosk.core.terminal import Terminal
        terminal = Terminal(config_mod.load(args.config))
    try:
        tech = Technician(terminal)
        code, result, text = _ACTIONS[args.tech_action](tech, args)
    except ValueError as exc:
        code, result, text = 2, {"error": str(exc)}, f"error: {exc}"
    finally:
        if own:
            terminal.stop()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)
    return code


def _overview(tech, args):
    devices = tech.overview(poll=True)
    lines = []
    for d in devices:
        w = d["words"]
        line = f"{d['name']:<10} {d['kind']:<10} {w['state']['zh']} / {w['state']['en']}"
        if w["error"]:
            line += (f"  ! {w['error']['problem_zh']} / {w['error']['problem_en']}"
                     f" -> {w['error']['action_zh']} / {w['error']['action_en']}")
        lines.append(line)
    ok = all(d["state"] == "online" for d in devices if d["required"])
    return (0 if ok else 1), {"ok": ok, "devices": devices}, "\n".join(lines)


def _checks(tech, args):
    result = tech.check(args.device, args.level, door=args.door, wait_s=args.wait)
    w = result["words"]
    text = (f"{args.device} {args.level}: {w['problem_zh']} / {w['problem_en']}"
            f" -> {w['action_zh']} / {w['action_en']}\n"
            + json.dumps(result["detail"], ensure_ascii=False, default=str))
    return (0 if result["ok"] else 1), result, text


def _counters_reset(tech, args):
    if not args.yes:
        raise ValueError("resetting counters needs --yes (they cannot be restored)")
    before = tech.reset_counters(args.device)
    return 0, {"device": args.device, "before": before}, f"{args.device}: counters reset " \
                                                          f"(were {before})"


def _network(tech, args):
    from kiosk.core.tech import sync_view
    n = tech.network()
    hall = n["hall"]
    text = "\n".join([
        f"hall               {'reachable' if hall['reachable'] else 'NOT reachable'}"
        + (f" ({hall['rtt_ms']} ms)" if hall["rtt_ms"] is not None else "")
        + (f": {hall['error']['code']}" if hall["error"] else ""),
        f"last success       {n['last_success'] or 'never'}",
        f"last error         {n['last_error']['code'] if n['last_error'] else '-'}",
        f"outbox depth       {n['depth']} (oldest {n['oldest_pending_age_s']} s)",
        f"quarantined        {n['quarantined']}",
        *[f"  {q['id']} {q['kind']} {q['reason_code']}: {q['reason']}" for q in n["quarantine"]],
        *sync_view.signature_lines(n)])
    return (0 if hall["reachable"] else 1), n, text


def _quarantine(tech, args):
    if args.what == "list":
        rows = tech.quarantine()
        return 0, {"rows": rows}, "\n".join(
            f"{q['id']} {q['kind']} {q['created_at']} {q['reason_code']}: {q['reason']}"
            for q in rows) or "no quarantined rows"
    if not args.arg:
        raise ValueError(f"quarantine {args.what} needs an argument")
    if args.what == "retry":
        ok = tech.retry(args.arg)
        return (0 if ok else 1), {"id": args.arg, "requeued": ok}, \
            f"{args.arg}: {'sent again at the next sync' if ok else 'no such quarantined row'}"
    path = tech.export_quarantine(Path(args.arg))
    return 0, {"path": str(path)}, f"written to {path}"


def _sync_now(tech, args):
    from offline_cache.hall_errors import HallError
    try:
        counts = tech.sync_now(here=True)
    except HallError as err:
        return 1, {"error": err.to_dict()}, f"sync failed: {err.code}: {err.message}"
    if counts is None:
        return 1, {"error": "no_hall"}, "no [hall] url configured"
    return 0, counts, f"synced: {counts}"


def _logs(tech, args):
    from kiosk.core.tech import logbuffer
    lines, problem = logbuffer.from_journal(args.lines)
    if args.device:
        kind = tech.device(args.device).kind
        lines = [ln for ln in lines if args.device in ln["message"] or kind in ln["message"]]
    text = "\n".join(f"{ln['at']} {ln['message']}" for ln in lines) or (problem or "no lines")
    if args.out and problem is None:
        from kiosk.core.privacy import mask_id_number
        from kiosk.core.tech.bundle import write_private
        path = Path(args.out)
        if path.is_dir():
            path = path / "kiosk-logs.txt"
        write_private(path, (mask_id_number(text) + "\n").encode("utf-8"))
        tech.audit("logs_export", {"device": args.device, "lines": len(lines),
                                   "path": str(path)})
        return 0, {"path": str(path), "lines": len(lines)}, f"written to {path}"
    return (0 if problem is None else 1), {"lines": lines, "problem": problem}, text


def _service(tech, args):
    if args.what == "out":
        if not args.reason:
            raise ValueError("service out needs --reason (citizens read it)")
        tech.take_out_of_service(args.reason)
        return 0, tech.terminal.service_state.report(), f"out of service: {args.reason}"
    tech.back_in_service()
    return 0, tech.terminal.service_state.report(), "back in service"


def _restart(tech, args):
    from kiosk.core import health
    data_dir = tech.terminal.config.data_dir
    t0 = time.monotonic()
    try:
        before = health.request_restart(data_dir)
    except health.NotRunning as exc:
        return 1, {"error": exc.code, "message": str(exc)}, f"应用未在运行 / {exc}"
    tech.restart_app("command")
    print(f"restarting the app (pid {before['pid']}) / 正在重启应用…", file=sys.stderr)
    after = health.wait_restarted(data_dir, before, args.wait)
    if after is None:
        return 1, {"restarted": False, "pid": before["pid"]}, \
            f"应用未在 {args.wait:.0f} 秒内恢复 / the app is not up again after {args.wait:.0f} s"
    took = time.monotonic() - t0
    return 0, {"restarted": True, "pid": after["pid"], "started_at": after["started_at"],
               "took_s": round(took, 1), "status": after["status"]}, \
        (f"应用已重启（{took:.0f} 秒）/ restarted in {took:.0f} s (pid {after['pid']}): "
         f"{after['status']}")


def _bundle(tech, args):
    from kiosk.core.tech.bundle import NoRemovableMedia
    if args.upload:
        return _bundle_upload(tech)
    try:
        path = tech.bundle(Path(args.out) if args.out else None)
    except NoRemovableMedia as exc:
        return 1, {"error": str(exc)}, str(exc)
    return 0, {"path": str(path)}, f"written to {path}"


def _bundle_upload(tech):
    from kiosk.core.tech.technician import NoHall
    from offline_cache.hall_errors import HallError
    try:
        sent = tech.upload_bundle()
    except NoHall as exc:
        return 1, {"error": exc.code, "message": str(exc)}, f"未配置大厅 / {exc}"
    where = f"bundle {sent['sha256'][:12]} ({sent['bytes']} bytes), row {sent['id'][:8]}"
    try:
        tech.sync_now(here=True)
    except HallError as exc:        # it stays in the outbox: the app's sync delivers it
        return 0, {**sent, "delivered": False, "error": exc.to_dict()}, \
            f"已记录，大厅暂不可达，恢复后自动送达 / recorded, delivered when the hall answers " \
            f"({exc.code}): {where}"
    from offline_cache import outbox
    with tech.terminal.database() as conn:
        row = outbox.get(conn, sent["id"])
    if row is not None and row.state == "quarantined":      # refused for good (too large...)
        return 1, {**sent, "delivered": False, "error": row.error}, \
            f"大厅拒收 / the hall refused it: {row.error}: {where}"
    if row is not None:
        return 0, {**sent, "delivered": False}, \
            f"已记录，下次同步送达 / recorded, delivered at the next sync: {where}"
    return 0, {**sent, "delivered": True}, f"已送达大厅 / delivered to the hall: {where}"


_ACTIONS: dict[str, Callable[[Any, Any], tuple[int, Any, str]]] = {
    "overview": _overview, "checks": _checks, "counters-reset": _counters_reset,
    "network": _network, "quarantine": _quarantine, "sync-now": _sync_now, "logs": _logs,
    "service": _service, "restart": _restart, "bundle": _bundle}
