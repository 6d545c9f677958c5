"""Retry delays for talking to the hall: full-jitter exponential backoff.

After "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015): the n-th retry
waits a uniform random time in [0, min(cap, base * 2**n)], so hundreds of village
terminals that lost the hall at the same moment do not come back in lock-step. A floor
keeps any terminal from retrying faster than ``floor`` seconds, and a ``Retry-After``
from the hall (503/429) is honoured as a minimum.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass
class Backoff:
    base: float = 1.0
    cap: float = 300.0           # "capped at minutes" (DESIGN.md)
    floor: float = 0.5
    retry_after_max: float = 3600.0   # a hall asking for more is capped (a typo must not
                                      # silence a village terminal for days)
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        """Record one more failure and return how long to wait before the next try."""
        ceiling = min(self.cap, self.base * (2 ** min(self.failures, 32)))
        self.failures += 1
        delay = max(self.floor, self.rng.uniform(0.0, ceiling))
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.retry_after_max))
        return delay

    def reset(self) -> None:
        self.failures = 0


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
