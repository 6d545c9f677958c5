"""The pay flow's part (``pay`` in QML): 车船税缴纳 on pay_items -> paying -> pay_result.

- pay_items: the dues load on a worker as the screen appears (a spinner once it takes
  longer than :data:`SLOW_MS`); rows in yuan, the paid ones shown but not selectable.
- paying: the order is opened on a worker, its QR code rendered there (PNG, shown as a
  ``data:`` URL); then its state is polled every :data:`POLL_S` seconds, each poll on a
  worker with a short timeout, with a countdown to the order's ``expires_at``. A poll
  that cannot reach the hall says so and polling goes on: the state is unknown, not
  failed. Cancel stops polling and asks the hall once more (a citizen who paid just
  before cancelling gets the receipt). When the order's expiry has passed by
  :data:`GRACE_S` with no final answer, the result is "check at the counter".
- pay_result: the outcome in plain words, the receipt's fate, retry / next vehicle.

Every job carries the token of the order or load it was started for; a result for an
order or a screen the citizen has left is dropped. The QR code, the order and the rows
are personal data: gone with :meth:`PaymentPart.clear`.
"""
from __future__ import annotations

import base64
import io
import logging
import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, QTimer, Signal, Slot

from kiosk.core.flow import Screen
from kiosk.core.flow_pay import RETRYABLE
from kiosk.core.payments import Payments, PaymentState

from .base import Part

log = logging.getLogger(__name__)

SLOW_MS = 500          # loading the dues shows a spinner after this long
TICK_MS = 1000         # the countdown's step
POLL_S = 2.0           # how often the order's state is asked while paying
GRACE_S = 20.0         # after expires_at, how long to wait for the hall's final word
# The key of the dues, order and poll jobs (Part.run): a new load or order, or the end of
# the payment, drops what the older ones would answer.
_JOBS = "payment"

_TEXTS = {
    "hall_offline": QT_TRANSLATE_NOOP("Messages", "需要联网办理，网络暂时不通，请到窗口办理"),
    "none_due": QT_TRANSLATE_NOOP("Messages", "您名下没有需要缴纳的车船税"),
    "payment_cancelled": QT_TRANSLATE_NOOP("Messages", "已取消支付，没有扣款。"),
    "network": QT_TRANSLATE_NOOP("Messages", "网络不稳定，正在重试…"),
    "paid": QT_TRANSLATE_NOOP("Messages", "缴费成功"),
    "paid_receipt": QT_TRANSLATE_NOOP("Messages", "请在下方出纸口取走缴费凭条。"),
    "paid_no_receipt": QT_TRANSLATE_NOOP("Messages", "凭条没有打印出来，缴费已成功，可到窗口补打"),
    "expired": QT_TRANSLATE_NOOP("Messages", "支付已超时，没有扣款，请重新办理"),
    "failed": QT_TRANSLATE_NOOP("Messages", "支付没有成功。请重新支付，或到窗口办理。"),
    "unknown": QT_TRANSLATE_NOOP("Messages", "请到窗口核实缴费结果"),
    "unknown_detail":
        QT_TRANSLATE_NOOP(
            "Messages", "暂时查不到这笔支付的结果。请记下订单号，到窗口核实，不要重复缴费。"),
    "not_opened":
        QT_TRANSLATE_NOOP(
            "Messages", "暂时无法生成支付二维码，没有扣款。请稍后再试，或到窗口办理。"),
    "already_paid": QT_TRANSLATE_NOOP("Messages", "这辆车的车船税已经缴纳，不需要再缴。"),
}


def _tr(key: str) -> str:
    return QCoreApplication.translate("Messages", _TEXTS[key])


def yuan(fen: int) -> str:
    return f"¥{fen / 100:,.2f}"


def qr_data_url(payload: str) -> str:
    """The payment QR code as a PNG ``data:`` URL for a QML Image (worker thread: the
    encoding takes a few ms of CPU)."""
    import qrcode  # with Pillow: a PNG image

    buffer = io.BytesIO()
    qrcode.make(payload, box_size=10, border=2).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


