"""What the query services show: their columns, in three languages, and how each value
of the hall's rows is written for a citizen (money in yuan, not fen).

A query service's rows come from the hall (``POST /services/{code}/query``, online only).
Its columns are built in here (:data:`COLUMNS`) or come with its catalog entry::

    columns = [{key = "month", name = {zh_CN = "月份", en = "Month"}},
               {key = "amount_fen", name = {zh_CN = "金额(元)"}, format = "yuan"},
               {key = "status", name = {zh_CN = "状态", en = "Status"},
                values = {"已到账" = {zh_TW = "已到賬", en = "Received"}}}]

so the hall can add a query service with no new terminal software. The hall answers in
Chinese; ``values`` says its words (a state, an insurance type) in the other languages,
so that an English or Traditional Chinese table shows no Simplified Chinese where the
terminal can know better (a word it has no entry for is shown as the hall wrote it).
Asking the hall and printing the answer: :mod:`kiosk.core.querying`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def _yuan(fen: Any) -> str:
    return f"{int(fen) / 100:,.2f}" if isinstance(fen, (int, float)) else "-"


def _text(value: Any) -> str:
    return "-" if value is None else str(value)


@dataclass(frozen=True)
class Column:
    key: str
    label: dict[str, str]
    show: Callable[[Any], str] = _text
    values: dict[str, dict[str, str]] = field(default_factory=dict)   # the hall's words

    def title(self, language: str) -> str:
        return self.label.get(language) or self.label["zh_CN"]

    def cell(self, value: Any, language: str) -> str:
        """``value`` of the hall's row as the citizen reads it in ``language``."""
        names = self.values.get(value) if isinstance(value, str) else None
        return (names or {}).get(language) or self.show(value)


# The words the hall's social insurance rows use, in the other languages.
_INSURANCE = {"养老保险": {"zh_TW": "養老保險", "en": "Pension"},
              "医疗保险": {"zh_TW": "醫療保險", "en": "Medical"},
              "失业保险": {"zh_TW": "失業保險", "en": "Unemployment"},
              "工伤保险": {"zh_TW": "工傷保險", "en": "Work injury"},
              "生育保险": {"zh_TW": "生育保險", "en": "Maternity"}}
_PAYMENT_STATE = {"已到账": {"zh_TW": "已到賬", "en": "Received"},
                  "未到账": {"zh_TW": "未到賬", "en": "Not yet received"},
                  "欠缴": {"zh_TW": "欠繳", "en": "Overdue"},
                  "补缴": {"zh_TW": "補繳", "en": "Paid late"}}


COLUMNS: dict[str, tuple[Column, ...]] = {
    "ss_payment_history": (
        Column("month", {"zh_CN": "月份", "zh_TW": "月份", "en": "Month"}),
        Column("insurance", {"zh_CN": "险种", "zh_TW": "險種", "en": "Insurance"},
               values=_INSURANCE),
        Column("base_fen", {"zh_CN": "缴费基数(元)", "zh_TW": "繳費基數(元)",
                            "en": "Base (yuan)"}, _yuan),
        Column("personal_fen", {"zh_CN": "个人缴纳(元)", "zh_TW": "個人繳納(元)",
                                "en": "You paid (yuan)"}, _yuan),
        Column("employer_fen", {"zh_CN": "单位缴纳(元)", "zh_TW": "單位繳納(元)",
                                "en": "Employer paid (yuan)"}, _yuan),
        Column("status", {"zh_CN": "状态", "zh_TW": "狀態", "en": "Status"},
               values=_PAYMENT_STATE),
    ),
}


FORMATS: dict[str, Callable[[Any], str]] = {"text": _text, "yuan": _yuan}


def parse_columns(raw: Any) -> tuple[Column, ...]:
    """A catalog entry's ``columns`` (``()`` for none); ValueError when malformed."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError("columns must be a list")
    out = []
    for c in raw:
        key, label, fmt, values = (c.get("key"), c.get("name"), c.get("format", "text"),
                                   c.get("values", {})) \
            if isinstance(c, dict) else (None, None, None, None)
        if not (isinstance(key, str) and key and isinstance(label, dict)
                and isinstance(label.get("zh_CN"), str) and fmt in FORMATS
                and isinstance(values, dict)
                and all(isinstance(v, dict) for v in values.values())):
            raise ValueError(f"column {c!r} needs a key, a name with zh_CN, a known "
                             f"format ({', '.join(FORMATS)}) and values as a table")
        out.append(Column(key, {str(k): str(v) for k, v in label.items()}, FORMATS[fmt],
                          {str(word): {str(k): str(v) for k, v in names.items()}
                           for word, names in values.items()}))
    return tuple(out)


def knows(service_code: str) -> bool:
    """Whether the terminal has built-in columns for ``service_code``."""
    return service_code in COLUMNS


def table(service, rows: list[dict[str, Any]], language: str
          ) -> tuple[list[str], list[list[str]]]:
    """(column titles, rows of cell texts) for the rows of a catalog ``service``: its own
    columns, else the built-in ones."""
    columns = service.columns or COLUMNS[service.code]
    return ([c.title(language) for c in columns],
            [[c.cell(r.get(c.key), language) for c in columns] for r in rows])

