"""The citizen flow, as a state machine without I/O. The service's ``flow`` (catalog)
decides the steps between the home screen and the rating:

    ticket:  home -> category -> kind -> identify -> issuing -> ticket -> rating
    pickup:  home -> pickup_code -> identify -> opening -> pickup_result -> rating
    print:   home -> identify -> printing -> printed -> rating   (certificates on A4)
    guide:   home -> guides (browse / search) -> guide_detail -> rating
    apply:   home -> identify -> confirm -> submitted -> rating   (accepted offline too)
    query:   home -> identify -> querying -> results -> rating    (online only)
    pay:     home -> identify -> pay_items -> paying -> pay_result -> rating  (online only)
    checkin: home -> identify -> appointments -> issuing -> ticket -> rating  (预约取号)

An ``apply`` service whose catalog entry has a ``form`` asks its questions on ``form``
screens between identify and confirm. The newer flows' methods live in their own
modules (flow_pay, flow_form, flow_checkin), mixed into :class:`KioskFlow`.

The UI calls the methods below on touches and when a worker finishes a device job; it
starts those jobs itself (reading a card, issuing and printing) because they must never
run on the GUI thread. Every method returns the new screen. ``end()`` (finish, cancel,
timeout) drops all personal data of the session.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from .catalog import Catalog
from .config import SessionSettings
from .flow_base import FlowBase
from .flow_checkin import CheckinFlow
from .flow_form import FormFlow
from .flow_pay import PayFlow
from .identify import IdentityPlan, IdentityResult, plan
from .screens import FLOW_KINDS, FlowError, FlowKind, Screen
from .session import InactivityClock, Session

__all__ = ["BUSY_SCREENS", "LOW_LEVELS", "FlowError", "KioskFlow", "Screen"]


_BACK = {Screen.HOME: Screen.ATTRACT, Screen.CATEGORY: Screen.HOME,
         Screen.KIND: Screen.CATEGORY, Screen.PICKUP_CODE: Screen.HOME,
         Screen.GUIDES: Screen.HOME, Screen.GUIDE_DETAIL: Screen.GUIDES,
         Screen.CONFIRM: Screen.HOME,
         Screen.RATING_REASON: Screen.RATING}
# Screens where a job runs or the citizen acts elsewhere (paying on the phone): they
# never time out; the job's own bound ends them.
BUSY_SCREENS = frozenset({Screen.ATTRACT, Screen.ISSUING, Screen.OPENING, Screen.PRINTING,
                          Screen.QUERYING, Screen.PAYING})
# The two lowest levels ask why (好差评 rules: a bad rating must say what went wrong).
LOW_LEVELS = ("dissatisfied", "very_dissatisfied")


class KioskFlow(PayFlow, FormFlow, CheckinFlow, FlowBase):
    def __init__(self, catalog: Catalog, settings: SessionSettings,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.catalog = catalog
        self.settings = settings
        self.session = Session()
        self.screen = Screen.ATTRACT
        self.inactivity = InactivityClock(settings.timeout_s, settings.warning_s, clock)
        self.elder_mode = False

    # -- navigation --------------------------------------------------------------------
    def start(self) -> Screen:
        self._expect(Screen.ATTRACT)
        return self._go(Screen.HOME)

    def choose_service(self, code: str) -> Screen:
        self._expect(Screen.HOME)
        service = self.catalog.service(code)
        if service.flow not in FLOW_KINDS:
            raise FlowError(f"flow {service.flow!r} is not available yet")
        self.session.service = code
        return self._go(FLOW_KINDS[service.flow].first)

    @property
    def service_flow(self) -> str | None:
        return self.catalog.service(self.session.service).flow if self.session.service else None

    def _flow_kind(self) -> FlowKind:
        """The current service's flow kind (a FlowError outside a service)."""
        if self.service_flow is None:
            raise FlowError(f"no service chosen on {self.screen.value}")
        return FLOW_KINDS[self.service_flow]

    def choose_category(self, code: str) -> Screen:
        self._expect(Screen.CATEGORY)
        self.session.category = self.catalog.category(code).code
        return self._go(Screen.KIND)

    def choose_kind(self, code: str) -> Screen:
        """Next is always the identify screen: for kinds that need no identity it offers
        to skip (consultation), for the others it waits for the card."""
        self._expect(Screen.KIND)
        self.session.kind = self.catalog.kind(code).code
        return self._go(Screen.IDENTIFY)

    # -- identification ---------------------------------------------------------------
    @property
    def identity_plan(self) -> IdentityPlan:
        """How the citizen may identify for the chosen service (see
        :func:`kiosk.core.identify.plan`). A ticket kind that needs identity asks for its
        own method; one that does not (consultation) offers the service's methods and
        may be skipped."""
        if self.session.service is None:
            return plan(())
        service = self.catalog.service(self.session.service)
        if service.flow == "ticket" and self.session.kind is not None:
            kind = self.catalog.kind(self.session.kind)
            if kind.needs_identity:
                return plan(kind.identity)
            return plan((*service.identity, "none"))
        return plan(service.identity)

    @property
    def identity_optional(self) -> bool:
        return self.identity_plan.optional

    def skip_identity(self) -> Screen:
        self._expect(Screen.IDENTIFY)
        if not self.identity_optional:
            raise FlowError("this service needs the citizen identified")
        return self._go(self._after_identity())

    def card_read(self, identity: IdentityResult, photo: bytes | None = None) -> Screen:
        """The citizen was identified (``identity``: an ``ok`` result of one of the
        plan's methods): keep it in the session (``identity``; ``card`` and ``holder``
        for a card, None for a QR code) and go on to the service's next step. ``photo``:
        the live face the hall matched with the ID card, required when the plan verifies
        the face. Failures never come here: the identify screen shows them and offers to
        try again. A result arriving after the citizen left is dropped."""
        if self.screen != Screen.IDENTIFY:
            return self.screen
        wanted = self.identity_plan
        if not identity.ok or identity.method not in wanted.methods:
            raise FlowError(f"not an identification this service accepts: {identity!r}")
        if wanted.verify_face and not photo:
            raise FlowError("this service needs the face matched with the ID card")
        s = self.session
        s.identity, s.card, s.holder = identity, identity.card, identity.holder
        s.photo = photo if wanted.verify_face else None
        return self._go(self._after_identity())

    # -- pickup -----------------------------------------------------------------------
    def enter_pickup_code(self, code: str) -> Screen:
        """The SMS code typed on the keypad. The card is read next — unless the citizen
        already showed it and is correcting a wrong code."""
        self._expect(Screen.PICKUP_CODE)
        code = code.strip()
        if not (code.isdigit() and 4 <= len(code) <= 8):
            raise FlowError("a pickup code is 4 to 8 digits")
        self.session.pickup_code = code
        return self._go(Screen.OPENING if self.session.holder else Screen.IDENTIFY)

    def pickup_done(self, outcome: str, door: int | None = None) -> Screen:
        """Result of the open-the-door job (see Terminal.collect_from_locker)."""
        self._expect(Screen.OPENING)
        self.session.pickup_code = None
        self.session.pickup = {"outcome": outcome, "door": door}
        if outcome == "ok":
            self._forget_identity()
        return self._go(Screen.PICKUP_RESULT)

    def retry_pickup_code(self) -> Screen:
        self._expect(Screen.PICKUP_RESULT)
        self.session.pickup = None
        return self._go(Screen.PICKUP_CODE)

    def pickup_finished(self) -> Screen:
        self._expect(Screen.PICKUP_RESULT)
        return self._go(Screen.RATING)

    # -- print (certificates) ---------------------------------------------------------
    def document_done(self, outcome: str, pages: int | None = None) -> Screen:
        """Result of the fetch-and-print job (see kiosk.core.documents)."""
        self._expect(Screen.PRINTING)
        self.session.document = {"outcome": outcome, "pages": pages}
        self._forget_identity()
        return self._go(Screen.PRINTED)

    def document_taken(self) -> Screen:
        self._expect(Screen.PRINTED)
        return self._go(Screen.RATING)

    # -- apply (loss reports, applications) --------------------------------------------
    def _after_identity(self) -> Screen:
        """The step after identification: the first question of an application's form
        when the service has one (flow_form), else the flow's next screen."""
        after_card = self._flow_kind().after_card
        if after_card is None:
            raise FlowError(f"the {self.service_flow} flow does not identify the citizen")
        return self._after_identity_form() or after_card

    def submitted(self, reference: str | None) -> Screen:
        """The application was recorded (``reference``) or could not be (None). The
        confirm screen stays until the citizen confirms; the card data goes with it."""
        self._expect(Screen.CONFIRM)
        self.session.application = {"reference": reference}
        self._forget_identity()
        return self._go(Screen.SUBMITTED)

    def application_done(self) -> Screen:
        self._expect(Screen.SUBMITTED)
        return self._go(Screen.RATING)

    # -- query ------------------------------------------------------------------------
    def query_done(self, rows: list | None) -> Screen:
        """The hall's rows (None: it could not answer). The rows are personal data: kept
        in the session until it ends; the card is not needed any more."""
        self._expect(Screen.QUERYING)
        self.session.results = rows
        self._forget_identity()
        return self._go(Screen.RESULTS)

    def results_done(self) -> Screen:
        self._expect(Screen.RESULTS)
        return self._go(Screen.RATING)

    # -- guides -----------------------------------------------------------------------
    def open_guide(self, code: str) -> Screen:
        self._expect(Screen.GUIDES)
        self.session.guide = code
        return self._go(Screen.GUIDE_DETAIL)

    def guide_done(self) -> Screen:
        self._expect(Screen.GUIDE_DETAIL)
        return self._go(Screen.RATING)

    # -- rating -----------------------------------------------------------------------
    def rate(self, level: str) -> Screen:
        """A level on the rating screen: the two lowest ask for a reason first; the
        others end the session (the caller stores the rating)."""
        self._expect(Screen.RATING)
        self.session.rating = level
        if level in LOW_LEVELS:
            return self._go(Screen.RATING_REASON)
        return self.end()

    def give_reason(self, reason: str) -> Screen:
        self._expect(Screen.RATING_REASON)
        self.session.rating_reason = reason
        return self.end()

    def ticket_ready(self, ticket, print_error=None) -> Screen:
        """Result of the issue-and-print job. A ticket that did not print still exists:
        the screen shows its number and tells the citizen what to do."""
        self._expect(Screen.ISSUING)
        self.session.ticket, self.session.print_error = ticket, print_error
        self._forget_identity()
        return self._go(Screen.TICKET)

    def issue_failed(self, reason: str) -> Screen:
        """No ticket could be issued (e.g. the disk failed): say so and start over."""
        self._expect(Screen.ISSUING)
        self._go(Screen.TICKET)
        self.session.notice = reason
        return self.screen

    def ticket_taken(self) -> Screen:
        self._expect(Screen.TICKET)
        return self._go(Screen.RATING)

    def end(self) -> Screen:
        """Finish, cancel or timeout: drop the session and return to the attract screen."""
        self.session.clear()
        self.screen = Screen.ATTRACT
        return self.screen

    def back(self) -> Screen:
        if self.screen == Screen.IDENTIFY:
            target = self._flow_kind().back_from_identify
            if target is None:
                raise FlowError(f"the {self.service_flow} flow has no identify screen")
            if target == Screen.HOME:
                self.session.clear()
            else:
                self._forget_identity()
            return self._go(target)
        if self.screen in _BACK:
            target = _BACK[self.screen]
            if target == Screen.ATTRACT:
                return self.end()
            if target == Screen.HOME:
                # Leaving a service: nothing of it (the card read, a code) stays behind.
                self.session.clear()
            return self._go(target)
        return self.screen

    # -- inactivity --------------------------------------------------------------------
    def use_settings(self, settings: SessionSettings) -> None:
        """New timeouts (the hall's), from the next touch on; between citizens."""
        self.settings = settings
        self.inactivity.timeout_s, self.inactivity.warning_s = (settings.timeout_s,
                                                                settings.warning_s)
        self.set_elder_mode(self.elder_mode)

    def set_elder_mode(self, on: bool) -> None:
        self.elder_mode = on
        self.inactivity.factor = self.settings.elder_factor if on else 1.0
        self.inactivity.touch()

    def touch(self) -> None:
        self.inactivity.touch()

    def tick(self) -> str:
        """Called periodically by the UI. Returns the inactivity state; on ``expired``
        the session has already been ended. The attract screen and the screens where a
        job is running (issuing, opening, printing) never time out."""
        if self.screen in BUSY_SCREENS:
            self.inactivity.touch()
            return "active"
        state = self.inactivity.state()
        if state == "expired":
            self.end()
        return state
