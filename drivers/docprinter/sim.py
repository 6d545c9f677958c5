"""The simulated A4 printer: a real CUPS queue whose "printer" is cups-pdf.

Nothing is faked on the driver's side: jobs go through cupsd, its filters and the
cups-pdf backend, which writes each job as a PDF file (DESIGN.md, devices). Faults are
injected into the real queue the way a technician or a printer would cause them:
``disable()``/``enable()`` (cupsdisable/cupsenable), ``reject()``/``accept()``
(cupsreject/cupsaccept) and ``set_media_empty()``, which stops the queue and sets the
printer-state-reason ``media-empty-error`` as a printer's backend reports it (cupsd takes
printer-state-reasons in CUPS-Add-Modify-Printer; there is no command-line tool for it).

``start()`` makes sure cupsd runs and the queue exists (``cups-queue.sh`` beside this module, which
needs root; as another user the queue must already be set up) and clears injected faults;
``stop()`` clears them again. cupsd itself is shared with the rest of the system and keeps
running. Fault injection needs CUPS administrator rights (root or the lpadmin group).
"""
from __future__ import annotations

import contextlib
import os
import pwd
import re
import subprocess
import time
from pathlib import Path

from .cupsclient import CupsClient, CupsUnavailable, IppError, PrinterState
from .ipp import Op, Tag

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
# Package data, so that an installed `kiosk demo` sets up its queue too
# (scripts/start-services.sh runs it for `make setup`).
SETUP_SCRIPT = Path(__file__).with_name("cups-queue.sh")
#: Debian's cups-pdf default, when cups-pdf.conf has no Out line.
DEFAULT_OUT = "/var/spool/cups-pdf/${USER}"
_TOOL_TIMEOUT = 15.0


class DocPrinterSimulator:
    """The cups-pdf queue ``queue`` as a simulated A4 printer (see the module doc)."""

    def __init__(self, queue: str = "PDF", *, server: str | None = None) -> None:
        self.queue = queue
        self._client = CupsClient(server, timeout=5.0)

    # -- life cycle -----------------------------------------------------------------------
    def start(self) -> str:
        """Ensure cupsd runs and the queue exists, healthy; returns the queue name.
        Raises RuntimeError when it cannot be set up."""
        if not self._queue_exists():
            if not SETUP_SCRIPT.exists():
                raise RuntimeError(f"{SETUP_SCRIPT} is missing: set up CUPS with cups-pdf "
                                   f"and a queue {self.queue!r} by hand")
            if os.geteuid() != 0:
                raise RuntimeError(f"CUPS queue {self.queue!r} is missing and only root can "
                                   f"create it: run `make setup` as root")
            _run(["bash", str(SETUP_SCRIPT)], env={"KIOSK_CUPS_QUEUE": self.queue})
            if not self._queue_exists():
                raise RuntimeError(f"{SETUP_SCRIPT} ran but queue {self.queue!r} is not there")
        self.clear_faults()
        return self.queue

    def stop(self) -> None:
        """Clear injected faults; cupsd and the queue stay for the next user."""
        # cupsd or the queue is gone: nothing to clear
        with contextlib.suppress(CupsUnavailable, IppError, RuntimeError):
            self.clear_faults()

    # -- output -----------------------------------------------------------------------------
    @property
    def output_dir(self) -> Path:
        """Where cups-pdf writes the jobs of the current user (cups-pdf.conf ``Out``)."""
        out = DEFAULT_OUT
        try:
            for line in CUPS_PDF_CONF.read_text(encoding="utf-8").splitlines():
                if re.match(r"Out\s", line):
                    out = line.split(None, 1)[1].strip()
        except OSError:
            pass
        user = pwd.getpwuid(os.getuid())
        return Path(out.replace("${USER}", user.pw_name).replace("${HOME}", user.pw_dir))

    def printed(self, after: float) -> list[Path]:
        """The complete PDFs written at or after ``after`` (a ``time.time()``), oldest
        first."""
        try:
            found = [p for p in self.output_dir.glob("*.pdf") if p.stat().st_mtime >= after]
        except OSError:
            return []  # the folder does not exist before the first job
        return [p for p in sorted(found, key=_mtime) if _complete(p)]

    def wait_for_pdf(self, after: float, timeout: float = 10.0,
                     job_id: int | None = None) -> Path:
        """The first complete PDF written at or after ``after`` (a ``time.time()``), or
        the one of ``job_id`` (cups-pdf puts "job_<id>" in its names). TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            for path in self.printed(after):
                if job_id is None or re.search(rf"job_{job_id}\b", path.name):
                    return path
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no PDF{f' of job {job_id}' if job_id else ''} in "
                                   f"{self.output_dir} after {timeout} s")
            time.sleep(0.1)

    # -- faults -----------------------------------------------------------------------------
    def disable(self, reason: str = "stopped by the simulator") -> None:
        """Stop the queue (cupsdisable): jobs wait, printer-state is stopped, reason paused."""
        _run(["cupsdisable", "-r", reason, self.queue])

    def enable(self) -> None:
        _run(["cupsenable", self.queue])

    def reject(self, reason: str = "rejecting jobs (simulator)") -> None:
        """Refuse new jobs (cupsreject)."""
        _run(["cupsreject", "-r", reason, self.queue])

    def accept(self) -> None:
        _run(["cupsaccept", self.queue])

    def set_media_empty(self) -> None:
        """Out of paper: the queue stops (so a job waits instead of coming out) and reports
        ``media-empty-error``, as a printer backend does with ``STATE: +media-empty-error``."""
        self.disable("Out of paper / 缺纸")
        self._set_reasons(["paused", "media-empty-error"])

    def clear_faults(self) -> None:
        """Paper loaded, queue enabled and accepting."""
        printer = self._client.printer(self.queue)
        if any(r != "paused" for r in printer.reasons):
            self._set_reasons(["none"])
        if printer.state is PrinterState.STOPPED:
            self.enable()
        if not printer.accepting:
            self.accept()

    def _set_reasons(self, reasons: list[str]) -> None:
        # Admin operation: authenticated by PeerCred on cupsd's domain socket.
        self._client.request(Op.CUPS_ADD_MODIFY_PRINTER, self.queue, [],
                             printer_attributes=[(Tag.KEYWORD, "printer-state-reasons",
                                                  reasons)],
                             auth=True, resource="/admin/")

    def _queue_exists(self) -> bool:
        try:
            self._client.printer(self.queue)
            return True
        except (CupsUnavailable, IppError):
            return False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _complete(path: Path) -> bool:
    """cups-pdf's Ghostscript writes the file in place: done once the trailer is there."""
    try:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in f.read()
    except OSError:
        return False


def _run(argv: list[str], env: dict[str, str] | None = None) -> str:
    """Run a CUPS tool (C locale: its messages are parsed and logged in English)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=_TOOL_TIMEOUT,
                              env={**os.environ, "LANG": "C", "LC_ALL": "C", **(env or {})})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"{argv[0]} failed: {exc}") from exc
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): "
                           f"{(done.stderr or done.stdout).strip()}")
    return done.stdout
