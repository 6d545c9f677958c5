"""A query service (社保缴费记录查询...) at work: the hall's rows for the citizen (online
only) and the receipt that prints them. What the rows mean and how they are written is
:mod:`kiosk.core.queries`. Blocking: worker threads only."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from drivers.base import DeviceError
from offline_cache.hall_errors import HallError

from . import queries
from .receipts import query_receipt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryResult:
    rows: list[dict] | None           # None: the hall could not answer
    error: str | None = None


def run(terminal: Any, service_code: str, holder: str) -> QueryResult:
    """A query service's rows from the hall (online only), for the terminal's
    (:class:`kiosk.core.terminal.Terminal`) citizen ``holder``."""
    client = terminal.hall_client
    if client is None:
        return QueryResult(None, "no_hall")
    try:
        return QueryResult(client.query(service_code, holder))
    except HallError as err:
        log.warning("query %s failed: %s", service_code, err.code)
        return QueryResult(None, err.code)


def print_rows(terminal: Any, service_code: str, rows: list[dict], language: str
               ) -> DeviceError | None:
    """The rows on the receipt printer; the error when they did not print."""
    service = terminal.catalog.service(service_code)
    titles, cells = queries.table(service, rows, language)
    receipt = query_receipt(title=service.label(language), columns=titles, rows=cells,
                            printed_at=terminal.hall_now(), hall_name=terminal.hall_name(language),
                            language=language)
    return terminal.print_receipt(receipt, f"query {service_code}")
