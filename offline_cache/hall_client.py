"""The kiosk's HTTP client for the central hall (contract: reference/hall-api.md).

Every failure becomes a :class:`HallError` with a stable ``code`` and a plain message,
so the sync status can say what is wrong (``unreachable``, ``timeout``, ``tls_error``,
``unauthorized``, ``bad_response``, ``server_error``...). Responses are checked before
they are trusted: JSON content type, a size limit on the decoded bytes (a gzip bomb stops
at the limit, in bounded memory), the expected shape.

Every call has a wall-clock deadline for the whole of it (connect, send, headers, body;
:mod:`offline_cache.deadlines`): a citizen's call (online ticket, appointments, face
verification, payment status) its ``timeout`` budget, every other call
``HallSettings.total_timeout``. At the deadline the call ends with ``HallError("timeout")``
and its socket is shut down, so the caller's offline path takes over at once.
"""
from __future__ import annotations

import base64
import gzip
import json
import threading
import zlib
from dataclasses import dataclass
from typing import Any

import requests
import urllib3

from .backoff import parse_retry_after
from .deadlines import WATCHDOG, Deadline, DeadlineAdapter
from .hall_errors import HallError
from .signatures import HEADER, HallKeyring

MAX_RESPONSE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class HallSettings:
    url: str                        # e.g. https://hall.example:8443 (the /api/v1 is added)
    kiosk_id: str
    token: str
    verify: bool | str = True       # True, or the path of a CA bundle (private CA)
    cert: str | tuple[str, str] | None = None   # client certificate for mutual TLS
    connect_timeout: float = 5.0
    read_timeout: float = 30.0      # between two reads (a hall that went silent)
    total_timeout: float = 60.0     # the whole of a call no citizen waits for (a batch)


