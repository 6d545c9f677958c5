"""systemd's notify protocol and ``kiosk health``, from a real app process (issue 11).

The app runs offscreen (``kiosk run``) with ``NOTIFY_SOCKET`` naming a datagram socket this
test listens on, as systemd's would; ``WATCHDOG_USEC`` as WatchdogSec=2 would set it. No
simulators: the devices are ports that do not exist (a device down), the hall a port
nothing listens on (the hall away).
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from kiosk.core import health
from kiosk.core.sd_notify import Notifier

ROOT = Path(__file__).resolve().parents[1]
WATCHDOG_SEC = 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nid = "K-T1"\ndata_dir = "{tmp_path / "data"}"\n{extra}',
                    encoding="utf-8")
    return path


class NotifySocket:
    """The service manager's end: an abstract datagram socket (``@name``)."""

    def __init__(self) -> None:
        self.name = f"@kiosk-test-{uuid.uuid4().hex}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(b"\0" + self.name[1:].encode())
        self.received: list[tuple[float, dict[str, str]]] = []

    def receive(self, timeout: float) -> dict[str, str] | None:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except TimeoutError:
            return None
        fields = dict(line.split("=", 1) for line in data.decode("utf-8").splitlines())
        self.received.append((time.monotonic(), fields))
        return fields

    def wait_for(self, key: str, timeout: float) -> dict[str, str]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            fields = self.receive(left)
            if fields and key in fields:
                return fields
        raise AssertionError(f"no {key} within {timeout} s; got {self.received}")

    def close(self) -> None:
        self.sock.close()


def _start_app(config: Path, notify: NotifySocket | None = None) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    if notify is not None:
        env.update(NOTIFY_SOCKET=notify.name, WATCHDOG_USEC=str(int(WATCHDOG_SEC * 1e6)))
    return subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--config", str(config)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGCONT)
        proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stderr.close()


def _health(config: Path) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "health", "--json",
                           "--config", str(config)], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return done.returncode, json.loads(done.stdout)


def _wait_healthy_report(config: Path, timeout: float = 60) -> None:
    """Until the app wrote a report after READY (its first one may predate the poll)."""
    path = config.parent / "data" / health.HEALTH_FILE
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if json.loads(path.read_text(encoding="utf-8"))["ready"]:
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    raise AssertionError("the app never reported ready")


def test_ready_status_and_watchdog_arrive_and_stop_when_the_app_is_stopped(tmp_path):
    notify = NotifySocket()
    proc = _start_app(_config(tmp_path), notify)
    try:
        ready = notify.wait_for("READY", 60)
        assert ready["READY"] == "1" and ready["STATUS"] == "单机"
        # READY waits for the first frame, whose beat is the first WATCHDOG=1.
        keys = [f for _, f in notify.received]
        assert any("WATCHDOG" in f for f in keys[:keys.index(ready)]), keys
        notify.wait_for("WATCHDOG", WATCHDOG_SEC)
        notify.wait_for("WATCHDOG", WATCHDOG_SEC)

        os.kill(proc.pid, signal.SIGSTOP)
        while notify.receive(0.3) is not None:    # what was sent before the stop
            pass
        stopped_at = time.monotonic()
        late = notify.receive(WATCHDOG_SEC)
        assert late is None, f"{late} {time.monotonic() - stopped_at:.1f} s after SIGSTOP"

        os.kill(proc.pid, signal.SIGCONT)         # it was the stop: it comes back
        notify.wait_for("WATCHDOG", WATCHDOG_SEC * 2)
        proc.terminate()
        notify.wait_for("STOPPING", 30)
    finally:
        _stop(proc)
        notify.close()


def test_the_notifier_is_a_no_op_without_a_socket_and_survives_a_vanished_one(tmp_path):
    assert not Notifier({}).enabled and Notifier({}).ready("x") is False
    assert Notifier({"NOTIFY_SOCKET": "/x", "WATCHDOG_USEC": "30000000"}).watchdog_interval_s == 15
    assert Notifier({"WATCHDOG_USEC": "30000000"}).watchdog_interval_s is None
    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    n = Notifier({"NOTIFY_SOCKET": str(path)})
    assert n.status("在线\n· 待同步 3") and server.recv(100) == "STATUS=在线 · 待同步 3".encode()
    server.close()
    path.unlink()
    assert n.watchdog() is False          # logged once, no exception


def test_health_is_0_for_a_running_app_and_1_once_it_is_gone(tmp_path):
    config = _config(tmp_path)
    proc = _start_app(config)
    try:
        _wait_healthy_report(config)
        code, v = _health(config)
        assert code == 0 and v["healthy"], v
        assert v["outbox_depth"] == 0 and v["hall"] == "none" and v["ui_tick"]["age_s"] < 10
    finally:
        _stop(proc)
    code, v = _health(config)
    assert code == 1 and v["problems"] == ["app_not_running"]


