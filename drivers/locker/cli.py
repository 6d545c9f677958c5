"""``kiosk diag locker`` and ``kiosk sim locker`` (DESIGN.md, "Command line").

``kiosk diag locker --port P --board N [--baud B] [--locks N] [--polarity P] [--byte-order O]
[--status-bytes N] [--timeout S] [--json] (status | open L)``: ``status`` prints the state of
every door of board N; ``open L`` opens door L and confirms it opened by querying it. Exit 0
on success, 1 on a device error or a jammed door (message and recommended action on
stderr), 2 on a usage error. ``--json`` prints one object: ``{"ok", "locker_action", "port",
"board", "doors", "open"}`` for status, ``{"ok", "locker_action", "port", "board", "lock",
"opened", "state"}`` for open.

``kiosk sim locker [--link PATH] [--boards SPEC] [--open-delay S]`` serves simulated boards
on a pty, prints the path on stdout and runs until SIGINT/SIGTERM. SPEC is a comma-separated
list of ``ADDRESS:LOCKS[:OPTION...]`` with the options ``closed-is-11``/``open-is-11``,
``high-first``/``low-first``, ``bytes=N`` (status bytes in the query-all reply),
``junk=HEX`` (bytes before every reply) and ``silent``; e.g. ``1:24,2:48:low-first:junk=00ff``.

Each ``add_*_parser`` takes the subparsers of ``kiosk diag`` / ``kiosk sim`` and sets
``func(args) -> int``.
"""
from __future__ import annotations

import argparse
import json
import sys

from drivers.base import DeviceError
from drivers.base.stop_signals import catch_stop_signals

from .driver import LockerBus
from .protocol import OPEN, BoardConfig, ByteOrder, Polarity
from .sim import BoardSpec, LockerSimulator

EXIT_OK, EXIT_DEVICE_ERROR, EXIT_USAGE = 0, 1, 2
_STATE_ZH = {"open": "开", "closed": "关"}


