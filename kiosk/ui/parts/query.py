"""Queries (the ``query`` flow: 参保缴费记录...) for QML as ``query``: querying -> results.

- querying: as the flow arrives there (after the card), the hall's rows are fetched on a
  worker (:func:`kiosk.core.querying.run`: online only).
- results: ``results`` is the table a page at a time (the catalog's columns; fewer,
  larger rows in elder mode: :data:`PAGE_ROWS`, :data:`ELDER_PAGE_ROWS`), ``turnPage``
  moves through it; ``print`` puts the rows on the receipt printer on a worker, and
  ``results.printStatus`` says how that went; ``done`` goes on to the rating.

The rows are personal data, shown to their owner only: they live in the core session and
go with it (:meth:`KioskController.personal_data` reports them until then). A result for
a session that has ended meanwhile is dropped.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core import queries, querying

from .. import messages
from .base import Part, Screen, print_outcome

log = logging.getLogger(__name__)

# Rows a page: what fits above the page and print buttons (fewer, larger in elder mode).
PAGE_ROWS = 6
ELDER_PAGE_ROWS = 4

_NONE = {"ok": False, "columns": [], "rows": [], "page": 0, "pages": 0, "total": 0,
         "printStatus": ""}


class QueryPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._page = 0
        self._print = ""            # "", printing, or a print outcome (print_outcome)

    # -- what QML shows --------------------------------------------------------------------
    def _results(self) -> dict[str, Any]:
        s = self.session
        if self.screen != Screen.RESULTS or s.service is None or s.results is None:
            return dict(_NONE)
        columns, rows = queries.table(self.terminal.catalog.service(s.service), s.results,
                                      self.language)
        per_page = ELDER_PAGE_ROWS if self.flow.elder_mode else PAGE_ROWS
        pages = max(1, -(-len(rows) // per_page))
        page = min(self._page, pages - 1)
        return {"ok": True, "columns": columns, "total": len(rows), "page": page,
                "pages": pages,
                "rows": rows[page * per_page:(page + 1) * per_page],
                "printStatus": messages.guide_print_text(self._print)}

    results = Property("QVariantMap", _results, notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot(int)
    def turnPage(self, delta: int) -> None:
        self._page = max(0, self._page + delta)
        self.notify()

    @Slot()
    def print(self) -> None:
        s = self.session
        if self.screen != Screen.RESULTS or not s.results or self._print == "printing":
            return
        terminal = self.terminal
        service, rows, language = s.service, list(s.results), self.language
        self._print = "printing"
        self.run(lambda: querying.print_rows(terminal, service, rows, language), self._on_printed,
                 "printing query results")
        self.notify()

    @Slot()
    def done(self) -> None:
        self.move(self.flow.results_done)

    # -- jobs ------------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen == Screen.QUERYING:
            self._ask()

    def _ask(self) -> None:
        terminal = self.terminal
        service, holder = self.session.service, self.session.holder
        self.run(lambda: querying.run(terminal, service, holder).rows, self._on_answered,
                 f"query {service}")

    def _on_answered(self, rows) -> None:
        if self.screen != Screen.QUERYING:
            return
        self._page, self._print = 0, ""
        # None: the hall could not answer (a raised error counts the same).
        self.move(self.flow.query_done, None if isinstance(rows, Exception) else rows)

    def _on_printed(self, result) -> None:
        if self.screen == Screen.RESULTS:
            self._print = print_outcome(result)
            self.notify()

    def clear(self) -> None:
        self._page, self._print = 0, ""
