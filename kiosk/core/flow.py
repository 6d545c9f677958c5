"""The citizen flow of the queue-ticket service, as a state machine without I/O.

    attract -> home -> category -> kind -> identify -> issuing -> ticket -> rating -> attract

The UI calls the methods below on touches and when a worker finishes a device job; it
starts those jobs itself (reading a card, issuing and printing) because they must never
run on the GUI thread. Every method returns the new screen. ``end()`` (finish, cancel,
timeout) drops all personal data of the session.
"""
from __future__ import annotations

import enum
import time
from typing import Callable

from .catalog import Catalog
from .config import SessionSettings
from .session import InactivityClock, Session


class Screen(str, enum.Enum):
    ATTRACT = "attract"
    HOME = "home"
    CATEGORY = "category"
    KIND = "kind"
    IDENTIFY = "identify"
    ISSUING = "issuing"
    TICKET = "ticket"
    RATING = "rating"


_BACK = {Screen.HOME: Screen.ATTRACT, Screen.CATEGORY: Screen.HOME,
         Screen.KIND: Screen.CATEGORY, Screen.IDENTIFY: Screen.KIND}


class FlowError(RuntimeError):
    """A method was called on a screen where it makes no sense (a UI bug)."""


class KioskFlow:
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
        if service.flow != "ticket":
            raise FlowError(f"flow {service.flow!r} is not available yet")
        self.session.service = code
        return self._go(Screen.CATEGORY)

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

    @property
    def identity_optional(self) -> bool:
        return self.session.kind is not None and not self.catalog.kind(
            self.session.kind).needs_identity

    def skip_identity(self) -> Screen:
        self._expect(Screen.IDENTIFY)
        if not self.identity_optional:
            raise FlowError("this ticket kind needs an ID card")
        return self._go(Screen.ISSUING)

    def card_read(self, outcome: str, card=None, holder: str | None = None) -> Screen:
        """Result of the card reader job: ``ok`` moves on, ``no_card``/``removed``
        stay on the identify screen with a notice (the UI offers to try again)."""
        if self.screen != Screen.IDENTIFY:
            return self.screen        # the citizen left meanwhile: drop the result
        if outcome == "ok":
            self.session.card, self.session.holder = card, holder
            return self._go(Screen.ISSUING)
        self.session.notice = outcome
        return self.screen

    def ticket_ready(self, ticket, print_error=None) -> Screen:
        """Result of the issue-and-print job. A ticket that did not print still exists:
        the screen shows its number and tells the citizen what to do."""
        self._expect(Screen.ISSUING)
        self.session.ticket, self.session.print_error = ticket, print_error
        # Who the citizen is is not needed any more once the ticket exists.
        self.session.card = self.session.holder = None
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
        if self.screen in _BACK:
            target = _BACK[self.screen]
            if target == Screen.ATTRACT:
                return self.end()
            return self._go(target)
        return self.screen

    # -- inactivity --------------------------------------------------------------------
    def set_elder_mode(self, on: bool) -> None:
        self.elder_mode = on
        self.inactivity.factor = self.settings.elder_factor if on else 1.0
        self.inactivity.touch()

    def touch(self) -> None:
        self.inactivity.touch()

    def tick(self) -> str:
        """Called periodically by the UI. Returns the inactivity state; on ``expired``
        the session has already been ended. The attract screen and the issuing screen
        (a job is running) never time out."""
        if self.screen in (Screen.ATTRACT, Screen.ISSUING):
            self.inactivity.touch()
            return "active"
        state = self.inactivity.state()
        if state == "expired":
            self.end()
        return state

    # -- helpers -----------------------------------------------------------------------
    def _expect(self, screen: Screen) -> None:
        if self.screen != screen:
            raise FlowError(f"expected screen {screen.value}, on {self.screen.value}")

    def _go(self, screen: Screen) -> Screen:
        if screen != self.screen:
            self.session.notice = None
        self.screen = screen
        self.inactivity.touch()
        return screen
