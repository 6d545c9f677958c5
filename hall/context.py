"""What every request handler of the hall shares: :class:`HallContext` (the storage, the
settings, the clock, the operator's faults and the face verifier), set once by
:func:`hall.app.create_app` as ``app.state.hall``.

It lives apart from :mod:`hall.app` so that the routers and the middleware can name it
without importing the module that imports them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .settings import Clock, HallSettings
from .storage import Storage

# (holder, id photo WLT, live JPEG) -> ("match" | "no_match", score)
Verifier = Callable[[str, bytes, bytes], tuple[str, float | None]]


@dataclass
class Faults:
    """Operator-set faults (``PUT /admin/v1/faults``); all off by default."""
    fail_status: int | None = None      # 503 or 429
    retry_after_s: int | None = None    # sent as Retry-After with fail_status
    fail_count: int | None = None       # fail this many requests then clear (None: all)
    latency_s: float = 0.0              # before handling
    latency_after_s: float = 0.0        # after handling, before the response goes out
    tamper_documents: bool = False      # signed documents change after signing (a MITM)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HallContext:
    storage: Storage
    settings: HallSettings
    clock: Clock
    faults: Faults = field(default_factory=Faults)
    verifier: Verifier | None = None
    # Operator fault (PUT /admin/v1/faults verify_result): "no_match" | "unavailable"
    # answers every /identity/verify in the verifier's place; None: the verifier answers.
    verify_fault: str | None = None
