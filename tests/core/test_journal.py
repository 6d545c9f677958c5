"""The journald handler (kiosk/core/journal.py, issue 11 "Logs to journald"): the encoder
against the fixed bytes of the public protocol description, and the real ``kiosk``
command line in a subprocess whose stderr is "the journal stream" (``JOURNAL_STREAM``
names it) sending to a datagram socket bound here in journald's place: the identifier,
priorities, the device field, masked ID numbers, a message too big for a datagram, and
stderr when the socket is not there or goes away."""
from __future__ import annotations

import io
import json
import logging
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core import journal
from offline_cache import db, outbox

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "440106199001011234"
MASKED = "4401**********1234"


def decode(data: bytes) -> list[tuple[str, bytes]]:
    """The fields of one datagram (the protocol's two serializations)."""
    fields, at = [], 0
    while at < len(data):
        end = data.index(b"\n", at)
        line = data[at:end]
        if b"=" in line:
            key, _, value = line.partition(b"=")
            at = end + 1
        else:
            key = line
            (size,) = struct.unpack("<Q", data[end + 1:end + 9])
            value = data[end + 9:end + 9 + size]
            assert data[end + 9 + size:end + 10 + size] == b"\n"
            at = end + 10 + size
        fields.append((key.decode("ascii"), value))
    return fields