class PaymentPart(Part):
    # The properties' notify signal: a Property cannot notify through a signal of the
    # base class, so Part.changed is relayed through this one.
    updated = Signal()

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self.payments = Payments(self.terminal)
        self._slow = False
        self._qr = ""
        self._deadline: float | None = None    # monotonic time of the order's expiry
        self._seconds_left = 0
        self._last_poll = 0.0
        self._polls = 0             # polls in flight
        self._seq = 0               # polls started for this order
        self._cancel_seq: int | None = None    # the first poll that counts after cancel
        self._slow_timer = QTimer(self, singleShot=True, interval=SLOW_MS)
        self._slow_timer.timeout.connect(self._on_slow)
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)

    # -- what QML reads ---------------------------------------------------------------------
    def _p(self) -> dict:
        return self.session.payment or {}

    def _dues(self) -> dict[str, Any]:
        p = self._p()
        items = p.get("items")
        loading = self.screen == Screen.PAY_ITEMS and items is None and not p.get("error")
        message = ""
        if p.get("error"):
            message = _tr("hall_offline")
        elif items is not None and not any(r["status"] == "due" for r in items):
            message = _tr("none_due")
        notice = self.session.notice if self.screen == Screen.PAY_ITEMS else None
        return {"loading": loading, "slow": loading and self._slow, "message": message,
                "ok": items is not None, "notice": _tr(notice) if notice in _TEXTS else "",
                "items": [{"itemId": r["item_id"], "plate": r["plate"], "vehicle": r["vehicle"],
                           "year": str(r.get("tax_year", "")), "amount": yuan(r["amount_fen"]),
                           "due": r["status"] == "due"} for r in items or ()]}

    def _order(self) -> dict[str, Any]:
        p = self._p()
        item, order = p.get("item") or {}, p.get("order")
        left = self._seconds_left
        return {"opening": self.screen == Screen.PAYING and order is None,
                "qr": self._qr if order else "",
                "plate": item.get("plate", ""), "vehicle": item.get("vehicle", ""),
                "year": str(item.get("tax_year", "")),
                "amount": yuan(item["amount_fen"]) if item else "",
                # A duration in words, not "14:59" (read as a clock time next to the
                # header's): the QML says 剩余 14 分 59 秒.
                "minutesLeft": left // 60, "secondsLeft": left,
                "confirming": order is not None and left == 0,
                "network": _tr("network") if p.get("network") else "",
                "cancelling": bool(p.get("cancelling"))}

    def _outcome(self) -> dict[str, Any]:
        p = self._p()
        status = p.get("status") or ""
        if self.screen != Screen.PAY_RESULT or not status:
            return {"status": "", "title": "", "message": "", "receipt": "", "printed": False,
                    "orderId": "",
                    "amount": "", "plate": "", "canRetry": False, "canPayMore": False}
        item, order = p.get("item") or {}, p.get("order") or {}
        title = {"paid": "paid", "unknown": "unknown"}.get(status)
        message = {"expired": "expired", "failed": "failed", "unknown": "unknown_detail",
                   "not_opened": "not_opened", "already_paid": "already_paid"}.get(status)
        receipt = ""
        if status == "paid":
            receipt = "paid_no_receipt" if p.get("receipt_error") else "paid_receipt"
        paid_item = item.get("item_id")
        return {"status": status, "title": _tr(title) if title else "",
                "message": _tr(message) if message else "",
                "receipt": _tr(receipt) if receipt else "",
                "printed": status == "paid" and not p.get("receipt_error"),
                "orderId": order.get("order_id", ""),
                "amount": yuan(item["amount_fen"]) if item else "",
                "plate": item.get("plate", ""),
                "canRetry": status in RETRYABLE,
                "canPayMore": status == "paid" and any(
                    r["item_id"] != paid_item for r in self.flow.dues_due)}

    dues = Property("QVariantMap", _dues, notify=updated)
    order = Property("QVariantMap", _order, notify=updated)
    outcome = Property("QVariantMap", _outcome, notify=updated)

    # -- touches ----------------------------------------------------------------------------
    @Slot(str)
    def choose(self, item_id: str) -> None:
        self.move(self.flow.choose_item, item_id)

    @Slot()
    def cancel(self) -> None:
        """Stop paying; the hall is asked once more before the citizen is told anything."""
        if self.screen != Screen.PAYING or self._p().get("cancelling"):
            return
        self.move(self.flow.cancel_payment)
        if self.screen == Screen.PAYING and self._p().get("cancelling"):
            self._cancel_seq = self._seq + 1
            self._poll()

    @Slot()
    def retry(self) -> None:
        self.move(self.flow.retry_payment)

    @Slot()
    def payMore(self) -> None:
        self.move(self.flow.pay_more)

    @Slot()
    def done(self) -> None:
        self.move(self.flow.payment_done)

    # -- what the hub calls -----------------------------------------------------------------
    def entered(self, screen: Screen) -> None:
        if screen != Screen.PAYING:
            self._stop_paying()
        if screen == Screen.PAY_ITEMS:
            self._load_dues()
        elif screen == Screen.PAYING and self._p().get("order") is None:
            self._open_order()

    def clear(self) -> None:
        self.drop(_JOBS)            # whatever is still running reports to nobody
        self._stop_paying()
        self._slow_timer.stop()
        self._slow = False

    def personal_data(self) -> dict[str, Any]:
        return {"qr": self._qr}

    # -- pay_items --------------------------------------------------------------------------
    def _load_dues(self) -> None:
        service, holder = self.session.service, self.session.holder
        self._slow = False
        self._slow_timer.start()
        self.run(lambda: self.payments.dues(service, holder), self._on_dues,
                 f"loading the dues of {service}", key=_JOBS)

    def _on_slow(self) -> None:
        self._slow = True
        self.updated.emit()

    def _on_dues(self, dues) -> None:
        if self.screen != Screen.PAY_ITEMS:
            return
        self._slow_timer.stop()
        self._slow = False
        if isinstance(dues, Exception):
            self.move(self.flow.dues_loaded, None, "error")
        else:
            self.move(self.flow.dues_loaded, dues.rows, dues.error)

    # -- paying -----------------------------------------------------------------------------
    def _open_order(self) -> None:
        self._qr, self._seq, self._cancel_seq, self._polls = "", 0, None, 0
        service, holder = self.session.service, self.session.holder
        item = dict(self._p()["item"])

        def work():
            opened = self.payments.open_order(service, holder, item)
            qr = qr_data_url(opened.order["qr_payload"]) if opened.order else ""
            return opened.order, opened.error, qr

        self.run(work, self._on_order, f"opening a {service} order", key=_JOBS)

    def _on_order(self, result) -> None:
        if self.screen != Screen.PAYING:
            return      # cancelled meanwhile: that order expires unpaid on the hall
        order, error, qr = (None, "error", "") if isinstance(result, Exception) else result
        if order is None:
            self.move(self.flow.order_failed, error)
            return
        self._qr = qr
        left = self.payments.seconds_left(order)
        self._deadline = time.monotonic() + left
        self._seconds_left = int(left)
        self._last_poll = time.monotonic()
        self.move(self.flow.order_opened, order)
        self._ticker.start()

    def _tick(self) -> None:
        p = self._p()
        if self.screen != Screen.PAYING or p.get("order") is None:
            self._ticker.stop()
            return
        now = time.monotonic()
        self._seconds_left = max(0, int(self._deadline - now + 0.999))
        if p.get("cancelling"):
            pass        # the last check is under way; its answer decides
        elif now >= self._deadline + GRACE_S and self._polls == 0:
            log.warning("order %s: expired with no final state from the hall",
                        p["order"]["order_id"])
            self.move(self.flow.payment_timed_out)
            return
        elif self._polls == 0 and now - self._last_poll >= POLL_S:
            self._poll()
        self.updated.emit()     # the countdown: only this part's bindings

    def _poll(self) -> None:
        self._seq += 1
        self._polls += 1
        self._last_poll = time.monotonic()
        seq, language = self._seq, self.language
        service, holder, order = self.session.service, self.session.holder, dict(
            self._p()["order"])
        # Beside the order's job (join): dropped with it, and never replacing another poll.
        self.run(lambda: self.payments.status(service, holder, order, language),
                 lambda state: self._on_state(seq, state),
                 f"asking for order {order['order_id']}", key=_JOBS, join=True)

    def _on_state(self, seq: int, state) -> None:
        if isinstance(state, Exception):
            state = PaymentState("unknown", "error")
        self._polls = max(0, self._polls - 1)
        if self.screen != Screen.PAYING:
            return
        if (self._cancel_seq is not None and seq < self._cancel_seq
                and state.status != "paid"):
            return      # asked before the cancel: only the check after it counts
        self.move(self.flow.payment_state, state.status, state.receipt_error)

    def _stop_paying(self) -> None:
        self._ticker.stop()
        self._qr = ""
        self._deadline = None
