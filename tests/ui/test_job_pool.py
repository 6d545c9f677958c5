"""Issue 9 item 4: the UI's job pool is not exhausted by calls stuck on a hall. Two jobs
waiting on a hall that trickles its answer (each ended by its 3 s deadline) must not
keep a third job, a rating recorded to the outbox, from running at once."""
import threading
import time

from PySide6.QtQml import QQmlEngine

from kiosk.ui.controller import KioskController
from kiosk.ui.i18n import Translations
from kiosk.ui.theme import Theme
from offline_cache.hall_client import HallError
from tests.cache.hostile_hall import RawHall, trickle
from tests.cache.test_hall_deadlines import terminal_on


def test_two_calls_stuck_on_a_trickling_hall_do_not_stop_a_third_job(qapp, tmp_path):
    hall = RawHall(trickle())
    term = terminal_on(tmp_path, hall.url)
    engine = QQmlEngine()
    controller = KioskController(term, Translations(engine), Theme(engine), engine)
    try:
        ended = []

        def stuck():
            try:
                term.sync.client.take_ticket("general", "accept", timeout=3.0)
            except HallError as err:
                ended.append(err.code)

        for _ in range(2):
            controller.submit(stuck)
        time.sleep(0.3)                     # both are on the hall now
        rated = threading.Event()
        start = time.monotonic()
        controller.submit(lambda: (term.record_rating("queue_ticket", "satisfied", None),
                                   rated.set()))
        assert rated.wait(1.5), "the rating waited for the stuck calls"
        assert time.monotonic() - start < 1.5 and ended == []    # they were still stuck
        deadline = time.monotonic() + 5
        while len(ended) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ended == ["timeout", "timeout"]
    finally:
        controller.shutdown()
        term.stop()
        hall.stop()
