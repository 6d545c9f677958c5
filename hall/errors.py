"""The one error shape of the contract: ``{"error": {"code": "...", "message": "..."}}``.

:class:`HallError` carries the HTTP status with the code, so storage and request
handlers raise the same exception and the application renders it; it imports nothing
from the web framework, so the CLI can catch it too.
"""
from __future__ import annotations

from typing import Any


class HallError(Exception):
    """A refusal with a stable ``code`` (snake_case), a plain message and a status."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


# Codes for the statuses that the framework raises by itself (unknown path, wrong method,
# a body it cannot parse...).
STATUS_CODES = {400: "malformed_json", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 409: "conflict",
                413: "payload_too_large", 415: "unsupported_media_type",
                422: "invalid_request", 429: "too_many_requests", 500: "internal_error",
                503: "unavailable"}
