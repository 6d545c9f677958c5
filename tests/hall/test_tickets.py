"""Queue numbers (hall-api.md, Queue numbers): online numbers and leased blocks come from
one counter per day and category, so they never collide across kiosks, even when asked
for concurrently; numbers issued offline are recorded, and flagged when doubtful."""
import itertools
import threading
from datetime import datetime, timedelta

import pytest

from .helpers import CST, send, tx
from .test_auth import assert_error


@pytest.fixture
def hall(any_hall):
    """On each store (SQLite and PostgreSQL)."""
    return any_hall


def test_online_numbers_count_up_with_the_queue(hall, k1):
    first = k1.post(f"{hall.api}/tickets", json={"category": "customs_trade",
                                                 "kind": "consult"}, timeout=5).json()
    second = k1.post(f"{hall.api}/tickets", json={"category": "customs_trade",
                                                  "kind": "accept"}, timeout=5).json()
    assert first["number"].startswith("D") and second["number"].startswith("D")
    assert int(second["number"][1:]) == int(first["number"][1:]) + 1
    assert second["waiting_ahead"] == first["waiting_ahead"] + 1
    issued = datetime.fromisoformat(second["issued_at"])
    assert issued.utcoffset() == timedelta(hours=8)
    assert abs((issued - datetime.now(CST)).total_seconds()) < 60


def test_numbers_and_blocks_never_collide_across_kiosks(hall):
    taken: list[tuple[str, int, int]] = []            # (kiosk, first, last)
    lock = threading.Lock()
    errors = []

    def work(kiosk_id: str, seed: int):
        try:
            with hall.kiosk(kiosk_id) as s:
                for n in range(24):
                    if n % 3 == 0:
                        size = 1 + (seed * 7 + n) % 20
                        r = s.post(f"{hall.api}/kiosks/{kiosk_id}/ticket-blocks",
                                   json={"category": "construction", "size": size}, timeout=10)
                        b = r.json()
                        assert r.status_code == 200 and b["last"] - b["first"] + 1 == size, r.text
                        assert b["prefix"] == "C"
                        span = (b["first"], b["last"])
                    else:
                        r = s.post(f"{hall.api}/tickets", json={"category": "construction",
                                                                "kind": "accept"}, timeout=10)
                        assert r.status_code == 200, r.text
                        seq = int(r.json()["number"][1:])
                        span = (seq, seq)
                    with lock:
                        taken.append((kiosk_id, *span))
        except Exception as e:             # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k, i)) for i, k in
               enumerate(("K1", "K2", "K3", "K1", "K2", "K3"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert len(taken) == 6 * 24
    spans = sorted((first, last) for _, first, last in taken)
    for (a_first, a_last), (b_first, b_last) in itertools.pairwise(spans):
        assert a_last < b_first, f"{a_first}-{a_last} overlaps {b_first}-{b_last}"
    # And no number was skipped: the counter hands out a gapless sequence.
    assert spans[0][0] == 1
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(spans))


def test_a_block_lease(hall, k1):
    today = datetime.now(CST).date()
    r = k1.post(f"{hall.api}/kiosks/K1/ticket-blocks",
                json={"category": "consultation", "size": 50}, timeout=5)
    block = r.json()
    assert r.status_code == 200 and set(block) >= {"block_id", "prefix", "first", "last",
                                                   "valid_until"}
    assert block["prefix"] == "E" and block["last"] == block["first"] + 49
    assert datetime.fromisoformat(block["valid_until"]) == \
        datetime.combine(today + timedelta(days=1), datetime.min.time(), CST)
    ahead = k1.post(f"{hall.api}/kiosks/K1/ticket-blocks", timeout=5, json={
        "category": "consultation", "size": 5, "date": str(today + timedelta(days=3))}).json()
    assert ahead["first"] == 1 and ahead["date"] == str(today + timedelta(days=3))
    for body, code in (({"category": "consultation", "size": 0}, "invalid_request"),
                       ({"category": "consultation", "size": 501}, "invalid_request"),
                       ({"category": "nope", "size": 5}, "unknown_category"),
                       ({"category": "consultation", "size": 5,
                         "date": str(today - timedelta(days=1))}, "invalid_date"),
                       ({"category": "consultation", "size": 5,
                         "date": str(today + timedelta(days=15))}, "invalid_date")):
        assert_error(k1.post(f"{hall.api}/kiosks/K1/ticket-blocks", json=body, timeout=5),
                     422, code)


def test_offline_numbers_are_recorded_and_doubtful_ones_flagged(hall, k1, k2):
    day = datetime.now(CST).date()
    mine = k1.post(f"{hall.api}/kiosks/K1/ticket-blocks",
                   json={"category": "business", "size": 10}, timeout=5).json()
    theirs = k2.post(f"{hall.api}/kiosks/K2/ticket-blocks",
                     json={"category": "business", "size": 10}, timeout=5).json()
    now = datetime.now(CST).isoformat(timespec="seconds")

    def ticket(number, **extra):
        return tx("ticket", {"number": number, "category": "business", "kind": "accept",
                             "issued_at": now, "source": "leased_block", **extra})

    good = ticket(f"B{mine['first']:03d}", block_id=mine["block_id"], seq=mine["first"])
    good_by_number = ticket(f"B{mine['first'] + 1:03d}")
    outside = ticket(f"B{theirs['first']:03d}")                      # K2's number
    odd = ticket("B3-017")                                             # not the hall's format
    again = ticket(f"B{mine['first']:03d}")                            # reported twice
    results = send(k1, hall, [good, good_by_number, outside, odd, again])
    assert [r["status"] for r in results] == ["accepted"] * 5          # never rejected

    recorded = {t["transaction_id"]: t for t in
                hall.admin("GET", "/tickets", params={"day": str(day),
                                                      "category": "business"})["tickets"]}
    flags = {name: recorded[t["id"]]["flags"] for name, t in
             (("good", good), ("good_by_number", good_by_number), ("outside", outside),
              ("odd", odd), ("again", again))}
    assert flags == {"good": [], "good_by_number": [], "outside": ["outside_leased_block"],
                     "odd": ["outside_leased_block"],
                     "again": ["number_collision"]}
    assert all(recorded[t["id"]]["source"] == "offline" for t in (good, outside))


def test_a_number_for_another_day_is_checked_against_that_days_blocks(hall, k1):
    tomorrow = datetime.now(CST).date() + timedelta(days=1)
    block = k1.post(f"{hall.api}/kiosks/K1/ticket-blocks", timeout=5, json={
        "category": "registration", "size": 3, "date": str(tomorrow)}).json()
    at = datetime.combine(tomorrow, datetime.min.time(), CST).replace(hour=9)
    t = tx("ticket", {"number": f"A{block['first']:03d}", "category": "registration",
                      "issued_at": at.isoformat()})
    assert send(k1, hall, [t])[0]["status"] == "accepted"
    recorded = hall.admin("GET", "/tickets", params={"day": str(tomorrow)})["tickets"]
    assert [r["flags"] for r in recorded if r["transaction_id"] == t["id"]] == [[]]
