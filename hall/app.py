"""The hall as an ASGI application: :func:`create_app` wires the storage, the kiosk and
operator routers, the request middleware (faults, auth, bodies), the error shape and the
OpenAPI document served at ``/api/v1/openapi.json``.

Every error leaves as ``{"error": {"code", "message"}}``: our own refusals
(:class:`~hall.errors.HallError`), the framework's (unknown path, wrong method, a body
that does not match its model: 422 ``invalid_request``) and crashes (500
``internal_error``, logged).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import API_PREFIX, __version__, admin, api, console, models, services
from .context import HallContext, Verifier
from .errors import STATUS_CODES, HallError, error_body
from .middleware import AuthMiddleware, BodyMiddleware, FaultMiddleware
from .settings import Clock, HallSettings
from .storage import Storage

log = logging.getLogger("hall")

PURGE_EVERY_S = 3600
DESCRIPTION = """The kiosk <-> hall contract (reference/hall-api.md), as the reference
hall serves it.

- Every request carries `Authorization: Bearer <kiosk token>` and `X-Kiosk-Id`; a path
  naming another kiosk answers 403.
- Errors are `{"error": {"code", "message"}}`; 503 and 429 may carry `Retry-After`.
- Request bodies are strict JSON (no NaN/Infinity, no lone surrogates, nesting <= 64) and
  may be sent with `Content-Encoding: gzip`.
- `holder` = HMAC-SHA256(key = the config's `holder_salt`, ID number in upper case), hex.
  Locker `code_hash` = HMAC-SHA256(key = `salt`, SMS code), hex.
- Queue numbers read `<prefix><seq padded to 3 digits>`, e.g. `A017`.
"""


def create_app(storage: Storage, settings: HallSettings | None = None, *,
               verifier: Verifier | None = None) -> FastAPI:
    """The hall; ``verifier`` compares faces, else :func:`hall.services.demo_verifier`
    when ``settings.demo_verifier`` is set, else none (``/identity/verify`` answers
    ``unavailable``)."""
    settings = settings or HallSettings()
    if verifier is None and settings.demo_verifier:
        verifier = services.demo_verifier
    ctx = HallContext(storage, settings, Clock(settings.timezone), verifier=verifier)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        purger = asyncio.create_task(_purge_periodically(ctx))
        try:
            yield
        finally:
            purger.cancel()

    app = FastAPI(title="gd-kiosk central hall", version=__version__, description=DESCRIPTION,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
                  redoc_url=None, lifespan=lifespan,
                  generate_unique_id_function=lambda route: route.name)
    app.state.hall = ctx
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(admin.router)
    console.install(app, ctx)
    # Added last = outermost: faults, then auth, then bodies.
    app.add_middleware(BodyMiddleware, ctx=ctx)
    app.add_middleware(AuthMiddleware, ctx=ctx)
    app.add_middleware(FaultMiddleware, ctx=ctx)
    _install_error_handlers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]  # FastAPI's documented way
    return app


async def _purge_periodically(ctx: HallContext) -> None:
    while True:
        try:
            purged = await asyncio.to_thread(ctx.storage.purge_idempotency_keys,
                                             ctx.settings.key_window_s, ctx.clock.ts())
            if purged:
                log.info("purged %d idempotency keys older than %.0f days", purged,
                         ctx.settings.key_window_s / 86400)
        except Exception:
            log.exception("purging idempotency keys failed")
        await asyncio.sleep(PURGE_EVERY_S)


def _error(status: int, code: str, message: str, headers=None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HallError)
    async def hall_error(request: Request, exc: HallError):
        return _error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = STATUS_CODES.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(400, "malformed_json", "the body is not JSON")
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                           for e in errors[:5])
        return _error(422, "invalid_request", detail or "invalid request")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "the hall failed; the request may be retried")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, completed: security, the batch body the handler parses
    itself, and our error shape instead of FastAPI's validation error."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, description=app.description,
                      routes=app.routes)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    _, extra = models_json_schema([(models.TransactionBatch, "validation")],
                                  ref_template="#/components/schemas/{model}")
    schemas.update(extra.get("$defs", {}))
    components["securitySchemes"] = {
        "bearerToken": {"type": "http", "scheme": "bearer",
                        "description": "the kiosk's token"},
        "kioskId": {"type": "apiKey", "in": "header", "name": "X-Kiosk-Id",
                    "description": "the kiosk the token belongs to"}}
    doc["security"] = [{"bearerToken": [], "kioskId": []}]
    for operations in doc.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                for media in response.get("content", {}).values():
                    if media.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                        media["schema"] = {"$ref": "#/components/schemas/ErrorResponse"}
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = doc
    return doc
