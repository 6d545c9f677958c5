"""The bodies of hall-api.md as Pydantic models: they validate requests and generate the
OpenAPI document (``/api/v1/openapi.json``, committed as ``hall/openapi.json``).

Fields beyond hall-api.md are optional additions and say so in their description.
"""
from __future__ import annotations

from datetime import date as Date
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .transactions import KINDS, MAX_BATCH

Holder = Field(min_length=1, max_length=128,
               description="salted hash of the citizen's ID number (see hall.settings)")


class ErrorDetail(BaseModel):
    code: str = Field(description="stable snake_case code")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


# Heartbeat -----------------------------------------------------------------------------
class DeviceReport(BaseModel):
    model_config = ConfigDict(extra="allow")
    state: str
    consumables: dict[str, Any] = Field(default_factory=dict)
    counters: dict[str, Any] = Field(default_factory=dict)


class ServiceReport(BaseModel):
    in_service: bool
    technician_mode: bool = False
    reason: str | None = Field(default=None, max_length=200,
                               description="why the terminal shows 暂停服务")


class RefusedDocument(BaseModel):
    code: str = Field(max_length=64, description="unsigned | malformed_signature | "
                      "unknown_key | bad_signature | no_hall_key")
    message: str = Field(max_length=500)
    since: str = Field(max_length=40, description="RFC 3339: refused since")
    at: str = Field(max_length=40, description="RFC 3339: the latest refusal")


class HeartbeatIn(BaseModel):
    software_version: str = Field(max_length=64)
    uptime_s: float = Field(ge=0)
    outbox_depth: int = Field(ge=0)
    oldest_pending_age_s: float | None = Field(ge=0, description="null when the outbox is empty")
    devices: dict[str, DeviceReport]
    kiosk_time: AwareDatetime | None = Field(
        default=None, description="addition: the kiosk's clock when sending, for the skew "
                                  "report (else the Date header is used)")
    service: ServiceReport | None = Field(
        default=None, description="addition: in service, or 暂停服务 (technician mode or "
                                  "taken out of service) with the reason citizens see")
    quarantined: int = Field(
        default=0, ge=0, description="addition: outbox rows this terminal holds back for "
        "good (refused by the hall, or unsendable), waiting for a technician")
    refused_documents: dict[str, RefusedDocument] = Field(
        default_factory=dict, description="addition: the hall's documents (catalog, config, "
        "locker_assignments) this terminal keeps out because their signature failed; it "
        "goes on with the last good one")


class Command(BaseModel):
    id: str
    name: str = Field(description="sync_now | reload_config | open_locker | ...")
    args: dict[str, Any] = Field(description="e.g. {\"door\": 3} for open_locker")


class HeartbeatOut(BaseModel):
    server_time: datetime
    config_version: str = Field(description="the config's ETag without quotes")
    catalog_version: str = Field(description="the catalog's ETag without quotes")
    lockers_version: str = Field(description="addition: the locker assignments' ETag "
                                             "without quotes")
    commands: list[Command] = Field(description="each command is delivered once")
    clock_skew_s: float | None = Field(
        description="addition: kiosk clock minus hall clock, when the kiosk sent its time")


# Transactions --------------------------------------------------------------------------
class Transaction(BaseModel):
    id: str = Field(description="UUIDv4, the idempotency key", min_length=36, max_length=36,
                    json_schema_extra={"format": "uuid"})
    kind: Literal[KINDS]  # type: ignore[valid-type]
    created_at: AwareDatetime
    payload: dict[str, Any] = Field(
        description="ticket: number, category required (kind, issued_at, block_id, seq "
                    "(1..999999999), holder optional); locker_pickup: assignment_id "
                    "required; other kinds: any object. Integers anywhere must fit 64 bits "
                    "(else that transaction is rejected number_out_of_range)")


class TransactionBatch(BaseModel):
    transactions: list[Transaction] = Field(max_length=MAX_BATCH)


class TransactionResult(BaseModel):
    id: str | None = Field(description="the transaction's id as sent (null if it had none)")
    status: Literal["accepted", "duplicate", "rejected"]
    error: ErrorDetail | None = Field(
        default=None, description="with rejected: malformed_transaction | unknown_kind | "
                                  "invalid_payload | number_out_of_range | "
                                  "idempotency_conflict")


