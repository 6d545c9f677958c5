"""What CUPS reports, mapped to the device model: fixed replies captured from cupsd and
fixed printer-state-reasons (RFC 8011 §5.4.12 keywords, CUPS' own)."""
import pytest

from drivers.base import Action, DeviceState
from drivers.docprinter import ipp
from drivers.docprinter.cupsclient import (
    JobInfo,
    JobState,
    PrinterInfo,
    PrinterState,
    parse_job,
    parse_printer,
)
from drivers.docprinter.ipp import Tag
from drivers.docprinter.status import assess, job_error, split_reason

from .test_docprinter_ipp import CUPS_PRINTER_REPLY

# cupsd 2.4.2 answering Get-Job-Attributes for a completed and for a cancelled job: both
# say "processing-to-stop-point", only job-state (9 vs 7) tells them apart. (This is why
# the driver speaks IPP: `lpstat -W completed -l` shows only those reasons.)
CUPS_JOB_COMPLETED = bytes.fromhex(
    "020000000000000901470012617474726962757465732d6368617273657400057574662d3848001b"
    "617474726962757465732d6e61747572616c2d6c616e67756167650002656e022100066a6f622d69"
    "640004000000012300096a6f622d73746174650004000000094400116a6f622d73746174652d7265"
    "61736f6e73001870726f63657373696e672d746f2d73746f702d706f696e742100196a6f622d696d"
    "7072657373696f6e732d636f6d706c6574656400040000000103")
CUPS_JOB_CANCELLED = bytes.fromhex(
    "020000000000000901470012617474726962757465732d6368617273657400057574662d3848001b"
    "617474726962757465732d6e61747572616c2d6c616e67756167650002656e022100066a6f622d69"
    "640004000000032300096a6f622d73746174650004000000074400116a6f622d73746174652d7265"
    "61736f6e73001870726f63657373696e672d746f2d73746f702d706f696e742100196a6f622d696d"
    "7072657373696f6e732d636f6d706c6574656400040000000003")


def printer(*reasons, state=PrinterState.IDLE, accepting=True, message=""):
    return PrinterInfo("PDF", state, tuple(reasons), accepting, message)


def test_captured_stopped_queue_out_of_paper():
    info = parse_printer(ipp.decode(CUPS_PRINTER_REPLY).group(Tag.PRINTER), "PDF")
    assert info.state is PrinterState.STOPPED and info.accepting
    assert info.reasons == ("paused", "media-empty-error")
    found = assess(info)
    # Paper out, not "queue stopped": the person on site can fix it.
    assert found.state is DeviceState.USER_ERROR
    assert found.error.code == "paper_out" and found.error.action is Action.CLEAR
    assert "缺纸" in found.error.message and "media-empty-error" in found.error.message
    assert found.consumables == {"paper": "out", "queue": "stopped"}


def test_captured_jobs_completed_and_cancelled():
    completed = parse_job(ipp.decode(CUPS_JOB_COMPLETED).group(Tag.JOB), 1)
    cancelled = parse_job(ipp.decode(CUPS_JOB_CANCELLED).group(Tag.JOB), 3)
    assert completed.reasons == cancelled.reasons == ("processing-to-stop-point",)
    assert (completed.state, completed.pages) == (JobState.COMPLETED, 1)
    assert (cancelled.state, cancelled.pages) == (JobState.CANCELED, 0)
    assert completed.state.finished and cancelled.state.finished
    err = job_error(cancelled)
    assert err.code == "job_cancelled" and err.action is Action.RETRY
    assert "job 3" in err.message


def test_idle_queue_is_online_with_paper():
    found = assess(printer())
    assert (found.state, found.error) == (DeviceState.ONLINE, None)
    assert found.consumables == {"paper": "full", "queue": "idle"}
    assert assess(printer(state=PrinterState.PROCESSING)).consumables["queue"] == "printing"


