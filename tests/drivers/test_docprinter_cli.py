"""``kiosk diag docprinter`` and ``kiosk sim docprinter``: in process, and end to end in
subprocesses (cli_support). The checks print through the real cupsd to a cups-pdf queue of
this module's own."""
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from drivers.docprinter.cupsclient import CupsClient, PrinterState
from drivers.docprinter.sim import DocPrinterSimulator
from drivers.docprinter.testpage import diagnostic_page_pdf

from .cli_support import first_line, kiosk, run_kiosk, start_kiosk, stop

pytestmark = [pytest.mark.timeout(30),
              pytest.mark.skipif(shutil.which("cupsd") is None, reason="CUPS not installed")]


@pytest.fixture(scope="module")
def queue():
    name = f"KioskCli{os.getpid()}"
    DocPrinterSimulator(name).start()
    yield name
    subprocess.run(["lpadmin", "-x", name], capture_output=True, timeout=15)


@pytest.fixture
def sim(queue):
    simulator = DocPrinterSimulator(queue)
    simulator.start()
    yield simulator
    simulator.stop()


def raster(pdf: Path, out: Path) -> Image.Image:
    """Page 1 at 50 dpi, grey, as poppler draws it."""
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-singlefile", str(pdf),
                    str(out)], check=True, timeout=20)
    return Image.open(f"{out}.png").convert("L")


def difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_diag_status(sim, capsys):
    assert kiosk("diag", "docprinter", "--queue", sim.queue, "--json", "status") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["job"] is None and report["error"] is None
    assert report["status"]["state"] == "online" and report["paper"] == "full"
    assert report["status"]["consumables"]["queue"] == "idle"


def test_diag_test_prints_the_a4_test_page(sim, capsys, tmp_path):
    started = time.time()
    assert kiosk("diag", "docprinter", "--queue", sim.queue, "test") == 0
    out = capsys.readouterr().out
    assert f"document printer {sim.queue}: online" in out and "test page printed: job" in out
    job_id = int(out.split("test page printed: job ")[1].split(",")[0])
    printed = sim.wait_for_pdf(started, job_id=job_id)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True,
                          check=True).stdout
    assert "Pages:           1" in info and "(A4)" in info
    # The page that came out of CUPS is the page we drew: same layout, not scaled, not
    # blank (the time on it differs by a second or so, which this measure does not see).
    reference = tmp_path / "reference.pdf"
    reference.write_bytes(diagnostic_page_pdf(sim.queue))
    got, expected = raster(printed, tmp_path / "got"), raster(reference, tmp_path / "ref")
    blank = Image.new("L", got.size, 255)
    assert got.size == expected.size == (414, 585)  # A4 at 50 dpi, as poppler rounds it
    assert difference(got, expected) < 8 < difference(got, blank)


def test_diag_json_stopped_queue_fails_with_the_action(sim, capsys):
    sim.disable()
    code = kiosk("diag", "docprinter", "--queue", sim.queue, "--json", "test")
    captured = capsys.readouterr()
    assert code == 1
    report = json.loads(captured.out)
    assert report["ok"] is False and report["job"] is None
    assert report["status"]["state"] == "offline"
    assert report["error"]["code"] == "queue_stopped" and report["error"]["action"] == "reset"
    assert "recommended action: reset" in captured.err and "cupsenable" in captured.err


def test_diag_paper_out(sim, capsys):
    sim.set_media_empty()
    assert kiosk("diag", "docprinter", "--queue", sim.queue, "status") == 1
    err = capsys.readouterr().err
    assert "paper out (缺纸)" in err and "error paper_out" in err
    assert "recommended action: clear" in err


def test_diag_held_job_is_reported_with_its_job(sim, capsys):
    """A queue that holds every job (lpadmin -o job-hold-until-default=indefinite)."""
    subprocess.run(["lpadmin", "-p", sim.queue, "-o", "job-hold-until-default=indefinite"],
                   check=True, capture_output=True, timeout=15)
    try:
        # --timeout 2: a blocked job is given up after half of it.
        code = kiosk("diag", "docprinter", "--queue", sim.queue, "--timeout", "2", "--json",
                     "test")
    finally:
        subprocess.run(["lpadmin", "-p", sim.queue, "-o", "job-hold-until-default=no-hold"],
                       check=True, capture_output=True, timeout=15)
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert code == 1 and report["error"]["code"] == "job_held"
    assert report["job"]["state"] == "held" and report["job"]["withdrawn"] is True
    assert "cancelled by the check" in captured.err
    assert "recommended action: reset" in captured.err


def test_diag_missing_queue(capsys):
    assert kiosk("diag", "docprinter", "--queue", "NoSuchQueue", "status") == 1
    err = capsys.readouterr().err
    assert "error queue_missing" in err and "recommended action: maintenance" in err


def test_end_to_end_sim_and_diag_in_subprocesses(queue):
    with start_kiosk("sim", "docprinter", "--queue", queue, "--fault", "paper_out") as server:
        assert first_line(server) == queue
        output_dir = Path(server.stdout.readline().strip())
        assert output_dir == DocPrinterSimulator(queue).output_dir
        diag = run_kiosk("diag", "docprinter", "--queue", queue, "--json", "test")
        assert diag.returncode == 1, diag.stderr
        assert json.loads(diag.stdout)["error"]["code"] == "paper_out"
        assert "recommended action: clear" in diag.stderr
        code, err = stop(server, signal.SIGINT)
    assert code == 0, err
    assert "fault paper_out" in err
    printer = CupsClient().printer(queue)  # the simulator cleared its fault on exit
    assert printer.state is PrinterState.IDLE and printer.reasons == () and printer.accepting


def test_end_to_end_prints_and_the_simulator_names_the_pdf(queue):
    with start_kiosk("sim", "docprinter", "--queue", queue) as server:
        assert first_line(server) == queue
        server.stdout.readline()
        diag = run_kiosk("diag", "docprinter", "--queue", queue, "test")
        assert diag.returncode == 0, diag.stderr
        job_id = diag.stdout.split("test page printed: job ")[1].split(",")[0]
        time.sleep(0.7)  # the simulator looks for new PDFs twice a second
        code, err = stop(server, signal.SIGINT)
    assert code == 0
    assert f"job_{job_id}.pdf" in err and "printed: " in err
