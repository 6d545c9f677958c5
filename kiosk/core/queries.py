"""What the query services show: their columns, in three languages, and how each value
of the hall's rows is written for a citizen (money in yuan, not fen).

A query service's rows come from the hall (``POST /services/{code}/query``, online only).
Its columns are built in here (:data:`COLUMNS`) or come with its catalog entry::

    columns = [{key = "month", name = {zh_CN = "月份", en = "Month"}},
               {key = "amount_fen", name = {zh_CN = "金额(元)"}, format = "yuan"}]

so the hall can add a query service with no new terminal software. Asking the hall and
printing the answer: :mod:`kiosk.core.querying`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

    def title(self, language: str) -> str:
        return self.label.get(language) or self.label["zh_CN"]


COLUMNS: dict[str, tuple[Column, ...]] = {
    "ss_payment_history": (
        Column("month", {"zh_CN": "月份", "zh_TW": "月份", "en": "Month"}),
        Column("insurance", {"zh_CN": "险种", "zh_TW": "險種", "en": "Insurance"}),
        Column("base_fen", {"zh_CN": "缴费基数(元)", "zh_TW": "繳費基數(元)",
                            "en": "Base (yuan)"}, _yuan),
        Column("personal_fen", {"zh_CN": "个人缴纳(元)", "zh_TW": "個人繳納(元)",
                                "en": "You paid (yuan)"}, _yuan),
        Column("employer_fen", {"zh_CN": "单位缴纳(元)", "zh_TW": "單位繳納(元)",
                                "en": "Employer paid (yuan)"}, _yuan),
        Column("status", {"zh_CN": "状态", "zh_TW": "狀態", "en": "Status"}),
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
        key, label, fmt = (c.get("key"), c.get("name"), c.get("format", "text")) \
            if isinstance(c, dict) else (None, None, None)
        if not (isinstance(key, str) and key and isinstance(label, dict)
                and isinstance(label.get("zh_CN"), str) and fmt in FORMATS):
            raise ValueError(f"column {c!r} needs a key, a name with zh_CN and a known "
                             f"format ({', '.join(FORMATS)})")
        out.append(Column(key, {str(k): str(v) for k, v in label.items()}, FORMATS[fmt]))
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
            [[c.show(r.get(c.key)) for c in columns] for r in rows])

