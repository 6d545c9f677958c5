"""Operator endpoints under ``/admin/v1`` (not part of the kiosk contract, not in its
OpenAPI document): mark payments, queue commands, manage tokens, config and catalog,
assign lockers, inspect what was ingested, and set faults for the kiosk's tests.

They need ``Authorization: Bearer <admin token>`` (``serve --admin-token`` or the
``HALL_ADMIN_TOKEN`` environment variable); without one configured they answer 403.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Request, Response
from pydantic import BaseModel, Field

from . import seed
from .api import hall
from .errors import HallError
from .settings import code_hash, holder_hash
from .transactions import parse_rfc3339


def require_admin(request: Request) -> None:
    expected = hall(request).settings.admin_token
    if not expected:
        raise HallError(403, "admin_disabled", "no admin token is configured on this hall")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                             expected.encode()):
        raise HallError(401, "unauthorized", "the admin token is missing or wrong")


router = APIRouter(prefix="/admin/v1", dependencies=[Depends(require_admin)],
                   include_in_schema=False)


class FaultsIn(BaseModel):
    fail_status: Literal[429, 503] | None = None
    retry_after_s: int | None = Field(default=None, ge=0)
    fail_count: int | None = Field(default=None, ge=1)
    latency_s: float = Field(default=0.0, ge=0, le=600)
    latency_after_s: float = Field(default=0.0, ge=0, le=600)
    clock_offset_s: float = 0.0
    tamper_documents: bool = Field(
        default=False, description="change the catalog, configs and locker assignments "
                                   "after signing them, as a man in the middle would")
    verify_result: Literal["no_match", "unavailable"] | None = Field(
        default=None, description="answer every /identity/verify so, whatever the verifier")


@router.get("/faults")
def get_faults(request: Request):
    ctx = hall(request)
    return {**ctx.faults.to_dict(), "clock_offset_s": ctx.clock.offset_s,
            "verify_result": ctx.verify_fault}


@router.put("/faults")
def put_faults(body: FaultsIn, request: Request):
    """Replace the faults (send ``{}`` to clear them all)."""
    ctx = hall(request)
    values = body.model_dump()
    ctx.clock.offset_s = values.pop("clock_offset_s")
    ctx.verify_fault = values.pop("verify_result")
    for name, value in values.items():
        setattr(ctx.faults, name, value)
    return get_faults(request)


@router.get("/signing-key")
def signing_key(request: Request):
    """The public key terminals check the hall's documents with: ``line`` is what their
    ``/etc/kiosk/hall-signing.pub`` holds (as ``python -m hall signing-key`` prints)."""
    signer = hall(request).storage.keys.signer
    return {"key_id": signer.key_id, "line": signer.public_key_line("hall")}


class PaymentStatusIn(BaseModel):
    status: Literal["paid", "failed"]


@router.post("/payments/{order_id}/status")
def set_payment_status(order_id: str, body: PaymentStatusIn, request: Request):
    ctx = hall(request)
    order = ctx.storage.set_payment_status(order_id, body.status, ctx.clock.ts())
    return {"order_id": order_id, "status": order["status"]}


class CommandIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    args: dict[str, Any] = Field(default_factory=dict)


@router.post("/kiosks/{kiosk_id}/commands")
def queue_command(kiosk_id: str, body: CommandIn, request: Request):
    ctx = hall(request)
    return {"id": ctx.storage.queue_command(kiosk_id, body.name, body.args, ctx.clock.ts())}


class TokenIn(BaseModel):
    token: str | None = Field(default=None, min_length=16, max_length=256)
    expires_at: str | None = None


@router.post("/kiosks/{kiosk_id}/tokens")
def add_token(kiosk_id: str, body: TokenIn, request: Request):
    ctx = hall(request)
    expires = parse_rfc3339(body.expires_at) if body.expires_at else None
    if body.expires_at and expires is None:
        raise HallError(422, "invalid_request", "expires_at must be RFC 3339 with offset")
    token = body.token or secrets.token_urlsafe(32)
    ctx.storage.add_token(kiosk_id, token, ctx.clock.ts(),
                          expires.timestamp() if expires else None)
    seed.seed_kiosk(ctx.storage, kiosk_id, holder_salt=ctx.settings.holder_salt,
                    now=ctx.clock.ts())
    return {"kiosk_id": kiosk_id, "token": token}


@router.delete("/kiosks/{kiosk_id}/tokens")
def revoke_tokens(kiosk_id: str, request: Request):
    ctx = hall(request)
    return {"revoked": ctx.storage.revoke_tokens(kiosk_id, ctx.clock.ts())}


@router.put("/kiosks/{kiosk_id}/config")
def put_config(kiosk_id: str, request: Request, values: dict[str, Any] = Body(...),
               replace: bool = False):
    """Merge keys into a kiosk's config (``*``: the hall-wide defaults)."""
    ctx = hall(request)
    ctx.storage.put_config(kiosk_id, values, ctx.clock.ts(), replace=replace)
    return ctx.storage.config(kiosk_id)