class BatchResults(BaseModel):
    results: list[TransactionResult] = Field(description="one per transaction, in order")


# Catalog and config --------------------------------------------------------------------
class Catalog(BaseModel):
    model_config = ConfigDict(extra="allow")
    services: list[dict[str, Any]]
    ticket_categories: list[dict[str, Any]]
    ticket_kinds: list[dict[str, Any]]
    guides: list[dict[str, Any]]


class KioskConfig(BaseModel):
    model_config = ConfigDict(extra="allow")
    kiosk_id: str
    enabled_services: list[str]
    timeouts: dict[str, float]
    announcements: list[dict[str, Any]]
    technician_pin_hash: str = Field(description="pbkdf2_sha256$<iterations>$<salt>$<hash>")
    locker_layout: dict[str, Any]
    holder_salt: str = Field(description="addition: the salt of holder hashes")


# Queue numbers -------------------------------------------------------------------------
class TicketIn(BaseModel):
    category: str = Field(min_length=1, max_length=64, examples=["registration"],
                          description="a ticket category code of the catalog")
    kind: Literal["accept", "consult", "pickup"]
    appointment_id: str | None = Field(
        default=None, max_length=64,
        description="check this appointment in: it must be today's (the hall's clock), "
                    "booked, and of this category and kind; it is checked_in afterwards")


class TicketOut(BaseModel):
    number: str = Field(description="<category letter><seq, 3 digits or more>, e.g. A017")
    waiting_ahead: int
    issued_at: datetime


class TicketBlockIn(BaseModel):
    category: str = Field(min_length=1, max_length=64, examples=["registration"],
                          description="a ticket category code of the catalog")
    size: int = Field(ge=1, le=500, examples=[50])
    date: Date | None = Field(default=None, description="addition: the day the numbers are "
                                                       "for (default today, up to 14 days "
                                                       "ahead), to lease before going offline")


class TicketBlockOut(BaseModel):
    block_id: str
    prefix: str = Field(description="a number reads prefix + seq padded to 3 digits")
    first: int
    last: int
    valid_until: datetime = Field(description="the end of the block's day")
    category: str
    date: Date


class Appointment(BaseModel):
    appointment_id: str
    holder: str
    date: Date
    time: str
    service_code: str
    category: str
    kind: str
    status: str = Field(description="booked | checked_in")


class Appointments(BaseModel):
    appointments: list[Appointment]


# Self-service --------------------------------------------------------------------------
class ServiceRequest(BaseModel):
    holder: str = Holder
    params: dict[str, Any] = Field(description="the service's parameters ({} for none)")


class QueryOut(BaseModel):
    service_code: str
    rows: list[dict[str, Any]]


class DocumentOut(BaseModel):
    document_id: str


class PaymentIn(BaseModel):
    service_code: str = Field(min_length=1, max_length=64)
    holder: str = Holder
    amount_fen: int = Field(gt=0, le=100_000_000)
    params: dict[str, Any] = Field(
        description="what is paid for ({} for nothing more); vehicle_vessel_tax: "
                    "{\"item_id\": <a due row's item_id>}, amount_fen that row's amount")


class PaymentOut(BaseModel):
    order_id: str
    qr_payload: str
    expires_at: datetime


class PaymentState(BaseModel):
    order_id: str
    status: Literal["pending", "paid", "expired", "failed"]
    amount_fen: int
    expires_at: datetime
    settled_at: datetime | None = None


class VerifyIn(BaseModel):
    holder: str = Holder
    id_photo_wlt: str = Field(description="base64", max_length=4_000_000)
    live_photo_jpeg: str = Field(description="base64", max_length=8_000_000)


class VerifyOut(BaseModel):
    result: Literal["match", "no_match", "unavailable"]
    score: float | None = None


# Lockers -------------------------------------------------------------------------------
class LockerAssignment(BaseModel):
    door: int
    assignment_id: str
    holder: str
    code_hash: str = Field(description="HMAC-SHA256(key=salt, SMS code), hex")
    salt: str
    expires_at: datetime


class LockerAssignments(BaseModel):
    assignments: list[LockerAssignment]


# Attachments ---------------------------------------------------------------------------
class AttachmentOut(BaseModel):
    sha256: str = Field(description="SHA-256 of the bytes, lower-case hex")
    bytes: int
    created: bool = Field(description="false: the hall had it already (idempotent)")
