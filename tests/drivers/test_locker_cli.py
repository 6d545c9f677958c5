"""`kiosk diag locker` and `kiosk sim locker`: in-process dispatch and real subprocesses."""
import argparse
import json
import os
import signal
import subprocess

import pytest

from drivers.locker import BoardConfig, ByteOrder, LockerBus, Polarity, cli
from drivers.locker.sim import BoardSpec, LockerSimulator

from .cli_support import first_line, kiosk, run_kiosk, start_kiosk, stop

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def sim(tmp_path):
    s = LockerSimulator(tmp_path / "kiosk-locker", boards={
        1: BoardSpec(locks=24),
        2: BoardSpec(locks=8, polarity=Polarity.OPEN_IS_11, byte_order=ByteOrder.LOW_FIRST,
                     junk=b"\x00\xff")})
    s.start()
    yield s
    s.stop()


def test_diag_status_json(sim, capsys):
    sim.force_open(1, 3)
    sim.force_open(1, 17)
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "1", "--json",
                 "status") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert data["ok"] is True and data["locker_action"] == "status" and data["board"] == 1
    assert data["open"] == [3, 17]
    assert list(data["doors"]) == [str(n) for n in range(1, 25)]
    assert data["doors"]["3"] == "open" and data["doors"]["4"] == "closed"


def test_diag_status_other_variant_and_human_table(sim, capsys):
    sim.force_open(2, 8)
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "2", "--locks", "8",
                 "--polarity", "open-is-11", "--byte-order", "low-first", "status") == 0
    out = capsys.readouterr().out
    assert "lock board 2" in out and "8 门 / doors" in out and "1 开 / open: 8" in out
    assert "  8 开 open" in out and "  1 关 closed" in out


def test_diag_open_confirms(sim, capsys):
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "1", "open", "5",
                 "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"ok": True, "locker_action": "open", "port": sim.link, "board": 1,
                    "lock": 5, "opened": True, "state": "open"}
    assert sim.is_open(1, 5)
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "1", "open", "6") == 0
    assert "Door 6 of board 1 opened" in capsys.readouterr().out


def test_diag_open_jammed_exits_1(sim, capsys):
    sim.jam(1, 9)
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "1", "--json",
                 "open", "9") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "door_jammed" in captured.err and "recommended action: maintenance" in captured.err


def test_diag_silent_board_exits_1(sim, capsys):
    sim.boards[1].silent = True
    assert kiosk("diag", "locker", "--port", sim.link, "--board", "1", "--timeout", "0.1",
                 "status") == 1
    err = capsys.readouterr().err
    assert "board_no_answer" in err and "lock board(s) 1" in err and "maintenance" in err


def test_diag_missing_port_exits_1_with_action(tmp_path, capsys):
    port = str(tmp_path / "no-bus")
    assert kiosk("diag", "locker", "--port", port, "--board", "1", "--json", "status") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert port in captured.err and "recommended action: maintenance" in captured.err


@pytest.mark.parametrize("argv", [
    ["open"], ["status", "3"], ["open", "25"], ["--board", "33", "status"],
])
def test_diag_usage_errors_exit_2(sim, capsys, argv):
    base = ["diag", "locker", "--port", sim.link]
    if "--board" not in argv:
        base += ["--board", "1"]
    assert kiosk(*base, *argv) == 2
    assert "usage" in capsys.readouterr().err
    assert sim.requests == []


def test_parse_boards():
    boards = cli.parse_boards("1:24, 2:48:low-first:open-is-11:bytes=5:junk=00ff,32:8:silent")
    assert boards == {
        1: BoardSpec(24),
        2: BoardSpec(48, Polarity.OPEN_IS_11, ByteOrder.LOW_FIRST, 5, b"\x00\xff"),
        32: BoardSpec(8, silent=True)}
    for bad in ("", "1", "0:24", "1:24:sideways", "1:0", "1:24:junk=zz"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli.parse_boards(bad)


def test_diag_subprocess_through_the_pty(sim):
    sim.force_open(2, 1)
    proc = run_kiosk("diag", "locker", "--port", sim.link, "--board", "2", "--locks", "8",
                     "--polarity", "open-is-11", "--byte-order", "low-first", "--baud", "9600",
                     "--json", "status")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["open"] == [1] and len(data["doors"]) == 8


def test_sim_subprocess_serves_until_sigterm(tmp_path):
    link = tmp_path / "kiosk-locker"
    with start_kiosk("sim", "locker", "--link", str(link),
                     "--boards", "1:24,3:48:low-first:junk=13") as proc:
        assert first_line(proc) == str(link)
        assert os.path.islink(link) and os.readlink(link).startswith("/dev/pts/")
        bus = LockerBus("locker", link, boards=[BoardConfig(1, 24),
                                                BoardConfig(3, 48, byte_order="low-first")],
                        timeout=0.3, settle=0.02)
        try:
            assert bus.open_door(3, 48).opened
            assert [n for n, s in bus.doors(3).items() if s == "open"] == [48]
            assert bus.poll().consumables["board_1"] == "ok"
        finally:
            bus.close()
        code, err = stop(proc, signal.SIGTERM)
        assert code == 0
        assert not os.path.lexists(link)
        assert "simulator" in err


def test_sim_and_diag_both_as_subprocesses(tmp_path):
    link = tmp_path / "kiosk-locker"
    with start_kiosk("sim", "locker", "--link", str(link),
                     stderr=subprocess.DEVNULL) as sim_proc:
        assert first_line(sim_proc) == str(link)
        proc = run_kiosk("diag", "locker", "--port", str(link), "--board", "1", "open", "2")
        assert proc.returncode == 0, proc.stderr
        proc = run_kiosk("diag", "locker", "--port", str(link), "--board", "1", "--json",
                         "status")
        assert proc.returncode == 0 and json.loads(proc.stdout)["open"] == [2]
        code, _ = stop(sim_proc, signal.SIGINT)
        assert code == 0
