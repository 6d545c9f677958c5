"""Part.run's keys (kiosk/ui/parts/base.py): a newer job of a key drops the older one's
result, a joined job goes with its key's current one, drop() and the session's end drop
them, and a job not bound to the session survives its end. Real worker threads and the
real queued signal back to the GUI thread."""
import threading
import time

import pytest
from PySide6.QtQml import QQmlEngine

from kiosk.core.terminal import Terminal
from kiosk.ui.controller import KioskController
from kiosk.ui.i18n import Translations
from kiosk.ui.parts.base import Part
from kiosk.ui.theme import Theme


@pytest.fixture
def part(qapp, kiosk_config):
    terminal = Terminal(kiosk_config)
    engine = QQmlEngine()
    controller = KioskController(terminal, Translations(engine), Theme(engine), engine)
    yield Part(controller)
    controller.shutdown()
    terminal.stop()


def settle(qapp, until, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not until() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)


def test_a_newer_job_of_a_key_drops_the_older_ones_result(part, qapp):
    gate, got = threading.Event(), []
    part.run(lambda: gate.wait(5) and "old order", got.append, "old", key="order")
    part.run(lambda: "new order", got.append, "new", key="order")
    part.run(lambda: "a print", got.append, "other key", key="print")
    settle(qapp, lambda: len(got) == 2)
    gate.set()
    settle(qapp, lambda: False, timeout=0.3)
    assert sorted(got) == ["a print", "new order"]


def test_joined_jobs_go_with_their_key(part, qapp):
    gate, got = threading.Event(), []
    part.run(lambda: "order", got.append, "order", key="payment")
    part.run(lambda: gate.wait(5) and "poll 1", got.append, "poll", key="payment", join=True)
    part.run(lambda: "poll 2", got.append, "poll", key="payment", join=True)
    settle(qapp, lambda: len(got) == 2)
    assert sorted(got) == ["order", "poll 2"]        # a join does not replace the others
    part.drop("payment")
    gate.set()
    settle(qapp, lambda: False, timeout=0.3)
    assert "poll 1" not in got


def test_the_session_end_drops_results_unless_the_job_is_not_bound_to_it(part, qapp):
    gate, got = threading.Event(), []
    part.run(lambda: gate.wait(5) and "citizen's", got.append, "bound")
    part.run(lambda: gate.wait(5) and "technician's", got.append, "free",
             session_bound=False)
    part.end_jobs()
    gate.set()
    settle(qapp, lambda: got)
    settle(qapp, lambda: False, timeout=0.3)
    assert got == ["technician's"]


def test_a_failing_job_hands_its_exception_over(part, qapp):
    got = []
    part.run(lambda: 1 / 0, got.append, "dividing", key="x")
    settle(qapp, lambda: got)
    assert isinstance(got[0], ZeroDivisionError)