class HallClient:
    def __init__(self, settings: HallSettings) -> None:
        self.settings = settings
        self._base = settings.url.rstrip("/") + "/api/v1"
        # One session per thread: the sync thread and the workers serving a citizen
        # (online ticket, documents, face verification) use the client at the same
        # time, and requests does not promise a Session is thread-safe.
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()

    @property
    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.mount("http://", DeadlineAdapter())
            session.mount("https://", DeadlineAdapter())
            session.headers.update({"Authorization": f"Bearer {self.settings.token}",
                                    "X-Kiosk-Id": self.settings.kiosk_id,
                                    "Accept": "application/json",
                                    # What _read_limited decodes itself, with its limit.
                                    "Accept-Encoding": "gzip"})
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

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

    def put_attachment(self, sha256: str, data: bytes, media_type: str) -> dict[str, Any]:
        """Upload a file an outbox row references (a photo), under the SHA-256 of its
        bytes: idempotent, the hall answers the same for a file it has already."""
        data_ = self._request("PUT", f"/kiosks/{self.settings.kiosk_id}/attachments/{sha256}",
                              data=data, headers={"Content-Type": media_type})
        if not (isinstance(data_, dict) and data_.get("sha256") == sha256):
            raise HallError("bad_response", "the attachment answer does not name its hash")
        return data_

    def get_with_etag(self, path: str, etag: str | None,
                      keyring: HallKeyring | None = None) -> tuple[str | None, Any] | None:
        """GET ``path``; None when the hall says 304 Not Modified, else (etag, body).
        With ``keyring``, the body's signature is checked before it is parsed:
        :class:`~offline_cache.signatures.SignatureRefused` when it does not pass."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._send("GET", path, headers=headers)
        if response.status_code == 304:
            return None
        if keyring is not None:
            keyring.verify(path, response.content, response.headers.get(HEADER))
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
        data = self._request("POST", "/tickets", json=body, budget=timeout)
        if not (isinstance(data, dict) and isinstance(data.get("number"), str)
                and isinstance(data.get("waiting_ahead"), int)):
            raise HallError("bad_response", "ticket answer without number/waiting_ahead")
        return data

    def verify_identity(self, holder: str, id_photo_wlt: bytes, live_photo_jpeg: bytes,
                        timeout: float | None = None) -> dict[str, Any]:
        """Ask the hall whether the live face matches the ID card photo (人证比对).

        Returns ``{"result": "match" | "no_match" | "unavailable", "score": float | None}``;
        any other answer is a ``bad_response``. ``timeout`` bounds the whole wait, as for
        :meth:`take_ticket`: a citizen is at the screen."""
        body = {"holder": holder,
                "id_photo_wlt": base64.b64encode(id_photo_wlt).decode("ascii"),
                "live_photo_jpeg": base64.b64encode(live_photo_jpeg).decode("ascii")}
        data = self._request("POST", "/identity/verify", json=body, budget=timeout)
        result = data.get("result") if isinstance(data, dict) else None
        if result not in ("match", "no_match", "unavailable"):
            raise HallError("bad_response", "identity answer without a valid result")
        score = data.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
            raise HallError("bad_response", "identity answer with a score that is not a number")
        return {"result": result, "score": None if score is None else float(score)}

    def heartbeat(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", f"/kiosks/{self.settings.kiosk_id}/heartbeat", json=body)

    def query(self, service_code: str, holder: str,
              params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """A query service's rows for ``holder`` (e.g. social security payment history)."""
        data = self._request("POST", f"/services/{service_code}/query",
                             json={"holder": holder, "params": params or {}})
        rows = data.get("rows") if isinstance(data, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise HallError("bad_response", "query answer without a rows list")
        return rows

    def request_document(self, service_code: str, holder: str,
                         params: dict[str, Any] | None = None) -> str:
        """Ask the hall to produce a certificate / register extract; returns its id.
        ``params`` name the holder for the page, masked by the caller (the hall refuses a
        full ID number: HallError ``unmasked_id_number``)."""
        data = self._request("POST", f"/services/{service_code}/documents",
                             json={"holder": holder, "params": params or {}})
        if not (isinstance(data, dict) and isinstance(data.get("document_id"), str)):
            raise HallError("bad_response", "document answer without a document_id")
        return data["document_id"]

    def get_document(self, document_id: str) -> bytes:
        """The PDF of a document this kiosk requested (checked to be a PDF)."""
        response = self._send("GET", f"/documents/{document_id}",
                              headers={"Accept": "application/pdf"})
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/pdf" or not response.content.startswith(b"%PDF-"):
            raise HallError("bad_response", f"expected a PDF from the hall, got {ctype!r}")
        return response.content

    def appointments(self, holder: str, day: str, *,
                     timeout: float | None = None) -> list[dict[str, Any]]:
        """The holder's appointments on ``day`` (YYYY-MM-DD), for check-in (预约取号).
        ``timeout`` bounds the whole wait, as for :meth:`take_ticket`."""
        data = self._request("GET", "/appointments", params={"holder": holder, "date": day},
                             budget=timeout)
        found = data.get("appointments") if isinstance(data, dict) else None
        if not isinstance(found, list) or not all(
                isinstance(a, dict) and isinstance(a.get("appointment_id"), str) for a in found):
            raise HallError("bad_response", "appointments answer without a valid list")
        return found

    def create_payment(self, service_code: str, holder: str, amount_fen: int,
                       params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Open a payment order; ``{order_id, qr_payload, expires_at}`` (the citizen pays
        by scanning ``qr_payload`` with a phone)."""
        data = self._request("POST", "/payments",
                             json={"service_code": service_code, "holder": holder,
                                   "amount_fen": amount_fen, "params": params or {}})
        for key in ("order_id", "qr_payload", "expires_at"):
            if not isinstance(data.get(key) if isinstance(data, dict) else None, str):
                raise HallError("bad_response", f"payment answer without a valid {key!r}")
        return data

    def payment_status(self, order_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """``{status: pending|paid|expired|failed, ...}`` of an order this kiosk opened."""
        data = self._request("GET", f"/payments/{order_id}", budget=timeout)
        if not (isinstance(data, dict)
                and data.get("status") in ("pending", "paid", "expired", "failed")):
            raise HallError("bad_response", "payment state without a valid status")
        return data

    # -- plumbing -------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs) -> Any:
        return self._json(self._send(method, path, **kwargs))

    def _send(self, method: str, path: str, *, budget: float | None = None,
              **kwargs) -> requests.Response:
        """One call, ended at ``budget`` seconds (None: ``total_timeout``) whatever the
        hall does; the connect and read timeouts still apply within it."""
        s = self.settings
        with WATCHDOG.call(budget or s.total_timeout) as deadline:
            try:
                left = max(0.001, deadline.remaining())
                response = self._session.request(
                    method, self._base + path, verify=s.verify, cert=s.cert, stream=True,
                    timeout=(min(s.connect_timeout, left), min(s.read_timeout, left)),
                    **kwargs)
                try:
                    response._content = _read_limited(response, deadline)  # size-checked
                except BaseException:
                    response.close()            # no half-read connection back to the pool
                    raise
            except HallError:
                raise
            except Exception as exc:
                raise _transport_error(exc, deadline) from exc
        if response.status_code in (200, 201, 304):
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        hall_code, error = _error_of(response)
        code = {401: "unauthorized", 403: "forbidden", 429: "rate_limited",
                503: "unavailable"}.get(response.status_code)
        if code is None:
            code = "server_error" if response.status_code >= 500 else "request_refused"
        raise HallError(code, f"HTTP {response.status_code}: {error}",
                        status=response.status_code, retry_after=retry_after,
                        hall_code=hall_code)

    @staticmethod
    def _json(response: requests.Response) -> Any:
        ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HallError("bad_response",
                            f"expected JSON from the hall, got {ctype or 'nothing'!r}")
        try:
            return json.loads(response.content)
        except ValueError as exc:
            raise HallError("bad_response", f"the hall sent malformed JSON: {exc}") from exc


def _transport_error(exc: Exception, deadline: Deadline) -> HallError:
    """The HallError for a call that failed on the way."""
    if deadline.expired or deadline.remaining() <= 0:
        return HallError("timeout", "the hall did not answer within the call's deadline")
    if isinstance(exc, requests.exceptions.SSLError):
        return HallError("tls_error", f"TLS check of the hall failed: {exc}")
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout,
                        urllib3.exceptions.ReadTimeoutError)):
        return HallError("timeout", f"the hall did not answer in time: {exc}")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return HallError("unreachable", f"cannot reach the hall: {exc}")
    return HallError("transport_error", f"{type(exc).__name__}: {exc}")


def _read_limited(response: requests.Response, deadline: Deadline) -> bytes:
    """The body, decoded here (gzip or deflate) so that :data:`MAX_RESPONSE_BYTES` bounds
    the decoded bytes and the memory used: a few kB of gzip may expand to gigabytes."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("", "identity"):
        inflater = None
    else:
        response.close()
        raise HallError("bad_response", f"the hall's answer is in {encoding!r}, not gzip")
    chunks, total = [], 0

    def take(data: bytes) -> None:
        nonlocal total
        total += len(data)
        if total > MAX_RESPONSE_BYTES:
            response.close()
            raise HallError("bad_response",
                            f"the hall's answer is larger than {MAX_RESPONSE_BYTES} bytes")
        chunks.append(data)

    while True:
        if deadline.expired:
            raise HallError("timeout", "the hall did not answer within the call's deadline")
        raw = response.raw.read(64 * 1024, decode_content=False)
        if not raw:
            break
        if inflater is None:
            take(raw)
            continue
        try:
            pending = raw
            while pending and not inflater.eof:
                take(inflater.decompress(pending, MAX_RESPONSE_BYTES - total + 1))
                pending = inflater.unconsumed_tail
        except zlib.error as exc:
            response.close()
            raise HallError("bad_response", f"the hall's {encoding} is broken: {exc}") from None
    if deadline.expired:         # the watchdog's shutdown reads as the end of the body
        raise HallError("timeout", "the hall did not answer within the call's deadline")
    if inflater is not None and not inflater.eof:
        raise HallError("transport_error", f"the hall's {encoding} answer is truncated")
    response.raw.release_conn()             # read to the end: back to the pool (keep-alive)
    return b"".join(chunks)


def _error_of(response: requests.Response) -> tuple[str | None, str]:
    """The hall's error code (None when the body is not the contract's error object)
    and a line for the log."""
    try:
        err = json.loads(response.content)["error"]
        code = err["code"] if isinstance(err["code"], str) else None
        return code, f"{err['code']}: {err['message']}"
    except (ValueError, KeyError, TypeError):
        return None, response.reason or "error"
