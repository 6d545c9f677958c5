"""办事指南 (the ``guide`` flow) for QML as ``guides``: the guides browser, then one guide.

- guides: a ``tab`` (theme, life_event, department: their ``facets``, one chosen as
  ``facet``; or search), the guides found (``results``). Searching is by pinyin initials
  typed on the A-Z pad (``key``) into ``query``, or by one of the common ``keywords``
  (there is no Chinese input method).
- guide_detail: ``detail`` (materials, time limit, fees, where; ``printStatus``);
  ``print`` puts the guide on the receipt printer on a worker; ``done`` goes on to the
  rating.

The guides are in memory once loaded (:attr:`Terminal.guides_ready`): browsing and
searching them is cheap enough for the GUI thread. The browser's state is not personal;
it is forgotten at session end so the next citizen starts afresh.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from .. import messages
from .base import Part, Screen, print_outcome

TABS = ("theme", "life_event", "department", "search")
QUERY_LETTERS = 12      # the longest search typed on the pad
SHOWN = 12              # the most guides found, and common keywords, on screen


class GuidesPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._tab = "theme"
        self._facet = ""
        self._query = ""
        self._print = ""            # "", printing, or a print outcome (print_outcome)

    # -- what QML shows --------------------------------------------------------------------
    def _ready(self) -> bool:
        return self.terminal.guides_ready

    def _facets(self) -> list[dict[str, Any]]:
        if self._tab == "search" or not self._ready():
            return []
        return [{"code": f.code, "label": f.label, "count": f.count}
                for f in self.terminal.guides.facets(self._tab, self.language)]

    def _results(self) -> list[dict[str, Any]]:
        if not self._ready():
            return []
        guides = self.terminal.guides
        if self._tab == "search":
            if not self._query:
                return []
            return [{"code": h.code, "name": h.name, "detail": h.matched}
                    for h in guides.search(self._query, self.language, limit=SHOWN)]
        if not self._facet:
            return []
        return [{"code": v.code, "name": v.name, "detail": v.department}
                for v in guides.browse(self._tab, self._facet, self.language)]

    def _keywords(self) -> list[str]:
        if not self._ready():
            return []
        seen: list[str] = []
        for g in self.terminal.guides.guides:
            if g.keywords and g.keywords[0] not in seen:
                seen.append(g.keywords[0])
        return seen[:SHOWN]

    def _detail(self) -> dict[str, Any]:
        code = self.session.guide
        if not code or not self._ready():
            return {}
        v = self.terminal.guides.view(code, self.language)
        return {"code": v.code, "name": v.name, "materials": list(v.materials),
                "timeLimit": v.time_limit, "fees": v.fees, "where": v.where,
                "department": v.department,
                "printStatus": messages.guide_print_text(self._print)}

    tab = Property(str, lambda self: self._tab, notify=updated)
    facet = Property(str, lambda self: self._facet, notify=updated)
    query = Property(str, lambda self: self._query, notify=updated)
    facets = Property("QVariantList", _facets, notify=updated)
    results = Property("QVariantList", _results, notify=updated)
    keywords = Property("QVariantList", _keywords, notify=updated)
    detail = Property("QVariantMap", _detail, notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot(str)
    def setTab(self, tab: str) -> None:
        if tab in TABS:
            self._tab, self._facet = tab, ""
            self.notify()

    @Slot(str)
    def chooseFacet(self, code: str) -> None:
        self._facet = code
        self.notify()

    @Slot(str)
    def key(self, key: str) -> None:
        """A key of the A-Z pad (pinyin initials), ``del`` or ``clear``."""
        if key == "del":
            self._query = self._query[:-1]
        elif key == "clear":
            self._query = ""
        elif len(self._query) < QUERY_LETTERS:
            self._query += key
        self._tab = "search"
        self.notify()

    @Slot(str)
    def searchKeyword(self, word: str) -> None:
        self._query, self._tab = word, "search"
        self.notify()

    @Slot(str)
    def open(self, code: str) -> None:
        # A print's outcome is shown with the guide it was started for only.
        self.drop("print")
        self._print = ""
        self.move(self.flow.open_guide, code)

    @Slot()
    def print(self) -> None:
        if self.screen != Screen.GUIDE_DETAIL or self._print == "printing":
            return
        terminal = self.terminal
        code, language = self.session.guide, self.language
        self._print = "printing"
        self.run(lambda: terminal.print_guide(code, language), self._on_printed,
                 "printing a guide", key="print")
        self.notify()

    @Slot()
    def done(self) -> None:
        self.move(self.flow.guide_done)

    # -- jobs ------------------------------------------------------------------------------
    def _on_printed(self, result) -> None:
        if self.screen == Screen.GUIDE_DETAIL:
            self._print = print_outcome(result)
            self.notify()

    def clear(self) -> None:
        self._tab, self._facet, self._query, self._print = "theme", "", "", ""
