"""``kiosk diag idcard`` and ``kiosk sim idcard`` (DESIGN.md, "Command line").

The top-level ``kiosk`` CLI calls :func:`add_diag_parser` / :func:`add_sim_parser` with its
``diag`` / ``sim`` subparsers; each sets ``func(args) -> exit code``.

``kiosk diag idcard``: exit 0 when a card was read, 2 when none was read within the timeout
(or it was pulled away mid-read), 1 on a device error (stderr says what to do). ``--json``
prints one object with the keys of :meth:`IdCard.to_json`, full ID number included: the
technician asked for it. The human summary masks the number.
"""
from __future__ import annotations

import argparse
import json
import sys

from drivers.base import DeviceError
from drivers.base.stop_signals import catch_stop_signals

from .card import CARD_TYPE_NAMES, IdCard
from .driver import IdCardReader
from .sim import SAMPLE_CARDS, IdCardSimulator

EXIT_OK, EXIT_DEVICE_ERROR, EXIT_NO_CARD = 0, 1, 2


def add_diag_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "idcard", help="读一次身份证 / read one ID card",
        description="Wait for an ID card on the reader and read it once.")
    parser.add_argument("--port", required=True,
                        help="reader's serial port, e.g. /dev/kiosk-idcard")
    parser.add_argument("--baud", type=int, default=115200, help="default 115200")
    parser.add_argument("--json", action="store_true", help="print the card as one JSON object")
    parser.add_argument("--timeout", type=float, default=15.0,
                        help="seconds to wait for a card (default 15)")
    parser.set_defaults(func=run_diag)
    return parser


def run_diag(args: argparse.Namespace) -> int:
    reader = IdCardReader("idcard", args.port, args.baud)
    try:
        reader.ensure_open()
        reader.probe()
        print(f"请放置身份证 / Place a card on the reader ({args.timeout:g} s)…", file=sys.stderr)
        outcome = reader.read_card(args.timeout)
    except DeviceError as err:
        print(f"错误 / error [{err.code}]: {err.message}\n"
              f"建议操作 / recommended action: {err.action.value}", file=sys.stderr)
        return EXIT_DEVICE_ERROR
    finally:
        reader.close()
    if outcome.card is None:
        print("读卡途中身份证被移开 / The card was removed during the read"
              if outcome.outcome == "removed" else
              f"{args.timeout:g} 秒内未检测到身份证 / No card within {args.timeout:g} s",
              file=sys.stderr)
        return EXIT_NO_CARD
    if args.json:
        print(json.dumps(outcome.card.to_json(), ensure_ascii=False))
    else:
        print(_summary(outcome.card, reader.info().serial))
    return EXIT_OK


def _summary(card: IdCard, sam_id: str | None) -> str:
    zh, en = CARD_TYPE_NAMES[card.card_type]
    if not card.id_number_valid:
        check = "校验失败 / check FAILED"
    elif card.card_type == "foreign_permanent" and len(card.id_number) == 15:
        check = "格式正确 / format OK"      # no check-digit rule known (see IdCard)
    else:
        check = "校验通过 / check OK"
    valid_to = card.valid_to.isoformat() if card.valid_to else "长期 / long-term"
    rows = [
        ("证件类型 / Card type", f"{zh} / {en}"),
        ("姓名 / Name", card.name),
        ("英文姓名 / English name", card.english_name),
        ("性别 / Gender", f"{card.gender_text} ({card.gender})"),
        ("民族 / Nation", card.nation and f"{card.nation_text or '?'} ({card.nation})"),
        ("出生日期 / Birth date", card.birth_date.isoformat()),
        ("住址 / Address", card.address),
        ("证件号码 / ID number", f"{card.masked_id_number} ({check})"),
        ("签发机关 / Issuer", card.issuer),
        ("有效期限 / Valid", f"{card.valid_from.isoformat()} – {valid_to}"),
        ("通行证号码 / Pass number", card.pass_number),
        ("国籍 / Nationality", card.nationality),
        ("照片 / Photo", f"{len(card.photo)} bytes, sha256 {card.photo_sha256[:16]}…"),
        ("指纹 / Fingerprint", card.fingerprint and f"{len(card.fingerprint)} bytes"),
        ("读卡器 SAM / Reader SAM", sam_id),
    ]
    lines = ["身份证读取成功 / ID card read"]
    lines += [f"  {label}: {value}" for label, value in rows if value]
    return "\n".join(lines)


def add_sim_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "idcard", help="模拟身份证读卡器 / simulate an ID card reader",
        description="Serve the SAM reader protocol on a pty until Ctrl-C / SIGTERM. "
                    "Prints the path to give `kiosk diag idcard --port`.")
    parser.add_argument("--link", help="symlink to create (default: in a temporary directory)")
    parser.add_argument("--card", choices=[*SAMPLE_CARDS, "none"], default="resident",
                        help="sample card on the reader (default resident)")
    parser.add_argument("--sam-delay", type=float, default=0.0,
                        help="seconds the SAM takes to read a card")
    parser.set_defaults(func=run_sim)
    return parser


def run_sim(args: argparse.Namespace) -> int:
    card = None if args.card == "none" else SAMPLE_CARDS[args.card]()
    sim = IdCardSimulator(args.link, card=card, sam_delay=args.sam_delay)
    stop, restore_signals = catch_stop_signals()
    try:
        link = sim.start()
        print(link, flush=True)
        print(f"身份证读卡器模拟器 / ID card reader simulator: {link} -> {sim.pty_name},"
              f" card: {args.card}. Ctrl-C to stop.", file=sys.stderr, flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        restore_signals()
        sim.stop()
    return EXIT_OK