@pytest.mark.parametrize("reasons, state, code, action, paper", [
    (("media-empty-error",), DeviceState.USER_ERROR, "paper_out", Action.CLEAR, "out"),
    (("media-needed",), DeviceState.USER_ERROR, "paper_out", Action.CLEAR, "out"),
    (("media-jam-error",), DeviceState.USER_ERROR, "paper_jam", Action.CLEAR, "jammed"),
    (("door-open-error",), DeviceState.USER_ERROR, "cover_open", Action.CLEAR, "full"),
    (("toner-empty-error",), DeviceState.HARDWARE_ERROR, "toner_empty", Action.MAINTENANCE,
     "full"),
    (("cups-missing-filter-error",), DeviceState.HARDWARE_ERROR, "driver_missing",
     Action.MAINTENANCE, "full"),
    (("fuser-over-temp-error",), DeviceState.HARDWARE_ERROR, "printer_error",
     Action.MAINTENANCE, "full"),
    # CUPS backends report an unreachable printer as a *report*: it blocks all the same.
    (("offline-report",), DeviceState.OFFLINE, "printer_offline", Action.RESET, "unknown"),
    # Several at once: the one a person on site can fix comes first.
    (("offline-report", "media-jam-error", "toner-empty-error"), DeviceState.USER_ERROR,
     "paper_jam", Action.CLEAR, "jammed"),
])
def test_reasons(reasons, state, code, action, paper):
    found = assess(printer(*reasons))
    assert (found.state, found.error.code, found.error.action) == (state, code, action)
    assert found.consumables["paper"] == paper
    assert reasons[0] in found.error.message or code == "paper_jam"


@pytest.mark.parametrize("reasons, paper", [
    (("media-low-report",), "low"),
    (("media-empty-warning",), "low"),
    (("toner-low-warning", "cups-waiting-for-job-completed"), "full"),
    (("marker-supply-low-report",), "full"),
])
def test_warnings_and_reports_do_not_block(reasons, paper):
    found = assess(printer(*reasons))
    assert (found.state, found.error) == (DeviceState.ONLINE, None)
    assert found.consumables["paper"] == paper


def test_disabled_queue_is_offline_with_reset():
    found = assess(printer("paused", state=PrinterState.STOPPED, message="Paused"))
    assert found.state is DeviceState.OFFLINE
    assert (found.error.code, found.error.action) == ("queue_stopped", Action.RESET)
    assert found.consumables == {"paper": "unknown", "queue": "stopped"}
    assert "Paused" in found.error.message


def test_queue_stopped_by_cups_without_a_reason():
    """Error policy stop-printer: cupsd stops the queue after a backend failure."""
    found = assess(printer(state=PrinterState.STOPPED, message="Backend failed"))
    assert found.error.code == "queue_stopped" and "Backend failed" in found.error.message


def test_rejecting_queue_is_offline_and_comes_last():
    found = assess(printer(accepting=False))
    assert found.state is DeviceState.OFFLINE
    assert (found.error.code, found.error.action) == ("queue_rejecting", Action.RESET)
    both = assess(printer("paused", state=PrinterState.STOPPED, accepting=False))
    assert both.error.code == "queue_stopped"


def test_severity_suffixes():
    assert split_reason("media-empty-error") == ("media-empty", "error")
    assert split_reason("offline-report") == ("offline", "report")
    assert split_reason("toner-low-warning") == ("toner-low", "warning")
    assert split_reason("paused") == ("paused", "error")  # no suffix: an error


@pytest.mark.parametrize("state, code, action", [
    (JobState.ABORTED, "job_aborted", Action.RETRY),
    (JobState.STOPPED, "job_stopped", Action.RETRY),
    (JobState.HELD, "job_held", Action.RESET),
])
def test_job_errors(state, code, action):
    job = JobInfo(42, state, ("job-completed-with-errors",), "loadFilename failed")
    err = job_error(job)
    assert (err.code, err.action) == (code, action)
    assert "job 42" in err.message and "loadFilename failed" in err.message


def test_a_printer_problem_explains_a_job_better():
    job = JobInfo(7, JobState.STOPPED, ("printer-stopped",))
    cause = assess(printer("media-jam-error", state=PrinterState.STOPPED)).error
    err = job_error(job, cause)
    assert (err.code, err.action, err.state) == ("paper_jam", Action.CLEAR,
                                                 DeviceState.USER_ERROR)
    assert "job 7" in err.message
