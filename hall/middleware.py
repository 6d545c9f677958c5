"""What happens to every kiosk request (``/api/v1/...``) before a handler sees it, as
plain ASGI middleware so that it also covers bodies the handlers never parse:

1. :class:`FaultMiddleware`: operator-set faults for the kiosk's tests: answer 503/429
   with ``Retry-After``, add latency before handling, or hold a response back after the
   work is committed (a kiosk read timeout then sees no result for a committed batch).
2. :class:`AuthMiddleware`: ``Authorization: Bearer <token>`` and ``X-Kiosk-Id`` must
   name a live token of that kiosk, else 401; the kiosk id goes to ``request.state``.
   Running before the body is parsed means an unauthenticated request learns nothing.
3. :class:`BodyMiddleware`: bodies are read whole up to the size limit (413 beyond) and
   ``Content-Encoding: gzip`` is undone (400 when the gzip is broken, 415 for other
   encodings or a Content-Type other than JSON), so handlers see plain JSON; that JSON
   must be strict (:mod:`hall.jsonstrict`, 400 otherwise), except in the transaction
   batch, which judges each transaction on its own.

The OpenAPI document and its viewer stay public; ``/admin/...`` has its own token.
"""
from __future__ import annotations

import asyncio
import json
import zlib

from . import API_PREFIX, jsonstrict
from .context import HallContext
from .errors import error_body

PUBLIC_PATHS = {f"{API_PREFIX}/openapi.json", f"{API_PREFIX}/docs"}


def _is_kiosk_api(scope) -> bool:
    path = scope.get("path", "")
    return scope["type"] == "http" and path.startswith(API_PREFIX + "/") \
        and path not in PUBLIC_PATHS


async def _send_error(send, status: int, code: str, message: str,
                      headers: dict[str, str] | None = None) -> None:
    body = json.dumps(error_body(code, message), ensure_ascii=False).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


class FaultMiddleware:
    def __init__(self, app, ctx: HallContext):
        self.app, self.ctx = app, ctx

    async def __call__(self, scope, receive, send):
        if not _is_kiosk_api(scope):
            return await self.app(scope, receive, send)
        faults = self.ctx.faults
        if faults.fail_status:
            # Runs on the event loop only, so the countdown needs no lock.
            status = faults.fail_status
            headers = {}
            if faults.retry_after_s is not None:
                headers["Retry-After"] = str(int(faults.retry_after_s))
            if faults.fail_count is not None:
                faults.fail_count -= 1
                if faults.fail_count <= 0:
                    faults.fail_status = faults.retry_after_s = faults.fail_count = None
            code = "unavailable" if status == 503 else "too_many_requests"
            return await _send_error(send, status, code,
                                     "the hall is not taking requests now; retry later",
                                     headers)
        if faults.latency_s > 0:
            await asyncio.sleep(faults.latency_s)
        if faults.latency_after_s <= 0:
            return await self.app(scope, receive, send)
        held: list[dict] = []

        async def hold(message):
            held.append(message)

        await self.app(scope, receive, hold)
        await asyncio.sleep(faults.latency_after_s)
        for message in held:
            await send(message)


class AuthMiddleware:
    def __init__(self, app, ctx: HallContext):
        self.app, self.ctx = app, ctx

    async def __call__(self, scope, receive, send):
        if not _is_kiosk_api(scope):
            return await self.app(scope, receive, send)
        authorization = _header(scope, b"authorization") or ""
        kiosk_id = (_header(scope, b"x-kiosk-id") or "").strip()
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return await _send_error(send, 401, "unauthorized",
                                     "Authorization: Bearer <kiosk token> is required",
                                     {"WWW-Authenticate": "Bearer"})
        if not kiosk_id:
            return await _send_error(send, 401, "unauthorized", "X-Kiosk-Id is required",
                                     {"WWW-Authenticate": "Bearer"})
        # On a worker thread: a database read (a server's round trip, or a wait for the
        # pool when every connection is busy) must not hold the event loop, and with it
        # every other connection of this process.
        check = await asyncio.get_running_loop().run_in_executor(
            None, self.ctx.storage.authenticate, token.strip(), self.ctx.clock.ts())
        if check.kiosk_id is None:
            return await _send_error(send, 401, f"token_{check.reason}",
                                     f"the kiosk token is {check.reason}",
                                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if check.kiosk_id != kiosk_id:
            return await _send_error(send, 401, "token_kiosk_mismatch",
                                     "the token does not belong to this X-Kiosk-Id",
                                     {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        scope.setdefault("state", {})["kiosk_id"] = kiosk_id
        return await self.app(scope, receive, send)


def _is_attachment_upload(scope) -> bool:
    """An attachment's raw bytes (``PUT .../attachments/{sha256}``): its handler reads
    and limits the body itself (it is no JSON)."""
    return scope["method"] == "PUT" and "/attachments/" in scope.get("path", "")


class BodyMiddleware:
    def __init__(self, app, ctx: HallContext):
        self.app, self.ctx = app, ctx

    async def __call__(self, scope, receive, send):
        if not _is_kiosk_api(scope) or scope["method"] in ("GET", "HEAD") \
                or _is_attachment_upload(scope):
            return await self.app(scope, receive, send)
        limit = self.ctx.settings.max_body_bytes
        encoding = (_header(scope, b"content-encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            return await _send_error(send, 415, "unsupported_encoding",
                                     f"Content-Encoding {encoding} is not supported (gzip is)")
        media = (_header(scope, b"content-type") or "application/json").split(";")[0].strip()
        if media != "application/json" and not media.endswith("+json"):
            return await _send_error(send, 415, "unsupported_media_type",
                                     f"bodies are application/json, not {media}")
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > limit:
            return await _send_error(send, 413, "body_too_large",
                                     f"request bodies are limited to {limit} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await _send_error(send, 413, "body_too_large",
                                         f"request bodies are limited to {limit} bytes")
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if encoding == "gzip":
            try:
                body = _gunzip(body, limit)
            except ValueError as e:
                return await _send_error(send, 413 if "limit" in str(e) else 400,
                                         "body_too_large" if "limit" in str(e) else "bad_gzip",
                                         str(e))
        if not scope["path"].endswith(":batch"):       # the batch judges each element
            try:
                issue = jsonstrict.problem(jsonstrict.loads(body))
            except ValueError:
                issue = None                          # not JSON: the handler says so
            if issue:
                status = 400 if issue.code == "malformed_json" else 422
                return await _send_error(send, status, issue.code, issue.message)
        headers = [(k, v) for k, v in scope["headers"]
                   if k not in (b"content-encoding", b"content-length")]
        headers.append((b"content-length", str(len(body)).encode()))
        scope = {**scope, "headers": headers}
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()     # the disconnect, when it comes
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress one gzip member, refusing more than ``limit`` bytes of output (a gzip
    bomb must not take the hall's memory)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as e:
        raise ValueError(f"the gzip body is broken: {e}") from None
    if len(out) > limit:
        raise ValueError(f"the decompressed body is over the limit of {limit} bytes")
    if not inflater.eof:
        raise ValueError("the gzip body is truncated")
    return out
