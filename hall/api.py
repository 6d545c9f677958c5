"""The kiosk endpoints of hall-api.md, under ``/api/v1``.

Handlers are plain functions (FastAPI runs them on its thread pool, the storage is
synchronous); the one that reads its body itself (the batch, whose elements are judged one
by one rather than refused as a whole) hands the work to the pool explicitly.
Authentication already happened (:mod:`hall.middleware`): ``request.state.kiosk_id`` is
the caller, and a path naming another kiosk is refused with 403.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from datetime import date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from time import perf_counter
from typing import Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from . import jsonstrict, models, services, signing
from .context import HallContext
from .documents import render_pdf
from .errors import HallError
from .models import ErrorResponse
from .transactions import MAX_BATCH, canonical_json, parse

# FastAPI's type for a route's extra responses, by status code.
Responses = dict[int | str, dict[str, Any]]

_ERR = {"model": ErrorResponse}
# Every kiosk endpoint may answer these (auth, validation, overload).
COMMON_RESPONSES: Responses = {
    400: {**_ERR, "description": "the body is not JSON, or its gzip is broken"},
    401: {**_ERR, "description": "missing, unknown, expired or revoked token"},
    408: {**_ERR, "description": "request_timeout: the headers or the body did not arrive "
                                 "within the hall's timeouts (the connection is closed)"},
    413: {**_ERR, "description": "the body is too large"},
    415: {**_ERR, "description": "a Content-Type other than JSON, or a Content-Encoding "
                                 "other than gzip"},
    422: {**_ERR, "description": "the request does not match the contract (invalid_request; "
                                 "number_out_of_range: an integer beyond 64 bits)"},
    429: {**_ERR, "description": "too many requests; honour Retry-After"},
    503: {**_ERR, "description": "unavailable | too_many_connections (refused before the "
                                 "request was read); honour Retry-After"},
}
_FORBIDDEN: Responses = {403: {**_ERR, "description": "another kiosk's resource"}}
_NOT_FOUND: Responses = {404: {**_ERR, "description": "no such resource"}}
_TICKET_REFUSALS: Responses = {
    404: {**_ERR, "description": "unknown_appointment"},
    409: {**_ERR, "description": "appointment_used: the appointment was checked in already"},
    422: {**_ERR, "description": "invalid_request | unknown_category | appointment_not_today "
                                 "| appointment_mismatch (category or kind)"}}
_DOCUMENT_REFUSALS: Responses = {
    **_NOT_FOUND,
    422: {**_ERR, "description": "invalid_request | unmasked_id_number: params hold a full ID "
                                 "number, or masked_id_number is not masked | "
                                 "invalid_params: masked_name or masked_id_number is no "
                                 "masked string of 1-32 characters"}}
_PAYMENT_REFUSALS: Responses = {
    404: {**_ERR, "description": "unknown_item: params.item_id is no item of this holder"},
    409: {**_ERR, "description": "already_paid: the item is paid"},
    422: {**_ERR, "description": "invalid_request (e.g. no params.item_id where the service "
                                 "needs one) | amount_mismatch: amount_fen is not the item's"}}
_ETAG = {"ETag": {"description": "the version; send it back in If-None-Match",
                  "schema": {"type": "string"}}}
_SIGNED = {**_ETAG, signing.HEADER: {
    "description": 'addition: keyid="<16 hex>", ed25519="<base64>", the hall\'s Ed25519 '
                   'signature of b"gd-kiosk document v1\\n" + path + b"\\n" + body '
                   "(hall/signing.py)", "schema": {"type": "string"}}}
_NOT_MODIFIED: Responses = {304: {"description": "not modified: If-None-Match matched the ETag",
                       "headers": _ETAG}}

router = APIRouter(responses=COMMON_RESPONSES)


def hall(request: Request) -> HallContext:
    return request.app.state.hall


def caller(request: Request) -> str:
    return request.state.kiosk_id


def own_kiosk(kiosk_id: str, request: Request) -> str:
    """The path's ``{kiosk_id}``, which must be the caller's own."""
    if kiosk_id != request.state.kiosk_id:
        raise HallError(403, "forbidden", "a kiosk may only use its own resources")
    return kiosk_id


# ETags -------------------------------------------------------------------------------
def etag_of(content: Any) -> str:
    return '"' + hashlib.sha256(canonical_json(content).encode()).hexdigest()[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _versioned(ctx: HallContext, path: str, content: dict[str, Any],
               if_none_match: str | None) -> Response:
    """``content`` with its ETag, signed for ``path`` (hall/signing.py); 304 when the
    terminal has it."""
    etag = etag_of(content)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if _matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    body = bytes(JSONResponse(content).body)
    headers[signing.HEADER] = ctx.storage.keys.signer.header(path, body)
    if ctx.faults.tamper_documents:
        # A man in the middle: the document changes after it was signed.
        body = body[:-1] + b', "tampered": true}'
    return Response(body, media_type="application/json", headers=headers)


def catalog_content(ctx: HallContext) -> dict[str, Any]:
    return ctx.storage.catalog() or {"services": [], "ticket_categories": [],
                                     "ticket_kinds": [], "guides": []}


def config_content(ctx: HallContext, kiosk_id: str) -> dict[str, Any]:
    config = ctx.storage.config(kiosk_id)
    if "enabled_services" not in config:
        config["enabled_services"] = [s.get("code") for s in catalog_content(ctx)["services"]]
    config.setdefault("holder_salt", ctx.settings.holder_salt)
    return {**config, "kiosk_id": kiosk_id}


def lockers_content(ctx: HallContext, kiosk_id: str) -> dict[str, Any]:
    rows = ctx.storage.locker_assignments(kiosk_id, ctx.clock.ts())
    return {"assignments": [{**r, "expires_at": ctx.clock.iso(r["expires_at"])} for r in rows]}


# Heartbeat -----------------------------------------------------------------------------
@router.post("/kiosks/{kiosk_id}/heartbeat", response_model=models.HeartbeatOut,
             responses=_FORBIDDEN)
def heartbeat(body: models.HeartbeatIn, request: Request, kiosk_id: str = Depends(own_kiosk)):
    """Report the kiosk's state; learn the current versions and pending commands."""
    ctx = hall(request)
    now = ctx.clock.now()
    kiosk_time = body.kiosk_time or _http_date(request.headers.get("date"))
    skew = round((kiosk_time - now).total_seconds(), 3) if kiosk_time else None
    ctx.storage.record_heartbeat(kiosk_id, body.model_dump(mode="json"), skew, now.timestamp())
    return {"server_time": now,
            "config_version": etag_of(config_content(ctx, kiosk_id)).strip('"'),
            "catalog_version": etag_of(catalog_content(ctx)).strip('"'),
            "lockers_version": etag_of(lockers_content(ctx, kiosk_id)).strip('"'),
            "commands": ctx.storage.take_commands(kiosk_id, now.timestamp()),
            "clock_skew_s": skew}


