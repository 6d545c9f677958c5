"""The hall's session timeouts over the terminal's own (kiosk/core/hall_timeouts.py)."""
import pytest

from kiosk.core.config import SessionSettings
from kiosk.core.hall_timeouts import merge

LOCAL = SessionSettings(timeout_s=90, warning_s=20, elder_factor=2.0, card_wait_s=30)


def test_the_halls_values_apply():
    got, problems = merge(LOCAL, {"timeouts": {"session_s": 120, "warning_s": 30,
                                               "card_wait_s": 45, "payment_wait_s": 300}})
    assert got == SessionSettings(timeout_s=120, warning_s=30, elder_factor=2.0,
                                  card_wait_s=45)
    assert problems == ()


@pytest.mark.parametrize("config", [None, {}, {"timeouts": {}}, "junk"])
def test_nothing_sent_keeps_the_terminals(config):
    assert merge(LOCAL, config)[0] == LOCAL


def test_values_a_citizen_cannot_live_with_are_refused_one_by_one():
    got, problems = merge(LOCAL, {"timeouts": {"session_s": 5, "warning_s": "20",
                                               "card_wait_s": 60}})
    assert got == SessionSettings(timeout_s=90, warning_s=20, elder_factor=2.0,
                                  card_wait_s=60)
    assert len(problems) == 2 and "session_s = 5" in problems[0]


def test_a_warning_after_the_end_is_refused():
    got, problems = merge(LOCAL, {"timeouts": {"session_s": 40, "warning_s": 60}})
    assert (got.timeout_s, got.warning_s) == (90, 20)
    assert "must come before" in problems[0]
