"""The hub between the Qt Quick screens and the domain (``kiosk.core``): what every screen
shares. Each flow's own properties, slots and jobs live in its part (:mod:`kiosk.ui.parts`,
exposed to QML under its name: ``queue``, ``pay``...; see :mod:`kiosk.ui.parts.base`).

The hub holds the screen (the flow), the language, elder mode and voice guidance, the end
of the session (finish, back to the attract screen, the inactivity timeout), the hall's
name, announcements and the changes adopted between two citizens, what the devices allow
(``services``, ``ticketService``: the receipt printer), the greeting of the identified
citizen, and the worker pool with the helpers the parts use (:meth:`submit`,
:meth:`move`, :meth:`identified`).

Threading contract: every slot runs on the GUI thread and returns within a frame. Device,
disk and network work is submitted to a small thread pool; results come back through
queued signals (emitted on the worker thread, delivered on the GUI thread). Supervisor
events arrive the same way.

Personal data: what reaches QML is masked (``holderGreeting``) or shown to its owner
only; :meth:`_end` clears it with the core session and every part
(:meth:`personal_data` lists what is still held).
"""
from __future__ import annotations

import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.terminal import Terminal

from . import messages
from . import parts as flow_parts
from .i18n import Translations
from .theme import Theme
from .voice import Voice

STAFF_CALL_REPEAT_S = 60.0      # one call to the hall per minute, however often pressed
STAFF_CALL_SHOWN_S = 20         # how long "someone is coming" stays on screen

log = logging.getLogger(__name__)

TICK_MS = 250
JOB_WORKERS = 8         # idle threads cost nothing; a queued citizen action does


