"""`kiosk diag idcard` and `kiosk sim idcard`: in-process dispatch and real subprocesses."""
import json
import os
import signal
import subprocess
import time

import pytest

from drivers.idcard import IdCardReader
from drivers.idcard.sim import (
    IdCardSimulator,
    sample_foreign_card,
    sample_hmt_card,
    sample_resident_card,
)

from .cli_support import first_line, kiosk, run_kiosk, start_kiosk, stop

pytestmark = pytest.mark.timeout(30)

JSON_KEYS = ["card_type", "name", "english_name", "gender", "gender_text", "nation",
             "nation_text", "birth_date", "address", "id_number", "issuer", "valid_from",
             "valid_to", "pass_number", "nationality", "photo_sha256", "id_number_valid"]


@pytest.fixture
def sim(tmp_path):
    s = IdCardSimulator(tmp_path / "kiosk-idcard", card=sample_resident_card())
    s.start()
    yield s
    s.stop()


@pytest.mark.parametrize("make", [sample_resident_card, sample_hmt_card, sample_foreign_card])
def test_diag_json_prints_the_card(sim, capsys, make):
    card = make()
    sim.insert(card)
    assert kiosk("diag", "idcard", "--port", sim.link, "--json", "--timeout", "2") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data == card.to_json()
    assert data["id_number"] == card.id_number          # full number: the technician asked
    assert card.name in out                              # ensure_ascii=False


def test_diag_human_summary_masks_the_number(sim, capsys):
    assert kiosk("diag", "idcard", "--port", sim.link, "--timeout", "2") == 0
    out = capsys.readouterr().out
    assert "4401**********0010" in out and "440106199101010010" not in out
    assert "张小明" in out and "居民身份证" in out and "Resident ID card" in out
    assert "汉" in out and "05.01-20230115-000012345-000067890" in out


def test_diag_no_card_exits_2(sim, capsys):
    sim.remove()
    start = time.monotonic()
    assert kiosk("diag", "idcard", "--port", sim.link, "--json", "--timeout", "0.3") == 2
    assert time.monotonic() - start < 2
    captured = capsys.readouterr()
    assert captured.out == "" and "No card" in captured.err


def test_diag_card_removed_exits_2(sim, capsys):
    sim.remove_during_read()
    assert kiosk("diag", "idcard", "--port", sim.link, "--timeout", "2") == 2
    assert "removed" in capsys.readouterr().err


def test_diag_missing_port_exits_1_with_action(tmp_path, capsys):
    port = str(tmp_path / "no-reader")
    assert kiosk("diag", "idcard", "--port", port, "--json") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert port in captured.err and "recommended action: maintenance" in captured.err


def test_diag_sam_failure_exits_1(sim, capsys):
    sim.sam_ok = False
    assert kiosk("diag", "idcard", "--port", sim.link, "--timeout", "1") == 1
    err = capsys.readouterr().err
    assert "sam_self_test_failed" in err and "maintenance" in err


def test_diag_subprocess_through_the_pty(sim):
    sim.insert(sample_hmt_card())
    proc = run_kiosk("diag", "idcard", "--port", sim.link, "--baud", "115200", "--json",
                     "--timeout", "3")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data == sample_hmt_card().to_json()
    assert data["pass_number"] == "H01234567" and data["card_type"] == "hmt_residence"


def test_diag_subprocess_without_card_exits_2(sim):
    sim.remove()
    proc = run_kiosk("diag", "idcard", "--port", sim.link, "--timeout", "0.3")
    assert proc.returncode == 2 and proc.stdout == ""


def test_sim_subprocess_serves_until_sigterm(tmp_path):
    link = tmp_path / "kiosk-idcard"
    with start_kiosk("sim", "idcard", "--link", str(link), "--card", "foreign",
                     "--sam-delay", "0.05") as proc:
        assert first_line(proc) == str(link)
        assert os.path.islink(link) and os.readlink(link).startswith("/dev/pts/")
        reader = IdCardReader("idcard", link, timeout=0.5)
        try:
            assert reader.read_card(timeout=3).card == sample_foreign_card()
        finally:
            reader.close()
        code, err = stop(proc, signal.SIGTERM)
        assert code == 0
        assert not os.path.lexists(link)
        assert "simulator" in err


def test_sim_and_diag_both_as_subprocesses(tmp_path):
    link = tmp_path / "kiosk-idcard"
    with start_kiosk("sim", "idcard", "--link", str(link), "--card", "none",
                     stderr=subprocess.DEVNULL) as sim_proc:
        assert first_line(sim_proc) == str(link)
        proc = run_kiosk("diag", "idcard", "--port", str(link), "--timeout", "0.3")
        assert proc.returncode == 2 and "No card" in proc.stderr
        code, _ = stop(sim_proc, signal.SIGINT)
        assert code == 0