@router.put("/catalog")
def put_catalog(request: Request, content: dict[str, Any] = Body(...)):
    ctx = hall(request)
    for key in ("services", "ticket_categories", "ticket_kinds", "guides"):
        if not isinstance(content.setdefault(key, []), list):
            raise HallError(422, "invalid_request", f"{key} must be a list")
    ctx.storage.put_catalog(content, ctx.clock.ts())
    return content


class LockerIn(BaseModel):
    door: int = Field(ge=1)
    holder: str | None = None
    id_number: str | None = Field(default=None, description="hashed here with the hall salt")
    code: str | None = Field(default=None, min_length=4, max_length=12)
    ttl_s: float = Field(default=7 * 86400, gt=0)


@router.post("/kiosks/{kiosk_id}/lockers")
def assign_locker(kiosk_id: str, body: LockerIn, request: Request):
    """Put something behind a door for a citizen; returns the SMS code to send them."""
    ctx = hall(request)
    if (body.holder is None) == (body.id_number is None):
        raise HallError(422, "invalid_request", "give either holder or id_number")
    holder = holder_hash(body.id_number, ctx.settings.holder_salt) \
        if body.id_number is not None else str(body.holder)
    code = body.code or f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    now = ctx.clock.ts()
    assignment_id = ctx.storage.add_locker_assignment(
        kiosk_id, door=body.door, holder=holder, code_hash=code_hash(code, salt), salt=salt,
        expires_at=now + body.ttl_s, now=now)
    return {"assignment_id": assignment_id, "door": body.door, "holder": holder, "code": code,
            "salt": salt, "code_hash": code_hash(code, salt),
            "expires_at": ctx.clock.iso(now + body.ttl_s)}


@router.get("/transactions/stats")
def transaction_stats(request: Request, kiosk_id: str | None = None):
    return hall(request).storage.transaction_stats(kiosk_id)


@router.get("/transactions")
def list_transactions(request: Request, kiosk_id: str | None = None, kind: str | None = None,
                      limit: int = 1000):
    return {"transactions": hall(request).storage.transactions(kiosk_id, kind, limit)}


@router.get("/tickets")
def list_tickets(request: Request, day: str, category: str | None = None):
    return {"tickets": hall(request).storage.tickets(day, category)}


@router.get("/attachments/{sha256}")
def get_attachment(sha256: str, request: Request):
    """The bytes of an attachment a kiosk uploaded (a diagnostics bundle an audit row
    names, a photo), with its media type; ``X-Kiosk-Id`` says whose. 404 when unknown."""
    found = hall(request).storage.attachment(sha256)
    if found is None:
        raise HallError(404, "not_found", "no attachment with this SHA-256")
    meta, data = found
    suffix = {"application/zip": ".zip", "image/jpeg": ".jpg"}.get(meta["media_type"], "")
    return Response(data, media_type=meta["media_type"], headers={
        "X-Kiosk-Id": meta["kiosk_id"],
        "Content-Disposition": f'attachment; filename="{meta["kiosk_id"]}-{sha256[:12]}{suffix}"'})


@router.get("/ticket-blocks")
def list_blocks(request: Request, kiosk_id: str | None = None):
    return {"blocks": hall(request).storage.blocks(kiosk_id)}


@router.get("/kiosks")
def list_kiosks(request: Request):
    return {"kiosks": hall(request).storage.kiosks()}


class PurgeIn(BaseModel):
    window_days: float = Field(default=30, ge=30)


@router.post("/purge")
def purge(body: PurgeIn, request: Request):
    """Forget idempotency keys older than the window (never under 30 days)."""
    ctx = hall(request)
    return {"purged": ctx.storage.purge_idempotency_keys(body.window_days * 86400,
                                                          ctx.clock.ts())}
