"""A small CUPS client: IPP requests over HTTP to cupsd (its domain socket or TCP 631).

Why not ``lp``/``lpstat``: lpstat prints no job state, and CUPS 2.4 gives completed and
cancelled jobs the same job-state-reasons ("processing-to-stop-point", checked on
Debian 12), so a finished job cannot be told from a cancelled one, and the page count
(job-impressions-completed) is not shown at all. The same requests over IPP answer both.
pycups would too, but needs libcups2-dev to build; this needs nothing outside the
standard library.

Contract: every call opens a fresh connection (cupsd may restart between two calls),
ends within ``timeout`` seconds of wall-clock time (not only between bytes), and raises
- :class:`CupsUnavailable` when cupsd does not answer (not running, socket gone, hung,
  not speaking IPP);
- :class:`IppError` with the IPP status code when cupsd refused the request (e.g.
  ``Status.NOT_FOUND`` for an unknown queue, ``Status.NOT_ACCEPTING_JOBS``).
"""
from __future__ import annotations

import contextlib
import enum
import http.client
import itertools
import os
import pwd
import socket
import threading
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from . import ipp
from .ipp import Op, Status, Tag

#: Where Debian's cupsd listens (cupsd.conf ``Listen /run/cups/cups.sock``).
DOMAIN_SOCKET = "/run/cups/cups.sock"

PRINTER_ATTRIBUTES = ("printer-name", "printer-state", "printer-state-reasons",
                      "printer-state-message", "printer-is-accepting-jobs",
                      "printer-make-and-model", "printer-info", "queued-job-count")
JOB_ATTRIBUTES = ("job-id", "job-name", "job-state", "job-state-reasons",
                  "job-printer-state-message", "job-impressions-completed")


class CupsUnavailable(Exception):
    """cupsd did not answer (or not with IPP)."""