class Journald:
    """journald's end: a datagram socket bound in tmp_path, read on a thread (a full
    queue would make the sender fall back to stderr)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.1)
        self.datagrams: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                self.datagrams.append(self.sock.recv(16 * 1024 * 1024))
            except TimeoutError:
                continue
            except OSError:
                return

    def entries(self) -> list[dict[str, str]]:
        return [{k: v.decode("utf-8") for k, v in decode(d)} for d in list(self.datagrams)]

    def wait(self, count: int, timeout: float = 5.0) -> list[dict[str, str]]:
        deadline = time.monotonic() + timeout
        while len(self.datagrams) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.entries()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
        self.path.unlink(missing_ok=True)


@pytest.fixture
def journald(tmp_path):
    # Short: an AF_UNIX path holds 107 bytes, a pytest tmp_path may be long.
    d = Path(os.environ.get("TMPDIR", "/tmp"))
    got = Journald(d / f"kiosk-journal-{os.getpid()}-{time.monotonic_ns()}")
    yield got
    got.close()


def run_kiosk(args: list[str], socket_path: Path, *, journal_stream: bool = True,
              code: str | None = None) -> tuple[int, str]:
    """The ``kiosk`` CLI (or ``python -c code``) with its stderr on a pipe that
    JOURNAL_STREAM names, as systemd names the journal stream; returns (exit, stderr)."""
    read_end, write_end = os.pipe()
    st = os.fstat(write_end)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env[journal.SOCKET_ENV] = str(socket_path)
    env["JOURNAL_STREAM"] = f"{st.st_dev}:{st.st_ino}" if journal_stream else "1:1"
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "kiosk.cli", *args]
    try:
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=write_end)
    finally:
        os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8", errors="replace") as err:
        stderr = err.read()
    return proc.wait(60), stderr


def _missing_idcard(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nid = "K-T1"\ndata_dir = "{tmp_path / "data"}"\n'
                    '[devices.idcard]\ndriver = "idcard"\nrequired = true\n'
                    f'port = "{tmp_path / "no-such-tty"}"\n', encoding="utf-8")
    return path


# -- the encoder against the protocol's own bytes ------------------------------------------
def test_the_encoder_writes_the_protocols_example_datagram():
    # systemd.io/JOURNAL_NATIVE_PROTOCOL, "Example Datagram" (C escapes undone).
    spec = (b"PRIORITY=3\n" b"SYSLOG_FACILITY=3\n" b"CODE_FILE=src/foobar.c\n"
            b"CODE_LINE=77\n" b"BINARY_BLOB\n" b"\004\000\000\000\000\000\000\000xx\nx\n"
            b"CODE_FUNC=some_func\n" b"SYSLOG_IDENTIFIER=footool\n"
            b"MESSAGE=Something happened.\n")
    assert journal.encode([
        ("PRIORITY", "3"), ("SYSLOG_FACILITY", "3"), ("CODE_FILE", "src/foobar.c"),
        ("CODE_LINE", "77"), ("BINARY_BLOB", b"xx\nx"), ("CODE_FUNC", "some_func"),
        ("SYSLOG_IDENTIFIER", "footool"), ("MESSAGE", "Something happened.")]) == spec


def test_the_encoder_uses_the_first_method_unless_a_newline_forces_the_second():
    # The description's FOO/BAR: "F, O, O, =, B, A, R, \n"; and its binary form.
    assert journal.encode([("FOO", "BAR")]) == b"FOO=BAR\n"
    assert journal.encode([("FOO", "B\nR")]) == b"FOO\n\003\000\000\000\000\000\000\000B\nR\n"
    # Lengths are of the UTF-8 bytes, not of the characters.
    assert journal.encode([("MESSAGE", "打印机\n缺纸")]) == (
        b"MESSAGE\n" + struct.pack("<Q", 16) + "打印机\n缺纸".encode() + b"\n")


def test_priorities_are_syslogs():
    assert [journal.priority(level) for level in (logging.CRITICAL, logging.ERROR,
            logging.WARNING, logging.INFO, logging.DEBUG)] == [2, 3, 4, 6, 7]


# -- the command line under "the journal" -------------------------------------------------
def test_a_device_line_reaches_the_journal_with_its_fields(tmp_path, journald):
    code, stderr = run_kiosk(["diag", "list", "--config", str(_missing_idcard(tmp_path))],
                             journald.path)
    assert code == 1                      # the required reader is missing
    entries = journald.wait(1)
    device = [e for e in entries if e.get("KIOSK_DEVICE") == "idcard"]
    assert len(device) == 1, entries      # polled once: one line
    line = device[0]
    assert line["SYSLOG_IDENTIFIER"] == "kiosk"
    assert line["PRIORITY"] == "4"        # warning
    assert line["MESSAGE"].startswith("idcard: no_device: ")
    assert line["LOGGER"] == "drivers.idcard.driver"
    assert line["CODE_FILE"].endswith("drivers/base/device.py") and int(line["CODE_LINE"]) > 0
    assert line["CODE_FUNC"] == "_log_trouble"
    # The lines went to the journal, not also to stderr (which is the journal stream).
    assert "no_device" not in stderr


def test_no_full_id_number_reaches_the_socket(tmp_path, journald):
    code = ("import logging\n"
            "from kiosk.cli import setup_logging\n"
            "setup_logging()\n"
            f"log = logging.getLogger('kiosk.core.identify')\n"
            f"log.warning('card %s read', '{ID_NUMBER}', extra={{'kiosk_device': 'idcard',"
            f" 'kiosk_tx': 'row for {ID_NUMBER}'}})\n"
            "try:\n"
            f"    raise ValueError('bad holder {ID_NUMBER}')\n"
            "except ValueError:\n"
            "    log.exception('identification failed')\n")
    exit_code, stderr = run_kiosk([], journald.path, code=code)
    assert exit_code == 0, stderr
    entries = journald.wait(2)
    assert len(entries) == 2, (entries, stderr)
    first, second = entries
    assert first["MESSAGE"] == f"card {MASKED} read"
    assert first["KIOSK_DEVICE"] == "idcard" and first["KIOSK_TX"] == f"row for {MASKED}"
    # A traceback: a multi-line MESSAGE, sent in the binary form.
    assert second["MESSAGE"].startswith("identification failed\nTraceback")
    assert f"bad holder {MASKED}" in second["MESSAGE"] and second["PRIORITY"] == "3"
    for raw in journald.datagrams:
        assert ID_NUMBER.encode() not in raw


def test_without_the_socket_lines_stay_on_stderr(tmp_path):
    code, stderr = run_kiosk(["diag", "list", "--config", str(_missing_idcard(tmp_path))],
                             tmp_path / "no-journal")
    assert code == 1
    assert " WARNING drivers.idcard.driver: idcard: no_device: " in stderr


def test_a_redirected_stderr_keeps_its_lines(tmp_path, journald):
    # JOURNAL_STREAM names another stream than our stderr (a shell redirected it).
    code, stderr = run_kiosk(["diag", "list", "--config", str(_missing_idcard(tmp_path))],
                             journald.path, journal_stream=False)
    assert code == 1
    assert "idcard: no_device: " in stderr
    time.sleep(0.2)
    assert journald.datagrams == []


# -- the handler when the socket misbehaves ------------------------------------------------
def _logger(handler: logging.Handler) -> logging.Logger:
    log = logging.getLogger(f"test.journal.{time.monotonic_ns()}")
    log.propagate = False
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    return log


def test_a_socket_that_goes_away_sends_lines_to_stderr_until_it_is_back(tmp_path, journald):
    stream = io.StringIO()
    fallback = logging.StreamHandler(stream)
    fallback.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler = journal.JournalHandler(str(journald.path), fallback=fallback)
    log = _logger(handler)
    log.info("one")
    assert [e["MESSAGE"] for e in journald.wait(1)] == ["one"]
    journald.close()
    log.warning("two")
    log.warning("three")
    assert stream.getvalue().splitlines() == [
        f"kiosk: the journal socket {journald.path} failed (No such file or directory): "
        "lines go to stderr until it answers", "WARNING two", "WARNING three"]
    back = Journald(journald.path)
    try:
        log.info("four")
        assert [e["MESSAGE"] for e in back.wait(1)] == ["four"]
        assert stream.getvalue().splitlines()[-1] == \
            f"kiosk: the journal socket {journald.path} answers again"
    finally:
        back.close()
        handler.close()


def test_a_full_queue_sends_the_overflow_to_stderr_and_blocks_nothing(tmp_path):
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"kiosk-journal-full-{os.getpid()}"
    busy = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)   # bound, never read
    busy.bind(str(path))
    stream = io.StringIO()
    fallback = logging.StreamHandler(stream)
    fallback.setFormatter(logging.Formatter("%(message)s"))
    handler = journal.JournalHandler(str(path), fallback=fallback)
    try:
        queue = int(Path("/proc/sys/net/unix/max_dgram_qlen").read_text())
        log = _logger(handler)
        started = time.monotonic()
        for n in range(queue + 20):
            log.info("line %d", n)
        assert time.monotonic() - started < 2.0          # no send waited
        busy.setblocking(False)
        queued = []
        while True:
            try:
                queued.append(busy.recv(65536))
            except BlockingIOError:
                break
    finally:
        handler.close()
        busy.close()
        path.unlink(missing_ok=True)
    overflow = stream.getvalue().splitlines()
    assert overflow and "failed" not in stream.getvalue()      # no announcement
    assert len(queued) + len(overflow) == queue + 20           # every line somewhere


def test_a_message_too_big_for_a_datagram_is_cut_not_lost(journald):
    handler = journal.JournalHandler(str(journald.path))
    try:
        # Over twice the 8 MiB send buffer the handler asks for (the kernel doubles it):
        # EMSGSIZE whatever net.core.wmem_max allows.
        _logger(handler).error("big %s", "x" * 20_000_000, extra={"kiosk_tx": "t-1"})
        (entry,) = journald.wait(1)
    finally:
        handler.close()
    assert entry["MESSAGE"].startswith("big xxx")
    assert "… [cut: " in entry["MESSAGE"] and len(entry["MESSAGE"]) < 100_000
    assert entry["KIOSK_TX"] == "t-1" and entry["PRIORITY"] == "3"


def test_an_outbox_row_is_named_by_its_id(tmp_path, journald):
    handler = journal.JournalHandler(str(journald.path))
    log = logging.getLogger("offline_cache.outbox")
    log.addHandler(handler)
    old_level = log.level
    log.setLevel(logging.DEBUG)
    try:
        conn = db.connect(tmp_path / "kiosk.db")
        with db.transaction(conn):
            row_id = outbox.enqueue(conn, "rating", {"level": "good"},
                                    datetime.now(UTC))
        outbox.apply_results(conn, [{"id": row_id, "status": "rejected",
                                     "error": {"code": "bad_level", "message": "no"}}])
        entries = journald.wait(2)
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)
        handler.close()
    assert [(e["KIOSK_TX"], e["PRIORITY"], e["MESSAGE"]) for e in entries] == [
        (row_id, "7", f"outbox row {row_id} (rating) written"),
        (row_id, "4", f"outbox row {row_id} quarantined: bad_level")]


_JOURNALD = Path("/lib/systemd/systemd-journald")
_IN_A_NAMESPACE = """
set -e
mount -t tmpfs tmpfs /run
if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
"$JOURNALD" & journald=$!
trap 'kill $journald' EXIT
for i in $(seq 100); do [ -S /run/systemd/journal/socket ] && break; sleep 0.05; done
exec 3>&2 2>"$STDERR"
JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) "$PYTHON" -m kiosk.cli diag list \
    --config "$CONFIG" >/dev/null || true
