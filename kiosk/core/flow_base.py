"""What every part of the citizen flow shares: the state (catalog, session, screen, the
inactivity clock) and the three moves every step makes. :class:`kiosk.core.flow.KioskFlow`
is built from this base and the mixins of the newer flows (flow_pay, flow_form,
flow_checkin), so a mixin is typed against this class and never imports flow.py back.
"""
from __future__ import annotations

import abc
from typing import Any

from .catalog import Catalog
from .identify import IdentityPlan
from .screens import FlowError, Screen
from .session import InactivityClock, Session


class FlowBase(abc.ABC):
    catalog: Catalog
    session: Session
    screen: Screen
    inactivity: InactivityClock

    def _expect(self, screen: Screen) -> None:
        if self.screen != screen:
            raise FlowError(f"expected screen {screen.value}, on {self.screen.value}")

    def _go(self, screen: Screen) -> Screen:
        if screen != self.screen:
            self.session.notice = None
        self.screen = screen
        self.inactivity.touch()
        return screen

    def _forget_identity(self) -> None:
        """Who the citizen is is not needed any more (the service's job is done)."""
        s = self.session
        s.identity = s.card = s.holder = s.photo = None

    # Steps of the older flows that a mixin continues with (KioskFlow has them).
    @abc.abstractmethod
    def choose_service(self, code: str) -> Screen:
        """Start the service ``code`` at its first step (from the home screen)."""

    @property
    @abc.abstractmethod
    def identity_plan(self) -> IdentityPlan:
        """How the citizen may identify for the chosen service."""

    @abc.abstractmethod
    def ticket_ready(self, ticket: Any, print_error: str | None = None) -> Screen:
        """A queue number was issued (printed, or not: ``print_error``)."""
