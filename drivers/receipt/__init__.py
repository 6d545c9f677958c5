"""The receipt printer (ESC/POS): receipt model, codec, driver, simulator and renderer.

``from drivers.receipt import ReceiptPrinter, Receipt, Text, QR, Feed, Rule``. The
simulator (``drivers.receipt.sim``) and the CLI (``drivers.receipt.cli``) are imported
from their modules, so the driver alone needs neither OpenCV nor the renderer.
"""
from .document import QR, Feed, Receipt, Rule, Text
from .driver import ReceiptPrinter

__all__ = ["Feed", "QR", "Receipt", "ReceiptPrinter", "Rule", "Text"]
