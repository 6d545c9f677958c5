"""The content of the printed receipts (queue ticket, guides, acknowledgements, query
results, payments), in the citizen's language.

Printed text is not UI text (Qt's translations do not reach the printer thread), so the
three languages are kept here as data. A queue ticket carries only its number, category,
kind, waiting count and time; no receipt carries a name or a full ID number.
"""
from __future__ import annotations

from drivers.receipt.document import QR, Element, Feed, Receipt, Rule, Text

from .catalog import Catalog
from .privacy import mask_id_number

_TEXT = {
    "zh_CN": {"received": "受理回执", "reference": "受理编号", "holder": "申请人",
              "keep": "请妥善保管本回执，凭编号可到窗口查询办理进度。",
              "guide": "办事指南", "materials": "所需材料", "time_limit": "办理时限",
              "fees": "收费标准", "where": "办理地点", "title": "排队凭条",
              "ahead": "前面还有 {n} 人等候",
              "ahead_unknown": "等候人数请看叫号屏",
              "hint": "请留意叫号屏和广播，过号请重新取号。", "kiosk": "终端",
              "scan": "扫码查看叫号进度", "appointment": "预约号"},
    "zh_TW": {"received": "受理回執", "reference": "受理編號", "holder": "申請人",
              "keep": "請妥善保管本回執，憑編號可到窗口查詢辦理進度。",
              "guide": "辦事指南", "materials": "所需材料", "time_limit": "辦理時限",
              "fees": "收費標準", "where": "辦理地點", "title": "排隊憑條",
              "ahead": "前面還有 {n} 人等候",
              "ahead_unknown": "等候人數請看叫號屏",
              "hint": "請留意叫號屏和廣播，過號請重新取號。", "kiosk": "終端",
              "scan": "掃碼查看叫號進度", "appointment": "預約號"},
    "en": {"received": "Receipt", "reference": "Reference", "holder": "Applicant",
           "keep": "Keep this receipt: the counter can tell you how your request stands.",
           "guide": "Service guide", "materials": "What to bring", "time_limit": "Time limit",
           "fees": "Fees", "where": "Where to go", "title": "Queue ticket",
           "ahead": "{n} people ahead of you",
           "ahead_unknown": "See the display for how many are waiting",
           "hint": "Watch the display for your number. If you miss it, take a new one.",
           "kiosk": "Kiosk", "scan": "Scan to follow the queue", "appointment": "Appointment"},
}


def ticket_receipt(ticket, *, catalog: Catalog, hall_name: str, kiosk_id: str, qr: str,
                   language: str = "zh_CN", appointment: bool = False) -> Receipt:
    """``appointment``: the number was taken for an appointment (预约号): said under it."""
    t = _TEXT.get(language, _TEXT["zh_CN"])
    category = catalog.category(ticket.category).label(language)
    kind = catalog.kind(ticket.kind).label(language)
    return Receipt([
        Text(hall_name, bold=True, align="center"),
        Text(t["title"], align="center"),
        Rule(),
        Text(ticket.number, bold=True, width=3, height=3, align="center"),
        *([Text(f"[{t['appointment']}]", bold=True, width=2, height=2, align="center")]
          if appointment else []),
        Text(f"{category} · {kind}", bold=True, align="center"),
        # Numbered without the hall (offline), the terminal knows only its own tickets:
        # a count of those would read as the hall's queue ("前面还有 0 人").
        Text(t["ahead"].format(n=ticket.waiting_ahead) if ticket.source == "hall"
             else t["ahead_unknown"], align="center"),
        Rule(),
        QR(qr, size=6),
        Text(t["scan"], align="center"),
        Text(t["hint"]),
        Text(f"{ticket.issued_at:%Y-%m-%d %H:%M:%S}  {t['kiosk']} {kiosk_id}"),
        Feed(2),
    ])


def guide_receipt(view, *, hall_name: str) -> Receipt:
    """A service guide on the receipt printer: the citizen takes the list of materials
    home. ``view`` is a :class:`kiosk.core.guides.GuideView` in the citizen's language."""
    t = _TEXT.get(view.language, _TEXT["zh_CN"])
    elements: list[Element] = [
                Text(hall_name, bold=True, align="center"), Text(t["guide"], align="center"),
                Rule(), Text(view.name, bold=True, width=2, height=2), Rule(),
                Text(t["materials"], bold=True)]
    elements += [Text(f"{i}. {m}") for i, m in enumerate(view.materials, start=1)]
    for key in ("time_limit", "fees", "where"):
        elements += [Feed(1), Text(t[key], bold=True), Text(getattr(view, key))]
    return Receipt([*elements, Feed(2)])


