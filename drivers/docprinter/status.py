"""What CUPS says about a queue or a job, in the terms of the device model (pure, no I/O).

printer-state-reasons are keywords with an optional severity suffix "-error", "-warning"
or "-report"; a reason without a suffix is an error (RFC 8011 §5.4.12). CUPS and its
backends add their own: "paused" (queue disabled with cupsdisable), "offline-report"
(the backend cannot reach the printer: CUPS reports it as a report, so "offline" blocks
whatever its severity), "cups-missing-filter"...

The first blocking reason in this order decides the state: what a person on site can fix
(paper, jam, cover: USER_ERROR, action CLEAR), then printer faults (HARDWARE_ERROR,
MAINTENANCE), then an unreachable printer (OFFLINE, RESET), then a stopped queue (OFFLINE,
RESET), then a queue that rejects jobs (OFFLINE, RESET).
"""
from __future__ import annotations

from dataclasses import dataclass

from drivers.base import Action, DeviceError, DeviceState, Paper

from .cupsclient import JobInfo, JobState, PrinterInfo, PrinterState

SEVERITIES = ("-error", "-warning", "-report")


@dataclass(frozen=True)
class Problem:
    """A condition that stops printing: how to report it."""

    code: str
    state: DeviceState
    action: Action
    zh: str
    en: str

    def error(self, detail: str = "") -> DeviceError:
        message = f"{self.zh} / {self.en}" + (f" ({detail})" if detail else "")
        return DeviceError(self.code, message, action=self.action, state=self.state)


_U, _H, _O = DeviceState.USER_ERROR, DeviceState.HARDWARE_ERROR, DeviceState.OFFLINE

PAPER_OUT = Problem("paper_out", _U, Action.CLEAR, "打印机缺纸，请装入A4纸",
                    "the document printer is out of paper: load A4 paper")
PAPER_JAM = Problem("paper_jam", _U, Action.CLEAR, "打印机卡纸，请取出卡住的纸张",
                    "paper jam in the document printer: remove the jammed sheet")
COVER_OPEN = Problem("cover_open", _U, Action.CLEAR, "打印机盖板未关好",
                     "a cover or door of the document printer is open: close it")
TRAY_MISSING = Problem("tray_missing", _U, Action.CLEAR, "打印机纸盒未装好",
                       "a paper tray of the document printer is missing: insert it")
OUTPUT_FULL = Problem("output_full", _U, Action.CLEAR, "出纸盒已满，请取走纸张",
                      "the output tray is full: take the printed sheets out")
TONER_EMPTY = Problem("toner_empty", _H, Action.MAINTENANCE, "墨粉已用完，请更换墨盒",
                      "the toner is empty: replace the cartridge")
FILTER_MISSING = Problem("driver_missing", _H, Action.MAINTENANCE,
                         "打印机驱动（CUPS 过滤器）缺失或不安全",
                         "the printer driver (a CUPS filter) is missing or insecure")
PRINTER_FAULT = Problem("printer_error", _H, Action.MAINTENANCE, "打印机报告故障",
                        "the document printer reports a fault")
PRINTER_OFFLINE = Problem("printer_offline", _O, Action.RESET,
                          "打印机未连接或未开机，请检查电源和数据线",
                          "the document printer does not answer: check power and cable")
QUEUE_STOPPED = Problem("queue_stopped", _O, Action.RESET, "打印队列已停用",
                        "the CUPS queue is stopped: enable it (cupsenable)")
QUEUE_REJECTING = Problem("queue_rejecting", _O, Action.RESET, "打印队列拒绝新任务",
                          "the CUPS queue rejects jobs: accept them again (cupsaccept)")

#: Reason keyword (without severity) -> problem, in priority order.
REASONS: dict[str, Problem] = {
    "media-empty": PAPER_OUT,
    "media-needed": PAPER_OUT,
    "media-jam": PAPER_JAM,
    "door-open": COVER_OPEN,
    "cover-open": COVER_OPEN,
    "interlock-open": COVER_OPEN,
    "input-tray-missing": TRAY_MISSING,
    "output-area-full": OUTPUT_FULL,
    "output-tray-missing": TRAY_MISSING,
    "toner-empty": TONER_EMPTY,
    "marker-supply-empty": TONER_EMPTY,
    "cups-missing-filter": FILTER_MISSING,
    "cups-insecure-filter": FILTER_MISSING,
    "offline": PRINTER_OFFLINE,
    "shutdown": PRINTER_OFFLINE,
    "timed-out": PRINTER_OFFLINE,
    "paused": QUEUE_STOPPED,
}
#: Reasons that block at any severity.
ALWAYS_BLOCKING = frozenset({"offline", "shutdown", "timed-out", "paused"})
#: When several problems are reported, the first of these is the one shown.
PRIORITY = (PAPER_OUT, PAPER_JAM, COVER_OPEN, TRAY_MISSING, OUTPUT_FULL, TONER_EMPTY,
            FILTER_MISSING, PRINTER_FAULT, PRINTER_OFFLINE, QUEUE_STOPPED, QUEUE_REJECTING)


