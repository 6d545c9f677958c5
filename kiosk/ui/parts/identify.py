"""The identify screen of every flow (QML: ``ident``), and the "take your card" reminder.

The engine is :class:`kiosk.core.identify.Identifier`; this part runs its blocking methods
on the worker pool, one at a time, and shows what they report.

On the identify screen (``step``):
- ``waiting``: the terminal waits for the chosen ``method`` (``id_card``, ``ss_card`` or
  ``qr``). The plan's first usable method starts as the screen appears; touching another
  one (``choose``) cancels the wait and starts that one.
- ``notice``: the wait ended with nobody identified: ``notice`` says what to do,
  ``retry`` starts again.
- ``face``: a service that verifies the face (``verifyFace``) had the ID card read; the
  camera looks for a usable photo and ``guidance`` (also read aloud) tells the citizen
  how to stand.
- ``verifying``: the hall compares the live face with the card's photo.
- ``refused``: the hall did not confirm it (no match, offline, cannot compare): the
  citizen never goes through; ``canRetry`` after a mismatch, up to :data:`FACE_TRIES`.
- ``none``: no method can work now (``notice`` says why); ``skip`` when optional.
- ``done``: identified; :meth:`KioskController.identified` moved the flow on.

Personal data (the ID card read before the face step, the masked greeting) stays in this
part only until the citizen is identified, leaves the screen, or the session ends.

At the end of every session, and on the rating screen, the readers are polled (on a
worker) for a card left behind: ``takeCard`` then holds the reminder ("请取走您的社保卡")
and ``takeCardMethod`` which card it is (``id_card`` or ``ss_card``, for its picture).
A reader that reports presence (both do, from their own protocol) keeps the reminder up
until the card is taken, however long, spoken again every :data:`REPEAT_S` seconds, and
its button cannot close it (``takeCardHeld``); a card found there within
:data:`REMIND_S` of the session's end starts it. For a reader that cannot tell (an ID
card reader with ``reports_presence = false``) a session that read its card ends with
the reminder held for :data:`HOLD_S` seconds, spoken, whatever the reader says.

The face prompts and the reminder are spoken as alerts (``Voice.say(alert=True)``): even
with voice guidance off, when the terminal has speech. The citizen looks at the camera,
not at the screen, or may be walking away from the terminal.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QTimer, Signal, Slot

from kiosk.core import camera_preview
from kiosk.core.availability import METHOD_DEVICES
from kiosk.core.identify import TAKE_CARD, Identifier, IdentityPlan, IdentityResult, VerifyResult

from .. import messages
from .base import Part, Screen

FACE_TRIES = 3          # face comparisons per session before the citizen is sent to a counter
_PREVIEW_MS = 40        # how often a new preview frame is looked for (the camera's 15 fps)
REMIND_S = 30.0         # a card found on a reader this long after a session: reminded
REPEAT_S = 15.0         # a card still there: the reminder is spoken again this often
HOLD_S = 10.0           # a reader that cannot tell: the reminder held this long
_REMIND_POLL_MS = 1000  # how often the reader is asked whether the card is still in it
_RUNNING = ("waiting", "face", "verifying")
# The key of the identification jobs (Part.run): a newer one replaces an older one's result.
_JOB = "identify"
# What the screen says when a method's device is down before it was even tried.
_DOWN = {"id_card": "id_card_reader_unavailable", "ss_card": "ss_card_reader_unavailable",
         "qr": "camera_unavailable"}


class IdentifyPart(Part):
    # The properties' notify signal: PySide6 cannot notify a property with a signal
    # inherited from the base class (the property would be "non-bindable" in QML).
    updated = Signal()
    previewChanged = Signal()   # a new frame of the face preview: only the Image rebinds

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self.identifier = Identifier(hub.terminal)
        self._plan = IdentityPlan(())
        self._method = ""
        self._step = ""
        self._notice = ""
        self._guidance = ""
        self._card: IdentityResult | None = None   # the ID card read before the face step
        self._tries = 0
        self._cancel: threading.Event | None = None
        self._take = ""                 # the method whose card was left: id_card | ss_card
        self._held = False              # the reader says the card is still there
        self._spoken_at = 0.0
        self._read_here: set[str] = set()    # card methods this session read (the hold)
        self._closed = False
        self._remind_until = 0.0
        self._polling = False
        self._remind = QTimer(self)
        self._remind.setInterval(_REMIND_POLL_MS)
        self._remind.timeout.connect(self._poll_cards)
        # The citizen sees themself in the oval while the face step runs (made on the
        # preview's thread: kiosk/core/camera_preview.py; this timer only reads it).
        self._preview: camera_preview.Preview | None = None
        self._preview_seq = 0
        self._frames = QTimer(self)
        self._frames.setInterval(_PREVIEW_MS)
        self._frames.timeout.connect(self._next_frame)

    # -- what QML reads ------------------------------------------------------------------
    def _usable(self, method: str) -> bool:
        """Non-blocking (device states in memory). A face plan needs the camera too."""
        return self.identifier.usable(method) and (
            not self._plan.verify_face or self.identifier.usable("face"))

    def _methods(self) -> list[dict[str, Any]]:
        return [{"code": m, "usable": self._usable(m)} for m in self._offered()]

    def _offered(self) -> list[str]:
        """The plan's methods this terminal has the devices for (working or not: a
        broken reader is shown greyed, a reader the model does not have is not shown)."""
        return [m for m in self._plan.methods if m != "none" and all(
            self.terminal.device_of_kind(kind) is not None for kind in METHOD_DEVICES[m])]

    def _greeting(self) -> str:
        return self._card.display_name if self._card is not None else ""

    methods = Property("QVariantList", _methods, notify=updated)
    method = Property(str, lambda self: self._method, notify=updated)
    step = Property(str, lambda self: self._step, notify=updated)
    busy = Property(bool, lambda self: self._step in _RUNNING, notify=updated)
    notice = Property(str, lambda self: messages.identify_text(self._notice), notify=updated)
    noticeCode = Property(str, lambda self: self._notice, notify=updated)
    guidance = Property(str, lambda self: messages.face_prompt_text(self._guidance),
                        notify=updated)
    optional = Property(bool, lambda self: self._plan.optional, notify=updated)
    verifyFace = Property(bool, lambda self: self._plan.verify_face, notify=updated)
    # The second step of a face plan: the card was read, the face is wanted.
    faceStep = Property(bool, lambda self: self._card is not None, notify=updated)
    # Where this is in the service's steps (the form's questions count on from here).
    journeyStep = Property(int, lambda self: self.flow.journey_progress(
        self._card is not None)[0], notify=updated)
    journeySteps = Property(int, lambda self: self.flow.journey_progress()[1], notify=updated)
    greeting = Property(str, _greeting, notify=updated)
    canRetry = Property(bool, lambda self: self._can_retry(), notify=updated)
    methodDown = Property(bool, lambda self: self._method_down(), notify=updated)
    alternatives = Property(bool, lambda self: any(
        m != self._method and self._usable(m) for m in self._offered()), notify=updated)
    takeCard = Property(str, lambda self: messages.identify_text(TAKE_CARD.get(self._take, "")),
                        notify=updated)
    takeCardMethod = Property(str, lambda self: self._take, notify=updated)
    takeCardHeld = Property(bool, lambda self: self._held, notify=updated)
    previewSource = Property(str, lambda self: f"image://facepreview/{self._preview_seq}"
                             if self._preview is not None and self._preview_seq else "",
                             notify=previewChanged)

    # -- the face preview ------------------------------------------------------------------
    def preview_frame(self):
        """The image provider's source (kiosk/ui/preview_images.py): never blocks."""
        return self._preview.latest() if self._preview is not None else None

    def _show_preview(self, on: bool) -> None:
        if on and self._preview is None:
            from drivers.camera.driver import Camera  # loaded with the device (OpenCV)
            camera = self.terminal.device(Camera)
            if camera is None:
                return
            self._preview = camera_preview.Preview(camera, camera_preview.citizen_view(),
                                                   interval=_PREVIEW_MS / 1000)
            self._preview.start()
            self._frames.start()
        elif not on and self._preview is not None:
            self._preview.stop()
            self._preview, self._preview_seq = None, 0
            self._frames.stop()
            self.previewChanged.emit()

    def _next_frame(self) -> None:
        frame = self.preview_frame()
        if frame is not None and frame.seq != self._preview_seq:
            self._preview_seq = frame.seq
            self.previewChanged.emit()

    def _method_down(self) -> bool:
        """Nothing is running and the way on screen cannot work now (its device is down)."""
        if self._step not in ("notice", "none"):
            return False
        method = "face" if self._card is not None else self._method
        return not method or not self._usable(method)

    def _can_retry(self) -> bool:
        if self._step == "notice":     # not while the device is down: it would fail again
            return not self._method_down()
        return (self._step == "refused" and self._notice == "verify_no_match"
                and self._tries < FACE_TRIES)

    # -- slots -----------------------------------------------------------------------------
    @Slot(str)
    def choose(self, method: str) -> None:
        """The citizen touched one of the offered methods: wait for that one instead."""
        if (self.screen != Screen.IDENTIFY or self._card is not None
                or method not in self._offered() or not self._usable(method)):
            return
        if method == self._method and self._step == "waiting":
            return
        self._start(method)

    @Slot()
    def retry(self) -> None:
        """"Try again" after a notice, or after a face that did not match."""
        if self.screen != Screen.IDENTIFY or not self._can_retry():
            return
        if self._card is not None:
            self._start_face()
        elif self._method:
            self._start(self._method)

    @Slot()
    def skip(self) -> None:
        """Go on without identification (consultation tickets)."""
        if self.screen != Screen.IDENTIFY or not self._plan.optional:
            return
        self._stop()
        self._step = "done"
        self.hub.skip_identity()

    @Slot()
    def dismissReminder(self) -> None:
        """"我已取走": closes the reminder, unless the reader says the card is still
        there (then it is said again)."""
        if self._held:
            self._speak_reminder()
            return
        self._end_reminder()
        self.notify()

    # -- the hub's hooks -------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        self._stop()
        if screen not in (Screen.ATTRACT, Screen.RATING) and not self._held:
            # A new citizen's session: the last one's look for a forgotten card is over
            # (else the card this citizen just put in would be "left behind").
            self._remind_until = 0.0
            if self._take:
                self._end_reminder()
            self._remind.stop()
        if screen == Screen.IDENTIFY:
            self._begin()
        elif screen == Screen.RATING:
            self._check_cards()

    def clear(self) -> None:
        """End of the session: stop waiting, forget the card, look for one left behind."""
        self._stop()
        self._plan = IdentityPlan(())
        self._method = self._step = ""
        self._check_cards()

    def shutdown(self) -> None:
        # Nothing of this part may run on a later event loop (the next app, the next
        # test): the reminder's polls and the preview's frames stop here.
        self._closed = True
        self._remind.stop()
        self._frames.stop()
        if self._preview is not None:
            self._preview.stop()

    def personal_data(self) -> dict[str, Any]:
        return {"card": self._card}

    # -- identification jobs ---------------------------------------------------------------
    def _begin(self) -> None:
        self._plan = self.flow.identity_plan
        self._tries = 0
        usable = [m for m in self._offered() if self._usable(m)]
        if usable:
            self._start(usable[0])
            return
        # Nothing can work (the service was offered before a device went down).
        self._method = self._offered()[0] if self._offered() else ""
        self._step = "none"
        self._notice = _DOWN.get(self._method, "")

    def _start(self, method: str) -> None:
        self._method = method
        timeout = self.terminal.session_settings.card_wait_s
        self._run("waiting", "identity",
                  lambda cancel: self.identifier.identify(method, timeout, cancel))

    def _start_face(self) -> None:
        timeout = self.terminal.session_settings.card_wait_s
        self._guidance = ""
        self._run("face", "face",
                  lambda cancel, guide: self.identifier.capture_face(timeout, cancel, guide),
                  progress=self._on_guided)

    def _start_verify(self, photo: bytes) -> None:
        card = self._card
        self._run("verifying", "verify",
                  lambda _cancel: self.identifier.verify_face(card, photo), photo)

    def _run(self, step: str, kind: str, work: Callable[..., Any],
             photo: bytes | None = None,
             progress: Callable[[str], None] | None = None) -> None:
        """Start ``work(cancel)`` (``work(cancel, report)`` with ``progress``) on a
        worker; its result comes back to :meth:`_on_finished` unless cancelled (leaving
        the screen, another method) meanwhile: a newer identification job replaces it."""
        self._cancel_job()
        cancel = threading.Event()
        self._cancel = cancel
        self._step, self._notice = step, ""
        self._show_preview(step == "face")
        self.run((lambda report: work(cancel, report)) if progress else (lambda: work(cancel)),
                 lambda result: self._on_finished(kind, result, photo, cancel),
                 f"identification job {kind}", key=_JOB, progress=progress)
        self.notify()

    def _on_finished(self, kind: str, result: Any, photo: bytes | None,
                     cancel: threading.Event) -> None:
        if cancel.is_set() or self.screen != Screen.IDENTIFY:
            return      # stale: the citizen chose another method or left
        if isinstance(result, Exception):
            result = None   # logged by Part.run; never leave the citizen waiting forever
        self._cancel = None
        if kind == "verify":
            self._verified(result, photo)
        elif result is None or not result.ok:
            self._step = "notice"
            self._notice = result.notice if result is not None else (
                "camera_unavailable" if kind == "face" else _DOWN.get(self._method, ""))
        elif kind == "face":
            self._start_verify(result.photo)
        elif self._plan.verify_face:
            self._card = result
            self._read_here.add(result.method)
            self._start_face()
        else:
            self._done(result)
        self._show_preview(self._step == "face")
        self.notify()

    def _verified(self, result: VerifyResult | None, photo: bytes) -> None:
        if result is not None and result.matched:
            card, self._card = self._card, None
            self._done(card, photo)
            return
        self._step = "refused"
        self._notice = result.notice if result is not None else "verify_unavailable"
        if self._notice == "verify_no_match":
            self._tries += 1

    def _done(self, identity: IdentityResult, photo: bytes | None = None) -> None:
        if identity.method in TAKE_CARD:
            self._read_here.add(identity.method)
        self._step = "done"
        self.hub.identified(identity, photo)

    def _on_guided(self, reason: str) -> None:
        if self._step != "face":
            return
        self.flow.touch()     # the citizen is there, moving in front of the camera
        if reason != self._guidance:
            self._guidance = reason
            self.hub.speak(messages.face_prompt_text(reason), alert=True)
            self.notify()

    def _cancel_job(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def _stop(self) -> None:
        """Off the identify screen: nothing runs, nothing of the citizen stays."""
        self._cancel_job()
        self.drop(_JOB)
        self._show_preview(False)
        self._card = None
        self._notice = self._guidance = ""
        self._tries = 0

    # -- the take-your-card reminder -------------------------------------------------------
    def _check_cards(self) -> None:
        """Look for a card left in a reader, on a worker (polling the reader blocks);
        for a card this session read on a reader that cannot tell, hold the reminder."""
        now = time.monotonic()
        self._remind_until = now + REMIND_S
        blind = next((m for m in sorted(self._read_here) if self.identifier.cannot_tell(m)), "")
        self._read_here.clear()
        if blind and not self._take:
            self._remind_until = now + HOLD_S
            self._show_reminder(blind, held=False)
        self._remind.start()
        self._poll_cards()

    def _poll_cards(self) -> None:
        if self._polling or self._closed:
            return
        now = time.monotonic()
        if not self._held and now > self._remind_until:
            if self._take:
                self._end_reminder()
                self.notify()
            self._remind.stop()
            return
        self._polling = True
        # Not bound to the session: the reminder outlives it (the citizen walks away).
        self.run(self.identifier.cards_left, self._on_polled,
                 "looking for a card left in a reader", session_bound=False)

    def _on_polled(self, left) -> None:
        self._polling = False
        if isinstance(left, Exception):
            left = ()
        take = next((m for m in left if m in TAKE_CARD), "")
        if take:
            if take != self._take or not self._held:
                self._show_reminder(take, held=True)
            elif time.monotonic() - self._spoken_at >= REPEAT_S:
                self._speak_reminder()      # still there: said again
        elif self._held:
            self._end_reminder()            # taken
            self.notify()

    def _show_reminder(self, method: str, *, held: bool) -> None:
        self._take, self._held = method, held
        self._speak_reminder()
        self.notify()

    def _speak_reminder(self) -> None:
        self._spoken_at = time.monotonic()
        # With a tone first: a citizen walking away hears it before the words.
        self.hub.speak(messages.identify_text(TAKE_CARD[self._take]), alert=True, tone=True)

    def _end_reminder(self) -> None:
        self._take, self._held = "", False
        self._remind.stop()
