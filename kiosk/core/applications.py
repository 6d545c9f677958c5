"""Applications (the ``apply`` flow): what is recorded, the citizen's reference, the receipt.

Two kinds of outbox rows (hall-api.md, Transactions), both accepted offline and
delivered by the sync engine:

- ``card_loss_report`` (社保卡挂失): ``{card, reported_at}``; sealed: ``{id_number, name,
  holder}``.
- ``application`` (every other apply service, with its form's answers, see
  :mod:`kiosk.core.forms`): ``{service, answers, submitted_at}`` where ``answers`` holds
  only what is not personal (choice codes); sealed: ``{id_number, name, holder}`` plus the
  personal answers by field name (``phone``). A ``photo`` answer is made to its field's
  document spec (:mod:`kiosk.core.card_photo`: 358x441 px for the card) and travels as
  an attachment of the row (:mod:`offline_cache.attachments`): the sealed field holds
  its reference ``{attachment: sha256, media_type, bytes}``.

The applicant is whoever the identify step read: a resident ID card or a social security
card (:func:`kiosk.core.identify.id_number_of`). The reference the citizen quotes at the
counter is the first 8 hex digits of the row id, upper case. The receipt shows the
applicant and the personal answers masked (a receipt may be left on the terminal).

:func:`submit` is blocking (disk, printer): worker threads only. Everything else is pure.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from drivers.base import DeviceError
from drivers.receipt.document import Receipt, Text
from offline_cache.outbox import TX_FIELD

from . import forms
from .catalog import Service
from .identify import id_number_of, mask_name
from .privacy import holder_hash, masked_number
from .receipts import application_receipt

log = logging.getLogger(__name__)

LOSS_REPORT = "card_loss_report"    # the service recorded as its own transaction kind


@dataclass(frozen=True)
class ApplicationResult:
    reference: str                    # what the citizen quotes at the counter
    print_error: DeviceError | None   # None when the acknowledgement printed


@dataclass(frozen=True)
class Entry:
    """One outbox row to record: ``personal`` is sealed, ``payload`` travels as is,
    ``attachments`` (field -> (bytes, media type)) are uploaded on their own."""
    kind: str
    payload: dict[str, Any]
    personal: dict[str, Any]
    attachments: dict[str, tuple[bytes, str]] = field(default_factory=dict)


def applicant(card) -> tuple[str, str]:
    """(ID number, name) of the card read; ValueError when it carries no ID number."""
    number = id_number_of(card)
    if not number:
        raise ValueError("the card read carries no ID number")
    return number, card.name or getattr(card, "english_name", "") or ""


def loss_report(*, card: str, id_number: str, name: str, holder_salt: str,
                now: datetime) -> Entry:
    """挂失 of the citizen's ``card`` (``ss_card``)."""
    return Entry(LOSS_REPORT, {"card": card, "reported_at": now.isoformat(timespec="seconds")},
                 {"id_number": id_number, "name": name,
                  "holder": holder_hash(id_number, holder_salt)})


def application(service: Service, card, answers: Mapping[str, Any], *, holder_salt: str,
                now: datetime) -> Entry:
    """The row for ``service`` with its form's ``answers``. ValueError when the answers
    are incomplete or invalid: an application is never recorded half-filled."""
    if service.flow != "apply":
        raise ValueError(f"{service.code!r} is not an application")
    if not forms.complete(service.form, answers):
        raise ValueError(f"the answers to {service.code!r} are incomplete")
    number, name = applicant(card)
    plain, personal = forms.split(service.form, answers)
    sealed = {"id_number": number, "name": name, "holder": holder_hash(number, holder_salt)}
    files = {}
    for f in service.form:
        if f.name in personal and f.type == "photo" and f.spec is not None:  # parse's rule
            from .card_photo import conform  # OpenCV: not needed before a photo is
            files[f.name] = (conform(bytes(personal.pop(f.name)), f.spec), "image/jpeg")
    sealed.update(personal)
    return Entry("application", {"service": service.code, "answers": plain,
                                 "submitted_at": now.isoformat(timespec="seconds")}, sealed,
                 files)


def entry(service: Service, card, answers: Mapping[str, Any], *, holder_salt: str,
          now: datetime) -> Entry:
    """The row for any apply service: the loss report has its own kind."""
    if service.code == LOSS_REPORT:
        number, name = applicant(card)
        return loss_report(card="ss_card", id_number=number, name=name,
                           holder_salt=holder_salt, now=now)
    return application(service, card, answers, holder_salt=holder_salt, now=now)


def reference(row_id: str) -> str:
    return row_id.replace("-", "")[:8].upper()


def receipt(service: Service, ref: str, card, answers: Mapping[str, Any], *,
            submitted_at: datetime, hall_name: str, language: str = "zh_CN"):
    """The acknowledgement: the service, the reference, the applicant masked, and the
    answers (personal ones masked) under the applicant line."""
    number, name = applicant(card)
    printed = application_receipt(
        service=service.label(language), reference=ref, holder_name=mask_name(name),
        id_number=masked_number(number), submitted_at=submitted_at, hall_name=hall_name,
        language=language)
    lines = [Text(f"{label}: {value}")
             for label, value in forms.summary(service.form, answers, language)]
    if lines:
        # application_receipt's applicant line is the one that carries the masked number.
        at = next(i for i, e in enumerate(printed.elements)
                  if isinstance(e, Text) and masked_number(number) in e.text)
        printed.elements[at + 1:at + 1] = lines
    return printed


def submit(service: Service, card, answers: Mapping[str, Any], *, language: str,
           now: datetime, holder_salt: str, hall_name: str, record: Callable[[Entry], str],
           print_receipt: Callable[[Receipt, str], DeviceError | None]) -> ApplicationResult:
    """Record the application durably (``record`` writes the row and returns its id;
    offline too), then print the acknowledgement (``print_receipt``: Terminal's, None
    when printed, else why not). A print failure is returned: the application stands all
    the same. Blocking."""
    row = entry(service, card, answers, holder_salt=holder_salt, now=now)
    row_id = record(row)
    ref = reference(row_id)
    log.info("%s recorded as %s (%s)", service.code, ref, row.kind, extra={TX_FIELD: row_id})
    printed = receipt(service, ref, card, answers, submitted_at=now, hall_name=hall_name,
                      language=language)
    return ApplicationResult(ref, print_receipt(printed, f"the receipt of {ref}"))
