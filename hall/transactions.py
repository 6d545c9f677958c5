"""Outbox transactions as the hall receives them (hall-api.md, Transactions): validation
and interpretation, with no I/O.

:func:`parse` turns one element of a batch into either an :class:`Incoming` (to be
applied, or recognised as a duplicate, by the storage) or a :class:`Rejected` with a
stable code. Rejections are final for the kiosk (it quarantines the row), so only what
the hall truly cannot use is rejected: a missing or non-UUID ``id``, content that is not
strict JSON (see :mod:`hall.jsonstrict`; an integer beyond 64 bits anywhere is
``number_out_of_range``), an unknown ``kind``,
a ``created_at`` without offset, a non-object ``payload``, and for the two kinds the hall
must act on, the fields it needs (``ticket``: ``number`` and ``category``, and a ``seq``
from 1 to :data:`MAX_SEQ` when it has one;
``locker_pickup``: ``assignment_id``). Everything else a citizen did is accepted; doubts
(a ticket outside the kiosk's leased blocks) become flags on the stored record.

Idempotency compares :func:`payload_hash`: SHA-256 of the canonical JSON (sorted keys,
no spaces, UTF-8) of ``kind`` and ``payload``; ``created_at`` is not part of it.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from . import jsonstrict

KINDS = ("ticket", "application", "card_loss_report", "rating", "locker_pickup",
         "payment", "print_job", "face_capture", "device_event", "audit")
MAX_BATCH = 500
# Kinds whose payload carries no personal data by contract (a rating: service, level,
# reason code, ticket number, time; a device event: door, result): kept in clear at rest
# so that operators can count them in SQL. Every other kind's payload is sealed.
PLAIN_KINDS = frozenset({"rating", "device_event"})
# A ticket's seq as the hall hands them out (at most 9 digits, see _TICKET_NUMBER).
MAX_SEQ = 999_999_999

# Numbers the hall hands out read <prefix><seq, at least 3 digits>, e.g. "A017" (see
# format_ticket_number); a hyphen between the two is tolerated when reading them back.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}")
_TICKET_NUMBER = re.compile(r"([A-Za-z]+)-?(\d{1,9})")


def format_ticket_number(prefix: str, seq: int) -> str:
    return f"{prefix}{seq:03d}"


def parse_ticket_number(number: str) -> tuple[str, int] | None:
    """``"A017"`` -> ``("A", 17)``; ``None`` when the number is not in the hall's format."""
    m = _TICKET_NUMBER.fullmatch(number)
    return (m.group(1), int(m.group(2))) if m else None


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(kind: str, payload: dict[str, Any], payload_text: str | None = None) -> str:
    """SHA-256 of ``canonical_json({"kind": kind, "payload": payload})``; given the
    payload's canonical text, that document is assembled around it (sorted keys put
    "kind" first) instead of serialising the payload a second time."""
    text = payload_text if payload_text is not None else canonical_json(payload)
    document = f'{{"kind":{canonical_json(kind)},"payload":{text}}}'
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TicketReport:
    """A queue number the kiosk issued from a leased block while offline."""
    number: str
    category: str
    kind: str | None
    day: str                 # YYYY-MM-DD, the kiosk's local date of issue
    prefix: str | None       # None when the number is not in the hall's format
    seq: int | None
    block_id: str | None
    holder: str | None
    issued_at: str


@dataclass(frozen=True)
class LockerPickup:
    assignment_id: str
    door: int | None


@dataclass(frozen=True)
class Incoming:
    id: str                  # as sent (echoed in the result)
    key: str                 # the canonical UUID, the idempotency key
    kind: str
    created_at: str
    payload: dict[str, Any]
    payload_text: str        # canonical_json(payload): what is stored (or sealed)
    payload_hash: str
    effect: TicketReport | LockerPickup | None


@dataclass(frozen=True)
class Rejected:
    id: str | None
    code: str
    message: str

    def result(self) -> dict[str, Any]:
        return rejected(self.id, self.code, self.message)


