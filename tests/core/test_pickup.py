"""Locker pickup rules: code and card must match, expiry, attempts limited, door mapping."""
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core import pickup

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def assignment(aid, door, holder, code, salt="s1", days=3):
    return pickup.Assignment(aid, door, holder, pickup.code_hash(code, salt), salt,
                             NOW + timedelta(days=days))


def test_code_hash_is_hmac_sha256_keyed_by_the_salt():
    # Computed independently: printf 246810 | openssl dgst -sha256 -hmac salt
    expected = "b44529a9671905b86112ffcafa7f35259104e3e9a6ac77a989e77073d95cafa9"
    assert pickup.code_hash("246810", "salt") == expected
    assert pickup.code_hash(" 246810 ", "salt") == expected      # typed with spaces


def test_find_matches_code_and_card_together():
    a = [assignment("a1", 3, "h1", "111111"), assignment("a2", 7, "h2", "222222")]
    assert pickup.find(a, code="111111", holder="h1", now=NOW, done=set()) == ("ok", a[0])
    assert pickup.find(a, code="222222", holder="h1", now=NOW, done=set())[0] == "wrong_code"
    assert pickup.find(a, code="111111", holder="h1", now=NOW, done={"a1"})[0] == "collected"
    old = [assignment("a3", 1, "h1", "333333", days=-1)]
    assert pickup.find(old, code="333333", holder="h1", now=NOW, done=set())[0] == "expired"


def test_limiter_per_card_and_per_minute():
    t = [0.0]
    lim = pickup.AttemptLimiter(clock=lambda: t[0])
    for _ in range(pickup.MAX_WRONG_PER_CARD):
        assert lim.allowed("h1")
        lim.record("h1", wrong=True)
    assert not lim.allowed("h1") and lim.allowed("h2")
    t[0] += pickup.LOCKOUT_S + 1
    assert lim.allowed("h1")
    for i in range(pickup.MAX_ATTEMPTS_PER_MINUTE):
        lim.record(f"card{i}", wrong=False)
    assert not lim.allowed("h9")
    t[0] += 61
    assert lim.allowed("h9")


def test_doors_run_across_boards():
    boards = [(1, 24), (2, 8)]
    assert pickup.door_to_lock(1, boards) == (1, 1)
    assert pickup.door_to_lock(25, boards) == (2, 1)
    assert pickup.door_to_lock(32, boards) == (2, 8)
    with pytest.raises(ValueError):
        pickup.door_to_lock(33, boards)
