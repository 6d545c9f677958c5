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

from collections.abc import Iterable
from dataclasses import replace

from .checkin import Appointment
from .flow_base import FlowBase
from .screens import FlowError, Screen

LOOKUP_NOTICES = {"offline": "checkin_offline", "failed": "checkin_failed",
                  "bad_qr": "checkin_bad_qr"}


class CheckinFlow(FlowBase):
    """See the module doc."""

    @property
    def chosen_appointment(self) -> Appointment | None:
        return next((a for a in self.session.appointments or () if a.chosen), None)

    def appointments_loaded(self, outcome: str, appointments: Iterable[Appointment] = ()):
        """The lookup's result (``ok``, ``offline``, ``failed``; ``bad_qr`` for a code
        that is no appointment). Dropped when the citizen has left the screen."""
        if self.screen != Screen.APPOINTMENTS:
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
        self._expect(Screen.APPOINTMENTS)
        listed = self.session.appointments or []
        found = next((a for a in listed
                      if a.appointment_id == appointment_id and a.bookable), None)
        if found is None:
            raise FlowError(f"no bookable appointment {appointment_id!r}")
        self.session.appointments = [replace(a, chosen=a is found) for a in listed]
        # The ticket screen says what the number is for.
        self.session.category, self.session.kind = found.category, found.kind
        return self._go(Screen.ISSUING)

    def checkin_done(self, ticket, print_error=None):
        """The number was issued (printed or not): the appointments are not needed any
        more; the ticket screen follows."""
        self.session.appointments = None
        return self.ticket_ready(ticket, print_error)

    def checkin_refused(self, outcome: str):
        """The hall refused the chosen appointment (``outcome`` one of REFUSALS) or could
        not be reached (``offline``/``failed``): back to the appointments, saying why.
        A refused appointment cannot be chosen again; an unreachable hall may be retried."""
        self._expect(Screen.ISSUING)
        status = {"appointment_used": "checked_in", "offline": "booked",
                  "failed": "booked"}.get(outcome, "refused")
        self.session.appointments = [a.with_status(status) if a.chosen else a
                                     for a in self.session.appointments or ()]
        self._go(Screen.APPOINTMENTS)
        self.session.notice = LOOKUP_NOTICES.get(outcome, outcome)
        return self.screen

    def take_ordinary_ticket(self):
        """No usable appointment: end this service (nothing of it stays) and start the
        queue-ticket service at its first step."""
        self._expect(Screen.APPOINTMENTS)
        self.session.clear()
        self._go(Screen.HOME)
        return self.choose_service("queue_ticket")