def accepted(tx_id: str) -> dict[str, Any]:
    return {"id": tx_id, "status": "accepted"}


def duplicate(tx_id: str) -> dict[str, Any]:
    return {"id": tx_id, "status": "duplicate"}


def rejected(tx_id: str | None, code: str, message: str) -> dict[str, Any]:
    return {"id": tx_id, "status": "rejected", "error": {"code": code, "message": message}}


def parse_rfc3339(value: Any) -> datetime | None:
    """An aware datetime, or ``None`` when ``value`` is not RFC 3339 with an offset."""
    if not isinstance(value, str) or not 10 < len(value) <= 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def parse(item: Any) -> Incoming | Rejected:
    """Validate one element of ``transactions`` (see the module docstring)."""
    if not isinstance(item, dict):
        return Rejected(None, "malformed_transaction", "a transaction must be a JSON object")
    tx_id = item.get("id")
    shown_id = tx_id if isinstance(tx_id, str) else None
    if not (isinstance(tx_id, str) and _UUID.fullmatch(tx_id)):
        return Rejected(shown_id, "malformed_transaction",
                        "id must be a UUID in its 36-character form")
    issue = jsonstrict.problem(item)
    if issue:
        code = "malformed_transaction" if issue.code == "malformed_json" else issue.code
        return Rejected(tx_id, code, issue.message)
    kind = item.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        return Rejected(tx_id, "unknown_kind", f"unknown transaction kind {kind!r}")
    created = parse_rfc3339(item.get("created_at"))
    if created is None:
        return Rejected(tx_id, "malformed_transaction",
                        "created_at must be an RFC 3339 time with offset")
    payload = item.get("payload")
    if not isinstance(payload, dict):
        return Rejected(tx_id, "malformed_transaction", "payload must be a JSON object")
    try:
        effect = _effect(kind, payload, created)
    except _InvalidPayload as e:
        return Rejected(tx_id, "invalid_payload", str(e))
    text = canonical_json(payload)
    return Incoming(id=tx_id, key=tx_id.lower(), kind=kind, created_at=item["created_at"],
                    payload=payload, payload_text=text,
                    payload_hash=payload_hash(kind, payload, text), effect=effect)


class _InvalidPayload(ValueError):
    pass


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise _InvalidPayload(f"payload.{name} must be a non-empty string")
    return value


def _effect(kind: str, payload: dict[str, Any], created: datetime):
    if kind == "ticket":
        number = _text(payload, "number")
        category = _text(payload, "category")
        # Lenient on the rest: the citizen already holds this ticket.
        issued = parse_rfc3339(payload.get("issued_at"))
        day: date = (issued or created).date()
        parsed = parse_ticket_number(number)
        seq = payload.get("seq")
        if not (isinstance(seq, int) and not isinstance(seq, bool)):
            seq = parsed[1] if parsed else None
        elif not 1 <= seq <= MAX_SEQ:
            # A number a citizen holds has a seq the hall could have leased; this one
            # cannot be (and would not fit the store): a kiosk bug to look at.
            raise _InvalidPayload(f"payload.seq must be an integer from 1 to {MAX_SEQ}")
        block_id = payload.get("block_id")
        holder = payload.get("holder")
        return TicketReport(
            number=number, category=category,
            kind=payload.get("kind") if isinstance(payload.get("kind"), str) else None,
            day=day.isoformat(), prefix=parsed[0] if parsed else None, seq=seq,
            block_id=block_id if isinstance(block_id, str) else None,
            holder=holder if isinstance(holder, str) else None,
            issued_at=(issued or created).isoformat())
    if kind == "locker_pickup":
        assignment_id = _text(payload, "assignment_id")
        door = payload.get("door")
        return LockerPickup(assignment_id,
                            door if isinstance(door, int) and not isinstance(door, bool) else None)
    return None