def _http_date(value: str | None) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


# Transactions --------------------------------------------------------------------------
_BATCH_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/TransactionBatch"}}},
    "description": "may be sent with Content-Encoding: gzip"}}


@router.post("/kiosks/{kiosk_id}/transactions:batch", response_model=models.BatchResults,
             openapi_extra=_BATCH_BODY,
             responses={**_FORBIDDEN,
                        400: {**_ERR, "description": "not JSON, or not {transactions: [...]}"},
                        413: {**_ERR, "description": f"more than {MAX_BATCH} transactions "
                                                     "or too large a body"}})
async def transactions_batch(request: Request, kiosk_id: str = Depends(own_kiosk)):
    """Deliver outbox rows; each is accepted, a duplicate, or rejected (final)."""
    ctx = hall(request)
    body = await request.body()
    started = perf_counter()
    try:
        envelope = jsonstrict.loads(body)
    except ValueError:          # UnicodeDecodeError included
        raise HallError(400, "malformed_json", "the body is not JSON") from None
    items = envelope.get("transactions") if isinstance(envelope, dict) else None
    if not isinstance(items, list):
        raise HallError(400, "malformed_batch", 'the body must be {"transactions": [...]}')
    if len(items) > MAX_BATCH:
        raise HallError(413, "batch_too_large",
                        f"at most {MAX_BATCH} transactions per request, got {len(items)}")
    parsed = [parse(item) for item in items]
    checked = perf_counter()
    results = await run_in_threadpool(ctx.storage.ingest, kiosk_id, parsed, ctx.clock.ts())
    # Where the time went, for whoever measures a drain (W3C Server-Timing, in ms):
    # JSON and validation, then the store (its transaction, and the wait for a thread).
    timing = (f"parse;dur={(checked - started) * 1000:.2f}, "
              f"store;dur={(perf_counter() - checked) * 1000:.2f}")
    return JSONResponse({"results": results}, headers={"Server-Timing": timing})