class IppError(Exception):
    """cupsd answered the request with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{message or 'IPP error'} (status 0x{status:04x})")
        self.status = status
        self.message = message


class PrinterState(enum.IntEnum):
    """printer-state (RFC 8011 §5.4.11)."""

    IDLE = 3
    PROCESSING = 4
    STOPPED = 5


class JobState(enum.IntEnum):
    """job-state (RFC 8011 §5.3.7)."""

    PENDING = 3
    HELD = 4          # pending-held
    PROCESSING = 5
    STOPPED = 6       # processing-stopped
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def finished(self) -> bool:
        return self >= JobState.CANCELED


@dataclass(frozen=True)
class PrinterInfo:
    """What cupsd says about a queue."""

    name: str
    state: PrinterState
    reasons: tuple[str, ...]
    accepting: bool
    message: str = ""
    make_and_model: str = ""
    description: str = ""
    queued_jobs: int = 0


@dataclass(frozen=True)
class JobInfo:
    """What cupsd says about a job. ``pages`` is job-impressions-completed (None when
    cupsd does not count them)."""

    id: int
    state: JobState
    reasons: tuple[str, ...]
    message: str = ""
    pages: int | None = None
    name: str = ""


def default_server() -> str:
    """The server libcups would use: $CUPS_SERVER, else the domain socket when it exists,
    else localhost:631."""
    env = os.environ.get("CUPS_SERVER", "").split("/version=")[0]
    if env:
        return env
    return DOMAIN_SOCKET if os.path.exists(DOMAIN_SOCKET) else "localhost:631"


class CupsClient:
    """IPP requests to the cupsd at ``server`` (a socket path or ``host[:port]``; None:
    :func:`default_server`, looked up at each request)."""

    def __init__(self, server: str | None = None, *, timeout: float = 5.0,
                 user: str | None = None) -> None:
        self.server = server
        self.timeout = timeout
        # The login name of our uid, not $USER: cupsd checks PeerCred names against the uid.
        self.user = user or pwd.getpwuid(os.getuid()).pw_name
        self._ids = itertools.count(1)

    # -- queries ------------------------------------------------------------------------------
    def printer(self, queue: str) -> PrinterInfo:
        """Get-Printer-Attributes of ``queue`` (IppError NOT_FOUND when it does not exist)."""
        reply = self.request(Op.GET_PRINTER_ATTRIBUTES, queue, [
            (Tag.KEYWORD, "requested-attributes", list(PRINTER_ATTRIBUTES))])
        return parse_printer(reply.group(Tag.PRINTER) or ipp.Group(Tag.PRINTER, ()), queue)

    def job(self, queue: str, job_id: int) -> JobInfo:
        """Get-Job-Attributes (IppError NOT_FOUND once cupsd forgot the job)."""
        reply = self.request(Op.GET_JOB_ATTRIBUTES, queue, [
            (Tag.INTEGER, "job-id", job_id),
            (Tag.KEYWORD, "requested-attributes", list(JOB_ATTRIBUTES))])
        return parse_job(reply.group(Tag.JOB) or ipp.Group(Tag.JOB, ()), job_id)

    # -- jobs ---------------------------------------------------------------------------------
    def print_job(self, queue: str, document: bytes, *, title: str, copies: int = 1,
                  options: dict[str, str | int | bool] | None = None,
                  document_format: str = "application/pdf") -> JobInfo:
        """Print-Job: submit ``document``; returns the new job (id and first state).

        ``options`` are job template attributes: a str is sent as a keyword, an int as an
        integer, a bool as a boolean (e.g. ``{"media": "iso_a4_210x297mm",
        "sides": "two-sided-long-edge"}``)."""
        operation: list[ipp.AttrSpec] = [(Tag.NAME, "job-name", title),
                                         (Tag.MIME_TYPE, "document-format", document_format)]
        job: list[ipp.AttrSpec] = [(Tag.INTEGER, "copies", copies)]
        for name, value in (options or {}).items():
            job.append((_tag_for(value), name, value))
        reply = self.request(Op.PRINT_JOB, queue, operation, job_attributes=job,
                             data=document)
        attrs = reply.group(Tag.JOB)
        if attrs is None or "job-id" not in attrs:
            raise CupsUnavailable("cupsd accepted the job but sent no job-id")
        return parse_job(attrs, attrs.get("job-id"))

    def cancel_job(self, queue: str, job_id: int) -> None:
        """Cancel-Job as the job's owner (over the domain socket with PeerCred, which
        cupsd requires for it; over TCP the requesting-user-name is all it gets)."""
        self.request(Op.CANCEL_JOB, queue, [(Tag.INTEGER, "job-id", job_id)], auth=True)

    # -- the wire -----------------------------------------------------------------------------
    def request(self, op: int, queue: str | None, operation: list[ipp.AttrSpec], *,
                job_attributes: list[ipp.AttrSpec] | None = None,
                printer_attributes: list[ipp.AttrSpec] | None = None,
                data: bytes = b"", auth: bool = False,
                resource: str | None = None) -> ipp.Message:
        """Send one request about ``queue`` and return the decoded reply.

        ``auth`` adds ``Authorization: PeerCred <user>``: on the domain socket cupsd
        checks that name against the caller's uid (scheduler/auth.c), which is how local
        clients authenticate without a password."""
        path = f"/printers/{quote(queue, safe='')}" if queue else "/"
        head: list[ipp.AttrSpec] = [(Tag.CHARSET, "attributes-charset", "utf-8"),
                                    (Tag.LANGUAGE, "attributes-natural-language", "en")]
        if queue:
            head.append((Tag.URI, "printer-uri", f"ipp://localhost{path}"))
        head.append((Tag.NAME, "requesting-user-name", self.user))
        groups: list[tuple[int, list[ipp.AttrSpec]]] = [(Tag.OPERATION, head + operation)]
        if job_attributes:
            groups.append((Tag.JOB, job_attributes))
        if printer_attributes:
            groups.append((Tag.PRINTER, printer_attributes))
        body = ipp.encode(op, next(self._ids), groups, data)
        reply = self._post(resource or path, body, auth)
        if reply.code > Status.OK_CONFLICTING:
            ops = reply.group(Tag.OPERATION)
            raise IppError(reply.code, ops.get("status-message", "") if ops else "")
        return reply

    def _post(self, resource: str, body: bytes, auth: bool) -> ipp.Message:
        server = self.server or default_server()
        headers = {"Content-Type": "application/ipp"}
        if auth and server.startswith("/"):
            headers["Authorization"] = f"PeerCred {self.user}"
        conn = _connection(server, self.timeout)
        # The socket timeout bounds each wait between bytes; a cupsd that trickles its
        # answer would hold the request for ever. At the deadline the socket is shut down,
        # which ends whatever call is blocked on it.
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            if conn.sock is not None:
                with contextlib.suppress(OSError):
                    conn.sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.timeout, expire)
        timer.daemon = True
        timer.start()
        try:
            conn.request("POST", resource, body, headers)
            response = conn.getresponse()
            payload = response.read()
            if expired.is_set():          # shut down mid-body: the payload is truncated
                raise TimeoutError(f"no complete answer within {self.timeout:g} s")
        except (OSError, http.client.HTTPException) as exc:
            reason = (f"no complete answer within {self.timeout:g} s" if expired.is_set()
                      else exc or type(exc).__name__)
            raise CupsUnavailable(f"cupsd at {server} does not answer: {reason}") from exc
        finally:
            timer.cancel()
            conn.close()
        if response.status in (401, 403):
            raise IppError(Status.NOT_AUTHORIZED, f"cupsd refused {self.user}: HTTP "
                           f"{response.status} {response.reason}")
        if response.status != 200:
            raise CupsUnavailable(f"cupsd at {server} answered HTTP {response.status} "
                                  f"{response.reason}")
        try:
            return ipp.decode(payload)
        except ipp.IppDecodeError as exc:
            raise CupsUnavailable(f"cupsd at {server} sent a malformed IPP reply: "
                                  f"{exc}") from exc


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix domain socket (cupsd's local socket)."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self._path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def _connection(server: str, timeout: float) -> http.client.HTTPConnection:
    if server.startswith("/"):
        return _UnixHTTPConnection(server, timeout)
    address = urlsplit(f"//{server}")  # host, host:port, [v6]:port
    return http.client.HTTPConnection(address.hostname or "localhost", address.port or 631,
                                      timeout=timeout)


def _tag_for(value: str | int | bool) -> int:
    if isinstance(value, bool):
        return Tag.BOOLEAN
    if isinstance(value, int):
        return Tag.INTEGER
    return Tag.KEYWORD


def _keywords(values: tuple) -> tuple[str, ...]:
    """String values only, and none of IPP's placeholder 'none'."""
    return tuple(v for v in values if isinstance(v, str) and v != "none")


