"""The self-service back ends the reference hall offers behind
``/services/{service_code}/query`` and ``/services/{service_code}/documents``.

Data comes from the storage's service rows (seeded with fake records, see :mod:`hall.seed`);
every document says it is a sample. Adding a service here and a catalog entry is all a
new query or document needs (DESIGN.md, "Services are data").
"""
from __future__ import annotations

from typing import Any, Callable

from .documents import Document
from .storage import Storage

# service code -> the data set its rows come from
QUERIES = {"ss_payment_history": "ss_payment_history"}

SAMPLE_NOTE = "样本 SAMPLE：参考实现的虚构数据，不具法律效力 / fictitious data, no legal effect"


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _holder_ref(holder: str) -> str:
    return f"{holder[:8]}…{holder[-4:]}" if len(holder) > 12 else holder


def ss_certificate(storage: Storage, holder: str, document_id: str, issued: str) -> Document:
    rows = storage.service_rows("ss_payment_history", holder)
    doc = Document(title="社会保险参保缴费证明",
                   fields=[("参保人标识", _holder_ref(holder)), ("证明编号", document_id),
                           ("出具日期", issued[:10]),
                           ("缴费记录", f"{len(rows)} 个月" if rows else "无参保缴费记录")],
                   footer=["本证明由政务服务自助终端出具，可凭证明编号核验。", SAMPLE_NOTE])
    if rows:
        doc.columns = ["月份", "险种", "缴费基数(元)", "单位缴纳(元)", "个人缴纳(元)", "状态"]
        doc.rows = [[r["month"], r["insurance"], _yuan(r["base_fen"]), _yuan(r["employer_fen"]),
                     _yuan(r["personal_fen"]), r["status"]] for r in rows]
    return doc


def property_register_extract(storage: Storage, holder: str, document_id: str,
                              issued: str) -> Document:
    records = storage.service_rows("property_register", holder)
    fields = [("权利人标识", _holder_ref(holder)), ("查询编号", document_id),
              ("查询日期", issued[:10])]
    if not records:
        fields.append(("查询结果", "未查询到不动产登记信息"))
    for n, r in enumerate(records, 1):
        fields += [(f"[{n}] 不动产权证号", r["certificate_no"]), ("坐落", r["location"]),
                   ("面积", f"{r['area_m2']} 平方米"), ("用途", r["use"]),
                   ("权利类型", r["right_type"]), ("登记日期", r["registered_on"])]
    return Document(title="不动产登记信息查询结果", fields=fields,
                    footer=["本结果由政务服务自助终端打印，以登记簿记载为准。", SAMPLE_NOTE])


# service code -> builder of its document
DOCUMENTS: dict[str, Callable[[Storage, str, str, str], Document]] = {
    "ss_certificate": ss_certificate,
    "property_register_extract": property_register_extract,
}


def query_rows(storage: Storage, service_code: str, holder: str,
               params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of a query service; ``params.months`` (1-120) keeps only the latest months."""
    rows = storage.service_rows(QUERIES[service_code], holder)
    months = params.get("months")
    if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 120:
        rows = rows[:months]
    return rows
