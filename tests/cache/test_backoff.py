"""Full-jitter backoff: spread, cap, floor, Retry-After."""
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from offline_cache.backoff import Backoff, parse_retry_after


def test_delays_are_full_jitter_under_a_growing_ceiling_with_a_floor():
    b = Backoff(base=1.0, cap=60.0, floor=0.5, rng=random.Random(7))
    for n in range(12):
        ceiling = min(60.0, 2 ** n)
        d = b.next_delay()
        assert 0.5 <= d <= max(0.5, ceiling)
    b.reset()
    assert b.next_delay() <= 1.0


def test_many_terminals_spread_out():
    """1,000 terminals that failed 6 times: their next tries spread over [floor, 64 s]
    instead of arriving together."""
    delays = []
    for seed in range(1000):
        b = Backoff(base=1.0, cap=300.0, floor=0.5, rng=random.Random(seed))
        for _ in range(6):
            b.next_delay()
        delays.append(b.next_delay())
    assert min(delays) >= 0.5 and max(delays) <= 64
    buckets = [sum(1 for d in delays if lo <= d < lo + 16) for lo in (0, 16, 32, 48)]
    assert all(150 < n < 350 for n in buckets), buckets     # roughly uniform


def test_retry_after_is_a_minimum_and_is_bounded():
    b = Backoff(base=1.0, cap=10.0, floor=0.5, rng=random.Random(1))
    assert b.next_delay(retry_after=42) == 42
    assert b.next_delay(retry_after=10 ** 9) == b.retry_after_max


def test_parse_retry_after():
    assert parse_retry_after("120") == 120
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    when = datetime.now(UTC) + timedelta(seconds=90)
    assert 85 <= parse_retry_after(format_datetime(when, usegmt=True)) <= 91