# Catalog and configuration -------------------------------------------------------------
@router.get("/catalog", response_model=models.Catalog,
            responses={**_NOT_MODIFIED, 200: {"headers": _SIGNED}})
def catalog(request: Request,
            if_none_match: str | None = Header(default=None, alias="If-None-Match")):
    """Services, ticket categories and kinds, guides."""
    ctx = hall(request)
    return _versioned(ctx, "/catalog", catalog_content(ctx), if_none_match)


@router.get("/kiosks/{kiosk_id}/config", response_model=models.KioskConfig,
            responses={**_NOT_MODIFIED, **_FORBIDDEN, 200: {"headers": _SIGNED}})
def kiosk_config(request: Request, kiosk_id: str = Depends(own_kiosk),
                 if_none_match: str | None = Header(default=None, alias="If-None-Match")):
    """Enabled services, timeouts, announcements, technician PIN hash, locker layout."""
    ctx = hall(request)
    return _versioned(ctx, f"/kiosks/{kiosk_id}/config", config_content(ctx, kiosk_id),
                      if_none_match)


# Queue numbers -------------------------------------------------------------------------
def _category_letter(ctx: HallContext, category: str) -> str:
    for c in catalog_content(ctx)["ticket_categories"]:
        if c.get("code") == category and isinstance(c.get("letter"), str):
            return c["letter"]
    raise HallError(422, "unknown_category", f"no ticket category {category!r}")


@router.post("/tickets", response_model=models.TicketOut, responses=_TICKET_REFUSALS)
def issue_ticket(body: models.TicketIn, request: Request):
    """A queue number now, from the hall's counter; with ``appointment_id``, the
    appointment's check-in (it must be today's, booked, of this category and kind)."""
    ctx = hall(request)
    prefix = _category_letter(ctx, body.category)
    now = ctx.clock.now()
    if body.appointment_id:
        _check_appointment(ctx, body, body.appointment_id, now.date())
    issued = ctx.storage.issue_ticket(caller(request), day=now.date().isoformat(),
                                      category=body.category, prefix=prefix, kind=body.kind,
                                      appointment_id=body.appointment_id,
                                      issued_at=now.isoformat(timespec="seconds"))
    return {"number": issued["number"], "waiting_ahead": issued["waiting_ahead"],
            "issued_at": now}


def _check_appointment(ctx: HallContext, body: models.TicketIn, appointment_id: str,
                       today: date) -> None:
    """Refuse a check-in that cannot be this appointment's; whether it is still booked
    is checked again by the storage, atomically with the check-in."""
    appointment = ctx.storage.appointment(appointment_id)
    if appointment is None:
        raise HallError(404, "unknown_appointment", f"no appointment {appointment_id}")
    if appointment["date"] != today.isoformat():
        raise HallError(422, "appointment_not_today",
                        f"appointment {body.appointment_id} is for {appointment['date']}")
    if appointment["status"] != "booked":
        raise HallError(409, "appointment_used",
                        f"appointment {body.appointment_id} is {appointment['status']}")
    if (appointment["category"], appointment["kind"]) != (body.category, body.kind):
        raise HallError(422, "appointment_mismatch",
                        f"appointment {body.appointment_id} is for "
                        f"{appointment['category']}/{appointment['kind']}")


