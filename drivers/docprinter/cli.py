"""``kiosk diag docprinter`` and ``kiosk sim docprinter``: the A4 printer's command line.

``kiosk diag docprinter --queue Q [--server S] [--timeout T] [--json] (status | test)``
asks the queue's status (``status``) or prints the A4 test page (:mod:`.testpage`) and
follows the job until CUPS completed it (``test``). Exit code 0 only when the check
passed; on failure the message and the recommended action go to stderr. ``--json`` prints
one object: ``{"ok", "check", "queue", "status", "paper", "job", "error"}`` where ``job``
is ``{"id", "state", "pages", "seconds", "withdrawn"}`` once a job was submitted.

``kiosk sim docprinter [--queue PDF] [--fault stopped|rejecting|paper_out]`` makes sure
cupsd runs with the cups-pdf queue (root, the first time), prints the queue name and then
the folder the PDFs go to on stdout (one line each) and runs until SIGINT or SIGTERM,
naming each PDF on stderr as it appears. On exit the injected fault is cleared; cupsd and
the queue stay (they are a system service).

Each ``add_*_parser`` takes the subparsers of ``kiosk diag`` / ``kiosk sim`` and sets
``func(args) -> int``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from drivers.base import DeviceError
from drivers.base.stop_signals import catch_stop_signals

from .cupsclient import CupsUnavailable, IppError
from .driver import DocPrinter, JobError, JobResult

FAULTS = ("stopped", "rejecting", "paper_out")
_PAPER_ZH = {"full": "正常", "low": "将尽", "out": "缺纸", "jammed": "卡纸", "unknown": "未知"}


def add_diag_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "docprinter", help="check the A4 document printer (CUPS queue)",
        description="Ask the CUPS queue's status or print the A4 test page.")
    parser.add_argument("--queue", required=True, help="the CUPS queue (e.g. PDF)")
    parser.add_argument("--server", metavar="SOCKET|HOST[:PORT]",
                        help="cupsd to ask (default: $CUPS_SERVER, else /run/cups/cups.sock)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for the test page; a job blocked for half "
                             "of it is cancelled (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    # Not "check": kiosk diag's own subparsers store the device name under that name.
    parser.add_argument("docprinter_check", metavar="{status,test}",
                        choices=("status", "test"),
                        help="status: ask the queue; test: print the A4 test page")
    parser.set_defaults(func=run_diag)
    return parser


def add_sim_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "docprinter", help="simulated A4 printer: a CUPS queue backed by cups-pdf",
        description="Ensure the cups-pdf queue, print its name and output folder, run "
                    "until SIGINT/SIGTERM.")
    parser.add_argument("--queue", default="PDF", help="queue name (default: %(default)s)")
    parser.add_argument("--fault", choices=FAULTS,
                        help="start with this fault: queue stopped, rejecting jobs, or "
                             "out of paper")
    parser.set_defaults(func=run_sim)
    return parser


def run_diag(args: argparse.Namespace) -> int:
    # A blocked job (queue stopped, paper out, held) is given up after half the time.
    printer = DocPrinter("docprinter", args.queue, server=args.server,
                         job_timeout=args.timeout, stall_timeout=min(30.0, args.timeout / 2))
    error: DeviceError | None = None
    result: JobResult | None = None
    status = printer.poll()
    if not status.usable:
        error = status.error
    elif args.docprinter_check == "test":
        from .testpage import TITLE, diagnostic_page_pdf  # Pillow only for a test page
        try:
            result = printer.print_pdf(diagnostic_page_pdf(args.queue), title=TITLE)
        except JobError as err:
            error, result = err, err.result
        except DeviceError as err:
            error = err
    status = printer.status
    paper = status.consumables.get("paper", "unknown")
    ok = error is None
    if args.json:
        job = None if result is None else {
            "id": result.job_id, "state": result.state, "pages": result.pages,
            "seconds": round(result.seconds, 2), "withdrawn": result.withdrawn}
        print(json.dumps({"ok": ok, "check": args.docprinter_check, "queue": args.queue,
                          "status": status.to_dict(), "paper": paper, "job": job,
                          "error": error.to_dict() if error else None}, ensure_ascii=False))
    summary = (f"document printer {args.queue}: {status.state.value}, queue "
               f"{status.consumables.get('queue', 'unknown')}, paper {paper} "
               f"({_PAPER_ZH.get(paper, paper)})")
    if error is None:
        if not args.json:
            print(summary)
            print(f"test page printed: job {result.job_id}, {result.pages or '?'} page(s) "
                  f"in {result.seconds:.1f} s" if result else "ready")
        return 0
    job_line = f"job {result.job_id}: {result.state}" + (
        ", cancelled by the check" if result.withdrawn else "") + "\n" if result else ""
    print(f"{summary}\n{job_line}error {error.code}: {error.message}\n"
          f"recommended action: {error.action.value}", file=sys.stderr)
    return 1


def run_sim(args: argparse.Namespace) -> int:
    from .sim import DocPrinterSimulator

    sim = DocPrinterSimulator(args.queue)
    try:
        sim.start()
        if args.fault == "stopped":
            sim.disable()
        elif args.fault == "rejecting":
            sim.reject()
        elif args.fault == "paper_out":
            sim.set_media_empty()
    except (RuntimeError, OSError, CupsUnavailable, IppError) as exc:
        print(f"cannot set up the CUPS queue {args.queue}: {exc}", file=sys.stderr)
        return 1
    print(args.queue, flush=True)
    print(sim.output_dir, flush=True)
    print(f"document printer simulator: queue {args.queue} (cups-pdf), "
          f"{'fault ' + args.fault if args.fault else 'ready'}; PDFs go to {sim.output_dir};"
          f" stop with Ctrl-C", file=sys.stderr, flush=True)
    stop, restore_signals = catch_stop_signals()
    seen: set = set()
    since = time.time()
    try:
        while not stop.wait(0.5):
            _report_pdfs(sim.printed(since), seen)
    finally:
        restore_signals()
        sim.stop()
    _report_pdfs(sim.printed(since), seen)
    return 0


def _report_pdfs(paths: list, seen: set) -> None:
    """One stderr line per PDF not reported yet."""
    for path in paths:
        if path not in seen:
            seen.add(path)
            print(f"printed: {path}", file=sys.stderr, flush=True)
