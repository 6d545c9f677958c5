"""A simulated terminal: every device replaced by its simulator, speaking the real
protocol over the real transport — a pty for the ID card reader and the locker bus, TCP
for the ESC/POS printer, pcscd + vpcd for the social security card, a CUPS queue backed
by cups-pdf for the A4 printer, an image sequence for the camera.

Used by ``kiosk run --simulate``, ``kiosk demo`` and the end-to-end tests. The PC/SC and
CUPS simulators need the services ``make setup`` starts; when one is not there, that
device is left out (and said so in :attr:`Simulation.skipped`) rather than failing
the whole demo.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers import registry
from drivers.registry import KINDS

from .config import SHIPPED_CONFIG_DIR, DeviceConfig, HallConfig, KioskConfig

if TYPE_CHECKING:       # each imported when its kind is simulated (OpenCV, pyscard...)
    from drivers.camera.sim import CameraSimulator
    from drivers.docprinter.sim import DocPrinterSimulator
    from drivers.idcard.sim import IdCardSimulator
    from drivers.locker.sim import LockerSimulator
    from drivers.receipt.sim import ReceiptPrinterSimulator
    from drivers.sscard.sim import SsCardSimulator

log = logging.getLogger(__name__)


class Simulation:
    """Owns the simulators; ``start(config)`` returns the config wired to them. Each kind's
    simulator comes from its declaration (``simulate`` in drivers/<kind>/kind.py); the
    running ones are :attr:`simulators` by kind, and the usual ones are attributes too
    (``sim.idcard.insert(card)``, ``sim.printer`` for the receipt printer)."""

    def __init__(self, workdir: str | Path, *, kinds: tuple[str, ...] = KINDS,
                 card_present: bool = True, hall: bool = False) -> None:
        self.workdir = Path(workdir)
        self.kinds = kinds
        self.card_present = card_present
        self.with_hall = hall
        self.hall: LocalHall | None = None
        self.skipped: dict[str, str] = {}      # kind -> why it is not simulated
        self.simulators: dict[str, Any] = {}   # kind -> its running simulator

    def start(self, config: KioskConfig) -> KioskConfig:
        self.workdir.mkdir(parents=True, exist_ok=True)
        devices: list[DeviceConfig] = []
        for kind in self.kinds:
            real = next((d for d in config.devices if d.driver == kind), None)
            try:
                started = registry.kind(kind).simulate(self.workdir, self.card_present,
                                                      real.options if real else {})
            except Exception as exc:   # a missing service must not stop the other devices
                self.skipped[kind] = f"{type(exc).__name__}: {exc}"
                log.warning("simulated %s left out: %s", kind, exc)
                continue
            self.simulators[kind] = started.simulator
            devices.append(DeviceConfig(started.name, kind, started.required, started.options))
        config = config.with_devices(tuple(devices)).with_data_dir(self.workdir / "data")
        if self.with_hall:
            self.hall = LocalHall(self.workdir / "hall", config.kiosk_id, config.holder_salt)
            config = replace(config, hall=self.hall.start())
        return config

    def stop(self) -> None:
        if self.hall is not None:
            self.hall.stop()
        for sim in reversed(list(self.simulators.values())):
            sim.stop()

    # -- the simulators tests and the demo drive -----------------------------------------
    @property
    def idcard(self) -> IdCardSimulator | None:
        return self.simulators.get("idcard")

    @property
    def sscard(self) -> SsCardSimulator | None:
        return self.simulators.get("sscard")

    @property
    def camera(self) -> CameraSimulator | None:
        return self.simulators.get("camera")

    @property
    def printer(self) -> ReceiptPrinterSimulator | None:
        return self.simulators.get("receipt")

    @property
    def docprinter(self) -> DocPrinterSimulator | None:
        return self.simulators.get("docprinter")

    @property
    def locker(self) -> LockerSimulator | None:
        return self.simulators.get("locker")


def _private_file(path: Path, text: str) -> Path:
    """``text`` in ``path``, readable by this user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    path.chmod(0o600)        # an older file keeps its mode through O_CREAT
    return path


class LocalHall:
    """The reference hall as a separate process on loopback (``python -m hall serve``):
    the kiosk talks to it over HTTP only, as it would to the real one. Restartable on
    the same port with the same database, to show a terminal carrying on without it."""

    def __init__(self, workdir: Path, kiosk_id: str, holder_salt: str) -> None:
        self.workdir = workdir
        self.kiosk_id = kiosk_id
        self.holder_salt = holder_salt
        self.token = secrets.token_urlsafe(24)
        self.admin_token = secrets.token_urlsafe(24)   # the operator API (/admin/v1)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = workdir / "hall.log"       # its warnings and errors
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> HallConfig:
        self.workdir.mkdir(parents=True, exist_ok=True)
        token_file = _private_file(self.workdir / "kiosk.token", self.token)
        # The secrets go through a 0600 file and the environment, never argv: argv is
        # world-readable in /proc, and a random token starting with "-" would be taken
        # by argparse for an option (CI failed once on exactly that).
        tokens_file = _private_file(self.workdir / "hall.tokens",
                                    f"{self.kiosk_id}={self.token}\n")
        env = dict(os.environ, HALL_ADMIN_TOKEN=self.admin_token,
                   HALL_HOLDER_SALT=self.holder_salt)
        with self._log.open("ab") as log:     # the child keeps its own handle
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "hall", "serve", "--db", str(self.workdir / "hall.db"),
                 "--port", str(self.port), "--catalog", str(SHIPPED_CONFIG_DIR / "catalog.toml"),
                 "--tokens", str(tokens_file), "--demo-verifier", "--log-level", "warning"],
                stdout=subprocess.PIPE, stderr=log, text=True, env=env)
        assert self._proc.stdout is not None        # stdout=PIPE
        line = self._proc.stdout.readline()
        if not line.startswith("hall listening on"):
            self.stop()
            tail = self._log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
            raise RuntimeError(f"the local hall did not start: {line!r}; its log ({self._log}) "
                               f"ends: {' | '.join(tail)}")
        # The terminal checks the hall's signatures, as an installed one does.
        try:
            key_line = self.admin("GET", "/signing-key")["line"]
        except Exception:
            self.stop()
            raise
        signing_key = _private_file(self.workdir / "hall-signing.pub", key_line + "\n")
        # Short intervals so a demo shows the outbox draining within seconds.
        return HallConfig(url=self.url, token_file=token_file, signing_key=signing_key,
                          connect_timeout_s=1.0, read_timeout_s=5.0, interval_s=2.0,
                          block_size=20, refill_below=5)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def admin(self, method: str, path: str, body=None):
        """A call to the hall's operator API (``/admin/v1`` + ``path``), as hall staff or
        a test would make it: faults, settling payments, the tickets issued. Returns the
        JSON answer; raises for an error status."""
        import requests  # only when used: the kiosk's start-up does not need it
        r = requests.request(method, f"{self.url}/admin/v1{path}", json=body, timeout=10,
                             headers={"Authorization": f"Bearer {self.admin_token}"})
        r.raise_for_status()
        return r.json()

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