@router.post("/kiosks/{kiosk_id}/ticket-blocks", response_model=models.TicketBlockOut,
             responses={**_FORBIDDEN, 409: {**_ERR, "description": (
                 "lease_limit_reached: the kiosk holds the hall's limit of blocks for this "
                 "day and category already (final for them: issue from the blocks held, "
                 "or take numbers online)")}})
def lease_ticket_block(body: models.TicketBlockIn, request: Request,
                       kiosk_id: str = Depends(own_kiosk)):
    """Lease numbers to issue offline; reported back as ``ticket`` transactions."""
    ctx = hall(request)
    prefix = _category_letter(ctx, body.category)
    today = ctx.clock.now().date()
    day = body.date or today
    if not today <= day <= today + timedelta(days=ctx.settings.block_days_ahead):
        raise HallError(422, "invalid_date", f"blocks are leased for today up to "
                                             f"{ctx.settings.block_days_ahead} days ahead")
    if body.size > ctx.settings.block_max_size:
        raise HallError(422, "block_too_large",
                        f"at most {ctx.settings.block_max_size} numbers per block")
    valid_until = datetime.combine(day + timedelta(days=1), time(0), ctx.settings.timezone)
    block = ctx.storage.lease_block(kiosk_id, day=day.isoformat(), category=body.category,
                                    prefix=prefix, size=body.size,
                                    valid_until=valid_until.timestamp(), now=ctx.clock.ts(),
                                    max_blocks=ctx.settings.max_blocks_per_day)
    return {"block_id": block["block_id"], "prefix": prefix, "first": block["first"],
            "last": block["last"], "valid_until": valid_until, "category": body.category,
            "date": day}


@router.get("/appointments", response_model=models.Appointments)
def appointments(request: Request, holder: str = Query(min_length=1, max_length=128),
                 date: date = Query(description="YYYY-MM-DD")):
    """The holder's appointments on that day."""
    return {"appointments": hall(request).storage.appointments(holder, date.isoformat())}


# Self-service --------------------------------------------------------------------------
@router.post("/services/{service_code}/query", response_model=models.QueryOut,
             responses=_NOT_FOUND)
def service_query(body: models.ServiceRequest, request: Request,
                  service_code: str = Path(examples=sorted(services.QUERIES))):
    """Rows of a query service (online only)."""
    if service_code not in services.QUERIES:
        raise HallError(404, "unknown_service", f"no query service {service_code!r}")
    rows = services.query_rows(hall(request).storage, service_code, body.holder, body.params)
    return {"service_code": service_code, "rows": rows}


@router.post("/services/{service_code}/documents", response_model=models.DocumentOut,
             responses=_DOCUMENT_REFUSALS)
def create_document(body: models.ServiceRequest, request: Request,
                    service_code: str = Path(examples=sorted(services.DOCUMENTS))):
    """Produce a document (certificate, register extract) to fetch as PDF.

    ``params``: ``masked_name`` and ``masked_id_number``, the holder as the page shows them
    (持证人, 证件号码), masked by the kiosk (strings of 1-32 characters with a ``*``). A
    full ID number anywhere in ``params`` is refused (422 ``unmasked_id_number``)."""
    build = services.DOCUMENTS.get(service_code)
    if build is None:
        raise HallError(404, "unknown_service", f"no document service {service_code!r}")
    holder = services.document_holder(body.holder, body.params)
    ctx = hall(request)
    now = ctx.clock.now()
    document_id = str(uuid.uuid4())
    doc = build(ctx.storage, holder, document_id, now.isoformat())
    ctx.storage.put_document({"document_id": document_id, "kiosk_id": caller(request),
                              "service_code": service_code, "holder": body.holder,
                              "title": doc.title, "created_at": now.timestamp()},
                             render_pdf(doc))
    return {"document_id": document_id}


