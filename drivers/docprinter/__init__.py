"""The A4 document printer through CUPS: IPP codec, CUPS client, driver, simulator, CLI.

``from drivers.docprinter import DocPrinter, JobResult, JobError``. The simulator
(``drivers.docprinter.sim``: a real cups-pdf queue), the test page
(``drivers.docprinter.testpage``, needs Pillow) and the CLI (``drivers.docprinter.cli``)
are imported from their modules.
"""
from .driver import DocPrinter, JobError, JobResult

__all__ = ["DocPrinter", "JobError", "JobResult"]
