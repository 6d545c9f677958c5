"""Appointment check-in (预约取号): appointments -> issuing -> ticket.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``catalog``,
``_expect`` and ``_go``); no I/O here. The UI loads the appointments (card) or reads
them from the QR code when the flow arrives on ``appointments``, and issues the number
when it arrives on ``issuing`` (:mod:`kiosk.core.checkin`).

On ``appointments`` the session holds ``appointments`` (None while they load) and a
``notice`` when there is nothing to check in: ``checkin_none`` (none today),
``checkin_offline``, ``checkin_failed``, ``checkin_bad_qr`` (not an appointment code),
or the hall's refusal of the one chosen (:data:`kiosk.core.checkin.REFUSALS`). From
every such state the citizen may take an ordinary number instead.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .checkin import Appointment

LOOKUP_NOTICES = {"offline": "checkin_offline", "failed": "checkin_failed",
                  "bad_qr": "checkin_bad_qr"}


def _flow():
    from . import flow      # flow.py imports this module: resolved at call time
    return flow


class CheckinFlow:
    """See the module doc."""

    @property
    def chosen_appointment(self) -> Appointment | None:
        return next((a for a in self.session.appointments or () if a.chosen), None)

    def appointments_loaded(self, outcome: str, appointments: Iterable[Appointment] = ()):
        """The lookup's result (``ok``, ``offline``, ``failed``; ``bad_qr`` for a code
        that is no appointment). Dropped when the citizen has left the screen."""
        if self.screen != _flow().Screen.APPOINTMENTS:
            return self.screen
        found = list(appointments) if outcome == "ok" else []
        self.session.appointments = found
        if outcome != "ok":
            self.session.notice = LOOKUP_NOTICES[outcome]
        elif not any(a.bookable for a in found):
            taken = any(a.status == "checked_in" for a in found)
            self.session.notice = "appointment_used" if taken else "checkin_none"
        return self.screen

    def choose_appointment(self, appointment_id: str):
        """The citizen confirmed an appointment still booked: issue its number."""
        flow = _flow()
        self._expect(flow.Screen.APPOINTMENTS)
        found = next((a for a in self.session.appointments or ()
                      if a.appointment_id == appointment_id and a.bookable), None)
        if found is None:
            raise flow.FlowError(f"no bookable appointment {appointment_id!r}")
        self.session.appointments = [replace(a, chosen=a is found)
                                     for a in self.session.appointments]
        # The ticket screen says what the number is for.
        self.session.category, self.session.kind = found.category, found.kind
        return self._go(flow.Screen.ISSUING)

    def checkin_done(self, ticket, print_error=None):
        """The number was issued (printed or not): the appointments are not needed any
        more; the ticket screen follows."""
        self.session.appointments = None
        return self.ticket_ready(ticket, print_error)

    def checkin_refused(self, outcome: str):
        """The hall refused the chosen appointment (``outcome`` one of REFUSALS) or could
        not be reached (``offline``/``failed``): back to the appointments, saying why.
        A refused appointment cannot be chosen again; an unreachable hall may be retried."""
        screen = _flow().Screen
        self._expect(screen.ISSUING)
        chosen = self.chosen_appointment
        status = {"appointment_used": "checked_in", "offline": "booked",
                  "failed": "booked"}.get(outcome, "refused")
        self.session.appointments = [a.with_status(status) if a is chosen else a
                                     for a in self.session.appointments or ()]
        self._go(screen.APPOINTMENTS)
        self.session.notice = LOOKUP_NOTICES.get(outcome, outcome)
        return self.screen

    def take_ordinary_ticket(self):
        """No usable appointment: end this service (nothing of it stays) and start the
        queue-ticket service at its first step."""
        screen = _flow().Screen
        self._expect(screen.APPOINTMENTS)
        self.session.clear()
        self._go(screen.HOME)
        return self.choose_service("queue_ticket")
