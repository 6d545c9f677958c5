"""``kiosk diag sscard`` and ``kiosk sim sscard`` (DESIGN.md, "Command line").

The top-level ``kiosk`` CLI calls :func:`add_diag_parser` / :func:`add_sim_parser` with its
``diag`` / ``sim`` subparsers; each sets ``func(args) -> exit code``.

``kiosk diag sscard``: exit 0 when a card was read, 2 when none was read within the timeout
(or it was pulled out mid-read), 1 on a device error and when the card wants its PIN (stderr
says what to do). ``--json`` prints one object with the keys of :meth:`SsCard.to_json`,
full social security number included: the technician asked for it. The human summary
masks the number.

``kiosk sim sscard``: puts a simulated card into pcscd's virtual reader and keeps it there
until SIGINT/SIGTERM; prints the vpcd address it is connected to.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from drivers.base import DeviceError
from drivers.base.stop_signals import catch_stop_signals

from .driver import PIN_REQUIRED_MESSAGE, SsCardReader
from .protocol import SsCard
from .sim import SsCardSimulator
from .vpcd import DEFAULT_PORT, NoFreeSlot, process_slot

EXIT_OK, EXIT_DEVICE_ERROR, EXIT_NO_CARD = 0, 1, 2
_SEEN_WAIT = 3.0     # seconds `kiosk sim sscard` waits for vpcd before warning


def add_diag_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "sscard", help="读一次社保卡 / read one social security card",
        description="Wait for a social security card in the PC/SC reader and read it once.")
    parser.add_argument("--reader", help="PC/SC reader name or a part of it"
                                         " (default: the first reader pcscd lists)")
    parser.add_argument("--json", action="store_true", help="print the card as one JSON object")
    parser.add_argument("--timeout", type=float, default=15.0,
                        help="seconds to wait for a card (default 15)")
    parser.set_defaults(func=run_diag)
    return parser


def run_diag(args: argparse.Namespace) -> int:
    reader = SsCardReader("sscard", args.reader)
    try:
        reader.ensure_open()
        reader.probe()
        print(f"请插入社保卡 / Insert a card into {reader.info().model}"
              f" ({args.timeout:g} s)…", file=sys.stderr)
        outcome = reader.read_card(args.timeout)
    except DeviceError as err:
        _error(err.code, err.message, err.action.value)
        return EXIT_DEVICE_ERROR
    finally:
        reader.close()
    if outcome.outcome == "pin_required":
        _error("pin_required", PIN_REQUIRED_MESSAGE, "none (the reader works; the card needs its"
               " PIN, which this terminal does not ask for)")
        return EXIT_DEVICE_ERROR
    if outcome.card is None:
        text = outcome.message if outcome.outcome == "removed" else \
            f"{args.timeout:g} 秒内未检测到社保卡 / No card within {args.timeout:g} s"
        print(text, file=sys.stderr)
        return EXIT_NO_CARD
    if args.json:
        print(json.dumps(outcome.card.to_json(), ensure_ascii=False))
    else:
        print(_summary(outcome.card, reader.info().model))
    return EXIT_OK


def _error(code: str, message: str, action: str) -> None:
    print(f"错误 / error [{code}]: {message}\n建议操作 / recommended action: {action}",
          file=sys.stderr)


def _summary(card: SsCard, reader_name: str | None) -> str:
    check = "校验通过 / check OK" if card.ss_number_valid else "校验失败 / check FAILED"
    expires = card.expires_on.isoformat() if card.expires_on else "长期 / none"
    rows = [
        ("社会保障号码 / SS number", f"{card.masked_ss_number} ({check})"),
        ("姓名 / Name", card.name),
        ("性别 / Gender", f"{card.gender_text} ({card.gender})"),
        ("民族 / Nation", f"{card.nation_text or '?'} ({card.nation})"),
        ("出生日期 / Birth date", card.birth_date.isoformat()),
        ("出生地 / Birthplace", card.birthplace),
        ("社保卡号 / Card number", card.card_number),
        ("卡识别码 / Card ID code", card.card_id_code.hex().upper()),
        ("发卡地区 / Region", card.region),
        ("规范版本 / Spec version", card.spec_version),
        ("卡类别 / Card type", card.card_type),
        ("发卡机构 / Issuer", card.issuer),
        ("有效期 / Valid", f"{card.issued_on.isoformat()} – {expires}"),
        ("读卡器 / Reader", reader_name),
    ]
    lines = ["社保卡读取成功 / Social security card read"]
    lines += [f"  {label}: {value}" for label, value in rows if value]
    return "\n".join(lines)


def add_sim_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "sscard", help="模拟社保卡 / simulate a social security card",
        description="Insert a simulated social security card into pcscd's virtual reader"
                    " (vsmartcard-vpcd) until Ctrl-C / SIGTERM. Prints the vpcd address.")
    parser.add_argument("--port", type=int, default=None,
                        help=f"vpcd port (e.g. {DEFAULT_PORT}: reader \"Virtual PCD 00 00\";"
                             f" {DEFAULT_PORT + 1}: \"Virtual PCD 00 01\"); default: the first"
                             " vpcd reader no other program holds")
    parser.add_argument("--generation", type=int, choices=(1, 2, 3), default=2,
                        help="card generation: record numbering; 3 wants a PIN for EF06")
    parser.set_defaults(func=run_sim)
    return parser


def run_sim(args: argparse.Namespace) -> int:
    port = args.port
    if port is None:
        try:
            port = process_slot().port
        except NoFreeSlot as exc:
            print(f"错误 / error: {exc}", file=sys.stderr)
            return EXIT_DEVICE_ERROR
    sim = SsCardSimulator(port, generation=args.generation)
    stop, restore_signals = catch_stop_signals()
    try:
        address = sim.start()
        print(address, flush=True)
        print(f"社保卡模拟器 / Social security card simulator: generation {args.generation},"
              f" in the vpcd reader at {address} (PC/SC reader \"{sim.reader_name}\")."
              " Ctrl-C to stop.", file=sys.stderr, flush=True)
        warn_at = time.monotonic() + _SEEN_WAIT
        while not stop.wait(0.2):
            if warn_at and time.monotonic() >= warn_at:
                warn_at = 0.0
                if not sim.wait_seen(0):
                    print(f"注意 / note: pcscd has not talked to the card within {_SEEN_WAIT:g}"
                          " s: is it running with vsmartcard-vpcd (scripts/services/pcscd.sh)?"
                          " The card waits for it.", file=sys.stderr, flush=True)
    finally:
        restore_signals()
        sim.stop()
    return EXIT_OK
