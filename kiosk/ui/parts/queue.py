"""取号 (queue tickets) for QML as ``queue``: the category and kind screens, the issuing of
an ordinary number, and the ticket screen (which also shows an appointment's number:
:mod:`.checkin` issues those).

- category, kind: the catalog's ticket categories and kinds; each kind says whether it
  can be taken now (its identification, the printer) and why not.
- issuing: as a ticket flow arrives there (after the card, or after skipping it), the
  number is issued and its ticket printed on a worker (:meth:`Terminal.issue_ticket`).
- ticket: the number, how many wait ahead, whether it printed; ``notice`` says why there
  is no number.

A result for a session that has ended meanwhile is dropped. The ticket lives in the core
session and goes with it; this part keeps nothing of the citizen.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from .. import messages
from .base import Part, Screen


class QueuePart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)

    # -- what QML shows --------------------------------------------------------------------
    def _categories(self) -> list[dict[str, Any]]:
        return [{"code": c.code, "letter": c.letter, "name": c.label(self.language)}
                for c in self.terminal.catalog.ticket_categories]

    def _kinds(self) -> list[dict[str, Any]]:
        out = []
        for k in self.terminal.catalog.ticket_kinds:
            a = self.terminal.kind_availability(k.code)
            out.append({"code": k.code, "name": k.label(self.language),
                        "needsId": k.needs_identity, "available": a.available,
                        "reason": messages.text(a.reason or "")})
        return out

    def _choice(self) -> str:
        s = self.session
        parts = []
        if s.category:
            parts.append(self.terminal.catalog.category(s.category).label(self.language))
        if s.kind:
            parts.append(self.terminal.catalog.kind(s.kind).label(self.language))
        return " · ".join(parts)

    def _ticket(self) -> dict[str, Any]:
        s = self.session
        t = s.ticket
        if t is None:
            return {"number": "", "waitingAhead": 0, "aheadKnown": False, "printed": False,
                    "printError": "", "appointment": False}
        # A number taken for an appointment (预约取号) says so, as its receipt does.
        # Offline (a leased block or the local counter) only this terminal's tickets are
        # known: no count of the hall's queue is shown then.
        return {"number": t.number, "waitingAhead": t.waiting_ahead,
                "aheadKnown": t.source == "hall",
                "appointment": self.flow.service_flow == "checkin",
                "printed": s.print_error is None,
                "printError": messages.print_error_text(
                    s.print_error.code if s.print_error else "")}

    categories = Property("QVariantList", _categories, notify=updated)
    kinds = Property("QVariantList", _kinds, notify=updated)
    choice = Property(str, _choice, notify=updated)
    ticket = Property("QVariantMap", _ticket, notify=updated)
    notice = Property(str, lambda self: messages.text(self.session.notice or ""),
                      notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot(str)
    def chooseCategory(self, code: str) -> None:
        self.move(self.flow.choose_category, code)

    @Slot(str)
    def chooseKind(self, code: str) -> None:
        if self.terminal.kind_availability(code).available:
            self.move(self.flow.choose_kind, code)

    @Slot()
    def ticketTaken(self) -> None:
        self.move(self.flow.ticket_taken)

    # -- jobs ------------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen == Screen.ISSUING and self.flow.service_flow == "ticket":
            self._issue()

    def _issue(self) -> None:
        s = self.session
        terminal = self.terminal
        category, kind, holder, language = s.category, s.kind, s.holder, self.language
        self.run(lambda: terminal.issue_ticket(category, kind, holder, language),
                 self._on_issued, "issuing a ticket")

    def _on_issued(self, got) -> None:
        if self.screen != Screen.ISSUING:
            return
        if isinstance(got, Exception):
            self.move(self.flow.issue_failed, messages.failure_code(got, "issue_failed"))
        else:
            self.move(self.flow.ticket_ready, got.ticket, got.print_error)
