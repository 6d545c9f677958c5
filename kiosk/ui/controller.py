"""The bridge between the Qt Quick screens and the domain (``kiosk.core``).

Threading contract: every slot runs on the GUI thread and returns within a frame. Device,
disk and network work is submitted to a small thread pool; results come back through
queued signals (emitted on the worker thread, delivered on the GUI thread). Supervisor
events arrive the same way.

Personal data: what reaches QML is masked (``holderGreeting``, the applicant line) or
shown to its owner only (query rows); :meth:`_end` clears it with the core session.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core import queries
from kiosk.core.flow import FlowError, KioskFlow, Screen
from kiosk.core.identify import id_number_of
from kiosk.core.privacy import masked_number
from kiosk.core.terminal import RATING_LEVELS, RATING_REASONS, Terminal

from . import messages
from . import parts as flow_parts
from .i18n import Translations
from .theme import Theme
from .voice import Voice

log = logging.getLogger(__name__)

TICK_MS = 250


def masked_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***; enough for a citizen to recognise their own card."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


class KioskController(QObject):
    changed = Signal()              # any property below may have changed
    # Worker -> GUI thread (queued because emitted from another thread).
    _ticketResult = Signal(object)
    _pickupResult = Signal(object)
    _documentResult = Signal(object)
    _guidePrinted = Signal(object)
    _applicationResult = Signal(object)
    _queryResult = Signal(object)
    _resultsPrinted = Signal(object)
    _devicesChanged = Signal()

    def __init__(self, terminal: Terminal, translations: Translations, theme: Theme,
                 parent: QObject | None = None, voice: Voice | None = None) -> None:
        super().__init__(parent)
        self.voice = voice or Voice()
        self.terminal = terminal
        self.flow = KioskFlow(terminal.catalog, terminal.session_settings)
        self.translations = translations
        self.theme = theme
        self._language = "zh_CN"
        self._greeting = ""
        self._shown_announcements = terminal.announcements   # to notice the hall's new ones
        self._warning = False
        self._seconds_left = 0
        # The guide browser's state (not personal): a tab, the facet chosen in it, the
        # letters typed, and whether the guide on screen was printed.
        self._guide_tab = "theme"
        self._guide_facet = ""
        self._guide_query = ""
        self._guide_print = ""
        self._submitting = False
        self._page = 0
        self._results_print = ""
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-job")
        self._ticketResult.connect(self._on_ticket_result)
        self._pickupResult.connect(self._on_pickup_result)
        self._documentResult.connect(self._on_document_result)
        self._guidePrinted.connect(self._on_guide_printed)
        self._applicationResult.connect(self._on_application_result)
        self._queryResult.connect(self._on_query_result)
        self._resultsPrinted.connect(self._on_results_printed)
        self._devicesChanged.connect(self.changed)
        # One QObject per newer flow (kiosk/ui/parts), each exposed to QML by its name.
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
        self._pool.shutdown(wait=True, cancel_futures=True)

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

    def _categories(self) -> list[dict[str, Any]]:
        return [{"code": c.code, "letter": c.letter, "name": c.label(self._language)}
                for c in self.terminal.catalog.ticket_categories]

    def _kinds(self) -> list[dict[str, Any]]:
        out = []
        for k in self.terminal.catalog.ticket_kinds:
            a = self.terminal.kind_availability(k.code)
            out.append({"code": k.code, "name": k.label(self._language),
                        "needsId": k.needs_identity, "available": a.available,
                        "reason": messages.text(a.reason or "")})
        return out

    def _ticket_service(self) -> dict[str, Any]:
        a = self.terminal.service_availability("queue_ticket")
        return {"available": a.available, "reason": messages.text(a.reason or "")}

    def _choice(self) -> str:
        s = self.flow.session
        parts = []
        if s.category:
            parts.append(self.terminal.catalog.category(s.category).label(self._language))
        if s.kind:
            parts.append(self.terminal.catalog.kind(s.kind).label(self._language))
        return " · ".join(parts)

    def _ticket(self) -> dict[str, Any]:
        s = self.flow.session
        t = s.ticket
        if t is None:
            return {"number": "", "waitingAhead": 0, "printed": False, "printError": "",
                    "appointment": False}
        # A number taken for an appointment (预约取号) says so, as its receipt does.
        return {"number": t.number, "waitingAhead": t.waiting_ahead,
                "appointment": self.flow.service_flow == "checkin",
                "printed": s.print_error is None,
                "printError": messages.print_error_text(
                    s.print_error.code if s.print_error else "")}

    screen = Property(str, _screen, notify=changed)
    language = Property(str, lambda self: self._language, notify=changed)
    elderMode = Property(bool, lambda self: self.flow.elder_mode, notify=changed)
    hallName = Property(str, _hall_name, notify=changed)

    def _announcements(self) -> list[str]:
        return [a.label(self._language) for a in self.terminal.announcements]

    announcements = Property("QVariantList", _announcements, notify=changed)
    kioskId = Property(str, lambda self: self.terminal.config.kiosk_id, constant=True)
    services = Property("QVariantList", _services, notify=changed)
    categories = Property("QVariantList", _categories, notify=changed)
    kinds = Property("QVariantList", _kinds, notify=changed)
    ticketService = Property("QVariantMap", _ticket_service, notify=changed)
    choice = Property(str, _choice, notify=changed)
    notice = Property(str, lambda self: messages.text(self.flow.session.notice or ""),
                      notify=changed)
    holderGreeting = Property(str, lambda self: self._greeting, notify=changed)
    ticket = Property("QVariantMap", _ticket, notify=changed)
    timeoutWarning = Property(bool, lambda self: self._warning, notify=changed)
    secondsLeft = Property(int, lambda self: self._seconds_left, notify=changed)
    ratingLevels = Property("QVariantList", lambda self: list(RATING_LEVELS), constant=True)
    voiceAvailable = Property(bool, lambda self: self.voice.available, constant=True)
    voiceOn = Property(bool, lambda self: self.voice.enabled, notify=changed)
    ratingReasons = Property("QVariantList", lambda self: list(RATING_REASONS), constant=True)
    serviceFlow = Property(str, lambda self: self.flow.service_flow or "", notify=changed)

    def _pickup(self) -> dict[str, Any]:
        p = self.flow.session.pickup or {}
        outcome = p.get("outcome", "")
        return {"outcome": outcome, "door": p.get("door") or 0,
                "message": messages.pickup_text(outcome, p.get("door"))}

    pickup = Property("QVariantMap", _pickup, notify=changed)

    def _document(self) -> dict[str, Any]:
        d = self.flow.session.document or {}
        outcome = d.get("outcome", "")
        service = (self.terminal.catalog.service(self.flow.session.service).label(self._language)
                   if self.flow.session.service else "")
        return {"outcome": outcome, "title": service,
                "message": messages.document_text(outcome, d.get("pages"))}

    document = Property("QVariantMap", _document, notify=changed)

    def _application(self) -> dict[str, Any]:
        s = self.flow.session
        service = (self.terminal.catalog.service(s.service) if s.service else None)
        out = {"title": service.label(self._language) if service else "",
               "summary": service.summary_label(self._language) if service else "",
               "applicant": "", "reference": "", "printError": "", "submitting": False}
        if s.card is not None and self.flow.screen == Screen.CONFIRM:
            # Masked even here: the screen is in a public hall.
            out["applicant"] = (f"{masked_name(s.card.name)}  "
                                f"{masked_number(id_number_of(s.card) or '')}")
        if s.application:
            out["reference"] = s.application.get("reference") or ""
            out["printError"] = messages.print_error_text(s.application.get("print_error", ""))
        out["submitting"] = self._submitting
        return out

    application = Property("QVariantMap", _application, notify=changed)

    # -- query results (paged; the rows are personal data, dropped at session end) --------
    # Rows a page: what fits above the page and print buttons (fewer, larger in elder mode).
    PAGE_ROWS = 6
    ELDER_PAGE_ROWS = 4

    def _results(self) -> dict[str, Any]:
        s = self.flow.session
        if self.flow.screen != Screen.RESULTS or s.service is None:
            return {"ok": False, "columns": [], "rows": [], "page": 0, "pages": 0,
                    "total": 0, "printStatus": ""}
        if s.results is None:
            return {"ok": False, "columns": [], "rows": [], "page": 0, "pages": 0,
                    "total": 0, "printStatus": ""}
        columns, rows = queries.table(self.terminal.catalog.service(s.service), s.results,
                                     self._language)
        per_page = self.ELDER_PAGE_ROWS if self.flow.elder_mode else self.PAGE_ROWS
        pages = max(1, -(-len(rows) // per_page))
        page = min(self._page, pages - 1)
        return {"ok": True, "columns": columns, "total": len(rows), "page": page,
                "pages": pages,
                "rows": rows[page * per_page:(page + 1) * per_page],
                "printStatus": messages.guide_print_text(self._results_print)}

    results = Property("QVariantMap", _results, notify=changed)

    @Slot(int)
    def turnPage(self, delta: int) -> None:
        self._page = max(0, self._page + delta)
        self.changed.emit()

    @Slot()
    def printResults(self) -> None:
        s = self.flow.session
        if self.flow.screen != Screen.RESULTS or not s.results or self._results_print == "printing":
            return
        service, rows, language = s.service, list(s.results), self._language
        self._results_print = "printing"
        self._pool.submit(lambda: self._resultsPrinted.emit(
            self._safe(lambda: self.terminal.print_query(service, rows, language))))
        self.changed.emit()

    def _on_results_printed(self, outcome) -> None:
        if self.flow.screen == Screen.RESULTS:
            self._results_print = outcome
            self.changed.emit()

    def _start_query(self) -> None:
        service, holder = self.flow.session.service, self.flow.session.holder

        def job():
            try:
                self._queryResult.emit(self.terminal.run_query(service, holder).rows)
            except Exception:
                log.exception("query %s failed", service)
                self._queryResult.emit(None)

        self._pool.submit(job)

    def _on_query_result(self, rows) -> None:
        if self.flow.screen != Screen.QUERYING:
            return
        self._page, self._results_print = 0, ""
        self.flow.query_done(rows)
        self.changed.emit()

    @Slot()
    def resultsDone(self) -> None:
        self._do(self.flow.results_done)

    @Slot()
    def confirmApplication(self) -> None:
        """Submit (disk + printer: a worker); the confirm screen shows progress meanwhile."""
        s = self.flow.session
        if self.flow.screen != Screen.CONFIRM or self._submitting or s.card is None:
            return
        self._submitting = True
        # The form's answers (none for a loss report) go with it: a copy, the session's
        # may be cleared while the worker runs.
        service, card, language, answers = s.service, s.card, self._language, dict(s.form or {})

        def job():
            try:
                result = self.terminal.submit_application(service, card, language, answers)
                self._applicationResult.emit((result.reference,
                                              result.print_error.code if result.print_error else ""))
            except Exception:
                log.exception("submitting %s failed", service)
                self._applicationResult.emit((None, ""))

        self._pool.submit(job)
        self.changed.emit()

    def _on_application_result(self, result) -> None:
        self._submitting = False
        if self.flow.screen != Screen.CONFIRM:
            return
        reference, print_error = result
        self.flow.submitted(reference)
        self.flow.session.application["print_error"] = print_error
        self._entered(Screen.CONFIRM)   # e.g. the form part drops the answers
        self.changed.emit()

    @Slot()
    def applicationDone(self) -> None:
        self._do(self.flow.application_done)

    # -- guides (in-memory searches: cheap enough for the GUI thread) ---------------------
    def _guide_facets(self) -> list[dict[str, Any]]:
        if self._guide_tab == "search" or not self._guides_ready():
            return []
        return [{"code": f.code, "label": f.label, "count": f.count}
                for f in self.terminal.guides.facets(self._guide_tab, self._language)]

    def _guide_results(self) -> list[dict[str, Any]]:
        if not self._guides_ready():
            return []
        guides = self.terminal.guides
        if self._guide_tab == "search":
            if not self._guide_query:
                return []
            return [{"code": h.code, "name": h.name, "detail": h.matched}
                    for h in guides.search(self._guide_query, self._language, limit=12)]
        if not self._guide_facet:
            return []
        return [{"code": v.code, "name": v.name, "detail": v.department}
                for v in guides.browse(self._guide_tab, self._guide_facet, self._language)]

    def _guide(self) -> dict[str, Any]:
        code = self.flow.session.guide
        if not code or not self._guides_ready():
            return {}
        v = self.terminal.guides.view(code, self._language)
        return {"code": v.code, "name": v.name, "materials": list(v.materials),
                "timeLimit": v.time_limit, "fees": v.fees, "where": v.where,
                "department": v.department,
                "printStatus": messages.guide_print_text(self._guide_print)}

    def _guide_keywords(self) -> list[str]:
        if not self._guides_ready():
            return []
        seen: list[str] = []
        for g in self.terminal.guides.guides:
            if g.keywords and g.keywords[0] not in seen:
                seen.append(g.keywords[0])
        return seen[:12]

    def _guides_ready(self) -> bool:
        return self.terminal.guides_ready

    guideTab = Property(str, lambda self: self._guide_tab, notify=changed)
    guideFacet = Property(str, lambda self: self._guide_facet, notify=changed)
    guideQuery = Property(str, lambda self: self._guide_query, notify=changed)
    guideFacets = Property("QVariantList", _guide_facets, notify=changed)
    guideResults = Property("QVariantList", _guide_results, notify=changed)
    guideKeywords = Property("QVariantList", _guide_keywords, notify=changed)
    guide = Property("QVariantMap", _guide, notify=changed)

    @Slot(str)
    def setGuideTab(self, tab: str) -> None:
        if tab in ("theme", "life_event", "department", "search"):
            self._guide_tab, self._guide_facet = tab, ""
            self.changed.emit()

    @Slot(str)
    def chooseGuideFacet(self, code: str) -> None:
        self._guide_facet = code
        self.changed.emit()

    @Slot(str)
    def guideKey(self, key: str) -> None:
        """A key of the A-Z pad (pinyin initials), ``del`` or ``clear``; or a keyword."""
        if key == "del":
            self._guide_query = self._guide_query[:-1]
        elif key == "clear":
            self._guide_query = ""
        elif len(self._guide_query) < 12:
            self._guide_query += key
        self._guide_tab = "search"
        self.changed.emit()

    @Slot(str)
    def searchGuideKeyword(self, word: str) -> None:
        self._guide_query, self._guide_tab = word, "search"
        self.changed.emit()

    @Slot(str)
    def openGuide(self, code: str) -> None:
        self._guide_print = ""
        self._do(self.flow.open_guide, code)

    @Slot()
    def printGuide(self) -> None:
        if self.flow.screen != Screen.GUIDE_DETAIL or self._guide_print == "printing":
            return
        code, language = self.flow.session.guide, self._language
        self._guide_print = "printing"
        self._pool.submit(lambda: self._guidePrinted.emit(
            self._safe(lambda: self.terminal.print_guide(code, language))))
        self.changed.emit()

    def _safe(self, fn):
        try:
            err = fn()
            return "printed" if err is None else err.code
        except Exception:
            log.exception("printing a guide failed")
            return "print_failed"

    def _on_guide_printed(self, outcome) -> None:
        if self.flow.screen == Screen.GUIDE_DETAIL:
            self._guide_print = outcome
            self.changed.emit()

    @Slot()
    def guideDone(self) -> None:
        self._do(self.flow.guide_done)

    # -- slots: navigation ---------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        self._do(self.flow.start)

    @Slot(str)
    def chooseService(self, code: str) -> None:
        if self.terminal.service_availability(code).available:
            self._do(self.flow.choose_service, code)

    @Slot(str)
    def chooseCategory(self, code: str) -> None:
        self._do(self.flow.choose_category, code)

    @Slot(str)
    def chooseKind(self, code: str) -> None:
        if not self.terminal.kind_availability(code).available:
            return
        self._do(self.flow.choose_kind, code)

    @Slot()
    def ticketTaken(self) -> None:
        self._do(self.flow.ticket_taken)

    @Slot(str)
    def rate(self, level: str) -> None:
        """A level; the two lowest go on to ask why (stored with the reason)."""
        if self.flow.screen != Screen.RATING or level not in RATING_LEVELS:
            return
        context = self._rating_context()
        self._do(self.flow.rate, level)
        if self.flow.screen == Screen.ATTRACT:
            self._store_rating(*context, level, None)
            self._end()

    @Slot(str)
    def rateReason(self, reason: str) -> None:
        if self.flow.screen != Screen.RATING_REASON or reason not in RATING_REASONS:
            return
        context, level = self._rating_context(), self.flow.session.rating
        self._do(self.flow.give_reason, reason)
        self._store_rating(*context, level, reason)
        self._end()

    def _rating_context(self) -> tuple[str, str | None]:
        s = self.flow.session
        return s.service or "queue_ticket", (s.ticket.number if s.ticket else None)

    @Slot(str)
    def submitPickupCode(self, code: str) -> None:
        self._do(self.flow.enter_pickup_code, code)
        if self.flow.screen == Screen.OPENING:
            self._start_opening()
        self.changed.emit()

    @Slot()
    def retryPickupCode(self) -> None:
        self._do(self.flow.retry_pickup_code)

    @Slot()
    def pickupFinished(self) -> None:
        self._do(self.flow.pickup_finished)

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
    def speak(self, text: str, alert: bool = False) -> None:
        """Read a screen's question aloud (ScreenTitle calls it when a screen appears),
        in the citizen's language; ``alert`` (from Python: the parts' face prompts and
        card reminder) even when voice guidance is off (see :meth:`Voice.say`)."""
        self.voice.say(text, self._language, alert=alert)

    # -- jobs ----------------------------------------------------------------------------
    def _start_job_after_identify(self) -> None:
        """The older flows start their job here once the citizen is identified (the
        newer flows' parts start theirs in ``entered``)."""
        job = {Screen.ISSUING: self._start_issue, Screen.OPENING: self._start_opening,
               Screen.PRINTING: self._start_printing,
               Screen.QUERYING: self._start_query}.get(self.flow.screen)
        if job is not None:
            job()

    def _start_printing(self) -> None:
        service, holder = self.flow.session.service, self.flow.session.holder

        def job():
            try:
                result = self.terminal.print_document(service, holder)
                self._documentResult.emit((result.outcome, result.pages))
            except Exception:
                log.exception("printing a document failed")
                self._documentResult.emit(("printer_error", None))

        self._pool.submit(job)

    def _on_document_result(self, result) -> None:
        if self.flow.screen != Screen.PRINTING:
            return
        self.flow.document_done(*result)
        self.changed.emit()

    @Slot()
    def documentTaken(self) -> None:
        self._do(self.flow.document_taken)

    def _start_opening(self) -> None:
        code, holder = self.flow.session.pickup_code, self.flow.session.holder

        def job():
            try:
                result = self.terminal.collect_from_locker(code, holder)
                self._pickupResult.emit((result.outcome, result.door))
            except Exception:
                log.exception("opening a locker failed")
                self._pickupResult.emit(("device_error", None))

        self._pool.submit(job)

    def _on_pickup_result(self, result) -> None:
        if self.flow.screen != Screen.OPENING:
            return
        self.flow.pickup_done(*result)
        self.changed.emit()

    def _start_issue(self) -> None:
        s = self.flow.session
        category, kind, holder, language = s.category, s.kind, s.holder, self._language

        def job():
            try:
                self._ticketResult.emit(("ok", self.terminal.issue_ticket(
                    category, kind, holder, language)))
            except Exception as exc:
                log.exception("issuing a ticket failed")
                self._ticketResult.emit(("error", exc))

        self._pool.submit(job)

    def _on_ticket_result(self, result) -> None:
        if self.flow.screen != Screen.ISSUING:
            return
        status, value = result
        if status == "ok":
            self.flow.ticket_ready(value.ticket, value.print_error)
        else:
            self.flow.issue_failed("issue_failed")
        self.changed.emit()

    def _store_rating(self, service: str, number: str | None, level: str,
                      reason: str | None) -> None:
        """Storing is disk I/O: off the GUI thread; the citizen does not wait for it."""
        def job():
            try:
                self.terminal.record_rating(service, level, number, reason)
            except Exception:
                log.exception("storing a rating failed")

        self._pool.submit(job)

    # -- session -------------------------------------------------------------------------
    def _tick(self) -> None:
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
            self._warning, self._seconds_left = warning, seconds
            self.changed.emit()

    def _adopt_hall_changes(self) -> None:
        """The hall's new catalog and timeouts, between two citizens only (never under
        one's hands)."""
        if self.terminal.adopt_hall_changes():
            self.flow.catalog = self.terminal.catalog
            self.flow.use_settings(self.terminal.session_settings)
            for part in self.parts.values():
                part.notify()
            self.changed.emit()

    def _end(self) -> None:
        """End of a session, however it ends: no personal data survives it."""
        self.flow.end()
        self._adopt_hall_changes()
        self._greeting = ""
        self._warning = False
        self._guide_tab, self._guide_facet, self._guide_query = "theme", "", ""
        self._guide_print = ""
        for part in self.parts.values():
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
        matched): greet them (masked name), go on (``KioskFlow.card_read``) and start the
        next screen's job."""
        if self.flow.screen != Screen.IDENTIFY:
            return
        self._greeting = identity.display_name
        self._do(self.flow.card_read, identity, photo)
        if self.flow.screen == Screen.IDENTIFY:     # refused by the flow (a UI bug)
            self._greeting = ""
            return
        self._start_job_after_identify()

    def skip_identity(self) -> None:
        """The citizen skipped an optional identification (consultation tickets)."""
        if self.flow.screen != Screen.IDENTIFY:
            return
        self._do(self.flow.skip_identity)
        self._start_job_after_identify()

    def personal_data(self) -> dict[str, Any]:
        """What personal data the UI side still holds (for tests and the session audit)."""
        s = self.flow.session
        held = {k: v for k, v in {"card": s.card, "holder": s.holder,
                                  "pickup_code": s.pickup_code, "results": s.results,
                                  "identity": s.identity, "photo": s.photo,
                                  "payment": s.payment, "form": s.form,
                                  "appointments": s.appointments,
                                  "greeting": self._greeting}.items() if v}
        for name, part in self.parts.items():
            held.update({f"{name}.{k}": v for k, v in part.personal_data().items() if v})
        return held
