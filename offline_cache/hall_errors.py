"""The error every failure to use the hall becomes (see :mod:`offline_cache.hall_client`).

Kept apart from the client so code that only catches it does not import ``requests``
(the kiosk's start-up does not need the HTTP stack before its first frame).
"""
from __future__ import annotations

from typing import Any


class HallError(Exception):
    """``code``: what went wrong on the way (``unreachable``, ``timeout``,
    ``request_refused``...). ``hall_code``: when the hall answered with an error body, its
    own code (``appointment_used``, ``amount_mismatch``...), else None."""

    def __init__(self, code: str, message: str, *, status: int | None = None,
                 retry_after: float | None = None, hall_code: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.status, self.retry_after = code, message, status, retry_after
        self.hall_code = hall_code

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "status": self.status}