class KioskController(QObject):
    changed = Signal()              # any property below may have changed
    clockChanged = Signal()         # the header's clock only (once a minute)
    # Supervisor -> GUI thread (queued because emitted from another thread).
    _devicesChanged = Signal()

    def __init__(self, terminal: Terminal, translations: Translations, theme: Theme,
                 parent: QObject | None = None, voice: Voice | None = None) -> None:
        super().__init__(parent)
        self.voice = voice or Voice()
        self.terminal = terminal
        self.flow = KioskFlow(terminal.catalog, terminal.session_settings)
        self.translations = translations
        translations.where = self._say_where     # "请到窗口办理" names the counter
        self.theme = theme
        self._staff_call = ""           # what the citizen is told after 呼叫工作人员
        self._staff_called_at: float | None = None
        self._staff_timer = QTimer(self, singleShot=True, interval=STAFF_CALL_SHOWN_S * 1000)
        self._staff_timer.timeout.connect(self._staff_call_over)
        self._language = "zh_CN"
        self._greeting = ""
        self._shown_announcements = terminal.announcements   # to notice the hall's new ones
        self._warning = False
        self._seconds_left = 0
        # The header's clock: the hall's day and time, as on every ticket and receipt
        # (a terminal set to UTC showed 06:33 next to a ticket printed 14:33).
        self._clock = f"{terminal.shown_now():%Y-%m-%d  %H:%M}"
        # Jobs wait on the outside world: a card wait (up to card_wait_s), a hall call (up
        # to its deadline), a print, and jobs of an ended session running to their end.
        # Two such waits must not queue the next citizen action behind them (issue 9).
        self._pool = ThreadPoolExecutor(max_workers=JOB_WORKERS, thread_name_prefix="kiosk-job")
        self._devicesChanged.connect(self.changed)
        # One QObject per flow (kiosk/ui/parts), each exposed to QML by its name.
        self.parts = {name: cls(self) for name, cls in flow_parts.ALL.items()}
        terminal.supervisor.subscribe(lambda _event: self._devicesChanged.emit())
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def shutdown(self) -> None:
        self._timer.stop()
        for part in self.parts.values():
            part.clear()        # ends their waits (a card wait lasts up to card_wait_s)
            part.shutdown()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.voice.close()
        self.translations.close()

    # -- properties --------------------------------------------------------------------
    def _screen(self) -> str:
        return self.flow.screen.value

    def _hall_name(self) -> str:
        return self.terminal.hall_name(self._language)

    def _services(self) -> list[dict[str, Any]]:
        out = []
        for s in self.terminal.catalog.services:
            a = self.terminal.service_availability(s.code)
            out.append({"code": s.code, "name": s.label(self._language),
                        "summary": s.summary_label(self._language),
                        "available": a.available, "reason": messages.text(a.reason or "")})
        return out

    def _ticket_service(self) -> dict[str, Any]:
        a = self.terminal.service_availability("queue_ticket")
        return {"available": a.available, "reason": messages.text(a.reason or "")}

    screen = Property(str, _screen, notify=changed)
    language = Property(str, lambda self: self._language, notify=changed)
    elderMode = Property(bool, lambda self: self.flow.elder_mode, notify=changed)
    hallName = Property(str, _hall_name, notify=changed)

    def _announcements(self) -> list[str]:
        return [a.label(self._language) for a in self.terminal.announcements]

    announcements = Property("QVariantList", _announcements, notify=changed)
    kioskId = Property(str, lambda self: self.terminal.config.kiosk_id, constant=True)
    services = Property("QVariantList", _services, notify=changed)
    ticketService = Property("QVariantMap", _ticket_service, notify=changed)
    holderGreeting = Property(str, lambda self: self._greeting, notify=changed)
    staffCallText = Property(str, lambda self: self._staff_call, notify=changed)
    timeoutWarning = Property(bool, lambda self: self._warning, notify=changed)
    secondsLeft = Property(int, lambda self: self._seconds_left, notify=changed)
    clock = Property(str, lambda self: self._clock, notify=clockChanged)
    timeoutText = Property(str, lambda self: messages.timeout_warning_text(self._seconds_left),
                           notify=changed)
    voiceAvailable = Property(bool, lambda self: self.voice.available, constant=True)
    voiceOn = Property(bool, lambda self: self.voice.enabled, notify=changed)
    serviceFlow = Property(str, lambda self: self.flow.service_flow or "", notify=changed)

    # -- slots: navigation ---------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        if not self.parts["tech"].accepts_citizens():     # 暂停服务 (technician mode)
            return
        self._do(self.flow.start)

    @Slot(str)
    def chooseService(self, code: str) -> None:
        if self.terminal.service_availability(code).available:
            self._do(self.flow.choose_service, code)

    @Slot()
    def finish(self) -> None:
        self._end()

    @Slot()
    def back(self) -> None:
        before = self.flow.screen
        screen = self.flow.back()
        self._entered(before)       # e.g. the identify part stops waiting for a card
        if screen == Screen.ATTRACT:
            self._end()
        self.changed.emit()

    @Slot()
    def continueSession(self) -> None:
        self.flow.touch()
        self._warning = False
        self.changed.emit()

    @Slot()
    def touched(self) -> None:
        """Any touch on the screen counts as activity (the app's event filter calls it)."""
        self.flow.touch()
        self.parts["tech"].touched()

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language == self._language:
            return
        # Set first: retranslating re-reads the screens (and voice guidance speaks them)
        # in the new language.
        previous, self._language = self._language, language
        if not self.translations.apply(language):
            self._language = previous
            return
        self.changed.emit()

    @Slot(bool)
    def setElderMode(self, on: bool) -> None:
        self.flow.set_elder_mode(on)
        self.theme.set_elder(on)
        if on and self.voice.available:
            self.voice.enabled = True       # elder mode reads the screens aloud too
        self.changed.emit()

    @Slot(bool)
    def setVoice(self, on: bool) -> None:
        self.voice.enabled = on and self.voice.available
        self.changed.emit()

    @Slot(str)
    def speak(self, text: str, alert: bool = False, tone: bool = False) -> None:
        """Read a screen's question aloud (ScreenTitle calls it when a screen appears),
        in the citizen's language; ``alert`` (from Python: the parts' face prompts and
        card reminder) even when voice guidance is off (see :meth:`Voice.say`), after
        the reminder's ``tone``."""
        if tone:
            self.voice.tone()
        self.voice.say(_readable(text), self._language, alert=alert, after=tone)

    @Slot(str)
    def speakAfter(self, text: str) -> None:
        """Read what a screen tells besides its question (Notice: the ticket number, the
        door, an outcome, an error) once the question has been read."""
        self.voice.say(_readable(text), self._language, after=True)

    # -- session -------------------------------------------------------------------------
    def _tick(self) -> None:
        clock = f"{self.terminal.shown_now():%Y-%m-%d  %H:%M}"
        if clock != self._clock:
            self._clock = clock
            self.clockChanged.emit()
        if self.flow.screen == Screen.ATTRACT:
            self._adopt_hall_changes()
            if self.terminal.announcements is not self._shown_announcements:
                self._shown_announcements = self.terminal.announcements
                self.changed.emit()
        before = self.flow.screen
        state = self.flow.tick()
        warning = state == "warning"
        seconds = int(self.flow.inactivity.remaining() + 0.999)
        if state == "expired" or (before != Screen.ATTRACT and self.flow.screen == Screen.ATTRACT):
            log.info("session timed out on %s", before.value)
            self._end()
            return
        if warning != self._warning or (warning and seconds != self._seconds_left):
            starts = warning and not self._warning
            self._warning, self._seconds_left = warning, seconds
            if starts:      # read once when it appears (voice on), not every second
                self.speak(messages.timeout_warning_text(seconds))
            self.changed.emit()

    def _adopt_hall_changes(self) -> None:
        """The hall's new catalog and timeouts, between two citizens only (never under
        one's hands)."""
        if self.terminal.adopt_hall_changes():
            self.flow.catalog = self.terminal.catalog
            self.flow.use_settings(self.terminal.session_settings)
            self.changed.emit()         # every part shows the catalog: all read it again

    # -- 呼叫工作人员 --------------------------------------------------------------------
    @Slot()
    def callStaff(self) -> None:
        """The citizen calls for help (the header's button, on every screen): the hall
        is told (a staff_call event, recorded off the GUI thread), once per
        STAFF_CALL_REPEAT_S however often it is pressed, and the citizen is told that
        someone is coming, or, with the hall out of reach, to wave to the staff."""
        self.flow.touch()
        now = time.monotonic()
        if self._staff_called_at is None or now - self._staff_called_at > STAFF_CALL_REPEAT_S:
            self._staff_called_at = now
            service, screen = self.flow.session.service, self.flow.screen.value
            self._pool.submit(self._record_staff_call, service, screen)
        self._staff_call = messages.staff_call_text(self.terminal.hall_reachable)
        self._staff_timer.start()
        self.changed.emit()

    def _record_staff_call(self, service: str | None, screen: str) -> None:
        try:
            self.terminal.call_staff(service, screen)
        except Exception:       # a full disk: the citizen was told to wave anyway
            log.exception("the staff call could not be recorded")

    def _staff_call_over(self) -> None:
        self._staff_call = ""
        self.changed.emit()

    def _say_where(self, text: str) -> str:
        return self.terminal.counters.say_where(text, self.flow.session.service, self._language)

    def _end(self) -> None:
        """End of a session, however it ends: no personal data survives it."""
        self.flow.end()
        self._adopt_hall_changes()
        self._greeting = ""
        self._warning = False
        for part in self.parts.values():
            part.end_jobs()     # a late result of this session must not reach the next
            part.clear()
        if self.flow.elder_mode:
            self.setElderMode(False)
        self.voice.enabled = False
        if self._language != "zh_CN":
            self.setLanguage("zh_CN")
        self.changed.emit()

    def _do(self, method, *args) -> None:
        before = self.flow.screen
        try:
            method(*args)
        except (FlowError, KeyError) as exc:
            # A double touch or a stale button: ignore it rather than crash the kiosk.
            log.warning("ignored %s%s: %s", method.__name__, args, exc)
        self._entered(before)
        self.changed.emit()

    def _entered(self, before: Screen) -> None:
        """Tell the parts when the flow arrived on another screen (they start its job).
        Back at the start of a service (home, or the ticket categories when a check-in
        turns into an ordinary ticket), nobody is identified: no greeting either."""
        if self.flow.screen in (Screen.HOME, Screen.CATEGORY):
            self._greeting = ""
        if self.flow.screen != before:
            for part in self.parts.values():
                part.entered(self.flow.screen)

    # -- what parts use (see kiosk/ui/parts/base.py) --------------------------------------
    def submit(self, job) -> None:
        """Run ``job`` on the worker pool (never the GUI thread)."""
        self._pool.submit(job)

    def move(self, method, *args) -> None:
        """Call a flow method; a stale or doubled call is logged and ignored."""
        self._do(method, *args)

    def identified(self, identity, photo: bytes | None = None) -> None:
        """The identify part identified the citizen (``identity``: an ``ok``
        :class:`kiosk.core.identify.IdentityResult`; ``photo``: the face the hall
        matched): greet them (masked name) and go on (``KioskFlow.card_read``; the next
        screen's part starts its job as the flow enters it)."""
        if self.flow.screen != Screen.IDENTIFY:
            return
        self._greeting = identity.display_name
        self._do(self.flow.card_read, identity, photo)
        if self.flow.screen == Screen.IDENTIFY:     # refused by the flow (a UI bug)
            self._greeting = ""

    def skip_identity(self) -> None:
        """The citizen skipped an optional identification (consultation tickets)."""
        if self.flow.screen != Screen.IDENTIFY:
            return
        self._do(self.flow.skip_identity)

    def personal_data(self) -> dict[str, Any]:
        """What personal data the UI side still holds (for tests and the session audit):
        the core session's, the greeting, and every part's (``<part>.<what>``)."""
        s = self.flow.session
        held = {k: v for k, v in s.personal_data().items() if v}
        if self._greeting:
            held["greeting"] = self._greeting
        for name, part in self.parts.items():
            held.update({f"{name}.{k}": v for k, v in part.personal_data().items() if v})
        return held


# The marks the screens put before a sentence (⚠ a problem, ▼ take it below, ⓘ for your
# information, the buttons' arrows): seen, not read (espeak-ng spells some of them out).
_MARKS = str.maketrans("", "", "⚠▼ⓘ‹›⌂✓✔☎")


def _readable(text: str) -> str:
    # Spoken puts a screen's texts on lines of their own: each is read as a sentence ("。"
    # after it, unless it ends one already).
    text = re.sub(r"\s*[。\n]\s*", "。", text.translate(_MARKS))
    return re.sub(r"([。！？!?.，,：:])。", r"\1", text).strip().lstrip("。")
