"""What every flow part shares with the controller (the "hub").

A part is a QObject exposed to QML under its name in :data:`kiosk.ui.parts.ALL` (``pay``,
``form``...: a context property, beside the controller's ``kiosk``). It holds one flow's
view state, its slots and its jobs; the screen order stays in
:class:`kiosk.core.flow.KioskFlow`, the I/O in :mod:`kiosk.core`.

Contract:
- Slots run on the GUI thread and return within a frame. Blocking work goes through
  :meth:`Part.submit` (the controller's worker pool); its result comes back through a
  queued signal of the part (emitted on the worker, delivered on the GUI thread).
- :meth:`entered` is called on the GUI thread whenever the flow arrives on a screen, so
  a part starts its job when its screen appears, whoever moved the flow there.
- :meth:`clear` is called at the end of every session: afterwards the part holds no
  personal data (:meth:`personal_data` is empty).
- :meth:`Part.run` is the job: the work on a worker, its result (or the exception it
  raised, logged) handed to a GUI-thread callback, and dropped when the session ended
  meanwhile (the hub calls :meth:`Part.end_jobs` at every session end): a late result
  must never reach the next citizen. A job given a ``key`` is also dropped when a newer
  job of that key started (a new order replaces the old one's answer) or
  :meth:`Part.drop` dropped the key; ``join=True`` runs beside the current job of its key
  instead of replacing it (the polls of one order), dropped with it. A job given a
  ``progress`` callback reports along the way (the camera's guidance), under the same
  rules.
- A part changes the flow only through :meth:`Part.move` (which notifies the hub, and
  with it every part and QML binding). :meth:`Part.notify` says only this part's own
  state changed: its bindings alone are read again, not every screen's (the hub's
  ``changed`` is for what every part shows: the screen, the language, elder mode).
- A property QML reads from several bindings (``home.tiles``: the page count, the page's
  model...) that costs more than a lookup is computed once per change with
  :meth:`Part.memo`, not once per binding: every read between two notifications of the
  part gets the same value (issue 16: a screen change read the home tiles 18 times, each
  asking every service's availability, all inside the touch's handler).
- Properties: PySide6 gives a ``Property`` no notify signal at all when ``notify=`` names a
  signal declared on a base class (QML then never re-reads it). So each part declares its
  own ``updated = Signal()``, connects ``self.changed`` to it, and uses
  ``notify=updated``.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.core.flow import FlowError, Screen
from kiosk.core.storage import StorageFull

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from kiosk.core.flow import KioskFlow
    from kiosk.core.terminal import Terminal

log = logging.getLogger(__name__)


class Hub(Protocol):
    """What a part may use of the controller that owns it (its QObject parent,
    :class:`kiosk.ui.controller.KioskController`): the parts never import the controller,
    which imports them."""
    terminal: Terminal
    flow: KioskFlow
    changed: SignalInstance         # any of the controller's properties may have changed
    language: str

    def speak(self, text: str, alert: bool = False, tone: bool = False) -> None: ...
    def finish(self) -> None: ...
    def submit(self, job: Callable[[], Any]) -> None: ...
    def move(self, method: Callable[..., Any], *args: Any) -> None: ...
    def identified(self, identity: Any, photo: bytes | None = None) -> None: ...
    def skip_identity(self) -> None: ...
    def setLanguage(self, language: str) -> None: ...
    def chooseService(self, code: str) -> None: ...


class Part(QObject):
    changed = Signal()
    _job_done = Signal(object)      # (session number, callback, result), from a worker

    def __init__(self, hub: Hub) -> None:
        super().__init__(hub)
        self.hub = hub
        # Every change of the hub may change what a part shows (the language, the screen).
        hub.changed.connect(self.changed)
        self._memo: dict[str, Any] = {}
        # First of this part's connections: the values are forgotten before any binding
        # is told to read them again.
        self.changed.connect(self._forget)
        self._session_number = 0    # bumped by end_jobs: tells a late result from a live one
        self._generations: dict[str, int] = {}      # key -> its current jobs' generation
        self._job_done.connect(self._on_job_done)     # queued: emitted on a worker

    # -- what the hub offers ---------------------------------------------------------------
    @property
    def flow(self):
        return self.hub.flow

    @property
    def terminal(self):
        return self.hub.terminal

    @property
    def session(self):
        return self.hub.flow.session

    @property
    def language(self) -> str:
        return self.hub.language

    @property
    def screen(self) -> Screen:
        return self.hub.flow.screen

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` on a worker thread (it must emit its result, never raise)."""
        self.hub.submit(job)

    def run(self, work: Callable[..., Any], done: Callable[[Any], None], what: str, *,
            key: str | None = None, join: bool = False, session_bound: bool = True,
            progress: Callable[[Any], None] | None = None) -> None:
        """``work()`` on a worker; then ``done(its result)`` on the GUI thread, or
        ``done(the exception)`` when it raised (logged as ``what`` failing). Nothing is
        called when the session ended in between (unless not ``session_bound``: the
        technician's jobs), nor when the job has a ``key`` and a newer job of that key
        started meanwhile, or :meth:`drop` dropped it. ``join``: keep the key's current
        generation (run beside its job) instead of starting a new one. With ``progress``,
        ``work(report)`` is called instead: each ``report(value)`` on the worker becomes
        ``progress(value)`` on the GUI thread, dropped by the same rules."""
        number = self._session_number if session_bound else None
        if key is not None and not join:
            self._generations[key] = self._generations.get(key, 0) + 1
        generation = self._generations.get(key, 0) if key is not None else None

        def report(value: Any) -> None:
            self._job_done.emit((number, key, generation, progress, value))

        def job():
            try:
                result = work(report) if progress is not None else work()
            except StorageFull as exc:      # a known condition, not a bug: no traceback
                log.warning("%s refused: %s (%s)", what, exc.code, exc)
                result = exc
            except Exception as exc:
                log.exception("%s failed", what)
                result = exc
            self._job_done.emit((number, key, generation, done, result))

        self.submit(job)

    def _on_job_done(self, item) -> None:
        number, key, generation, done, result = item
        if number is not None and number != self._session_number:
            return
        if key is not None and generation != self._generations.get(key, 0):
            return
        done(result)

    def drop(self, key: str) -> None:
        """The results of the running jobs of ``key`` are not wanted any more."""
        self._generations[key] = self._generations.get(key, 0) + 1

    def end_jobs(self) -> None:
        """The session ended: results of the jobs it started are dropped."""
        self._session_number += 1

    def move(self, method: Callable, *args) -> None:
        """Call a flow method (a touch or a job's result) and tell everyone."""
        self.hub.move(method, *args)

    def notify(self) -> None:
        """This part's properties changed (see the module doc)."""
        self.changed.emit()

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, once until the part next changes (see the module doc)."""
        try:
            return self._memo[name]
        except KeyError:
            value = self._memo[name] = compute()
            return value

    def _forget(self) -> None:
        self._memo.clear()

    # -- what the hub calls ----------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        """The flow arrived on ``screen``: start this part's job if the screen is its."""

    def clear(self) -> None:
        """End of session: forget everything personal."""

    def shutdown(self) -> None:
        """The app is closing: stop this part's timers (after this, nothing of it may run
        on the event loop: its QML and hub are being deleted)."""

    def personal_data(self) -> dict[str, Any]:
        """What personal data the part still holds (for tests and the session audit)."""
        return {}


def print_outcome(result: Any) -> str:
    """What a receipt-printer job run by :meth:`Part.run` came to (it returns None or a
    DeviceError), for :func:`kiosk.ui.messages.guide_print_text`: ``printed``, the
    error's code, or ``print_failed`` when it raised."""
    if result is None:
        return "printed"
    return "print_failed" if isinstance(result, Exception) else result.code


__all__ = ["FlowError", "Part", "Screen", "print_outcome"]
