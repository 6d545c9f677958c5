"""Payments on the terminal (车船税缴纳): the pay flow's blocking operations.

Every method except :meth:`Payments.seconds_left` does network, disk or printer I/O:
call them from worker threads only. Contract with the hall (hall-api.md, Payments):

- :meth:`Payments.dues`: the holder's items (``POST /services/{code}/query``): rows
  ``item_id, plate, vehicle, tax_year, amount_fen, status (due | paid)``, checked here.
- :meth:`Payments.open_order`: ``POST /payments`` for one due item; the hall answers
  with the same order again while one is pending for that item.
- :meth:`Payments.status`: ``GET /payments/{order_id}`` with a short timeout. A state the
  hall could not tell is ``unknown`` — never ``failed``. The first time an order is seen
  ``paid``, the payment is recorded as a ``payment`` transaction (holder and plate
  sealed) and its receipt printed; later polls of the same order do neither again.

Orders are plain dicts (``order_id, qr_payload, expires_at, amount_fen, item``, and for
the countdown ``expires_in_s`` and ``opened_monotonic``) so the flow can keep them in
the session; they are the citizen's personal data.

Time left to pay: the hall's ``expires_at`` against the hall's clock
(:meth:`Terminal.hall_clock`: the heartbeat's skew), taken once as the order opens, then
counted down with ``time.monotonic()``: a terminal whose clock is minutes off, or is set
while the citizen pays, shows the hall's time left.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from offline_cache.hall_errors import HallError

from .receipts import payment_receipt

log = logging.getLogger(__name__)

# A poll must come back quickly: the screen polls every ~2 s and says when the network
# is unsteady rather than hanging on one request.
STATUS_TIMEOUT_S = 3.0
# The hall's refusals of POST /payments that the citizen is told about in their own words.
_ORDER_REFUSALS = frozenset({"unknown_item", "already_paid", "amount_mismatch"})
_ROW_TYPES = {"item_id": str, "plate": str, "vehicle": str, "amount_fen": int, "status": str}
# Orders already settled by this terminal (their receipt outcome), newest last; a
# handful is enough: the same order is only polled twice within one session.
_SETTLED_KEPT = 64


@dataclass(frozen=True)
class Dues:
    rows: list[dict[str, Any]] | None    # None: the hall could not answer
    error: str | None = None             # no_hall | a HallError code | bad_response


@dataclass(frozen=True)
class Opened:
    order: dict[str, Any] | None         # None: no order was opened (nothing charged)
    error: str | None = None             # already_paid | amount_mismatch | unknown_item | ...


@dataclass(frozen=True)
class PaymentState:
    status: Literal["pending", "paid", "expired", "failed", "unknown"]
    error: str | None = None             # why it is unknown (a HallError code)
    receipt_error: str | None = None     # paid: why the receipt did not print (None: printed)


class Payments:
    def __init__(self, terminal, *, status_timeout: float = STATUS_TIMEOUT_S) -> None:
        self.terminal = terminal
        self.status_timeout = status_timeout
        self._settle_lock = threading.Lock()
        self._settled: OrderedDict[str, str | None] = OrderedDict()

    @property
    def _client(self):
        return self.terminal.hall_client

    # -- blocking (worker threads) --------------------------------------------------------
    def dues(self, service_code: str, holder: str) -> Dues:
        """The holder's items for ``service_code``, the due ones first."""
        if self._client is None:
            return Dues(None, "no_hall")
        try:
            rows = self._client.query(service_code, holder)
        except HallError as err:
            log.warning("dues of %s not available: %s", service_code, err.code)
            return Dues(None, err.code)
        if not all(_valid_row(r) for r in rows):
            log.warning("dues of %s: the hall sent rows of the wrong shape", service_code)
            return Dues(None, "bad_response")
        return Dues(sorted(rows, key=lambda r: r["status"] != "due"))

    def open_order(self, service_code: str, holder: str, item: Mapping[str, Any]) -> Opened:
        """An order for ``item`` (one of :meth:`dues`' due rows)."""
        if self._client is None:
            return Opened(None, "no_hall")
        try:
            got = self._client.create_payment(service_code, holder, item["amount_fen"],
                                              {"item_id": item["item_id"]})
            expires_at = datetime.fromisoformat(got["expires_at"])
        except HallError as err:
            code = err.hall_code if err.hall_code in _ORDER_REFUSALS else err.code
            log.warning("no %s order opened: %s", service_code, code)
            return Opened(None, code)
        except ValueError:
            log.warning("no %s order opened: the hall's expires_at is not a time", service_code)
            return Opened(None, "bad_response")
        if expires_at.tzinfo is None:
            return Opened(None, "bad_response")
        left = (expires_at - self.terminal.hall_clock()).total_seconds()
        log.info("%s order %s opened, %.0f s to pay", service_code, got["order_id"], left)
        return Opened({"order_id": got["order_id"], "qr_payload": got["qr_payload"],
                       "expires_at": got["expires_at"], "amount_fen": item["amount_fen"],
                       "item": dict(item), "expires_in_s": max(0.0, left),
                       "opened_monotonic": time.monotonic()})

    def status(self, service_code: str, holder: str, order: Mapping[str, Any],
               language: str = "zh_CN") -> PaymentState:
        """The order's state; on ``paid``, recorded and printed once (see the module doc)."""
        if self._client is None:
            return PaymentState("unknown", "no_hall")
        try:
            got = self._client.payment_status(order["order_id"], timeout=self.status_timeout)
        except HallError as err:
            log.info("state of order %s unknown: %s", order["order_id"], err.code)
            return PaymentState("unknown", err.code)
        if got["status"] != "paid":
            return PaymentState(got["status"])
        paid_at = _parse_time(got.get("settled_at")) or self.terminal.now()
        receipt_error = self._settle(service_code, holder, order, paid_at, language)
        return PaymentState("paid", receipt_error=receipt_error)

    def _settle(self, service_code: str, holder: str, order: Mapping[str, Any],
                paid_at: datetime, language: str) -> str | None:
        """Record and print a paid order, once per order; the print error code (or None).
        The lock is only ever waited on by workers (two polls of one order)."""
        order_id = order["order_id"]
        with self._settle_lock:
            if order_id in self._settled:
                return self._settled[order_id]
            item = order["item"]
            paid_at = paid_at.astimezone(self.terminal.hall_now().tzinfo)  # the receipt's
            self._record(service_code, holder, order, item, paid_at)
            receipt_error = self._print(service_code, order, item, paid_at, language)
            self._settled[order_id] = receipt_error
            while len(self._settled) > _SETTLED_KEPT:
                self._settled.popitem(last=False)
            return receipt_error

    def _record(self, service_code, holder, order, item, paid_at) -> None:
        try:
            self.terminal.record(
                "payment", {"service": service_code, "order_id": order["order_id"],
                            "item_id": item["item_id"], "tax_year": item.get("tax_year"),
                            "amount_fen": order["amount_fen"],
                            "paid_at": paid_at.isoformat(timespec="seconds")},
                personal={"holder": holder, "plate": item["plate"]})
        except Exception:
            # The hall settled it: the payment stands even if this record is lost.
            log.exception("payment %s could not be recorded in the outbox", order["order_id"])

    def _print(self, service_code, order, item, paid_at, language) -> str | None:
        t = self.terminal
        receipt = payment_receipt(
            service=t.catalog.service(service_code).label(language), order_id=order["order_id"],
            plate=item["plate"], vehicle=item["vehicle"], tax_year=item.get("tax_year", ""),
            amount_fen=order["amount_fen"], paid_at=paid_at, hall_name=t.hall_name(language),
            kiosk_id=t.config.kiosk_id, language=language)
        try:
            err = t.print_receipt(receipt, f"the receipt of payment {order['order_id']}")
        except Exception:
            log.exception("receipt of payment %s did not print", order["order_id"])
            return "print_failed"
        return err.code if err else None

    # -- not blocking -------------------------------------------------------------------
    def seconds_left(self, order: Mapping[str, Any]) -> float:
        """Until the order's expiry on the hall's clock (0 when past): see the module
        doc. Monotonic: no I/O, and the terminal's clock plays no part."""
        elapsed = time.monotonic() - order["opened_monotonic"]
        return max(0.0, order["expires_in_s"] - elapsed)


def _valid_row(row: Any) -> bool:
    return (isinstance(row, dict)
            and all(isinstance(row.get(k), kind) for k, kind in _ROW_TYPES.items())
            and not isinstance(row["amount_fen"], bool) and row["amount_fen"] > 0
            and row["status"] in ("due", "paid")
            and isinstance(row.get("tax_year"), (int, str)))


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None
