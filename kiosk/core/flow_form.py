"""Application forms: one question per ``form`` screen before the confirm screen.

    apply with a form:  identify -> form (question 1) -> form (question 2) ... -> confirm

An ``apply`` service whose catalog entry has a ``form`` (see :mod:`kiosk.core.forms`)
asks its questions once the citizen is identified (:meth:`FormFlow._after_identity_form`,
used by ``KioskFlow._after_identity``). The answers are kept in ``session.form`` (personal
data: a phone number, a photo) until the session ends. A refused answer stays on its
question with ``session.notice`` set to the problem code (``phone_length``...). Back
goes to the previous question; from the first it leaves the service (as back from the
identify screen does); from the confirm screen it returns to the last question. Nothing
is submitted here: the confirm screen's touch does that.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``catalog``,
``screen``, ``_expect`` and ``_go``); no I/O here.
"""
from __future__ import annotations

from typing import Any

from . import forms
from .flow_base import FlowBase
from .screens import FlowError, Screen


class FormFlow(FlowBase):
    """See the module doc."""

    # Which of the questions asked (forms.steps) is on screen; set whenever a form starts.
    _form_at: int = 0

    @property
    def form_fields(self) -> forms.Form:
        """The current service's form (``()``: none, or not an application)."""
        code = self.session.service
        if not code:
            return ()
        service = self.catalog.service(code)
        return service.form if service.flow == "apply" else ()

    @property
    def form_field(self) -> forms.Field | None:
        """The question on the form screen (None elsewhere)."""
        if self.screen != Screen.FORM:
            return None
        asked = forms.steps(self.form_fields, self.session.form or {})
        return asked[min(self._form_at, len(asked) - 1)]

    @property
    def form_progress(self) -> tuple[int, int]:
        """(this question's number, how many in all), for "第 2 步，共 3 步"."""
        answers = self.session.form or {}
        return self._form_at + 1, forms.step_count(self.form_fields, answers)

    def journey_progress(self, face_step: bool = False) -> tuple[int, int]:
        """(this step's number, how many in all) across the whole application, so that
        the identify screen and the questions count alike ("第 3 步，共 4 步"): the card,
        the face when the service compares it (``face_step``: that is the step now), then
        each question. On the identify screen of a service without a form: its one or
        two identification steps."""
        identity = 2 if self.identity_plan.verify_face else 1
        questions = forms.step_count(self.form_fields, self.session.form or {}) \
            if self.form_fields else 0
        if self.form_field is not None:
            return identity + self._form_at + 1, identity + questions
        return (2 if face_step else 1), identity + questions

    def _after_identity_form(self) -> Screen | None:
        """The first question when the service has a form, else None."""
        if not self.form_fields:
            return None
        self.session.form = {}
        self._form_at = 0
        return Screen.FORM

    def answer(self, value: Any) -> Screen:
        """The answer to the question on screen: on to the next question or, after the
        last one, to the confirm screen. A refused answer stays (``session.notice``)."""
        self._expect(Screen.FORM)
        field = self.form_field
        if field is None:
            raise FlowError("a form screen without a question")
        value = forms.clean(field, value)
        problem = forms.problem(field, value)
        if problem:
            self.session.notice = problem
            return self.screen
        answers = forms.kept(self.form_fields, {**(self.session.form or {}), field.name: value})
        self.session.form = answers
        self.session.notice = None
        asked = forms.steps(self.form_fields, answers)
        following = asked.index(field) + 1
        if following < len(asked):
            self._form_at = following
            return self._go(Screen.FORM)
        return self._go(Screen.CONFIRM)

    def form_back(self) -> Screen:
        """Back from a question (or from the confirm screen of a service with a form)."""
        if self.screen == Screen.CONFIRM and self.form_fields:
            self._form_at = len(forms.steps(self.form_fields, self.session.form or {})) - 1
            return self._go(Screen.FORM)
        self._expect(Screen.FORM)
        self.session.notice = None
        if self._form_at > 0:
            self._form_at -= 1
            return self._go(Screen.FORM)
        # Leaving the service: nothing of it (the card read, the answers) stays behind.
        self.session.clear()
        return self._go(Screen.HOME)

    @property
    def form_complete(self) -> bool:
        """Every question asked has a valid answer (true for a service with no form)."""
        return forms.complete(self.form_fields, self.session.form or {})