def parse_printer(attrs: ipp.Group, queue: str) -> PrinterInfo:
    """A printer attributes group as :class:`PrinterInfo` (absent attributes: defaults).
    Raises CupsUnavailable for a value no cupsd sends (an out-of-range state)."""
    return PrinterInfo(
        name=_text(attrs, "printer-name", queue),
        state=_enum(PrinterState, attrs, "printer-state", PrinterState.IDLE),
        reasons=_keywords(attrs.values("printer-state-reasons")),
        accepting=bool(attrs.get("printer-is-accepting-jobs", True)),
        message=_text(attrs, "printer-state-message"),
        make_and_model=_text(attrs, "printer-make-and-model"),
        description=_text(attrs, "printer-info"),
        queued_jobs=_int(attrs, "queued-job-count", 0),
    )


def parse_job(attrs: ipp.Group, job_id: int) -> JobInfo:
    """A job attributes group as :class:`JobInfo`; raises CupsUnavailable as above."""
    pages = attrs.get("job-impressions-completed")
    return JobInfo(
        id=_int(attrs, "job-id", job_id),
        state=_enum(JobState, attrs, "job-state", JobState.PENDING),
        reasons=_keywords(attrs.values("job-state-reasons")),
        message=_text(attrs, "job-printer-state-message"),
        pages=pages if isinstance(pages, int) and not isinstance(pages, bool) else None,
        name=_text(attrs, "job-name"),
    )


def _text(attrs: ipp.Group, name: str, default: str = "") -> str:
    value = attrs.get(name)
    return value if isinstance(value, str) and value else default


def _int(attrs: ipp.Group, name: str, default: int) -> int:
    value = attrs.get(name, default)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _enum(cls: type[enum.IntEnum], attrs: ipp.Group, name: str, default: enum.IntEnum):
    value = attrs.get(name, default)
    try:
        return cls(value)
    except ValueError:
        raise CupsUnavailable(f"the server sent {name} {value!r}, which is no IPP"
                              f" {cls.__name__}: is it a CUPS server?") from None
