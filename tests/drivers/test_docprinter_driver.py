"""The real document printer driver through cupsd to a cups-pdf queue (the simulator).

Every job goes through the real cupsd, its filters and the cups-pdf backend. The tests
use a queue of their own (created here, deleted at the end) so that stopping it does not
disturb anyone printing to the shared "PDF" queue; a private cupsd (our own child
process) is stopped and restarted for the "cupsd not running" case.
"""
import io
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from drivers.base import Action, DeviceError, DeviceState, HealthLevel, Supervisor
from drivers.docprinter import DocPrinter, JobError
from drivers.docprinter.cupsclient import CupsClient, JobState
from drivers.docprinter.sim import DocPrinterSimulator

pytestmark = [pytest.mark.timeout(30),
              pytest.mark.skipif(shutil.which("cupsd") is None, reason="CUPS not installed")]


def pdf_pages(count: int) -> bytes:
    """An A4 PDF of ``count`` pages (72 dpi images: small and quick to print)."""
    pages = []
    for n in range(count):
        page = Image.new("L", (595, 842), 255)
        ImageDraw.Draw(page).rectangle((60, 60 + 80 * n, 300, 120 + 80 * n), fill=0)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    return out.getvalue()


TWO_PAGES = pdf_pages(2)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=10,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in
                                                  out.splitlines())}


@pytest.fixture(scope="module")
def queue():
    name = f"KioskTest{os.getpid()}"
    DocPrinterSimulator(name).start()  # creates the queue (drivers/docprinter/cups-queue.sh)
    yield name
    subprocess.run(["lpadmin", "-x", name], capture_output=True, timeout=15)


@pytest.fixture
def sim(queue):
    simulator = DocPrinterSimulator(queue)
    simulator.start()
    yield simulator
    simulator.stop()  # enabled, accepting, paper in: for the next test


@pytest.fixture
def printer(sim):
    return DocPrinter("doc", sim.queue, stall_timeout=1.0, job_timeout=20.0)


def poll_until(device, state, timeout=5.0) -> float:
    """Poll every 50 ms until ``state``; returns how long it took."""
    started = time.monotonic()
    while (status := device.poll()).state is not state:
        assert time.monotonic() - started < timeout, f"still {status}"
        time.sleep(0.05)
    return time.monotonic() - started


# -- printing ------------------------------------------------------------------------------
def test_two_page_pdf_is_printed_on_a4_and_followed_to_completion(sim, printer):
    progress = []
    started = time.time()
    result = printer.print_pdf(TWO_PAGES, title="不动产登记证明 2页", on_progress=progress.append)
    assert result.ok and result.state == "completed" and result.pages == 2
    assert progress[0] == "submitting" and progress[-1] == "completed"
    pdf = sim.wait_for_pdf(started, job_id=result.job_id)
    info = pdfinfo(pdf)
    assert info["Pages"] == "2" and "(A4)" in info["Page size"]
    assert printer.counters.snapshot() == {"prints": 1, "pages": 2}
    status = printer.status
    assert status.state is DeviceState.ONLINE  # no longer BUSY
    assert status.consumables == {"paper": "full", "queue": "idle"}
    assert printer.info().model == "Generic CUPS-PDF Printer (w/ options)"


def test_a_file_path_and_copies(sim, printer, tmp_path):
    path = tmp_path / "one.pdf"
    path.write_bytes(pdf_pages(1))
    result = printer.print_pdf(path, title="two copies", copies=2)
    # CUPS counts both copies; cups-pdf writes the document once.
    assert result.pages == 2
    assert pdfinfo(sim.wait_for_pdf(0, job_id=result.job_id))["Pages"] == "1"


def test_interactive_health_check_prints_the_test_page(sim, printer):
    started = time.time()
    report = printer.health_check(HealthLevel.INTERACTIVE)
    assert report.ok and report.error is None and report.details["pages"] == 1
    pdf = sim.wait_for_pdf(started, job_id=report.details["job_id"])
    assert "(A4)" in pdfinfo(pdf)["Page size"]
    assert printer.health_check().details["state"] == "online"  # internal: no job


def test_external_health_check_prints_the_test_page_too(sim, printer):
    """Issue 12: the A4 test page is the external check (a technician at the terminal
    presses it; nothing interactive is asked of them)."""
    started = time.time()
    report = printer.health_check(HealthLevel.EXTERNAL)
    assert report.ok and report.details["pages"] == 1
    pdf = sim.wait_for_pdf(started, job_id=report.details["job_id"])
    assert "(A4)" in pdfinfo(pdf)["Page size"]