@router.get("/documents/{document_id}", response_class=Response,
            responses={200: {"description": "a one-page A4 PDF",
                             "content": {"application/pdf": {
                                 "schema": {"type": "string", "format": "binary"}}}},
                       **_FORBIDDEN, **_NOT_FOUND})
def get_document(document_id: str, request: Request):
    """The PDF of a document this kiosk requested."""
    found = hall(request).storage.document(document_id)
    if found is None:
        raise HallError(404, "unknown_document", f"no document {document_id}")
    meta, pdf = found
    if meta["kiosk_id"] != caller(request):
        raise HallError(403, "forbidden", "the document was requested by another kiosk")
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{document_id}.pdf"'})


@router.post("/payments", response_model=models.PaymentOut, responses=_PAYMENT_REFUSALS)
def create_payment(body: models.PaymentIn, request: Request):
    """Open an order; the citizen pays by scanning ``qr_payload``. For a service that
    pays due items (``vehicle_vessel_tax``), ``params.item_id`` names one; while an order
    for that item is pending, the same order is answered again."""
    ctx = hall(request)
    now = ctx.clock.ts()
    order_id = "P" + uuid.uuid4().hex[:20].upper()
    order: dict[str, Any] = {"order_id": order_id, "kiosk_id": caller(request),
             "service_code": body.service_code, "holder": body.holder,
             "amount_fen": body.amount_fen, "params": body.params,
             "qr_payload": f"https://pay.example.gov.cn/qr/{order_id}",
             "created_at": now, "expires_at": now + ctx.settings.payment_ttl_s}
    if body.service_code in services.DUES:
        item_id = body.params.get("item_id")
        if not isinstance(item_id, str) or not item_id:
            raise HallError(422, "invalid_request",
                            f"{body.service_code} needs params.item_id, one of its query rows")
        order = ctx.storage.open_due_payment(order, item_id, now)
    else:
        ctx.storage.create_payment(order)
    return {"order_id": order["order_id"], "qr_payload": order["qr_payload"],
            "expires_at": ctx.clock.iso(order["expires_at"])}


@router.get("/payments/{order_id}", response_model=models.PaymentState,
            responses={**_FORBIDDEN, **_NOT_FOUND})
def payment_state(order_id: str, request: Request):
    """pending | paid | expired | failed."""
    ctx = hall(request)
    order = ctx.storage.payment(order_id, ctx.clock.ts())
    if order is None:
        raise HallError(404, "unknown_order", f"no payment order {order_id}")
    if order["kiosk_id"] != caller(request):
        raise HallError(403, "forbidden", "the order was opened by another kiosk")
    return {"order_id": order_id, "status": order["status"],
            "amount_fen": order["amount_fen"], "expires_at": ctx.clock.iso(order["expires_at"]),
            "settled_at": ctx.clock.iso(order["settled_at"]) if order["settled_at"] else None}


@router.post("/identity/verify", response_model=models.VerifyOut,
             response_model_exclude_none=True)
def verify_identity(body: models.VerifyIn, request: Request):
    """Compare the ID card photo with the live one; ``unavailable`` with no verifier.
    An operator's ``verify_result`` fault answers in its place."""
    try:
        wlt = base64.b64decode(body.id_photo_wlt, validate=True)
        jpeg = base64.b64decode(body.live_photo_jpeg, validate=True)
    except (binascii.Error, ValueError):
        raise HallError(422, "invalid_base64", "the photos must be base64") from None
    ctx = hall(request)
    if ctx.verify_fault == "no_match":
        return {"result": "no_match", "score": services.DEMO_NO_MATCH_SCORE}
    verifier = ctx.verifier
    if verifier is None or ctx.verify_fault == "unavailable":
        return {"result": "unavailable"}
    result, score = verifier(body.holder, wlt, jpeg)
    return {"result": result, "score": score}