def split_reason(reason: str) -> tuple[str, str]:
    """``"media-empty-error"`` -> ``("media-empty", "error")``; no suffix is an error."""
    for suffix in SEVERITIES:
        if reason.endswith(suffix):
            return reason[:-len(suffix)], suffix[1:]
    return reason, "error"


@dataclass(frozen=True)
class Assessment:
    """A queue's status for the device model."""

    state: DeviceState
    error: DeviceError | None
    consumables: dict[str, str]


def assess(printer: PrinterInfo) -> Assessment:
    """The device state, error and consumables ``{"paper", "queue"}`` of a queue.

    paper: ``out`` / ``jammed`` / ``low`` when the printer says so, ``unknown`` when the
    queue is stopped or the printer unreachable (nobody asked it), else ``full`` (the
    printer reports no paper problem). queue: ``idle`` / ``printing`` / ``stopped``
    (printer-state)."""
    found: list[tuple[Problem, str]] = []
    paper = None
    for reason in printer.reasons:
        key, severity = split_reason(reason)
        if key in ("media-empty", "media-needed"):
            paper = Paper.OUT if severity == "error" else paper or Paper.LOW
        elif key == "media-jam" and severity == "error":
            paper = Paper.JAMMED
        elif key == "media-low":
            paper = paper or Paper.LOW
        problem = REASONS.get(key)
        if problem and (severity == "error" or key in ALWAYS_BLOCKING):
            found.append((problem, reason))
        elif problem is None and severity == "error" and not key.startswith("cups-"):
            found.append((PRINTER_FAULT, reason))
    if printer.state is PrinterState.STOPPED and all(p is not QUEUE_STOPPED for p, _ in found):
        found.append((QUEUE_STOPPED, "printer-state stopped"))
    if not printer.accepting:
        found.append((QUEUE_REJECTING, "printer-is-accepting-jobs false"))
    found.sort(key=lambda item: PRIORITY.index(item[0]))
    queue = {PrinterState.IDLE: "idle", PrinterState.PROCESSING: "printing",
             PrinterState.STOPPED: "stopped"}[printer.state]
    if paper is None:
        unreachable = printer.state is PrinterState.STOPPED or any(
            p is PRINTER_OFFLINE for p, _ in found)
        paper = Paper.UNKNOWN if unreachable else Paper.FULL
    consumables = {"paper": paper.value, "queue": queue}
    if not found:
        return Assessment(DeviceState.ONLINE, None, consumables)
    problem, reason = found[0]
    detail = "; ".join(filter(None, [f"queue {printer.name}", reason, printer.message]))
    return Assessment(problem.state, problem.error(detail), consumables)


# -- jobs -------------------------------------------------------------------------------------
JOB_CANCELLED = Problem("job_cancelled", DeviceState.ONLINE, Action.RETRY,
                        "打印任务被取消", "the print job was cancelled in CUPS")
JOB_ABORTED = Problem("job_aborted", DeviceState.ONLINE, Action.RETRY,
                      "打印任务被系统中止", "CUPS aborted the print job")
JOB_STOPPED = Problem("job_stopped", DeviceState.ONLINE, Action.RETRY,
                      "打印任务出错停止", "the print job stopped on an error")
JOB_HELD = Problem("job_held", DeviceState.ONLINE, Action.RESET,
                   "打印任务被挂起，未打印", "the print job is held and was not printed")
JOB_TIMEOUT = Problem("job_timeout", DeviceState.ONLINE, Action.RETRY,
                      "打印超时，未完成", "the print job did not finish in time")
JOB_LOST = Problem("job_lost", DeviceState.ONLINE, Action.RETRY,
                   "打印任务状态未知", "CUPS no longer knows the print job")

_JOB_PROBLEMS = {JobState.CANCELED: JOB_CANCELLED, JobState.ABORTED: JOB_ABORTED,
                 JobState.STOPPED: JOB_STOPPED, JobState.HELD: JOB_HELD}


def job_error(job: JobInfo, cause: DeviceError | None = None) -> DeviceError:
    """Why ``job`` (cancelled, aborted, stopped, held) did not print. A printer problem
    (``cause``), when there is one, explains it better than the job state (paper out
    explains a stopped job); the job's state and CUPS' message are kept in the text."""
    detail = "; ".join(filter(None, [f"job {job.id}", job.state.name.lower(),
                                     " ".join(job.reasons), job.message]))
    if cause is not None:
        return DeviceError(cause.code, f"{cause.message}; {detail}", action=cause.action,
                           state=cause.state)
    return _JOB_PROBLEMS.get(job.state, JOB_STOPPED).error(detail)
