"""The kiosk's HTTP client for the central hall (contract: reference/hall-api.md).

Every failure becomes a :class:`HallError` with a stable ``code`` and a plain message,
so the sync status can say what is wrong (``unreachable``, ``timeout``, ``tls_error``,
``unauthorized``, ``bad_response``, ``server_error``...). Responses are checked before
they are trusted: JSON content type, a size limit, the expected shape.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

import requests

from .backoff import parse_retry_after

MAX_RESPONSE_BYTES = 8 * 1024 * 1024


class HallError(Exception):
    def __init__(self, code: str, message: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.status, self.retry_after = code, message, status, retry_after

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "status": self.status}


@dataclass(frozen=True)
class HallSettings:
    url: str                        # e.g. https://hall.example:8443 (the /api/v1 is added)
    kiosk_id: str
    token: str
    verify: bool | str = True       # True, or the path of a CA bundle (private CA)
    cert: str | tuple[str, str] | None = None   # client certificate for mutual TLS
    connect_timeout: float = 5.0
    read_timeout: float = 30.0


class HallClient:
    def __init__(self, settings: HallSettings) -> None:
        self.settings = settings
        self._base = settings.url.rstrip("/") + "/api/v1"
        self._session = requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {settings.token}",
                                      "X-Kiosk-Id": settings.kiosk_id,
                                      "Accept": "application/json"})

    def close(self) -> None:
        self._session.close()

    # -- endpoints ------------------------------------------------------------------------
    def post_batch(self, transactions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send up to 500 transactions (gzip); return the hall's per-row results."""
        body = gzip.compress(json.dumps({"transactions": transactions},
                                        ensure_ascii=False).encode(), compresslevel=6)
        data = self._request("POST", f"/kiosks/{self.settings.kiosk_id}/transactions:batch",
                             data=body, headers={"Content-Type": "application/json",
                                                 "Content-Encoding": "gzip"})
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise HallError("bad_response", "the hall's batch answer has no results list")
        return results

    def get_with_etag(self, path: str, etag: str | None) -> tuple[str | None, Any] | None:
        """GET ``path``; None when the hall says 304 Not Modified, else (etag, body)."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._send("GET", path, headers=headers)
        if response.status_code == 304:
            return None
        return response.headers.get("ETag"), self._json(response)

    def lease_block(self, category: str, size: int) -> dict[str, Any]:
        data = self._request("POST", f"/kiosks/{self.settings.kiosk_id}/ticket-blocks",
                             json={"category": category, "size": size})
        for key, kind in (("block_id", str), ("prefix", str), ("first", int), ("last", int),
                          ("valid_until", str)):
            if not isinstance(data.get(key) if isinstance(data, dict) else None, kind):
                raise HallError("bad_response", f"ticket block without a valid {key!r}")
        return data

    def take_ticket(self, category: str, kind: str, *, timeout: float | None = None,
                    appointment_id: str | None = None) -> dict[str, Any]:
        """A number from the hall's own counter (online numbering). ``timeout`` bounds
        the whole wait: a citizen is at the screen, the offline path is the fallback."""
        body: dict[str, Any] = {"category": category, "kind": kind}
        if appointment_id:
            body["appointment_id"] = appointment_id
        kwargs = {"timeout": (min(timeout, self.settings.connect_timeout), timeout)} if timeout else {}
        data = self._request("POST", "/tickets", json=body, **kwargs)
        if not (isinstance(data, dict) and isinstance(data.get("number"), str)
                and isinstance(data.get("waiting_ahead"), int)):
            raise HallError("bad_response", "ticket answer without number/waiting_ahead")
        return data

    def heartbeat(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", f"/kiosks/{self.settings.kiosk_id}/heartbeat", json=body)

    # -- plumbing -------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs) -> Any:
        return self._json(self._send(method, path, **kwargs))

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        s = self.settings
        kwargs.setdefault("timeout", (s.connect_timeout, s.read_timeout))
        try:
            response = self._session.request(
                method, self._base + path, verify=s.verify, cert=s.cert, stream=True, **kwargs)
            content = _read_limited(response)
        except requests.exceptions.SSLError as exc:
            raise HallError("tls_error", f"TLS check of the hall failed: {exc}") from exc
        except (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout) as exc:
            raise HallError("timeout", f"the hall did not answer in time: {exc}") from exc
        except requests.exceptions.ConnectionError as exc:
            raise HallError("unreachable", f"cannot reach the hall: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise HallError("transport_error", str(exc)) from exc
        response._content = content          # the size-checked body
        if response.status_code in (200, 201, 304):
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        error = _error_of(response)
        code = {401: "unauthorized", 403: "forbidden", 429: "rate_limited",
                503: "unavailable"}.get(response.status_code)
        if code is None:
            code = "server_error" if response.status_code >= 500 else "request_refused"
        raise HallError(code, f"HTTP {response.status_code}: {error}",
                        status=response.status_code, retry_after=retry_after)

    @staticmethod
    def _json(response: requests.Response) -> Any:
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HallError("bad_response", f"expected JSON from the hall, got {ctype or 'nothing'!r}")
        try:
            return json.loads(response.content)
        except ValueError as exc:
            raise HallError("bad_response", f"the hall sent malformed JSON: {exc}") from exc


def _read_limited(response: requests.Response) -> bytes:
    chunks, total = [], 0
    for chunk in response.iter_content(64 * 1024):
        total += len(chunk)
        if total > MAX_RESPONSE_BYTES:
            response.close()
            raise HallError("bad_response",
                            f"the hall's answer is larger than {MAX_RESPONSE_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _error_of(response: requests.Response) -> str:
    try:
        err = json.loads(response.content)["error"]
        return f"{err['code']}: {err['message']}"
    except (ValueError, KeyError, TypeError):
        return response.reason or "error"