exec 2>&3
journalctl --sync 2>/dev/null || sleep 0.5
journalctl --no-pager -o json -t kiosk KIOSK_DEVICE=idcard
"""


@pytest.mark.skipif(os.geteuid() != 0 or not _JOURNALD.exists() or not Path("/run").is_dir(),
                    reason="needs root and systemd-journald")
def test_a_real_journald_stores_the_fields(tmp_path):
    """systemd's own journald, in a mount namespace of its own (a tmpfs over /run, and
    over /var/log/journal if there is one: the machine's are not touched), stores what
    the real command line sent it with the fields."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), JOURNALD=str(_JOURNALD),
               PYTHON=sys.executable, CONFIG=str(_missing_idcard(tmp_path)),
               STDERR=str(tmp_path / "stderr"))
    env.pop(journal.SOCKET_ENV, None)
    try:
        out = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                              _IN_A_NAMESPACE], env=env, capture_output=True, text=True,
                             timeout=60)
    except FileNotFoundError:
        pytest.skip("no unshare")
    if out.returncode != 0 and "unshare" in out.stderr:
        pytest.skip(f"no mount namespace here: {out.stderr.strip()}")
    assert out.returncode == 0, out.stderr
    (entry,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert entry["SYSLOG_IDENTIFIER"] == "kiosk" and entry["PRIORITY"] == "4"
    assert entry["MESSAGE"].startswith("idcard: no_device: ")
    assert entry["LOGGER"] == "drivers.idcard.driver"
    assert "no_device" not in (tmp_path / "stderr").read_text()


def test_only_kiosk_attributes_journald_can_name_become_fields(journald):
    handler = journal.JournalHandler(str(journald.path))
    try:
        _logger(handler).info("fields", extra={"kiosk_door": 7, "kiosk_门": "x",
                                               "kiosk_device": None, "other": "y"})
        (entry,) = journald.wait(1)
    finally:
        handler.close()
    assert entry["KIOSK_DOOR"] == "7"
    assert not {"KIOSK_门", "KIOSK_DEVICE", "OTHER"} & set(entry)