def test_not_a_pdf_is_refused_before_cups(printer):
    with pytest.raises(ValueError):
        printer.print_pdf(b"hello", title="text")


# -- the queue stopped, rejecting, out of paper --------------------------------------------
def test_disabled_queue_is_offline_and_back_on_the_same_object(sim, printer):
    assert printer.poll().state is DeviceState.ONLINE
    sim.disable()
    status = printer.poll()
    assert status.state is DeviceState.OFFLINE
    assert (status.error.code, status.error.action) == ("queue_stopped", Action.RESET)
    assert status.consumables == {"paper": "unknown", "queue": "stopped"}
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf(TWO_PAGES, title="refused")
    assert not isinstance(caught.value, JobError)  # refused before a job existed
    assert caught.value.code == "queue_stopped" and caught.value.action is Action.RESET
    assert CupsClient().printer(sim.queue).queued_jobs == 0
    enabled = time.monotonic()
    sim.enable()
    took = poll_until(printer, DeviceState.ONLINE)
    print(f"\nqueue enabled again: ONLINE at the next poll, "
          f"{1000 * (time.monotonic() - enabled):.0f} ms after cupsenable ({took * 1000:.0f} ms"
          f" of polling)")
    assert printer.print_pdf(TWO_PAGES, title="after").ok
    assert printer.counters.get("errors") == 1


def test_queue_stopped_while_the_job_waits_withdraws_the_job(sim, printer):
    started = time.time()

    def stop_queue(text):
        if text == "submitting":  # after the check, before the job reaches cupsd
            sim.disable()

    with pytest.raises(JobError) as caught:
        printer.print_pdf(TWO_PAGES, title="stalled", on_progress=stop_queue)
    err = caught.value
    assert (err.code, err.action, err.state) == ("queue_stopped", Action.RESET,
                                                 DeviceState.OFFLINE)
    assert err.result.state == "pending" and err.result.withdrawn
    assert 1.0 <= err.result.seconds < 5
    assert printer.status.state is DeviceState.OFFLINE
    job = CupsClient().job(sim.queue, err.result.job_id)
    assert job.state is JobState.CANCELED
    sim.enable()  # the withdrawn job must not come out for the next citizen
    assert printer.poll().state is DeviceState.ONLINE
    time.sleep(0.5)
    assert sim.printed(started) == []


def test_a_cancel_withdraws_the_waiting_job_and_is_no_printer_error(sim, printer):
    """The citizen ends the session while the job waits in CUPS (here: held): the job
    is withdrawn as cancelled (not held up to stall_timeout and then reported job_held),
    and the printer's error count stays."""
    started, cancel = time.time(), threading.Event()

    def leave(text):
        if text.startswith("held"):
            cancel.set()

    with pytest.raises(JobError) as caught:
        printer.print_pdf(TWO_PAGES, title="left", on_progress=leave, cancel=cancel,
                          options={"job-hold-until": "indefinite"})
    assert caught.value.code == "job_cancelled" and caught.value.result.withdrawn
    assert CupsClient().job(sim.queue, caught.value.result.job_id).state is JobState.CANCELED
    assert printer.counters.get("errors") == 0
    time.sleep(0.5)
    assert sim.printed(started) == []


def test_rejecting_queue(sim, printer):
    sim.reject()
    status = printer.poll()
    assert status.state is DeviceState.OFFLINE
    assert (status.error.code, status.error.action) == ("queue_rejecting", Action.RESET)
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf(TWO_PAGES, title="rejected")
    assert caught.value.code == "queue_rejecting"
    sim.accept()
    assert printer.poll().state is DeviceState.ONLINE


def test_out_of_paper(sim, printer):
    sim.set_media_empty()
    status = printer.poll()
    assert status.state is DeviceState.USER_ERROR
    assert (status.error.code, status.error.action) == ("paper_out", Action.CLEAR)
    assert status.consumables == {"paper": "out", "queue": "stopped"}
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf(TWO_PAGES, title="no paper")
    assert caught.value.code == "paper_out" and caught.value.state is DeviceState.USER_ERROR
    sim.clear_faults()  # paper loaded
    status = printer.poll()
    assert status.state is DeviceState.ONLINE and status.consumables["paper"] == "full"


def test_held_job_is_reported_and_polls_go_on_meanwhile(sim, printer):
    """The job is followed without io_lock: a poll during the job answers at once, BUSY."""
    polls = []

    def poll_now(text):
        if text.startswith("held"):
            started = time.monotonic()
            thread = threading.Thread(target=lambda: polls.append(printer.poll()))
            thread.start()
            thread.join(2)
            polls.append(time.monotonic() - started)

    with pytest.raises(JobError) as caught:
        printer.print_pdf(TWO_PAGES, title="held", on_progress=poll_now,
                          options={"job-hold-until": "indefinite"})
    assert (caught.value.code, caught.value.action) == ("job_held", Action.RESET)
    assert caught.value.result.state == "held" and caught.value.result.withdrawn
    status, took = polls
    assert status.state is DeviceState.BUSY and took < 1.0
    assert printer.status.state is DeviceState.ONLINE  # the job is gone


