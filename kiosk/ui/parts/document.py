"""Certificates on A4 (the ``print`` flow) for QML as ``document``: printing -> printed.

- printing: as the flow arrives there (after the card), the hall makes the document and
  the A4 printer prints it, on a worker (:meth:`Terminal.print_document`: online only,
  half a minute); the screen shows ``title`` meanwhile.
- printed: ``outcome`` (``ok``, ``printer_error``...), and ``message`` saying what to
  take or what to do; ``taken`` goes on to the rating.

A result for a session that has ended meanwhile is dropped. The card lives in the core
session and goes with it; this part keeps nothing of the citizen.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Property, Signal, Slot

from .. import messages
from .base import Part, Screen

log = logging.getLogger(__name__)


class DocumentPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)
    _printed = Signal(object)       # (generation, outcome, pages), from a worker

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        # Bumped at every session end: a job's result carries the one it started in.
        self._generation = 0
        self._printed.connect(self._on_printed)

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
        generation, terminal = self._generation, self.terminal
        service, holder = self.session.service, self.session.holder

        def job():
            try:
                result = terminal.print_document(service, holder)
                self._printed.emit((generation, result.outcome, result.pages))
            except Exception:
                log.exception("printing a document failed")
                self._printed.emit((generation, "printer_error", None))

        self.submit(job)

    def _on_printed(self, result) -> None:
        generation, outcome, pages = result
        if generation == self._generation and self.screen == Screen.PRINTING:
            self.move(self.flow.document_done, outcome, pages)

    def clear(self) -> None:
        self._generation += 1
