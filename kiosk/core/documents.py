"""Printing a certificate or register extract (个人参保证明, 不动产登记查册表...): the hall
makes the PDF (online only), the A4 printer prints it, a ``print_job`` transaction
records it. Blocking: worker threads only.

The page names its holder so that the citizen can check it is theirs: by the name and ID
number of the card read, masked here before they leave the terminal (:func:`holder_params`);
the hall refuses a full ID number."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Literal

from drivers.base import DeviceError
from offline_cache.hall_errors import HallError

from .applications import applicant
from .identify import mask_name
from .privacy import masked_number

log = logging.getLogger(__name__)

DocumentOutcome = Literal["ok", "hall_unavailable", "printer_error", "no_printer", "cancelled"]


@dataclass(frozen=True)
class DocumentResult:
    outcome: DocumentOutcome
    pages: int | None = None
    error: str | None = None   # the hall's or the printer's error code


def holder_params(card: Any) -> dict[str, str]:
    """The document request's ``params`` naming the holder of ``card`` (the ID or social
    security card read): ``masked_name`` (张*) and ``masked_id_number``
    (4401**********0010), masked as everywhere on the terminal; a value the card lacks
    is left out."""
    number, name = applicant(card)
    masked = {"masked_name": mask_name(name), "masked_id_number": masked_number(number)}
    return {key: value for key, value in masked.items() if value}


def print_document(terminal: Any, service_code: str, holder: str, card: Any,
                   cancel: threading.Event | None = None) -> DocumentResult:
    """The document of ``service_code`` for ``holder`` (salted hash) on the terminal's
    (:class:`kiosk.core.terminal.Terminal`) A4 printer, naming the holder of ``card`` (the
    card read) masked. ``cancel`` set (the citizen ended the session while it printed):
    nothing more is printed, a job in CUPS is withdrawn, and nothing is recorded
    (``cancelled``)."""
    from drivers.docprinter.driver import DocPrinter  # loaded with the device, if any
    printer = terminal.device(DocPrinter)
    if printer is None:
        return DocumentResult("no_printer")
    client = terminal.hall_client
    if client is None:
        return DocumentResult("hall_unavailable", error="no_hall")
    service = terminal.catalog.service(service_code)
    try:
        document_id = client.request_document(service_code, holder, holder_params(card))
        pdf = client.get_document(document_id)
    except HallError as err:
        log.warning("document %s not available: %s", service_code, err.code)
        return DocumentResult("hall_unavailable", error=err.code)
    if cancel is not None and cancel.is_set():
        return DocumentResult("cancelled")
    try:
        job = printer.print_pdf(pdf, title=service.label("zh_CN"), cancel=cancel)
    except DeviceError as err:
        if cancel is not None and cancel.is_set():
            log.info("document %s withdrawn: the citizen left", service_code)
            return DocumentResult("cancelled")
        log.warning("document %s did not print: %s", service_code, err.code,
                    extra=printer.log_extra)
        terminal.supervisor.poll_soon()
        return DocumentResult("printer_error", error=err.code)
    now = terminal.now()
    terminal.record("print_job", {"service": service_code, "document_id": document_id,
                                  "pages": job.pages,
                                  "printed_at": now.isoformat(timespec="seconds")},
                    personal={"holder": holder}, at=now)
    return DocumentResult("ok", pages=job.pages)
