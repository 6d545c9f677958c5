"""Applications (the ``apply`` flow: 社保卡挂失, and the services with a form) for QML as
``apply``: confirm -> submitted. The form's questions before confirm are :mod:`.form`'s.

- confirm: what is applied for (``title``, ``summary``) and by whom (``applicant``: name
  and ID number masked, the screen is in a public hall). ``confirm`` records the
  application and prints its acknowledgement on a worker
  (:meth:`Terminal.submit_application`: durable offline too); ``submitting`` meanwhile.
- submitted: the ``reference`` to quote ("" when it could not be recorded, and then
  ``failure`` says why when the citizen can be told: a full disk) and ``printError``
  when the acknowledgement did not print; ``done`` goes on to the rating.

A result for a session that has ended meanwhile is dropped. The card and the answers live
in the core session and go with it; this part keeps nothing of the citizen.
"""
from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core.identify import id_number_of, mask_name
from kiosk.core.privacy import masked_number

from .. import messages
from .base import Part, Screen


class ApplyPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._submitting = False
        self._print_error = ""      # the acknowledgement's, once submitted
        self._failure = ""          # why it could not be recorded ("" : no reason to tell)

    # -- what QML shows --------------------------------------------------------------------
    def _service(self):
        code = self.session.service
        return self.terminal.catalog.service(code) if code else None

    def _title(self) -> str:
        service = self._service()
        return service.label(self.language) if service else ""

    def _summary(self) -> str:
        service = self._service()
        return service.summary_label(self.language) if service else ""

    def _applicant(self) -> str:
        card = self.session.card
        if card is None or self.screen != Screen.CONFIRM:
            return ""
        return f"{mask_name(card.name)}  {masked_number(id_number_of(card) or '')}"

    def _reference(self) -> str:
        return (self.session.application or {}).get("reference") or ""

    def _print_error_text(self) -> str:
        if not self.session.application:
            return ""
        return messages.print_error_text(self._print_error)

    title = Property(str, _title, notify=updated)
    summary = Property(str, _summary, notify=updated)
    applicant = Property(str, _applicant, notify=updated)
    reference = Property(str, _reference, notify=updated)
    printError = Property(str, _print_error_text, notify=updated)
    submitting = Property(bool, lambda self: self._submitting, notify=updated)
    failure = Property(str, lambda self: messages.text(self._failure), notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot()
    def confirm(self) -> None:
        """Submit (disk + printer: a worker); the confirm screen shows progress meanwhile."""
        s = self.session
        if self.screen != Screen.CONFIRM or self._submitting or s.card is None:
            return
        self._submitting = True
        # The form's answers (none for a loss report) go with it: a copy, the session's
        # may be cleared while the worker runs.
        terminal = self.terminal
        service, card, language, answers = s.service, s.card, self.language, dict(s.form or {})
        self.run(lambda: terminal.submit_application(service, card, language, answers),
                 self._on_submitted, f"submitting {service}")
        self.notify()

    @Slot()
    def done(self) -> None:
        self.move(self.flow.application_done)

    # -- jobs ------------------------------------------------------------------------------
    def _on_submitted(self, result) -> None:
        self._submitting = False
        if self.screen != Screen.CONFIRM:
            self.notify()
            return
        failed = isinstance(result, Exception)
        self._print_error = "" if failed or not result.print_error else result.print_error.code
        self._failure = messages.failure_code(result, "") if failed else ""
        # The form part drops the answers as the flow arrives on submitted.
        self.move(self.flow.submitted, None if failed else result.reference)

    def clear(self) -> None:
        self._submitting, self._print_error, self._failure = False, "", ""
