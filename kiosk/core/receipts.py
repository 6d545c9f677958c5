"""The content of the printed queue ticket, in the citizen's language.

Printed text is not UI text (Qt's translations do not reach the printer thread), so the
three languages are kept here as data. Only the ticket number, category, kind, waiting
count and time are printed: no name, no ID number.
"""
from __future__ import annotations

from drivers.receipt.document import QR, Feed, Receipt, Rule, Text

from .catalog import Catalog
from .privacy import mask_id_number

_TEXT = {
    "zh_CN": {"received": "受理回执", "reference": "受理编号", "holder": "申请人",
              "keep": "请妥善保管本回执，凭编号可到窗口查询办理进度。", "guide": "办事指南", "materials": "所需材料", "time_limit": "办理时限",
              "fees": "收费标准", "where": "办理地点", "title": "排队凭条", "ahead": "前面还有 {n} 人等候",
              "hint": "请留意叫号屏和广播，过号请重新取号。", "kiosk": "终端",
              "scan": "扫码查看叫号进度"},
    "zh_TW": {"received": "受理回執", "reference": "受理編號", "holder": "申請人",
              "keep": "請妥善保管本回執，憑編號可到窗口查詢辦理進度。", "guide": "辦事指南", "materials": "所需材料", "time_limit": "辦理時限",
              "fees": "收費標準", "where": "辦理地點", "title": "排隊憑條", "ahead": "前面還有 {n} 人等候",
              "hint": "請留意叫號屏和廣播，過號請重新取號。", "kiosk": "終端",
              "scan": "掃碼查看叫號進度"},
    "en": {"received": "Receipt", "reference": "Reference", "holder": "Applicant",
           "keep": "Keep this receipt: the counter can tell you how your request stands.",
           "guide": "Service guide", "materials": "What to bring", "time_limit": "Time limit",
           "fees": "Fees", "where": "Where to go", "title": "Queue ticket", "ahead": "{n} people ahead of you",
           "hint": "Watch the display for your number. If you miss it, take a new one.",
           "kiosk": "Kiosk", "scan": "Scan to follow the queue"},
}


def ticket_receipt(ticket, *, catalog: Catalog, hall_name: str, kiosk_id: str, qr: str,
                   language: str = "zh_CN") -> Receipt:
    t = _TEXT.get(language, _TEXT["zh_CN"])
    category = catalog.category(ticket.category).label(language)
    kind = catalog.kind(ticket.kind).label(language)
    return Receipt([
        Text(hall_name, bold=True, align="center"),
        Text(t["title"], align="center"),
        Rule(),
        Text(ticket.number, bold=True, width=3, height=3, align="center"),
        Text(f"{category} · {kind}", bold=True, align="center"),
        Text(t["ahead"].format(n=ticket.waiting_ahead), align="center"),
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
    elements = [Text(hall_name, bold=True, align="center"), Text(t["guide"], align="center"),
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
    elements = [Text(hall_name, bold=True, align="center"), Text(title, bold=True,
                                                                  align="center"), Rule()]
    for row in rows:
        elements += [Text(f"{c}: {v}") for c, v in zip(columns, row)]
        elements.append(Rule())
    elements += [Text(f"{printed_at:%Y-%m-%d %H:%M:%S}"), Feed(2)]
    return Receipt(elements)