# Lockers -------------------------------------------------------------------------------
@router.get("/kiosks/{kiosk_id}/lockers/assignments", response_model=models.LockerAssignments,
            responses={**_NOT_MODIFIED, **_FORBIDDEN, 200: {"headers": _SIGNED}})
def locker_assignments(request: Request, kiosk_id: str = Depends(own_kiosk),
                       if_none_match: str | None = Header(default=None, alias="If-None-Match")):
    """Doors awaiting pickup, to verify a pickup code with no network."""
    ctx = hall(request)
    return _versioned(ctx, f"/kiosks/{kiosk_id}/lockers/assignments",
                      lockers_content(ctx, kiosk_id), if_none_match)


# Attachments ---------------------------------------------------------------------------
# What an attachment may be: its media type -> the bytes it starts with, the setting that
# limits its size, the error for bytes that are not of that type.
ATTACHMENT_TYPES: dict[str, tuple[bytes, str, str]] = {
    "image/jpeg": (b"\xff\xd8", "max_attachment_bytes", "not_jpeg"),     # a card photo
    "application/zip": (b"PK\x03\x04", "max_bundle_bytes", "not_zip"),    # a diagnostics bundle
}
_ATTACHMENT_BODY = {"requestBody": {"required": True, "description": "the file's bytes",
                                    "content": {t: {"schema": {"type": "string",
                                                               "format": "binary"}}
                                                for t in ATTACHMENT_TYPES}}}


@router.put("/kiosks/{kiosk_id}/attachments/{sha256}", response_model=models.AttachmentOut,
            status_code=201, openapi_extra=_ATTACHMENT_BODY,
            responses={**_FORBIDDEN,
                       200: {"model": models.AttachmentOut,
                             "description": "the hall had this file already"},
                       413: {**_ERR, "description": "attachment_too_large"},
                       415: {**_ERR, "description": "a Content-Type other than image/jpeg or "
                                                    "application/zip"},
                       422: {**_ERR, "description": "hash_mismatch: the bytes' SHA-256 is "
                                                    "not the path's | not_jpeg | not_zip"}})
async def put_attachment(request: Request, kiosk_id: str = Depends(own_kiosk),
                         sha256: str = Path(pattern="^[0-9a-f]{64}$")):
    """Addition (not in hall-api.md yet): a file an outbox row references by its SHA-256
    (a card application's photo, a technician's diagnostics bundle), uploaded before the
    row, so that no batch has to carry it. Idempotent: the same bytes again answer 200."""
    ctx = hall(request)
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media not in ATTACHMENT_TYPES:
        raise HallError(415, "unsupported_media_type",
                        f"attachments are {', '.join(ATTACHMENT_TYPES)}, not {media or 'none'}")
    magic, limit_setting, not_that = ATTACHMENT_TYPES[media]
    if (request.headers.get("content-encoding") or "identity").lower() != "identity":
        raise HallError(415, "unsupported_encoding", "attachments are sent as they are")
    limit = getattr(ctx.settings, limit_setting)
    length = request.headers.get("content-length") or ""
    if length.isdigit() and int(length) > limit:
        raise HallError(413, "attachment_too_large",
                        f"{media} attachments are limited to {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HallError(413, "attachment_too_large",
                            f"{media} attachments are limited to {limit} bytes")
        chunks.append(chunk)
    data = b"".join(chunks)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HallError(422, "hash_mismatch", "the SHA-256 of the bytes is not the path's")
    if not data.startswith(magic):
        raise HallError(422, not_that, f"the bytes are not {media}")
    created = await run_in_threadpool(ctx.storage.put_attachment, kiosk_id, sha256, media,
                                      data, ctx.clock.ts())
    return JSONResponse({"sha256": sha256, "bytes": len(data), "created": created},
                        status_code=201 if created else 200)
