"""预约取号 (appointment check-in) for QML as ``checkin``: the appointments screen and the
issuing of an appointment's number. See :mod:`kiosk.core.flow_checkin` for the steps and
:mod:`kiosk.core.checkin` for the jobs.

Jobs start when the flow arrives on a screen of a check-in: on ``appointments`` the
lookup (card: the hall, on a worker; QR code: parsed here, it is a regular expression),
on ``issuing`` the hall's number and the printed ticket. The queue part's issuing
(:mod:`.queue`) serves queue tickets only. Results of a session that has ended meanwhile
are dropped.

Personal data (the appointments) lives in the core session and goes with it; this part
keeps none.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, Signal, Slot

from kiosk.core import checkin

from .. import messages
from .base import Part, Screen

_CONTEXT = "Messages"

# Why there is no number to take (session notices of the check-in flow).
_NOTICES = {
    "checkin_none": QT_TRANSLATE_NOOP("Messages", "今天没有查到您的预约。您可以取普通号排队办理。"),
    "checkin_offline":
        QT_TRANSLATE_NOOP("Messages", "预约取号需要联网核对预约，网络暂时不通。您可以先取普通号。"),
    "checkin_failed":
        QT_TRANSLATE_NOOP("Messages", "暂时查不到您的预约，请稍后再试。您也可以先取普通号。"),
    "checkin_bad_qr":
        QT_TRANSLATE_NOOP(
            "Messages", "这个二维码不是预约二维码，不能取号。您可以先取普通号，或到咨询台询问。"),
    "appointment_used":
        QT_TRANSLATE_NOOP("Messages", "该预约已取过号。如果您没有拿到号码，请到咨询台询问。"),
    "appointment_not_today":
        QT_TRANSLATE_NOOP("Messages", "这个预约不是今天的，请在预约当天再来取号。"),
    "unknown_appointment":
        QT_TRANSLATE_NOOP(
            "Messages", "没有查到这个预约，可能已经取消。请到咨询台询问，或先取普通号。"),
    "appointment_mismatch":
        QT_TRANSLATE_NOOP("Messages", "预约信息和系统记录对不上。请到咨询台询问，或先取普通号。"),
}

_STATUS = {
    "booked": QT_TRANSLATE_NOOP("Messages", "待取号"),
    "checked_in": QT_TRANSLATE_NOOP("Messages", "已取过号"),
    "refused": QT_TRANSLATE_NOOP("Messages", "不能取号"),
}


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


class CheckinPart(Part):
    # The properties' own change signal: PySide6 does not take a base class's signal
    # (Part.changed) as a property's NOTIFY, and QML would never update them.
    updated = Signal()

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)

    # -- what QML shows --------------------------------------------------------------------
    def _here(self) -> bool:
        return self.screen == Screen.APPOINTMENTS and self.flow.service_flow == "checkin"

    def _appointments(self) -> list[dict[str, Any]]:
        if not self._here():
            return []
        catalog, language = self.terminal.catalog, self.language
        return [{"id": a.appointment_id, "time": a.time, "name": a.name,
                 "title": f"{catalog.category(a.category).label(language)} · "
                          f"{catalog.kind(a.kind).label(language)}",
                 "status": a.status, "statusText": _tr(_STATUS[a.status]),
                 "bookable": a.bookable}
                for a in self.session.appointments or ()]

    def _message(self) -> str:
        notice = self.session.notice if self._here() else None
        return _tr(_NOTICES[notice]) if notice in _NOTICES else ""

    def _from_qr(self) -> bool:
        return self._here() and any(a.from_qr for a in self.session.appointments or ())

    loading = Property(bool, lambda self: self._here() and self.session.appointments is None
                       and self.session.notice is None, notify=updated)
    appointments = Property("QVariantList", _appointments, notify=updated)
    bookable = Property(int, lambda self: sum(a["bookable"] for a in self._appointments()),
                        notify=updated)
    message = Property(str, _message, notify=updated)
    fromQr = Property(bool, _from_qr, notify=updated)

    # -- touches -----------------------------------------------------------------------------
    @Slot(str)
    def checkIn(self, appointment_id: str) -> None:
        """The citizen confirmed this appointment: its number is issued on ``issuing``."""
        self.move(self.flow.choose_appointment, appointment_id)

    @Slot()
    def takeOrdinaryTicket(self) -> None:
        """No usable appointment: an ordinary number instead (the queue-ticket service)."""
        if self.terminal.service_availability("queue_ticket").available:
            self.move(self.flow.take_ordinary_ticket)

    # -- jobs ------------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if self.flow.service_flow != "checkin":
            return
        if screen == Screen.APPOINTMENTS and self.session.appointments is None:
            self._look_up()
        elif screen == Screen.ISSUING:
            self._issue()

    def _look_up(self) -> None:
        holder = self.session.holder
        if holder is None:
            # The QR code's text is the appointment: nothing to ask the hall yet.
            credential = getattr(self.session.identity, "credential", None)
            found = checkin.parse_qr(credential, self.terminal.catalog)
            self.move(self.flow.appointments_loaded, *(("ok", [found]) if found
                                                       else ("bad_qr",)))
            return
        terminal = self.terminal
        self.run(lambda: checkin.today_appointments(terminal, holder), self._on_loaded,
                 "looking up appointments")

    def _on_loaded(self, got) -> None:
        if isinstance(got, Exception):
            self.move(self.flow.appointments_loaded, "failed", ())
        else:
            self.move(self.flow.appointments_loaded, got.outcome, got.appointments)

    def _issue(self) -> None:
        appointment = self.flow.chosen_appointment
        if appointment is None:
            return
        terminal, language = self.terminal, self.language
        self.run(lambda: checkin.check_in(terminal, appointment, language), self._on_issued,
                 "appointment check-in")

    def _on_issued(self, got) -> None:
        if self.screen != Screen.ISSUING:
            return
        if isinstance(got, Exception):
            self.move(self.flow.issue_failed, messages.failure_code(got, "issue_failed"))
        elif got.outcome == "ok":
            self.move(self.flow.checkin_done, got.ticket, got.print_error)
        else:
            self.move(self.flow.checkin_refused, got.outcome)
