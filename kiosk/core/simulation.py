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
from pathlib import Path

from .config import DeviceConfig, KioskConfig

log = logging.getLogger(__name__)

ALL_KINDS = ("idcard", "sscard", "camera", "receipt", "docprinter", "locker")
# vpcd's second virtual reader, so a standalone `kiosk sim sscard` (first reader) and a
# simulated terminal can run side by side.
SSCARD_PORT = 35964


class Simulation:
    """Owns the simulators; ``start(config)`` returns the config wired to them."""

    def __init__(self, workdir: str | Path, *, kinds: tuple[str, ...] = ALL_KINDS,
                 card_present: bool = True) -> None:
        self.workdir = Path(workdir)
        self.kinds = kinds
        self.card_present = card_present
        self.skipped: dict[str, str] = {}      # kind -> why it is not simulated
        self.idcard = self.sscard = self.camera = self.printer = None
        self.docprinter = self.locker = None

    def start(self, config: KioskConfig) -> KioskConfig:
        self.workdir.mkdir(parents=True, exist_ok=True)
        devices: list[DeviceConfig] = []
        for kind in self.kinds:
            try:
                devices.append(getattr(self, f"_start_{kind}")(config))
            except Exception as exc:   # a missing service must not stop the other devices
                self.skipped[kind] = f"{type(exc).__name__}: {exc}"
                log.warning("simulated %s left out: %s", kind, exc)
        return config.with_devices(tuple(devices)).with_data_dir(self.workdir / "data")

    def stop(self) -> None:
        for sim in (self.camera, self.sscard, self.docprinter, self.locker, self.printer,
                    self.idcard):
            if sim is not None:
                sim.stop()

    # -- one simulator each -------------------------------------------------------------
    def _start_idcard(self, config: KioskConfig) -> DeviceConfig:
        from drivers.idcard.sim import IdCardSimulator, sample_resident_card
        self.idcard = IdCardSimulator(link=self.workdir / "idcard")
        if self.card_present:
            self.idcard.insert(sample_resident_card())
        port = self.idcard.start()
        return DeviceConfig("idcard", "idcard", True, {"port": str(port), "baud": 115200})

    def _start_sscard(self, config: KioskConfig) -> DeviceConfig:
        from drivers.sscard.sim import SsCardSimulator
        self.sscard = SsCardSimulator(SSCARD_PORT)
        if self.card_present:
            self.sscard.start()
        return DeviceConfig("sscard", "sscard", False, {"reader": self.sscard.reader_name})

    def _start_camera(self, config: KioskConfig) -> DeviceConfig:
        from drivers.camera.sim import CameraSimulator
        self.camera = CameraSimulator(self.workdir / "camera", scene="face")
        return DeviceConfig("camera", "camera", False, {"source": self.camera.start()})

    def _start_receipt(self, config: KioskConfig) -> DeviceConfig:
        from drivers.receipt.sim import ReceiptPrinterSimulator
        real = config.device("receipt")
        encoding = str(real.options.get("encoding", "gb18030")) if real else "gb18030"
        self.printer = ReceiptPrinterSimulator(port=0, out_dir=self.workdir / "receipts",
                                               encoding=encoding)
        port = self.printer.start()
        return DeviceConfig("receipt", "receipt", True,
                            {"uri": f"tcp://127.0.0.1:{port}", "encoding": encoding,
                             "columns": 32})

    def _start_docprinter(self, config: KioskConfig) -> DeviceConfig:
        from drivers.docprinter.sim import DocPrinterSimulator
        self.docprinter = DocPrinterSimulator("PDF")
        return DeviceConfig("docprinter", "docprinter", False, {"queue": self.docprinter.start()})

    def _start_locker(self, config: KioskConfig) -> DeviceConfig:
        from drivers.locker.sim import BoardSpec, LockerSimulator
        self.locker = LockerSimulator(self.workdir / "locker",
                                      boards={1: BoardSpec(locks=24), 2: BoardSpec(locks=24)})
        port = self.locker.start()
        boards = [{"address": c.address, "locks": c.locks, "polarity": c.polarity.value,
                   "byte_order": c.byte_order.value} for c in self.locker.board_configs()]
        return DeviceConfig("lockers", "locker", False, {"port": str(port), "boards": boards})
