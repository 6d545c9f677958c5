"""Certificates on A4 (the ``print`` flow) for QML as ``document``: printing -> printed.

- printing: as the flow arrives there (after the card), the hall makes the document and
  the A4 printer prints it, on a worker (:func:`kiosk.core.documents.print_document`: online only,
  half a minute); the screen shows ``title`` meanwhile. The session ending there
  (结束办理, a timeout) withdraws the job: nothing comes out for the next citizen.
- printed: ``outcome`` (``ok``, ``printer_error``...), and ``message`` saying what to
  take or what to do; ``taken`` goes on to the rating.

A result for a session that has ended meanwhile is dropped. The card lives in the core
session and goes with it (the worker gets it to name the holder, masked, on the page);
this part keeps nothing of the citizen.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core import documents

from .. import messages
from .base import Part, Screen


class DocumentPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._cancel: threading.Event | None = None     # the print job's, while one runs

    # -- what QML shows --------------------------------------------------------------------
    def _result(self) -> dict:
        return self.session.document or {}

    def _title(self) -> str:
        service = self.session.service
        return self.terminal.catalog.service(service).label(self.language) if service else ""

    outcome = Property(str, lambda self: self._result().get("outcome", ""), notify=updated)
    title = Property(str, _title, notify=updated)
    message = Property(str, lambda self: messages.document_text(
        self._result().get("outcome", ""), self._result().get("pages")), notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot()
    def taken(self) -> None:
        self.move(self.flow.document_taken)

    # -- jobs ------------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen == Screen.PRINTING:
            self._print()

    def _print(self) -> None:
        terminal = self.terminal
        service, holder, card = self.session.service, self.session.holder, self.session.card
        cancel = self._cancel = threading.Event()
        self.run(lambda: documents.print_document(terminal, service, holder, card, cancel),
                 self._on_printed, "printing a document")

    def clear(self) -> None:
        # The session ended (结束办理 while printing, a timeout): what is still printing
        # for it is withdrawn, not left to come out for the next citizen.
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def shutdown(self) -> None:
        self.clear()

    def _on_printed(self, result) -> None:
        if self.screen != Screen.PRINTING:
            return
        if isinstance(result, Exception):
            self.move(self.flow.document_done, "printer_error", None)
        else:
            self.move(self.flow.document_done, result.outcome, result.pages)