def test_health_is_1_with_a_required_device_down(tmp_path):
    config = _config(tmp_path, '[devices.idcard]\ndriver = "idcard"\nrequired = true\n'
                               f'port = "{tmp_path / "no-such-tty"}"\n')
    notify = NotifySocket()
    proc = _start_app(config, notify)
    try:
        ready = notify.wait_for("READY", 60)
        assert ready["STATUS"].startswith("单机 · 身份证阅读器"), ready
        _wait_healthy_report(config)
        code, v = _health(config)
        assert code == 1 and v["problems"] == ["device_down:idcard"], v
        assert v["devices"]["idcard"]["state"] != "online"
    finally:
        _stop(proc)
        notify.close()


def test_health_is_1_with_the_hall_away(tmp_path):
    token = tmp_path / "token"
    token.write_text("t0ken", encoding="utf-8")
    config = _config(tmp_path, f'[hall]\nurl = "http://127.0.0.1:{_free_port()}"\n'
                               f'token_file = "{token}"\nconnect_timeout_s = 1\n')
    notify = NotifySocket()
    proc = _start_app(config, notify)
    try:
        deadline = time.monotonic() + 60
        while True:                      # READY, then the first failed round shows
            fields = notify.wait_for("STATUS", max(0.1, deadline - time.monotonic()))
            if fields["STATUS"].startswith("离线"):
                break
        code, v = _health(config)
        assert code == 1 and v["problems"] == ["hall_unreachable"], v
        assert v["hall"] == "down"
    finally:
        _stop(proc)
        notify.close()


def test_health_wait_gives_the_app_time_to_come_up(tmp_path):
    """kiosk-health.service at boot: `--wait` asks again until healthy, within its deadline."""
    config = _config(tmp_path)
    waiting = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "health", "--wait", "90",
                                "--config", str(config)], stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    time.sleep(3)                       # it has said "not running" at least once by now
    proc = _start_app(config)
    try:
        out, _ = waiting.communicate(timeout=120)
        assert waiting.returncode == 0, out
        assert out.startswith("HEALTHY")
    finally:
        _stop(proc)


def test_health_says_when_it_may_not_read_the_report(tmp_path):
    """Monitoring run as another user than the app's: a clear reason, not "not running"."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run the check as nobody")
    data = tmp_path / "data"
    data.mkdir()
    (data / health.HEALTH_FILE).write_text("{}")
    (data / health.HEALTH_FILE).chmod(0o600)
    tmp_path.chmod(0o755)
    data.chmod(0o755)
    code = ("from kiosk.core import health; from pathlib import Path; import sys; "
            f"print(health.verdict(Path('{data}'), 0)['problems'])")
    out = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                          sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    assert out.stdout.strip() == "['permission_denied']"


def test_kiosk_tech_restart_restarts_the_app_in_place_and_audits_it(tmp_path):
    """``kiosk tech restart`` (SIGHUP to the app's pid from its health file): the app
    closes down as on a stop, tells systemd RELOADING, execs itself again in the same
    process (under cage, cage's child stays) and is READY with a new start time."""
    from offline_cache import db, outbox

    config = _config(tmp_path)
    notify = NotifySocket()
    proc = _start_app(config, notify)
    try:
        notify.wait_for("READY", 60)
        _wait_healthy_report(config)
        report = config.parent / "data" / health.HEALTH_FILE
        before = json.loads(report.read_text(encoding="utf-8"))
        done = subprocess.run([sys.executable, "-m", "kiosk.cli", "tech", "restart", "--json",
                               "--config", str(config)], capture_output=True, text=True,
                              timeout=150, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert done.returncode == 0, done.stdout + done.stderr
        result = json.loads(done.stdout)
        assert result["restarted"] is True
        assert result["pid"] == before["pid"] == proc.pid and proc.poll() is None
        assert result["started_at"] > before["started_at"]

        reloading = notify.wait_for("RELOADING", 5)       # buffered while the CLI waited
        assert reloading["RELOADING"] == "1" and int(reloading["MONOTONIC_USEC"]) > 0
        notify.wait_for("READY", 30)                       # the new process's
        code, v = _health(config)
        assert code == 0 and v["healthy"], v

        with contextlib.closing(db.connect(config.parent / "data" / "kiosk.db")) as conn:
            audits = [r.payload for r in outbox.pending(conn, 100) if r.kind == "audit"]
        assert [(a["what"], a["detail"].get("how")) for a in audits
                if a["what"] == "restart_app"] == [("restart_app", "command")]
    finally:
        _stop(proc)
        notify.close()


def test_kiosk_tech_restart_says_when_no_app_runs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "tech", "restart",
                           "--config", str(_config(tmp_path))], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 1 and "应用未在运行" in done.stdout, done.stdout + done.stderr


def test_kiosk_tech_restart_never_signals_a_process_that_is_not_the_app(tmp_path):
    """A stale health file (the app gone, its pid reused by another program): nothing is
    signalled (SIGHUP would end that program), the technician is told no app runs."""
    config = _config(tmp_path)
    other = subprocess.Popen(["sleep", "60"])
    try:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / health.HEALTH_FILE).write_text(
            json.dumps({"pid": other.pid, "started_at": 1.0, "ready": True}), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "kiosk.cli", "tech", "restart",
                               "--config", str(config)], capture_output=True, text=True,
                              timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert done.returncode == 1 and "应用未在运行" in done.stdout, done.stdout + done.stderr
        time.sleep(0.3)
        assert other.poll() is None, "the other program was signalled"
    finally:
        other.kill()
        other.wait()
