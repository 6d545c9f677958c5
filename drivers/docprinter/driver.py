"""The A4 document printer: a CUPS queue, driven over IPP (see :mod:`.cupsclient`).

Besides the :class:`~drivers.base.Device` contract:

- ``probe()`` asks cupsd for the queue: ONLINE (BUSY while one of our jobs is in it) with
  consumables ``{"paper": full|low|out|jammed|unknown, "queue": idle|printing|stopped}``;
  a printer problem (paper out, stopped queue...) as :func:`.status.assess` maps it;
  ``queue_missing`` (NO_DEVICE) when the queue does not exist; ``cups_unavailable``
  (OFFLINE) when cupsd does not answer. Each poll asks cupsd afresh, so a queue that was
  stopped and enabled again, or a cupsd that restarted, is back at the next poll.
- ``print_pdf()`` checks the queue, submits the job under ``io_lock`` (a quick request),
  then follows the job *without* the lock, so the supervisor's polls go on while a long
  job prints (they report BUSY). A job that cannot finish (queue stopped, paper out,
  held, stopped on an error) is given ``stall_timeout`` seconds to recover, then it is
  cancelled: a citizen's document must not come out later for the next person.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from drivers.base import (
    Action,
    Device,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
    UsageCounters,
)

from .cupsclient import CupsClient, CupsUnavailable, IppError, JobInfo, JobState, PrinterInfo
from .ipp import Status
from .status import (
    JOB_CANCELLED,
    JOB_LOST,
    JOB_TIMEOUT,
    QUEUE_REJECTING,
    Problem,
    assess,
    job_error,
)

log = logging.getLogger(__name__)

#: PWG name of A4 (PWG 5101.1); CUPS maps it to the PPD's "A4".
A4 = "iso_a4_210x297mm"
#: How often a job and its queue are asked about while it prints.
POLL_SECONDS = 0.25

CUPS_UNAVAILABLE = Problem("cups_unavailable", DeviceState.OFFLINE, Action.RESET,
                           "打印服务（CUPS）未运行", "the print service (cupsd) does not answer")
QUEUE_MISSING = Problem("queue_missing", DeviceState.NO_DEVICE, Action.MAINTENANCE,
                        "打印队列不存在", "the CUPS queue does not exist")
JOB_REFUSED = Problem("job_refused", DeviceState.ONLINE, Action.MAINTENANCE,
                      "打印服务拒绝了打印任务", "CUPS refused the print job")
CUPS_ERROR = Problem("cups_error", DeviceState.HARDWARE_ERROR, Action.RETRY,
                     "打印服务返回错误", "cupsd answered with an error")


@dataclass(frozen=True)
class JobResult:
    """What became of a job: ``state`` is the job's last known state (``completed``,
    ``canceled``, ``aborted``, ``stopped``, ``held``, ``pending``, ``processing``),
    ``pages`` the impressions CUPS counted (copies included; None when unknown) and
    ``withdrawn`` True when the driver cancelled the job because it could not finish."""

    job_id: int
    queue: str
    title: str
    state: str
    pages: int | None
    seconds: float
    withdrawn: bool = False

    @property
    def ok(self) -> bool:
        return self.state == "completed"


class JobError(DeviceError):
    """A submitted job did not print. ``result`` says what became of it."""

    def __init__(self, error: DeviceError, result: JobResult) -> None:
        super().__init__(error.code, error.message, action=error.action, state=error.state)
        self.result = result


class DocPrinter(Device):
    """The CUPS queue ``queue`` on the cupsd at ``server`` (a socket path or
    ``host[:port]``; None: where libcups would look, see
    :func:`.cupsclient.default_server`).

    ``timeout`` bounds each request to cupsd; ``job_timeout`` how long ``print_pdf``
    waits for a job by default; ``stall_timeout`` how long a job may stay blocked
    (queue stopped, paper out, held) before it is cancelled.
    """

    kind = "docprinter"

    def __init__(self, name: str, queue: str, *, server: str | None = None,
                 required: bool = False, counters: UsageCounters | None = None,
                 timeout: float = 5.0, job_timeout: float = 120.0,
                 stall_timeout: float = 30.0) -> None:
        super().__init__(name, required=required, counters=counters)
        self.queue = queue
        self.job_timeout = job_timeout
        self.stall_timeout = stall_timeout
        self._client = CupsClient(server, timeout=timeout)
        self._printer: PrinterInfo | None = None
        self._jobs_lock = threading.Lock()
        self._jobs_in_flight = 0

    @property
    def server(self) -> str | None:
        return self._client.server

    # -- primitives -----------------------------------------------------------------------
    def open(self) -> None:
        self._printer = self._ask_printer()

    def close(self) -> None:
        # Every request has its own connection: nothing stays open between them.
        pass

    def probe(self) -> DeviceStatus:
        return self._record(self._ask_printer())

    def info(self) -> DeviceInfo:
        """The queue's make and model (``printer-make-and-model``), from the last answer."""
        printer = self._printer
        return DeviceInfo(model=printer.make_and_model or None) if printer else DeviceInfo()

    # -- printing -------------------------------------------------------------------------
    def print_pdf(self, document: bytes | str | os.PathLike, *, title: str, copies: int = 1,
                  options: dict[str, str | int | bool] | None = None,
                  on_progress: Callable[[str], None] | None = None,
                  timeout: float | None = None,
                  cancel: threading.Event | None = None) -> JobResult:
        """Print a PDF (bytes or a path) on A4 and wait until CUPS completed the job.

        ``options`` are IPP job attributes (``media`` defaults to A4). ``on_progress``
        gets a short text each time the job's state changes: ``submitting``, then the
        job state (``pending``, ``processing``, ``completed``...), with the blocking
        problem's code in brackets while one holds the job up
        (``pending [queue_stopped]``); it runs on the calling thread (``submitting``
        with ``io_lock`` held): keep it short. ``timeout`` overrides ``job_timeout``.
        ``cancel``, once set, withdraws the job from CUPS (the citizen gave up waiting:
        the pages must not come out for the next person): :class:`JobError`
        ``job_cancelled``, not counted as a printer error.

        Raises :class:`DeviceError` before a job exists (``cups_unavailable``,
        ``queue_missing``, ``queue_stopped``, ``queue_rejecting``, ``paper_out`` and the
        other printer problems of :mod:`.status`, ``job_refused``) and
        :class:`JobError` (with ``result``) once one exists: ``job_cancelled``,
        ``job_aborted``, ``job_stopped``, ``job_held``, ``job_timeout``, ``job_lost``, or
        the printer problem that blocked it. ``ValueError`` when ``document`` is no PDF.
        """
        data = _read_pdf(document)
        report = _Reporter(on_progress)
        started = time.monotonic()
        with self.io_lock:
            try:
                self.ensure_open()
                before = self._record(self._ask_printer())
                if before.error is not None:
                    raise before.error
                report("submitting")
                job = self._submit(data, title, copies, {"media": A4, **(options or {})})
            except DeviceError as err:
                if err.code in (CUPS_UNAVAILABLE.code, QUEUE_MISSING.code):
                    self.connection_lost(err)  # counts the error
                else:
                    self.counters.increment("errors")
                raise
            with self._jobs_lock:
                self._jobs_in_flight += 1
        try:
            return self._follow(job, title, started, report,
                                self.job_timeout if timeout is None else timeout, cancel)
        finally:
            with self._jobs_lock:
                self._jobs_in_flight -= 1
            if self._printer is not None and self.connected:
                self._record(self._printer)  # BUSY -> ONLINE once no job of ours is left

    def health_check(self, level: HealthLevel = HealthLevel.INTERNAL, **options) -> HealthReport:
        """External and interactive: print the A4 test page (:mod:`.testpage`) and report
        the job."""
        if level == HealthLevel.INTERNAL:
            return super().health_check(level)
        from .testpage import TITLE, diagnostic_page_pdf  # Pillow only when a page prints
        try:
            result = self.print_pdf(diagnostic_page_pdf(self.queue), title=TITLE)
        except DeviceError as err:
            return HealthReport(ok=False, level=level, error=err,
                                details={"state": self.status.state.value})
        return HealthReport(ok=True, level=level, details={
            "state": self.status.state.value, "job_id": result.job_id, "pages": result.pages,
            "consumables": dict(self.status.consumables)})

    # -- the job --------------------------------------------------------------------------
    def _submit(self, data: bytes, title: str, copies: int,
                options: dict[str, str | int | bool]) -> JobInfo:
        try:
            return self._client.print_job(self.queue, data, title=title, copies=copies,
                                          options=options)
        except CupsUnavailable as exc:
            raise CUPS_UNAVAILABLE.error(str(exc)) from exc
        except IppError as exc:
            if exc.status == Status.NOT_ACCEPTING_JOBS:
                # The queue began rejecting between our check and the job.
                printer = self._record(self._ask_printer())
                raise printer.error or JOB_REFUSED.error(exc.message) from exc
            if exc.status == Status.NOT_FOUND:
                raise QUEUE_MISSING.error(f"queue {self.queue}") from exc
            raise JOB_REFUSED.error(f"queue {self.queue}: {exc}") from exc

    def _follow(self, job: JobInfo, title: str, started: float, report: _Reporter,
                timeout: float, cancel: threading.Event | None) -> JobResult:
        """Ask cupsd about ``job`` until it finished, could not go on for
        ``stall_timeout`` seconds, or ``timeout`` passed since ``started``."""
        deadline = started + timeout
        cancel = cancel or threading.Event()     # never set: waits like a sleep
        blocked_since: float | None = None
        problem: DeviceError | None = None
        counted = False  # connection_lost() already counted this job's error

        def fail(err: DeviceError, withdraw: bool, *, device_error: bool = True) -> JobError:
            withdrawn = withdraw and self._withdraw(job.id)
            result = JobResult(job.id, self.queue, title, job.state.name.lower(), job.pages,
                               time.monotonic() - started, withdrawn)
            if device_error and not counted:
                self.counters.increment("errors")
            return JobError(err, result)

        while True:
            if cancel.is_set():
                raise fail(JOB_CANCELLED.error(f"job {job.id} withdrawn: the citizen left"),
                           withdraw=True, device_error=False)
            try:
                job = self._client.job(self.queue, job.id)
                self._printer = self._client.printer(self.queue)
                queue = self._record(self._printer)
            except CupsUnavailable as exc:
                # cupsd keeps its jobs across a restart: wait for it like for a stall.
                problem, queue = CUPS_UNAVAILABLE.error(
                    f"{exc}; job {job.id} stays in CUPS and may print when it is back"), None
                if self.connected:
                    self.connection_lost(problem)
                    counted = True
            except IppError as exc:
                if exc.status == Status.NOT_FOUND:
                    raise fail(JOB_LOST.error(f"job {job.id}: {exc.message}; check the "
                                              f"output tray"), withdraw=False) from exc
                raise fail(CUPS_ERROR.error(str(exc)), withdraw=True) from exc
            now = time.monotonic()
            if queue is not None:
                if job.state is JobState.COMPLETED:
                    report("completed")
                    return self._completed(job, title, now - started)
                if job.state in (JobState.CANCELED, JobState.ABORTED):
                    report(job.state.name.lower())
                    raise fail(job_error(job), withdraw=False)
                problem = _blocking(job, queue)
            if problem is None:
                blocked_since = None
                report(job.state.name.lower())
            else:
                blocked_since = blocked_since or now
                report(f"{job.state.name.lower()} [{problem.code}]")
                if now - blocked_since >= self.stall_timeout:
                    raise fail(problem, withdraw=queue is not None)
            if now >= deadline:
                raise fail(JOB_TIMEOUT.error(f"job {job.id} still {job.state.name.lower()} "
                                             f"after {timeout:.0f} s"), withdraw=True)
            cancel.wait(POLL_SECONDS)

    def _completed(self, job: JobInfo, title: str, seconds: float) -> JobResult:
        self.counters.increment("prints")
        if job.pages:
            self.counters.increment("pages", job.pages)
        return JobResult(job.id, self.queue, title, "completed", job.pages, seconds)

    def _withdraw(self, job_id: int) -> bool:
        """Cancel a job we gave up on; False when cupsd would not (it may still print)."""
        try:
            self._client.cancel_job(self.queue, job_id)
            return True
        except (CupsUnavailable, IppError) as exc:
            log.warning("%s: could not cancel job %s: %s", self.name, job_id, exc,
                        extra=self.log_extra)
            return False

    # -- status ---------------------------------------------------------------------------
    def _ask_printer(self) -> PrinterInfo:
        try:
            printer = self._client.printer(self.queue)
        except CupsUnavailable as exc:
            raise CUPS_UNAVAILABLE.error(str(exc)) from exc
        except IppError as exc:
            if exc.status == Status.NOT_FOUND:
                raise QUEUE_MISSING.error(f"queue {self.queue}") from exc
            raise CUPS_ERROR.error(f"queue {self.queue}: {exc}") from exc
        self._printer = printer
        return printer

    def _record(self, printer: PrinterInfo) -> DeviceStatus:
        """Set the status from ``printer``: BUSY instead of ONLINE while a job of ours is
        in the queue."""
        found = assess(printer)
        state = found.state
        if state is DeviceState.ONLINE and self._jobs_in_flight:
            state = DeviceState.BUSY
        return self.set_status(state, error=found.error, consumables=found.consumables)


def _blocking(job: JobInfo, queue: DeviceStatus) -> DeviceError | None:
    """Why ``job`` cannot progress now, or None. A queue that rejects *new* jobs still
    prints the ones it has, so that alone does not block."""
    if job.state in (JobState.HELD, JobState.STOPPED):
        return job_error(job, queue.error)
    if queue.error is not None and queue.error.code != QUEUE_REJECTING.code:
        return queue.error
    return None


class _Reporter:
    """Calls ``on_progress`` when the text changed; a failing callback is logged, not
    raised (it must not abandon a job that is printing)."""

    def __init__(self, callback: Callable[[str], None] | None) -> None:
        self._callback = callback
        self._last: str | None = None

    def __call__(self, text: str) -> None:
        if self._callback is None or text == self._last:
            return
        self._last = text
        try:
            self._callback(text)
        except Exception:
            log.exception("on_progress callback failed")


def _read_pdf(document: bytes | str | os.PathLike) -> bytes:
    data = bytes(document) if isinstance(document, (bytes, bytearray, memoryview)) \
        else Path(document).read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF document (no %PDF- header)")
    return data
