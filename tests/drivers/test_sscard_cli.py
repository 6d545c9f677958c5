"""`kiosk diag sscard` and `kiosk sim sscard`: in-process dispatch and real subprocesses,
through the real pcscd and vpcd (started with scripts/services/pcscd.sh when needed)."""
import argparse
import json
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from smartcard import scard as sc

from drivers.sscard import SsCardReader, cli
from drivers.sscard.sim import SsCardSimulator, VirtualSsCard, sample_ss_card

pytestmark = pytest.mark.timeout(30)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "services" / "pcscd.sh"
READER = "Virtual PCD 00 00"
PORT = 35963
JSON_KEYS = ["card_number", "card_id_code", "card_type", "spec_version", "issuer", "issued_on",
             "expires_on", "ss_number", "name", "gender", "nation", "birth_date"]

# What kiosk/cli.py does with our two hooks, runnable as `python -c DISPATCH diag sscard ...`.
DISPATCH = """
import argparse, sys
from drivers.sscard import cli
parser = argparse.ArgumentParser(prog="kiosk")
top = parser.add_subparsers(dest="command", required=True)
cli.add_diag_parser(top.add_parser("diag").add_subparsers(dest="check", required=True))
cli.add_sim_parser(top.add_parser("sim").add_subparsers(dest="device", required=True))
args = parser.parse_args()
sys.exit(args.func(args))
"""


def kiosk(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    top = parser.add_subparsers(dest="command", required=True)
    cli.add_diag_parser(top.add_parser("diag").add_subparsers(dest="check", required=True))
    cli.add_sim_parser(top.add_parser("sim").add_subparsers(dest="device", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def run_kiosk(*argv: str, timeout: float = 15) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DISPATCH, *argv], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def wait_card(present: bool, timeout: float = 3.0) -> bool:
    """Wait until pcscd sees a card in READER (``present``) or the reader empty."""
    hr, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    assert hr == sc.SCARD_S_SUCCESS
    try:
        deadline = time.monotonic() + timeout
        while True:
            hr, states = sc.SCardGetStatusChange(ctx, 0, [(READER, sc.SCARD_STATE_UNAWARE)])
            if hr == sc.SCARD_S_SUCCESS and \
                    bool(states[0][1] & sc.SCARD_STATE_PRESENT) == present:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
    finally:
        sc.SCardReleaseContext(ctx)


@pytest.fixture(scope="module", autouse=True)
def pcscd():
    proc = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        pytest.skip(f"pcscd cannot be started: {proc.stderr.strip() or proc.stdout.strip()}")


@pytest.fixture
def sim():
    s = SsCardSimulator(PORT)
    yield s
    s.stop()
    wait_card(False)


def inserted(sim: SsCardSimulator) -> SsCardSimulator:
    sim.insert()
    assert wait_card(True), "pcscd did not see the simulated card"
    return sim


def test_diag_json_prints_the_card(sim, capsys):
    inserted(sim)
    assert kiosk(["diag", "sscard", "--reader", READER, "--json", "--timeout", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data == sample_ss_card().to_json()
    assert data["ss_number"] == "440106199101010010"      # full number: the technician asked
    assert "张小明" in out                                 # ensure_ascii=False


def test_diag_human_summary_masks_the_number(sim, capsys):
    inserted(sim)
    assert kiosk(["diag", "sscard", "--reader", "PCD 00 00", "--timeout", "3"]) == 0
    out = capsys.readouterr().out
    assert "4401**********0010" in out and "440106199101010010" not in out
    assert "张小明" in out and "校验通过 / check OK" in out and "汉 (01)" in out
    assert "A01234567" in out and READER in out


def test_diag_no_card_exits_2(capsys):
    start = time.monotonic()
    assert kiosk(["diag", "sscard", "--reader", READER, "--json", "--timeout", "0.3"]) == 2
    assert time.monotonic() - start < 2
    captured = capsys.readouterr()
    assert captured.out == "" and "No card within 0.3 s" in captured.err


def test_diag_card_removed_exits_2(sim, capsys):
    sim.remove_after = 4
    inserted(sim)
    assert kiosk(["diag", "sscard", "--reader", READER, "--timeout", "3"]) == 2
    assert "pulled out" in capsys.readouterr().err


def test_diag_pin_required_exits_1_with_a_clear_message(sim, capsys):
    sim.card = VirtualSsCard(generation=3)
    inserted(sim)
    assert kiosk(["diag", "sscard", "--reader", READER, "--json", "--timeout", "3"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[pin_required]" in captured.err and "PIN" in captured.err
    assert "recommended action: none" in captured.err


def test_diag_unknown_reader_exits_1_with_action(capsys):
    assert kiosk(["diag", "sscard", "--reader", "Acme Reader 9000", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[reader_not_found]" in captured.err and "Acme Reader 9000" in captured.err
    assert "recommended action: maintenance" in captured.err


def test_diag_subprocess(sim):
    sim.card = VirtualSsCard(generation=1)
    sim.card.get_response = True
    inserted(sim)
    proc = run_kiosk("diag", "sscard", "--reader", READER, "--json", "--timeout", "3")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == sample_ss_card().to_json()


def _first_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "the simulator printed nothing"
    return proc.stdout.readline().strip()


def test_sim_subprocess_keeps_the_card_in_until_sigterm():
    proc = subprocess.Popen([sys.executable, "-c", DISPATCH, "sim", "sscard", "--port",
                             str(PORT), "--generation", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")
    try:
        assert _first_line(proc, 10) == f"127.0.0.1:{PORT}"
        reader = SsCardReader("sscard", READER)
        try:
            assert reader.read_card(timeout=3).card == sample_ss_card()
        finally:
            reader.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
        err = proc.stderr.read()
        assert "generation 1" in err and f'PC/SC reader "{READER}"' in err
        assert wait_card(False), "the card stayed in after the simulator stopped"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sim_and_diag_both_as_subprocesses():
    sim_proc = subprocess.Popen([sys.executable, "-c", DISPATCH, "sim", "sscard", "--port",
                                 str(PORT), "--generation", "3"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
    try:
        assert _first_line(sim_proc, 10) == f"127.0.0.1:{PORT}"
        proc = run_kiosk("diag", "sscard", "--reader", READER, "--timeout", "3")
        assert proc.returncode == 1 and "pin_required" in proc.stderr
        sim_proc.send_signal(signal.SIGINT)
        assert sim_proc.wait(10) == 0
    finally:
        if sim_proc.poll() is None:
            sim_proc.kill()
            sim_proc.wait()
        wait_card(False)
