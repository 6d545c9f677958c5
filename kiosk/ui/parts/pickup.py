"""自助取件 (locker pickup) for QML as ``pickup``: the code keypad, the opening of the door
and its result.

- pickup_code: the SMS code typed on our keypad (``submitCode``); after a wrong code,
  ``message`` says so on the keypad screen.
- opening: as the flow arrives there (after the card, or at once when the citizen
  corrects a code and was identified already), the code and the card are checked and the
  door opened on a worker (:meth:`Terminal.collect_from_locker`).
- pickup_result: ``outcome`` (``ok``, ``wrong_code``...), the ``door`` that opened, and
  ``message`` saying what to do; ``retryCode`` after a wrong code, ``done``.

A result for a session that has ended meanwhile is dropped. The code and the card live in
the core session and go with it; this part keeps nothing of the citizen.
"""
from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot

from .. import messages
from .base import Part, Screen


class PickupPart(Part):
    updated = Signal()              # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)

    # -- what QML shows --------------------------------------------------------------------
    def _result(self) -> dict:
        return self.session.pickup or {}

    outcome = Property(str, lambda self: self._result().get("outcome", ""), notify=updated)
    door = Property(int, lambda self: self._result().get("door") or 0, notify=updated)
    message = Property(str, lambda self: messages.pickup_text(
        self._result().get("outcome", ""), self._result().get("door")), notify=updated)

    # -- touches ---------------------------------------------------------------------------
    @Slot(str)
    def submitCode(self, code: str) -> None:
        self.move(self.flow.enter_pickup_code, code)

    @Slot()
    def retryCode(self) -> None:
        self.move(self.flow.retry_pickup_code)

    @Slot()
    def done(self) -> None:
        self.move(self.flow.pickup_finished)

    # -- jobs ------------------------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen == Screen.OPENING:
            self._open()

    def _open(self) -> None:
        terminal = self.terminal
        code, holder = self.session.pickup_code, self.session.holder
        self.run(lambda: terminal.collect_from_locker(code, holder), self._on_opened,
                 "opening a locker")

    def _on_opened(self, result) -> None:
        if self.screen != Screen.OPENING:
            return
        if isinstance(result, Exception):
            self.move(self.flow.pickup_done, "device_error", None)
        else:
            self.move(self.flow.pickup_done, result.outcome, result.door)