def application_receipt(*, service: str, reference: str, holder_name: str, id_number: str,
                        submitted_at, hall_name: str, language: str = "zh_CN") -> Receipt:
    """The acknowledgement of an application or loss report: the reference to quote,
    the applicant masked (a receipt may be left behind on the terminal)."""
    t = _TEXT.get(language, _TEXT["zh_CN"])
    return Receipt([
        Text(hall_name, bold=True, align="center"), Text(t["received"], align="center"), Rule(),
        Text(service, bold=True, width=2, height=2, align="center"), Rule(),
        Text(f"{t['reference']}: {reference}", bold=True),
        Text(f"{t['holder']}: {holder_name} {mask_id_number(id_number)}"),
        Text(f"{submitted_at:%Y-%m-%d %H:%M:%S}"), Feed(1), Text(t["keep"]), Feed(2),
    ])


def query_receipt(*, title: str, columns: list[str], rows: list[list[str]], printed_at,
                  hall_name: str, language: str = "zh_CN") -> Receipt:
    """Query results on a receipt: one block per row, "column: value" lines (a 58 mm
    roll has no room for a table)."""
    elements: list[Element] = [Text(hall_name, bold=True, align="center"),
                               Text(title, bold=True, align="center"), Rule()]
    for row in rows:
        # A row the hall sent short or long prints the columns both have.
        elements += [Text(f"{c}: {v}") for c, v in zip(columns, row, strict=False)]
        elements.append(Rule())
    elements += [Text(f"{printed_at:%Y-%m-%d %H:%M:%S}"), Feed(2)]
    return Receipt(elements)


_PAID = {
    "zh_CN": {"title": "缴费凭条", "order": "订单号", "plate": "车牌号码", "vehicle": "车辆类型",
              "tax_year": "税款所属年度", "amount": "缴费金额", "paid_at": "缴费时间",
              "kiosk": "终端",
              "keep": "缴费已成功。请妥善保管本凭条，如有疑问凭订单号到窗口查询。"},
    "zh_TW": {"title": "繳費憑條", "order": "訂單號", "plate": "車牌號碼", "vehicle": "車輛類型",
              "tax_year": "稅款所屬年度", "amount": "繳費金額", "paid_at": "繳費時間",
              "kiosk": "終端",
              "keep": "繳費已成功。請妥善保管本憑條，如有疑問憑訂單號到窗口查詢。"},
    "en": {"title": "Payment receipt", "order": "Order", "plate": "Plate", "vehicle": "Vehicle",
           "tax_year": "Tax year", "amount": "Amount", "paid_at": "Paid at", "kiosk": "Kiosk",
           "keep": "Payment made. Keep this receipt; the counter can look the order up."},
}


def payment_receipt(*, service: str, order_id: str, plate: str, vehicle: str, tax_year,
                    amount_fen: int, paid_at, hall_name: str, kiosk_id: str,
                    language: str = "zh_CN") -> Receipt:
    """The receipt of a payment (车船税缴纳): what was paid for, how much, when, and the
    order number to quote at the counter."""
    t = _PAID.get(language, _PAID["zh_CN"])
    return Receipt([
        Text(hall_name, bold=True, align="center"), Text(t["title"], align="center"), Rule(),
        Text(service, bold=True, align="center"), Rule(),
        Text(t["amount"], bold=True),
        Text(f"¥{amount_fen / 100:,.2f}", bold=True, width=2, height=2, align="center"),
        Text(f"{t['plate']}: {plate}"), Text(f"{t['vehicle']}: {vehicle}"),
        Text(f"{t['tax_year']}: {tax_year}"), Text(f"{t['order']}: {order_id}"),
        Text(f"{t['paid_at']}: {paid_at:%Y-%m-%d %H:%M:%S}"),
        Text(f"{t['kiosk']}: {kiosk_id}"), Feed(1), Text(t["keep"]), Feed(2),
    ])
