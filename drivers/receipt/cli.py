"""``kiosk diag receipt`` and ``kiosk sim receipt``: the receipt printer's command line.

``kiosk diag receipt --printer URI [--encoding gb18030|gbk] [--columns 32|48] [--json]
(status | test)`` asks the printer's status (``status``) or prints a test receipt and
reports the status after it (``test``). Exit code 0 only when the check passed; on failure
the message and the recommended action go to stderr. ``--json`` prints one object:
``{"ok", "check", "printer", "status", "paper", "error"}``.

``kiosk sim receipt [--port N] [--out DIR] [--paper ok|near_end|out|cover_open]`` runs the
simulator, prints its URI (``tcp://127.0.0.1:PORT``) on stdout and runs until SIGINT or
SIGTERM.

Each ``add_*_parser`` takes the subparsers of ``kiosk diag`` / ``kiosk sim`` and sets
``func(args) -> int``.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.base import DeviceError, DeviceStatus
from drivers.base.stop_signals import catch_stop_signals

from .document import QR, Receipt, Rule, Text
from .driver import ReceiptPrinter
from .protocol import ENCODINGS, PAPER_STATES
from .transport import parse_uri

if TYPE_CHECKING:  # only for the annotation: run_sim imports it late (see there)
    from .sim import ReceiptPrinterSimulator

_PAPER_ZH = {"full": "充足", "low": "将尽", "out": "缺纸", "jammed": "卡纸", "unknown": "未知"}
_COVER_ZH = {"closed": "关闭", "open": "打开", "unknown": "未知"}


def add_diag_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "receipt", help="check the receipt printer (ESC/POS)",
        description="Ask the receipt printer's status or print a test receipt.")
    parser.add_argument("--printer", required=True, metavar="URI", type=_printer_uri,
                        help="tcp://HOST:9100, serial:///dev/ttyS0?baud=19200 or "
                             "file:///dev/usb/lp0")
    parser.add_argument("--encoding", choices=ENCODINGS, default="gb18030",
                        help="the printer's Chinese encoding (default: %(default)s)")
    parser.add_argument("--columns", type=int, choices=(32, 48), default=32,
                        help="characters per line: 32 on 58 mm paper, 48 on 80 mm")
    parser.add_argument("--timeout", type=float, default=3.0,
                        help="seconds to wait for the printer (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    # Not "check": kiosk diag's own subparsers store the device name under that name.
    parser.add_argument("receipt_check", metavar="{status,test}", choices=("status", "test"),
                        help="status: ask the status; test: print a test receipt")
    parser.set_defaults(func=run_diag)
    return parser


def add_sim_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "receipt", help="simulated ESC/POS receipt printer on TCP",
        description="Run a receipt printer simulator until SIGINT/SIGTERM; prints its URI.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="TCP port (0: any free port)")
    parser.add_argument("--out", metavar="DIR", help="save each receipt as a PNG here")
    parser.add_argument("--paper", choices=PAPER_STATES, default="ok",
                        help="paper state (default: %(default)s)")
    parser.add_argument("--encoding", choices=ENCODINGS, default="gb18030")
    parser.add_argument("--columns", type=int, choices=(32, 48), default=32)
    parser.set_defaults(func=run_sim)
    return parser


def _printer_uri(value: str) -> str:
    try:
        parse_uri(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def diagnostic_receipt(printer: ReceiptPrinter, status: DeviceStatus) -> Receipt:
    """The diagnostic receipt: Chinese text, the punctuation GB printers get wrong, a QR
    code and the status the printer reported before printing."""
    now = datetime.now()
    paper = status.consumables.get("paper", "unknown")
    cover = status.consumables.get("cover", "unknown")
    return Receipt().add(
        Text("打印机自检", bold=True, width=2, height=2, align="center"),
        Text("Receipt printer test", align="center"),
        Rule(),
        Text(f"时间：{now:%Y-%m-%d %H:%M:%S}"),
        Text(f"编码：{printer.encoding.upper()}，每行 {printer.columns} 字符"),
        Text("标点：，。：；！？“”（）《》"),
        Text("金额：¥12.50"),
        Text(f"纸张：{_PAPER_ZH.get(paper, paper)}。机盖：{_COVER_ZH.get(cover, cover)}。"),
        Text(f"状态：{status.state.value}"),
        Rule(),
        QR(f"KIOSK-RECEIPT-TEST {now:%Y%m%d%H%M%S}"),
        Text("二维码应可扫描", align="center"),
    )


def run_diag(args: argparse.Namespace) -> int:
    printer = ReceiptPrinter("receipt", args.printer, encoding=args.encoding,
                             columns=args.columns, timeout=args.timeout)
    error: DeviceError | None = None
    try:
        status = printer.poll()
        error = None if status.usable else status.error
        if args.receipt_check == "test" and status.usable:
            printer.print_receipt(diagnostic_receipt(printer, status))
    except DeviceError as err:
        error = err
    finally:
        printer.close()
    status = printer.status
    paper = status.consumables.get("paper", "unknown")
    ok = error is None
    if args.json:
        print(json.dumps({"ok": ok, "check": args.receipt_check, "printer": args.printer,
                          "status": status.to_dict(), "paper": paper,
                          "error": error.to_dict() if error else None}, ensure_ascii=False))
    summary = (f"receipt printer {args.printer}: {status.state.value}, paper {paper}, "
               f"cover {status.consumables.get('cover', 'unknown')}")
    if error is None:
        if not args.json:
            print(summary)
            print("test receipt printed" if args.receipt_check == "test" else "ready")
        return 0
    print(f"{summary}\nerror {error.code}: {error.message}\n"
          f"recommended action: {error.action.value}", file=sys.stderr)
    return 1


def run_sim(args: argparse.Namespace) -> int:
    # Imported here: the simulator's renderer pulls in OpenCV and Pillow, which
    # `kiosk run` (whose parser is built from this module) must not pay for.
    from .sim import ReceiptPrinterSimulator

    sim = ReceiptPrinterSimulator(port=args.port, out_dir=args.out, encoding=args.encoding,
                                  host=args.host, columns=args.columns)
    sim.set_paper(args.paper)
    try:
        port = sim.start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"tcp://{args.host}:{port}", flush=True)
    print(f"receipt printer simulator: paper {args.paper}, receipts "
          f"{'saved in ' + args.out if args.out else 'kept in memory'}; stop with Ctrl-C",
          file=sys.stderr, flush=True)
    stop, restore_signals = catch_stop_signals()
    reported = 0
    try:
        while not stop.wait(0.2):
            reported = _report_receipts(sim, reported)
    finally:
        restore_signals()
        sim.stop()
    _report_receipts(sim, reported)  # those cut since the last look
    return 0


def _report_receipts(sim: ReceiptPrinterSimulator, reported: int) -> int:
    """Print one stderr line per receipt after the first ``reported``; returns the count."""
    receipts = sim.receipts[reported:]
    for number, receipt in enumerate(receipts, start=reported + 1):
        state = "" if receipt.complete else " (incomplete: paper ran out)"
        print(f"receipt {number}{state}: {receipt.png_path or receipt.text[:40]}",
              file=sys.stderr, flush=True)
    return reported + len(receipts)
