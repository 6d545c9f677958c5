"""车船税缴纳 and other payments: pay_items -> paying -> pay_result.

A mixin of :class:`kiosk.core.flow.KioskFlow` (it uses its ``session``, ``screen``,
``_expect``, ``_go`` and ``_forget_identity``); no I/O here. The UI loads the dues,
opens the order, polls its state and prints the receipt (:mod:`kiosk.core.payments`),
and reports each result here.

``session.payment`` (personal data, dropped with the session) holds:

- ``items``: the hall's rows for the holder (None while loading or when it failed),
  ``error``: why they could not be loaded;
- ``item``: the row being paid, ``order``: the order opened for it (``order_id``,
  ``qr_payload``, ``expires_at``, ``amount_fen``), None while it is being opened;
- ``status``: None before an answer, then ``pending`` while paying, and on the result
  screen ``paid | expired | failed | unknown | not_opened | already_paid``;
- ``network``: the last poll could not reach the hall (the state is unknown, not failed);
- ``cancelling``: the citizen pressed cancel and the last check is under way;
- ``receipt_error``: why the receipt of a paid order did not print (None: printed);
  ``order_error``: why no order could be opened (a refusal or error code).

The rule: never tell the citizen a payment failed or did not happen when the hall has
not said so. A cancel becomes "no money taken" only after the hall said the order was
still pending (or expired, or failed); otherwise the result is ``unknown``.
"""
from __future__ import annotations

from .flow_base import FlowBase
from .screens import FlowError, Screen

# What the hall may answer for an order that is over.
FINAL_STATES = ("paid", "expired", "failed")
# Results after which the same vehicle may be tried again with a new order.
RETRYABLE = ("expired", "failed", "not_opened")


class PayFlow(FlowBase):
    """See the module doc."""

    def _payment(self) -> dict:
        if self.session.payment is None:
            self.session.payment = {"items": None, "error": None}
        return self.session.payment

    # -- pay_items ----------------------------------------------------------------------
    def dues_loaded(self, rows: list[dict] | None, error: str | None = None):
        """The holder's dues (None and an error code: the hall could not answer). The
        holder stays in the session until the payment is done: orders need it."""
        self._expect(Screen.PAY_ITEMS)
        p = self._payment()
        p["items"] = None if rows is None else list(rows)
        p["error"] = (error or "unavailable") if rows is None else None
        return self.screen

    @property
    def dues_due(self) -> list[dict]:
        """The rows still to pay (none while loading)."""
        p = self.session.payment or {}
        return [r for r in p.get("items") or () if r.get("status") == "due"]

    def choose_item(self, item_id: str):
        """A vehicle to pay: only one the hall says is due."""
        self._expect(Screen.PAY_ITEMS)
        item = next((r for r in self.dues_due if r.get("item_id") == item_id), None)
        if item is None:
            raise FlowError(f"item {item_id!r} is not due")
        return self._start_paying(item)

    def _start_paying(self, item: dict):
        p = self._payment()
        p.update(item=dict(item), order=None, status=None, network=False, cancelling=False,
                 receipt_error=None)
        return self._go(Screen.PAYING)

    # -- paying -------------------------------------------------------------------------
    def order_opened(self, order: dict):
        """The hall opened the order: its QR code goes on screen and polling starts."""
        self._expect(Screen.PAYING)
        p = self._payment()
        p.update(order=dict(order), status="pending", network=False)
        return self.screen

    def order_failed(self, error: str):
        """No order could be opened: nothing was charged. ``already_paid``: the hall says
        this vehicle's tax is paid already (elsewhere, or just now)."""
        self._expect(Screen.PAYING)
        p = self._payment()
        p.update(status="already_paid" if error == "already_paid" else "not_opened",
                 order_error=error, cancelling=False)
        return self._go(Screen.PAY_RESULT)

    def payment_state(self, status: str, receipt_error: str | None = None):
        """A poll's answer: ``pending | paid | expired | failed`` from the hall, or
        ``unknown`` (the hall could not be asked). While cancelling, this is the last
        check: a paid order still ends paid; one the hall says is not paid goes back to
        the list; an unknown one ends ``unknown`` (the citizen checks at the counter)."""
        self._expect(Screen.PAYING)
        p = self._payment()
        if status in FINAL_STATES:
            p.update(status=status, network=False, receipt_error=receipt_error)
            if p.get("cancelling") and status != "paid":
                return self._back_to_items()
            return self._go(Screen.PAY_RESULT)
        if p.get("cancelling"):
            if status == "pending":
                return self._back_to_items()
            p["status"] = "unknown"
            return self._go(Screen.PAY_RESULT)
        p.update(status="pending", network=status != "pending")
        return self.screen

    def cancel_payment(self):
        """Cancel pressed. With no order on screen yet, straight back to the list; with
        one, the UI checks its state once more and reports it (:meth:`payment_state`)."""
        self._expect(Screen.PAYING)
        p = self._payment()
        if p.get("order") is None:
            return self._back_to_items()
        p["cancelling"] = True
        return self.screen

    def payment_timed_out(self):
        """The order's own expiry passed (with a grace) and the hall never said how it
        ended: the citizen is told to check at the counter, with the order number."""
        self._expect(Screen.PAYING)
        self._payment().update(status="unknown")
        return self._go(Screen.PAY_RESULT)

    def _back_to_items(self):
        p = self._payment()
        p.update(items=None, error=None, item=None, order=None, status=None, network=False,
                 cancelling=False, receipt_error=None)
        self._go(Screen.PAY_ITEMS)
        self.session.notice = "payment_cancelled"
        return self.screen

    # -- pay_result ---------------------------------------------------------------------
    def retry_payment(self):
        """After an expiry, a failure or an order that could not be opened: the same
        vehicle again, with a new order."""
        self._expect(Screen.PAY_RESULT)
        p = self._payment()
        if p.get("status") not in RETRYABLE or not p.get("item"):
            raise FlowError(f"cannot retry a payment that is {p.get('status')!r}")
        return self._start_paying(p["item"])

    def pay_more(self):
        """After a payment: back to the list (reloaded) for the holder's other vehicles."""
        self._expect(Screen.PAY_RESULT)
        p = self._payment()
        p.update(items=None, error=None, item=None, order=None, status=None)
        return self._go(Screen.PAY_ITEMS)

    def payment_done(self):
        """Finished (from the list or the result): on to the rating, with nothing
        personal of the payment kept."""
        if self.screen not in (Screen.PAY_ITEMS, Screen.PAY_RESULT):
            self._expect(Screen.PAY_RESULT)
        self.session.payment = None
        self._forget_identity()
        return self._go(Screen.RATING)
