"""`kiosk diag sscard` and `kiosk sim sscard`: in-process dispatch and real subprocesses,
through the real pcscd and vpcd (started with scripts/services/pcscd.sh when needed)."""
import json
import signal
import subprocess
import time

import pytest

from drivers.sscard import SsCardReader
from drivers.sscard.sim import SsCardSimulator, VirtualSsCard, sample_ss_card

from .cli_support import first_line, kiosk, run_kiosk, start_kiosk, stop
from .sscard_support import insert, slot, start_pcscd, wait_card

pytestmark = pytest.mark.timeout(30)

JSON_KEYS = ["card_number", "card_id_code", "card_type", "spec_version", "issuer", "issued_on",
             "expires_on", "ss_number", "name", "gender", "nation", "birth_date"]


@pytest.fixture(scope="module", autouse=True)
def pcscd():
    proc = start_pcscd()
    if proc.returncode != 0:
        pytest.fail(f"pcscd cannot be started: {proc.stderr.strip() or proc.stdout.strip()}")


@pytest.fixture
def sim():
    s = SsCardSimulator(slot().port)
    yield s
    s.stop()
    wait_card(False)


def test_diag_json_prints_the_card(sim, capsys):
    insert(sim)
    assert kiosk("diag", "sscard", "--reader", slot().reader, "--json", "--timeout", "3") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data == sample_ss_card().to_json()
    assert data["ss_number"] == "440106199101010010"      # full number: the technician asked
    assert "张小明" in out                                 # ensure_ascii=False


def test_diag_human_summary_masks_the_number(sim, capsys):
    insert(sim)
    assert kiosk("diag", "sscard", "--reader", "PCD 00 00", "--timeout", "3") == 0
    out = capsys.readouterr().out
    assert "4401**********0010" in out and "440106199101010010" not in out
    assert "张小明" in out and "校验通过 / check OK" in out and "汉 (01)" in out
    assert "A01234567" in out and slot().reader in out


def test_diag_no_card_exits_2(capsys):
    start = time.monotonic()
    assert kiosk("diag", "sscard", "--reader", slot().reader, "--json", "--timeout", "0.3") == 2
    assert time.monotonic() - start < 2
    captured = capsys.readouterr()
    assert captured.out == "" and "No card within 0.3 s" in captured.err


def test_diag_card_removed_exits_2(sim, capsys):
    sim.remove_after = 4
    insert(sim)
    assert kiosk("diag", "sscard", "--reader", slot().reader, "--timeout", "3") == 2
    assert "pulled out" in capsys.readouterr().err


def test_diag_pin_required_exits_1_with_a_clear_message(sim, capsys):
    sim.card = VirtualSsCard(generation=3)
    insert(sim)
    assert kiosk("diag", "sscard", "--reader", slot().reader, "--json", "--timeout", "3") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[pin_required]" in captured.err and "PIN" in captured.err
    assert "recommended action: none" in captured.err


def test_diag_unknown_reader_exits_1_with_action(capsys):
    assert kiosk("diag", "sscard", "--reader", "Acme Reader 9000", "--json") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[reader_not_found]" in captured.err and "Acme Reader 9000" in captured.err
    assert "recommended action: maintenance" in captured.err


def test_diag_subprocess(sim):
    sim.card = VirtualSsCard(generation=1)
    sim.card.get_response = True
    insert(sim)
    proc = run_kiosk("diag", "sscard", "--reader", slot().reader, "--json", "--timeout", "3")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == sample_ss_card().to_json()


def test_sim_subprocess_keeps_the_card_in_until_sigterm():
    with start_kiosk("sim", "sscard", "--port", str(slot().port), "--generation", "1") as proc:
        assert first_line(proc) == f"127.0.0.1:{slot().port}"
        reader = SsCardReader("sscard", slot().reader)
        try:
            assert reader.read_card(timeout=3).card == sample_ss_card()
        finally:
            reader.close()
        code, err = stop(proc, signal.SIGTERM)
        assert code == 0
        assert "generation 1" in err and f'PC/SC reader "{slot().reader}"' in err
        assert wait_card(False), "the card stayed in after the simulator stopped"


def test_sim_and_diag_both_as_subprocesses():
    try:
        with start_kiosk("sim", "sscard", "--port", str(slot().port), "--generation", "3",
                         stderr=subprocess.DEVNULL) as sim_proc:
            assert first_line(sim_proc) == f"127.0.0.1:{slot().port}"
            proc = run_kiosk("diag", "sscard", "--reader", slot().reader, "--timeout", "3")
            assert proc.returncode == 1 and "pin_required" in proc.stderr
            code, _ = stop(sim_proc, signal.SIGINT)
            assert code == 0
    finally:
        wait_card(False)
