"""好差评 (the rating every flow ends with) for QML as ``rating``: rating -> rating_reason.

- rating: the five ``levels``; ``rate`` stores the level and ends the session, except the
  two lowest, which ask why first (rating_reason).
- rating_reason: the ``reasons``; ``rateReason`` stores the level with the reason and
  ends the session.

Storing is disk I/O: a worker does it while the session ends, the citizen does not wait
for it. The rating names the service and the ticket number (none for other services),
nothing of the citizen. ``levels`` and ``reasons`` never change: no ``updated`` signal.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Property, Slot

from kiosk.core.storage import StorageFull
from kiosk.core.terminal import RATING_LEVELS, RATING_REASONS

from .base import Part, Screen

log = logging.getLogger(__name__)


class RatingPart(Part):
    levels = Property("QVariantList", lambda self: list(RATING_LEVELS), constant=True)
    reasons = Property("QVariantList", lambda self: list(RATING_REASONS), constant=True)

    @Slot(str)
    def rate(self, level: str) -> None:
        """A level; the two lowest go on to ask why (stored with the reason)."""
        if self.screen != Screen.RATING or level not in RATING_LEVELS:
            return
        rated = self._rated()       # before the flow ends the session
        self.move(self.flow.rate, level)
        if self.screen == Screen.ATTRACT:
            self._store(*rated, level, None)
            self.hub.finish()

    @Slot(str)
    def rateReason(self, reason: str) -> None:
        if self.screen != Screen.RATING_REASON or reason not in RATING_REASONS:
            return
        rated, level = self._rated(), self.session.rating
        self.move(self.flow.give_reason, reason)
        self._store(*rated, level, reason)
        self.hub.finish()

    def _rated(self) -> tuple[str, str | None]:
        """What is rated: the service, and the ticket's number when one was taken."""
        s = self.session
        return s.service or "queue_ticket", (s.ticket.number if s.ticket else None)

    def _store(self, service: str, number: str | None, level: str,
               reason: str | None) -> None:
        terminal = self.terminal

        def job():
            try:
                terminal.record_rating(service, level, number, reason)
            except StorageFull as exc:
                # The session is over: nobody to tell; the terminal's state says it.
                log.warning("a rating was not stored: %s", exc.code)
            except Exception:
                log.exception("storing a rating failed")

        self.submit(job)