def add_diag_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "locker", help="锁控板：查看或打开柜门 / check or open a pickup locker door",
        description="Query the doors of one RS-485 lock-control board, or open one door and "
                    "confirm that it opened.")
    parser.add_argument("--port", required=True, help="the bus's serial port, e.g. "
                                                      "/dev/kiosk-locker")
    parser.add_argument("--board", type=int, required=True,
                        help="board address 1–32 (its DIP switches)")
    parser.add_argument("--baud", type=int, default=9600, help="default 9600")
    parser.add_argument("--locks", type=int, default=24, help="locks on the board (default 24)")
    parser.add_argument("--polarity", choices=[v.value for v in Polarity],
                        default=Polarity.CLOSED_IS_11.value,
                        help="what state byte 11 means (default %(default)s)")
    parser.add_argument("--byte-order", choices=[v.value for v in ByteOrder],
                        default=ByteOrder.HIGH_FIRST.value,
                        help="order of the 8-lock groups in the board's query-all reply: "
                             "low-first = first byte is locks 1–8 (default %(default)s)")
    parser.add_argument("--status-bytes", type=int,
                        help="status bytes the board sends (default: one per 8 locks)")
    parser.add_argument("--timeout", type=float, default=0.5,
                        help="seconds to wait for each reply (default %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    # Not "check"/"device": kiosk's own subparsers store their choice under those names.
    parser.add_argument("locker_action", metavar="{status,open}", choices=("status", "open"),
                        help="status: every door's state; open L: open door L and confirm")
    parser.add_argument("lock", type=int, nargs="?", help="the door to open (open only)")
    parser.set_defaults(func=run_diag)
    return parser


def run_diag(args: argparse.Namespace) -> int:
    if (args.locker_action == "open") != (args.lock is not None):
        print("用法错误 / usage: `open` needs a door number, `status` takes none",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        cfg = BoardConfig(args.board, args.locks, Polarity(args.polarity),
                          ByteOrder(args.byte_order), args.status_bytes)
        if args.lock is not None:
            cfg.check_lock(args.lock)
    except ValueError as exc:
        print(f"用法错误 / usage: {exc}", file=sys.stderr)
        return EXIT_USAGE
    bus = LockerBus("locker", args.port, args.baud, boards=[cfg], timeout=args.timeout)
    try:
        if args.locker_action == "status":
            doors = bus.doors(args.board)
        else:
            result = bus.open_door(args.board, args.lock)
    except DeviceError as err:
        print(f"错误 / error [{err.code}]: {err.message}\n"
              f"建议操作 / recommended action: {err.action.value}", file=sys.stderr)
        return EXIT_DEVICE_ERROR
    finally:
        bus.close()
    head = {"ok": True, "locker_action": args.locker_action, "port": args.port,
            "board": args.board}
    if args.locker_action == "status":
        opened = [n for n, s in doors.items() if s == OPEN]
        if args.json:
            print(json.dumps({**head, "doors": {str(n): s for n, s in doors.items()},
                              "open": opened}, ensure_ascii=False))
        else:
            print(_status_table(args.board, args.port, doors, opened))
    elif args.json:
        print(json.dumps({**head, "lock": result.lock, "opened": result.opened,
                          "state": result.state}, ensure_ascii=False))
    else:
        print(f"柜门 {args.board}-{args.lock} 已打开（查询确认）/ Door {args.lock} of board"
              f" {args.board} opened (confirmed by a query)")
    return EXIT_OK


def _status_table(board: int, port: str, doors: dict[int, str], opened: list[int]) -> str:
    open_list = ", ".join(map(str, opened)) or "无 / none"
    lines = [f"锁控板 {board} / lock board {board} ({port}): {len(doors)} 门 / doors,"
             f" {len(opened)} 开 / open: {open_list}"]
    cells = [f"{n:>3} {_STATE_ZH[s]} {s:<6}" for n, s in doors.items()]
    lines += ["  " + "   ".join(cells[i:i + 6]) for i in range(0, len(cells), 6)]
    return "\n".join(lines)


def parse_boards(text: str) -> dict[int, BoardSpec]:
    """``1:24,2:48:low-first:junk=00ff`` -> ``{1: BoardSpec(24), 2: BoardSpec(48, ...)}``."""
    boards: dict[int, BoardSpec] = {}
    try:
        for item in filter(None, (s.strip() for s in text.split(","))):
            address, locks, *options = item.split(":")
            spec = BoardSpec(locks=int(locks))
            for opt in options:
                if opt in {v.value for v in Polarity}:
                    spec.polarity = Polarity(opt)
                elif opt in {v.value for v in ByteOrder}:
                    spec.byte_order = ByteOrder(opt)
                elif opt.startswith("bytes="):
                    spec.status_bytes = int(opt[6:])
                elif opt.startswith("junk="):
                    spec.junk = bytes.fromhex(opt[5:])
                elif opt == "silent":
                    spec.silent = True
                else:
                    raise ValueError(f"unknown option {opt!r}")
            spec.config(int(address))             # validates
            boards[int(address)] = spec
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bad board list {text!r}: {exc}") from None
    if not boards:
        raise argparse.ArgumentTypeError("no boards given")
    return boards


def add_sim_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "locker", help="模拟锁控板总线 / simulate the pickup lockers' RS-485 boards",
        description="Serve the lock-board protocol on a pty until Ctrl-C / SIGTERM. Prints "
                    "the path to give `kiosk diag locker --port`.")
    parser.add_argument("--link", help="symlink to create (default: in a temporary directory)")
    parser.add_argument("--boards", type=parse_boards, default="1:24",
                        help="ADDRESS:LOCKS[:OPTION...],... with options closed-is-11, "
                             "open-is-11, high-first, low-first, bytes=N, junk=HEX, silent "
                             "(default 1:24)")
    parser.add_argument("--open-delay", type=float, default=0.0,
                        help="seconds a door takes to read open after the command")
    parser.set_defaults(func=run_sim)
    return parser


def run_sim(args: argparse.Namespace) -> int:
    sim = LockerSimulator(args.link, boards=args.boards, open_delay=args.open_delay)
    stop, restore_signals = catch_stop_signals()
    try:
        link = sim.start()
        print(link, flush=True)
        boards = "; ".join(f"board {a}: {s.locks} locks, {s.polarity.value},"
                           f" {s.byte_order.value}" for a, s in sorted(args.boards.items()))
        print(f"锁控板模拟器 / lock board simulator: {link} -> {sim.pty_name} ({boards})."
              " Ctrl-C to stop.", file=sys.stderr, flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        restore_signals()
        sim.stop()
    return EXIT_OK
