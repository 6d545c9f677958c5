"""One terminal cannot lease the day's numbering away from the others (issue 9, item 7):
blocks per terminal, day and category are bounded (``serve --max-blocks-per-day``), and
the refusal is 409 ``lease_limit_reached`` (final for that day and category: the terminal
keeps issuing from the blocks it holds, or takes numbers online)."""
from datetime import datetime, timedelta

import pytest

from hall.settings import HallSettings

from .helpers import CST
from .test_auth import assert_error


@pytest.fixture(scope="module")
def limited(stores):
    """On each store."""
    server = stores.process("--max-blocks-per-day", "3").start()
    yield server
    server.stop()


def lease(session, hall, kiosk_id, **body):
    return session.post(f"{hall.api}/kiosks/{kiosk_id}/ticket-blocks", timeout=10,
                        json={"category": "business", "size": 50, **body})


def test_blocks_per_terminal_day_and_category_are_bounded(limited):
    with limited.kiosk("K1") as k1, limited.kiosk("K2") as k2:
        firsts = []
        for _ in range(3):
            r = lease(k1, limited, "K1")
            assert r.status_code == 200, r.text
            firsts.append(r.json()["first"])
        error = assert_error(lease(k1, limited, "K1"), 409, "lease_limit_reached")
        assert "3" in error["message"]
        assert_error(lease(k1, limited, "K1", size=1), 409, "lease_limit_reached")
        # Others are not held back: another terminal, category or day.
        other = lease(k2, limited, "K2")
        assert other.status_code == 200 and other.json()["first"] == firsts[-1] + 50
        assert lease(k1, limited, "K1", category="registration").status_code == 200
        tomorrow = (datetime.now(CST).date() + timedelta(days=1)).isoformat()
        assert lease(k1, limited, "K1", date=tomorrow).status_code == 200
        # The refusal took no numbers: online tickets go on from K2's block.
        r = k1.post(f"{limited.api}/tickets", json={"category": "business", "kind": "accept"},
                    timeout=10)
        assert r.status_code == 200 and r.json()["number"] == f"B{firsts[-1] + 100:03d}"
        assert len(limited.admin("GET", "/ticket-blocks", params={"kiosk_id": "K1"})
                   ["blocks"]) == 5


def test_the_default_is_sane():
    assert HallSettings().max_blocks_per_day == 20


def test_the_shared_hall_refuses_the_21st_block_of_a_day(any_hall):
    hall = any_hall
    day = (datetime.now(CST).date() + timedelta(days=13)).isoformat()   # no other test's
    with hall.kiosk("K3") as k3:
        for _ in range(20):                                             # the default
            r = lease(k3, hall, "K3", size=1, date=day, category="registration")
            assert r.status_code == 200, r.text
        assert_error(lease(k3, hall, "K3", size=1, date=day, category="registration"),
                     409, "lease_limit_reached")
