"""Log records to journald with fields, by its native protocol spoken directly
(https://systemd.io/JOURNAL_NATIVE_PROTOCOL/; no libsystemd, no dependency).

Each record is one datagram on the ``AF_UNIX``/``SOCK_DGRAM`` socket
``/run/systemd/journal/socket`` (``KIOSK_JOURNAL_SOCKET`` names another, for tests) of
``KEY=value\\n`` fields; a value holding a newline (a traceback) is written ``KEY\\n``, its
length as a 64-bit little-endian integer, the value, ``\\n``. The fields: ``MESSAGE``
(with the traceback), ``PRIORITY`` (syslog's level, :func:`priority`),
``SYSLOG_IDENTIFIER=kiosk``, ``CODE_FILE``/``CODE_LINE``/``CODE_FUNC``, ``LOGGER``,
``THREAD_NAME``, and one field per ``kiosk_*`` attribute of the record, upper-cased: a
line about a device carries ``KIOSK_DEVICE`` (``extra=device.log_extra``,
:data:`drivers.base.device.DEVICE_FIELD`), one about an outbox row ``KIOSK_TX`` (the row's
id, :data:`offline_cache.outbox.TX_FIELD`). Every value passes the ID-number mask
(:func:`kiosk.core.privacy.mask_id_number`) here, fields included, whatever else masked
the record before.

When: :func:`install` (the ``kiosk`` command line, at start) switches to it only when the
process's stderr is the journal stream systemd gave the service: ``JOURNAL_STREAM`` is
that stream's ``device:inode`` and must be stderr's (the protocol's own advice; a
redirected stderr keeps its lines), and the socket must exist. Under cage the app is the
compositor's child and inherits both. Otherwise the stderr format stays.

Never stops the app: sending never blocks and never raises. A record too big for one
datagram (``EMSGSIZE``) goes with its message cut (the protocol's memfd fallback for
large entries is not implemented); a socket that is missing or refuses sends the record
to stderr instead (the handler the journal handler replaced), said once there, and the
socket is tried again with the next record; one that is only full (``EAGAIN``: journald
busy) sends that record to stderr, unannounced.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import socket
import struct
import sys
from collections.abc import Iterable, Mapping

from .privacy import mask_id_number

SOCKET = "/run/systemd/journal/socket"
SOCKET_ENV = "KIOSK_JOURNAL_SOCKET"
IDENTIFIER = "kiosk"
#: A record attribute with this prefix is a journal field of its own (``kiosk_tx`` ->
#: ``KIOSK_TX``).
FIELD_PREFIX = "kiosk_"
# Asked of the kernel for our socket (it caps it at net.core.wmem_max): a burst of lines
# waits in the buffer rather than falling back to stderr (the protocol advises it).
_SEND_BUFFER = 8 * 1024 * 1024
# A message cut to fit keeps at most this much, then half of that, and so on.
_CUT_TO = 64 * 1024
_CUT_MARK = "\n… [cut: {} bytes more]"
_BUSY = (errno.EAGAIN, errno.ENOBUFS)
# What journald takes for a field name: A-Z, 0-9 and _ (upper-cased from this).
_FIELD = re.compile(re.escape(FIELD_PREFIX) + r"[a-z0-9_]+", re.ASCII)

Fields = list[tuple[str, str]]


def encode(fields: Iterable[tuple[str, str | bytes]]) -> bytes:
    """The datagram of ``fields`` (name, value) in the protocol's serialization: ``KEY=value``
    lines, and the binary form for a value holding a newline."""
    out = bytearray()
    for key, value in fields:
        data = value.encode("utf-8", "replace") if isinstance(value, str) else value
        name = key.encode("ascii")
        if b"\n" in data:
            out += name + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
        else:
            out += name + b"=" + data + b"\n"
    return bytes(out)


def priority(levelno: int) -> int:
    """syslog's priority for a logging level: 2 crit, 3 err, 4 warning, 6 info, 7 debug
    (``NOTICE``, 5, has no logging level)."""
    if levelno >= logging.CRITICAL:
        return 2
    if levelno >= logging.ERROR:
        return 3
    if levelno >= logging.WARNING:
        return 4
    if levelno >= logging.INFO:
        return 6
    return 7


def record_fields(record: logging.LogRecord, message: str) -> Fields:
    """The journal fields of ``record`` whose formatted text is ``message``, masked."""
    fields = [("MESSAGE", message), ("PRIORITY", str(priority(record.levelno))),
              ("SYSLOG_IDENTIFIER", IDENTIFIER), ("CODE_FILE", record.pathname),
              ("CODE_LINE", str(record.lineno)), ("CODE_FUNC", record.funcName),
              ("LOGGER", record.name), ("THREAD_NAME", str(record.threadName))]
    for attr, value in vars(record).items():
        if _FIELD.fullmatch(attr) and value is not None:
            fields.append((attr.upper(), str(value)))
    return [(key, mask_id_number(value)) for key, value in fields]


def stderr_is_journal(environ: Mapping[str, str], fd: int = 2) -> bool:
    """Whether ``fd`` is the journal stream systemd connected (``JOURNAL_STREAM``)."""
    try:
        device, inode = (int(n) for n in environ.get("JOURNAL_STREAM", "").split(":"))
        st = os.fstat(fd)
    except (ValueError, OSError):
        return False
    return (st.st_dev, st.st_ino) == (device, inode)


class JournalHandler(logging.Handler):
    """Sends each record to journald at ``address``; ``fallback`` (a stderr handler) takes
    the records the socket does not (see the module doc)."""

    def __init__(self, address: str = SOCKET, fallback: logging.Handler | None = None,
                 level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.address = address
        self.fallback = fallback if fallback is not None else logging.StreamHandler(sys.stderr)
        self._failing = False      # the socket failed and has not worked since
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._sock.setblocking(False)
        with contextlib.suppress(OSError):
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SEND_BUFFER)
        # The message alone: the journal keeps the time, the level and the logger itself.
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
            fields = record_fields(record, message)
            self._send(fields)
        except OSError as err:
            self._fall_back(record, err)
        except Exception:
            self.handleError(record)
        else:
            if self._failing:
                self._failing = False
                self._note(f"kiosk: the journal socket {self.address} answers again")

    def _send(self, fields: Fields) -> None:
        data = encode(fields)
        cut_to = _CUT_TO
        while True:
            try:
                self._sock.sendto(data, self.address)
                return
            except OSError as err:
                if err.errno != errno.EMSGSIZE or cut_to < 256:
                    raise
            data = encode(_cut(fields, cut_to))
            cut_to //= 2

    def _fall_back(self, record: logging.LogRecord, err: OSError) -> None:
        # A full queue (journald busy, a burst of lines) passes: that line only goes to
        # stderr, unannounced. A socket that is gone or refuses is said once.
        if err.errno not in _BUSY and not self._failing:
            self._note(f"kiosk: the journal socket {self.address} failed "
                       f"({err.strerror or err}): lines go to stderr until it answers")
            self._failing = True
        self.fallback.handle(record)

    def _note(self, text: str) -> None:
        stream = getattr(self.fallback, "stream", sys.stderr)
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):   # stderr closed too: nothing left to tell
            pass

    def close(self) -> None:
        self._sock.close()
        self.fallback.close()
        super().close()


def _cut(fields: Fields, keep: int) -> Fields:
    out = []
    for key, value in fields:
        data = value.encode("utf-8")
        if key == "MESSAGE" and len(data) > keep:
            value = data[:keep].decode("utf-8", "ignore") + _CUT_MARK.format(len(data) - keep)
        out.append((key, value))
    return out


def install(environ: Mapping[str, str] | None = None) -> JournalHandler | None:
    """Under systemd's journal (see the module doc), put a :class:`JournalHandler` on the
    root logger in place of its stderr handler (kept as the fallback, with its level and
    format); returns it, or None when logging stays as it is. Call once, after
    ``logging.basicConfig``."""
    env = os.environ if environ is None else environ
    address = env.get(SOCKET_ENV) or SOCKET
    if not stderr_is_journal(env) or not os.path.exists(address):
        return None
    root = logging.getLogger()
    stderr = next((h for h in root.handlers if type(h) is logging.StreamHandler
                   and getattr(h, "stream", None) is sys.stderr), None)
    handler = JournalHandler(address, fallback=stderr)
    if stderr is not None:
        handler.setLevel(stderr.level)
        root.removeHandler(stderr)
    root.addHandler(handler)
    return handler