def test_supervisor_sees_busy_then_online(sim, printer):
    supervisor = Supervisor([printer], interval=0.05)
    events = []
    supervisor.subscribe(lambda e: events.append(e.new.state))
    supervisor.start()
    try:
        with pytest.raises(JobError):
            printer.print_pdf(TWO_PAGES, title="held", options={"job-hold-until": "indefinite"})
    finally:
        supervisor.stop()
    assert DeviceState.BUSY in events and events[-1] is DeviceState.ONLINE


# -- no queue, no cupsd --------------------------------------------------------------------
def test_missing_queue_is_no_device(sim):
    printer = DocPrinter("doc", "NoSuchQueue")
    status = printer.poll()
    assert status.state is DeviceState.NO_DEVICE
    assert (status.error.code, status.error.action) == ("queue_missing", Action.MAINTENANCE)
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf(TWO_PAGES, title="nowhere")
    assert caught.value.code == "queue_missing"


def test_no_cupsd_is_offline(tmp_path):
    printer = DocPrinter("doc", "PDF", server=str(tmp_path / "cups.sock"), timeout=1.0)
    status = printer.poll()
    assert status.state is DeviceState.OFFLINE
    assert (status.error.code, status.error.action) == ("cups_unavailable", Action.RESET)
    with pytest.raises(DeviceError) as caught:
        printer.print_pdf(TWO_PAGES, title="nobody")
    assert caught.value.code == "cups_unavailable"
    assert printer.counters.get("errors") == 1


class PrivateCupsd:
    """A cupsd of our own on a socket in ``root``, with one queue (the shared cupsd is
    left alone). Its pid file goes to its own StateDir."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = str(root / "cups.sock")
        self.process: subprocess.Popen | None = None
        for sub in ("spool/tmp", "state", "cache", "log"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        (root / "cups-files.conf").write_text(
            f"ServerRoot {root}\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\n"
            f"StateDir {root}/state\nCacheDir {root}/cache\nErrorLog {root}/log/error_log\n"
            f"AccessLog {root}/log/access_log\nPageLog {root}/log/page_log\n"
            f"FileDevice Yes\nSystemGroup root lpadmin\n")
        (root / "cupsd.conf").write_text(
            f"LogLevel warn\nListen {self.socket}\nBrowsing No\nWebInterface No\n"
            "<Location />\n  Order allow,deny\n  Allow localhost\n</Location>\n")
        (root / "printers.conf").write_text(
            "<Printer A4>\nInfo private test queue\nDeviceURI file:///dev/null\n"
            "State Idle\nAccepting Yes\n</Printer>\n")
        for conf in ("cups-files.conf", "cupsd.conf", "printers.conf"):
            (root / conf).chmod(0o644)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.root / "cupsd.conf"),
             "-s", str(self.root / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        client = CupsClient(self.socket, timeout=1.0)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                client.printer("A4")
                return
            except Exception:
                time.sleep(0.05)
        self.stop()
        pytest.skip(f"a private cupsd does not start here: {self.process.stderr.read()!r}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # our own child, by its pid
            self.process.wait(10)


@pytest.mark.skipif(os.geteuid() != 0, reason="cupsd runs as root")
def test_cupsd_stopped_and_restarted_comes_back_on_the_same_object(tmp_path):
    cupsd = PrivateCupsd(tmp_path)
    cupsd.start()
    try:
        printer = DocPrinter("doc", "A4", server=cupsd.socket, timeout=1.0)
        assert printer.poll().state is DeviceState.ONLINE
        cupsd.stop()
        status = printer.poll()
        assert status.state is DeviceState.OFFLINE
        assert (status.error.code, status.error.action) == ("cups_unavailable", Action.RESET)
        assert printer.poll().state is DeviceState.OFFLINE  # and stays so
        restarted = time.monotonic()
        cupsd.start()
        took = poll_until(printer, DeviceState.ONLINE)
        print(f"\ncupsd restarted: ONLINE {1000 * (time.monotonic() - restarted):.0f} ms after "
              f"the restart began ({1000 * took:.0f} ms of polling once it answered)")
        assert printer.status.consumables == {"paper": "full", "queue": "idle"}
    finally:
        cupsd.stop()
