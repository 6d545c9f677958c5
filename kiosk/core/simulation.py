"""A simulated terminal: every configured device replaced by its simulator, speaking the
real protocol over the real transport (a pty for the ID card reader, TCP for ESC/POS).

Used by ``kiosk run --simulate``, ``kiosk demo`` and the end-to-end tests.
"""
from __future__ import annotations

from pathlib import Path

from drivers.idcard.sim import IdCardSimulator, sample_resident_card
from drivers.receipt.sim import ReceiptPrinterSimulator

from .config import DeviceConfig, KioskConfig


class Simulation:
    """Owns the simulators; ``start(config)`` returns the config wired to them."""

    def __init__(self, workdir: str | Path, *, card_present: bool = True) -> None:
        self.workdir = Path(workdir)
        self.idcard = IdCardSimulator(link=self.workdir / "idcard")
        if card_present:
            self.idcard.insert(sample_resident_card())
        self.printer = ReceiptPrinterSimulator(port=0, out_dir=self.workdir / "receipts")

    def start(self, config: KioskConfig) -> KioskConfig:
        self.workdir.mkdir(parents=True, exist_ok=True)
        port_path = self.idcard.start()
        printer_port = self.printer.start()
        encoding = "gb18030"
        receipt = config.device("receipt")
        if receipt is not None:
            encoding = str(receipt.options.get("encoding", encoding))
        devices = (
            DeviceConfig("idcard", "idcard", True, {"port": str(port_path), "baud": 115200}),
            DeviceConfig("receipt", "receipt", True,
                         {"uri": f"tcp://127.0.0.1:{printer_port}", "encoding": encoding,
                          "columns": 32}),
        )
        return config.with_devices(devices).with_data_dir(self.workdir / "data")

    def stop(self) -> None:
        self.printer.stop()
        self.idcard.stop()
