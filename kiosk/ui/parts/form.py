"""The application form's part (``form`` in QML): one question per ``form`` screen.

The order of the questions and the checks on the answers are the core's
(:mod:`kiosk.core.flow_form`, :mod:`kiosk.core.forms`); this part shows the question on
screen and passes the touches on:

- a choice: big buttons, the earlier answer ticked when the citizen came back;
- a phone number: our keypad; a refused number stays on screen with what is wrong;
- the photo (社保卡申领): the face photo the identify step matched with the ID card, shown
  to its owner. "重新拍照" captures again on a worker (:meth:`Identifier.capture_face`,
  with its guidance prompts as the citizen moves) and has the hall compare the new photo
  with the ID card once more: only a matched photo may go on the card. A new photo that
  does not match, or cannot be compared, leaves the earlier one in place and says why.
  At most :data:`RETAKES` per session, as the identify step limits its comparisons.

On the confirm screen :attr:`summary` lists the answers, the phone number masked.
Personal data (the answers, the photo and its ``data:`` URL) lives in the session and
this part until :meth:`clear`; after submission the answers and the photo are dropped.
"""
from __future__ import annotations

import base64
import threading
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, Signal, Slot

from kiosk.core import forms
from kiosk.core.flow import Screen
from kiosk.core.identify import Identifier, IdentityResult

from .. import messages
from .base import Part

RETAKES = 3             # new photos (each compared by the hall) per session
_CAPTURE = "capture"    # the key of the photo jobs (Part.run)

# Why an answer was refused (kiosk.core.forms.PROBLEMS) and what became of a new photo.
_TEXTS = {
    "phone_empty": QT_TRANSLATE_NOOP("Messages", "请输入手机号码。"),
    "phone_not_digits": QT_TRANSLATE_NOOP("Messages", "手机号码只能是数字，请重新输入。"),
    "phone_length":
        QT_TRANSLATE_NOOP("Messages", "手机号码是 11 位数字，您输入了 %1 位。请检查后重新输入。"),
    "phone_prefix": QT_TRANSLATE_NOOP("Messages", "手机号码的第一位是 1，请检查后重新输入。"),
    "phone_not_mobile":
        QT_TRANSLATE_NOOP(
            "Messages", "这不是手机号码：手机号码以 13 到 19 开头。请检查后重新输入。"),
    "choice_unknown": QT_TRANSLATE_NOOP("Messages", "请点选其中一项。"),
    "photo_missing": QT_TRANSLATE_NOOP("Messages", "还没有照片，请点“拍照”。"),
    "photo_new": QT_TRANSLATE_NOOP("Messages", "已换成新照片。满意请点“用这张照片”。"),
    "photo_kept": QT_TRANSLATE_NOOP("Messages", "新照片与身份证照片不一致，仍用原来的照片。"),
    "photo_unverified": QT_TRANSLATE_NOOP("Messages", "现在无法核验新照片，仍用原来的照片。"),
    "photo_not_taken": QT_TRANSLATE_NOOP("Messages", "没有拍到合格的照片，仍用原来的照片。"),
    "photo_no_more": QT_TRANSLATE_NOOP("Messages", "已经重拍了 %1 次，不能再拍了。"),
}


def _tr(key: str) -> str:
    return QCoreApplication.translate("Messages", _TEXTS[key])


