"""What the query services show: their columns, in three languages, and how each value
of the hall's rows is written for a citizen (money in yuan, not fen).

A query service's rows come from the hall (``POST /services/{code}/query``, online only).
Adding a query service is an entry here plus its catalog entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


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


def table(service_code: str, rows: list[dict[str, Any]], language: str
          ) -> tuple[list[str], list[list[str]]]:
    """(column titles, rows of cell texts) for a query service's rows."""
    columns = COLUMNS[service_code]
    return ([c.title(language) for c in columns],
            [[c.show(r.get(c.key)) for c in columns] for r in rows])