class FormPart(Part):
    # The notify signal of the properties below. Not Part.changed: PySide6 (6.12) gives a
    # property no notify signal when that signal is declared on a base class, and QML
    # bindings to it would never update. Relayed from Part.changed.
    updated = Signal()

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._identifier: Identifier | None = None
        self._cancel: threading.Event | None = None   # the running capture's; None: idle
        self._guidance = ""          # the gate's last reason while capturing
        self._photo_note = ""        # what became of the last new photo (a _TEXTS code)
        self._photo_url: tuple[bytes | None, str] = (None, "")   # (the JPEG, its data: URL)
        self._typed = 0              # how many digits the refused phone number had
        self._retakes = 0            # new photos taken this session

    # -- properties ------------------------------------------------------------------------
    def _active(self) -> bool:
        return bool(self.flow.form_fields)

    def _field(self) -> dict[str, Any]:
        f = self.flow.form_field
        if f is None:
            return {"name": "", "type": "", "question": "", "hint": "", "options": [],
                    "value": ""}
        value = (self.session.form or {}).get(f.name)
        language = self.language
        return {"name": f.name, "type": f.type, "question": f.question_text(language),
                "hint": f.hint_text(language),
                "options": [{"code": o.code, "label": o.label(language),
                             "detail": o.detail_label(language), "selected": o.code == value}
                            for o in f.options],
                # The earlier answer when the citizen came back (the photo is `photo`).
                "value": value if isinstance(value, str) else ""}

    # Counted with the identification before the questions, as the identify screen
    # counts (KioskFlow.journey_progress): one counter for the whole application.
    def _step(self) -> int:
        return self.flow.journey_progress()[0] if self.flow.form_field else 0

    def _steps(self) -> int:
        return self.flow.journey_progress()[1] if self.flow.form_field else 0

    def _problem(self) -> str:
        code = self.session.notice or ""
        if self.screen != Screen.FORM or code not in _TEXTS:
            return ""
        return _tr(code).replace("%1", str(self._typed))

    def _summary(self) -> list[dict[str, str]]:
        if self.screen != Screen.CONFIRM or not self.session.form:
            return []
        return [{"label": label, "value": value} for label, value in
                forms.summary(self.flow.form_fields, self.session.form, self.language)]

    def _photo(self) -> str:
        jpeg = self.session.photo
        if self.screen != Screen.FORM or not jpeg:
            return ""
        if self._photo_url[0] is not jpeg:
            self._photo_url = (jpeg, "data:image/jpeg;base64,"
                               + base64.b64encode(jpeg).decode("ascii"))
        return self._photo_url[1]

    def _photo_notice(self) -> str:
        text = _tr(self._photo_note) if self._photo_note else ""
        if self._retakes >= RETAKES:
            text = f"{text}\n{_tr('photo_no_more').replace('%1', str(RETAKES))}".strip()
        return text

    active = Property(bool, _active, notify=updated)
    field = Property("QVariantMap", _field, notify=updated)
    step = Property(int, _step, notify=updated)
    steps = Property(int, _steps, notify=updated)
    problem = Property(str, _problem, notify=updated)
    summary = Property("QVariantList", _summary, notify=updated)
    photo = Property(str, _photo, notify=updated)
    capturing = Property(bool, lambda self: self._cancel is not None, notify=updated)
    canRetake = Property(bool, lambda self: self._retakes < RETAKES, notify=updated)
    guidance = Property(str, lambda self: messages.face_prompt_text(self._guidance),
                        notify=updated)
    photoNotice = Property(str, _photo_notice, notify=updated)

    # -- slots (touches) -------------------------------------------------------------------
    @Slot(str)
    def choose(self, code: str) -> None:
        self._answer(code)

    @Slot(str)
    def enterPhone(self, digits: str) -> None:
        self._typed = len(digits.strip())
        self._answer(digits)

    @Slot()
    def usePhoto(self) -> None:
        if self._cancel is None:
            self._answer(self.session.photo)

    @Slot()
    def back(self) -> None:
        self._stop_capture()
        self.move(self.flow.form_back)

    @Slot()
    def retakePhoto(self) -> None:
        f = self.flow.form_field
        if f is None or f.type != "photo" or self._cancel is not None \
                or self._retakes >= RETAKES:
            return
        self._retakes += 1
        s = self.session
        # verify_face needs the ID card read (its photo and holder): the session has it.
        card_read = IdentityResult("ok", "id_card", holder=s.holder, card=s.card)
        cancel = threading.Event()
        self._cancel, self._guidance, self._photo_note = cancel, "", ""
        identifier = self._identifier_of()
        timeout = self.terminal.session_settings.card_wait_s

        def work(guide):
            """(the new photo or None, a _TEXTS code)."""
            shot = identifier.capture_face(timeout, cancel, on_guidance=guide)
            if not shot.ok:
                return None, "photo_not_taken"
            verdict = identifier.verify_face(card_read, shot.photo)
            if verdict.matched:
                return shot.photo, "photo_new"
            return None, "photo_kept" if verdict.outcome == "no_match" else "photo_unverified"

        self.run(work, lambda result: self._on_captured(cancel, result), "taking a new photo",
                 key=_CAPTURE, progress=lambda reason: self._on_guided(cancel, reason))
        self.notify()

    @Slot()
    def cancelCapture(self) -> None:
        self._stop_capture()
        self.notify()

    # -- results (GUI thread) --------------------------------------------------------------
    def _on_guided(self, token: threading.Event, reason: str) -> None:
        if token is self._cancel:
            self._guidance = reason
            self.notify()

    def _on_captured(self, token: threading.Event, result) -> None:
        if token is not self._cancel:
            return          # cancelled, or the citizen left the question meanwhile
        photo, notice = (None, "photo_not_taken") if isinstance(result, Exception) else result
        self._cancel, self._guidance = None, ""
        if photo is not None:
            self.session.photo = photo
        self._photo_note = notice
        self.notify()

    # -- hub hooks -------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen != Screen.FORM:
            self._stop_capture()
            self._photo_note = ""
        if screen == Screen.SUBMITTED:
            # Submitted: the answers (a phone number, a photo) are not needed any more.
            self.session.form = None
            self.session.photo = None
            self._photo_url = (None, "")

    def clear(self) -> None:
        self._stop_capture()
        self._guidance = self._photo_note = ""
        self._photo_url, self._typed, self._retakes = (None, ""), 0, 0

    def personal_data(self) -> dict[str, Any]:
        return {"photo_url": self._photo_url[1]}

    # -- helpers ---------------------------------------------------------------------------
    def _answer(self, value: Any) -> None:
        before = self.flow.form_field
        self.move(self.flow.answer, value)
        if self.flow.form_field is not before:
            self._photo_note = ""

    def _stop_capture(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel, self._guidance = None, ""

    def _identifier_of(self) -> Identifier:
        if self._identifier is None:
            self._identifier = Identifier(self.terminal)
        return self._identifier
