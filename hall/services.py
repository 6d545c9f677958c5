"""The self-service back ends the reference hall offers behind
``/services/{service_code}/query``, ``/services/{service_code}/documents``, ``/payments``
(for services whose orders pay a due item) and ``/identity/verify`` (a demo stand-in).

Data comes from the storage's service rows and dues (seeded with fake records, see
:mod:`hall.seed`); every document says it is a sample. Adding a service here and a
catalog entry is all a new query or document needs (DESIGN.md, "Services are data").
"""
from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from .documents import Document
from .errors import HallError
from .storage import Storage

SAMPLE_NOTE = "样本 SAMPLE：参考实现的虚构数据，不具法律效力 / fictitious data, no legal effect"


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _holder_ref(holder: str) -> str:
    return f"{holder[:8]}…{holder[-4:]}" if len(holder) > 12 else holder


def _cn_date(iso: str) -> str:
    return f"{iso[:4]}年{iso[5:7]}月{iso[8:10]}日"


# Queries -------------------------------------------------------------------------------
def _ss_payment_history(storage: Storage, holder: str,
                        params: dict[str, Any]) -> list[dict[str, Any]]:
    """Monthly rows, newest first; ``params.months`` (1-120) keeps only the latest."""
    rows = storage.service_rows("ss_payment_history", holder)
    months = params.get("months")
    if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 120:
        rows = rows[:months]
    return rows


def _vehicle_vessel_tax(storage: Storage, holder: str,
                        params: dict[str, Any]) -> list[dict[str, Any]]:
    """The holder's 车船税 items: ``item_id, plate, vehicle, tax_year, amount_fen,
    status`` (``due`` | ``paid``); pay one with ``POST /payments`` (see :data:`DUES`)."""
    return storage.dues("vehicle_vessel_tax", holder)


# service code -> its rows for (storage, holder, params)
QUERIES: dict[str, Callable[[Storage, str, dict[str, Any]], list[dict[str, Any]]]] = {
    "ss_payment_history": _ss_payment_history,
    "vehicle_vessel_tax": _vehicle_vessel_tax,
}

# Services whose payments pay one due item of the holder: ``params.item_id`` names it
# (see Storage.open_due_payment); other service codes open plain orders.
DUES = frozenset({"vehicle_vessel_tax"})


def query_rows(storage: Storage, service_code: str, holder: str,
               params: dict[str, Any]) -> list[dict[str, Any]]:
    return QUERIES[service_code](storage, holder, params)


# Documents -----------------------------------------------------------------------------
# The holder as the kiosk names them for the page, in ``params`` of
# ``POST /services/{code}/documents``: masked on the kiosk ("张*", "4401**********0010").
MASKED_NAME, MASKED_ID_NUMBER = "masked_name", "masked_id_number"
MASKED_MAX_LENGTH = 32
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
# A resident ID number in full: 17 digits and a check character, no other digit touching.
_FULL_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")

# The contributions in the order the kiosk's results screen shows them (its columns of
# ss_payment_history): the citizen's own share, then the employer's.
CONTRIBUTIONS = (("personal_fen", "个人缴纳(元)"), ("employer_fen", "单位缴纳(元)"))


@dataclass(frozen=True)
class DocumentHolder:
    """Who a document is for: ``ref``, the salted hash their records are kept under, and
    the masked name and ID number the kiosk sent for the page (None when it sent none,
    as terminals before them did: the page then names the holder by the hash)."""
    ref: str
    name: str | None = None
    id_number: str | None = None

    def fields(self, ref_label: str) -> list[tuple[str, str]]:
        """The page's lines naming the holder: 持证人 and 证件号码, or the hash under
        ``ref_label`` when the kiosk sent neither."""
        shown = [(label, value) for label, value in
                 (("持证人", self.name), ("证件号码", self.id_number)) if value]
        return shown or [(ref_label, _holder_ref(self.ref))]

    def phrase(self) -> str:
        """The holder in running text."""
        if self.name and self.id_number:
            return f"{self.name}（证件号码 {self.id_number}）"
        return self.name or self.id_number or f"标识为 {_holder_ref(self.ref)} 的人员"


def document_holder(holder: str, params: dict[str, Any]) -> DocumentHolder:
    """The holder of a document request, from its ``params``: ``masked_name`` and
    ``masked_id_number``, each optional, a string of 1 to :data:`MASKED_MAX_LENGTH`
    characters with at least one ``*``.

    The hall must never receive a full ID number: a request holding one in any of its
    params, or whose ``masked_id_number`` is not masked, is refused with
    ``HallError(422, "unmasked_id_number")``; other malformed masked fields with
    ``HallError(422, "invalid_params")``.
    """
    if _holds_full_id_number(params):
        raise HallError(422, "unmasked_id_number",
                        "params hold a full ID number: send it masked (4401**********1234)")
    values: dict[str, str | None] = {}
    for key in (MASKED_NAME, MASKED_ID_NUMBER):
        value = params.get(key)
        if value is not None and not (isinstance(value, str)
                                      and 1 <= len(value) <= MASKED_MAX_LENGTH):
            raise HallError(422, "invalid_params",
                            f"{key} must be a string of 1 to {MASKED_MAX_LENGTH} characters")
        if isinstance(value, str) and "*" not in value:
            if key == MASKED_ID_NUMBER:
                raise HallError(422, "unmasked_id_number",
                                f"{key} is not masked (4401**********1234)")
            raise HallError(422, "invalid_params", f"{key} is not masked (张*)")
        values[key] = value
    return DocumentHolder(holder, values[MASKED_NAME], values[MASKED_ID_NUMBER])


def _holds_full_id_number(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_FULL_ID_NUMBER.search(value.translate(_FULL_WIDTH)))
    if isinstance(value, dict):
        return any(_holds_full_id_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_full_id_number(v) for v in value)
    return False


def ss_certificate(storage: Storage, holder: DocumentHolder, document_id: str,
                   issued: str) -> Document:
    rows = storage.service_rows("ss_payment_history", holder.ref)
    found = f"{len(rows)} 个月" if rows else "无参保缴费记录"
    doc = Document(title="社会保险参保缴费证明",
                   fields=[*holder.fields("参保人标识"), ("证明编号", document_id),
                           ("出具日期", issued[:10]), ("缴费记录", found)],
                   footer=["本证明由政务服务自助终端出具，可凭证明编号核验。", SAMPLE_NOTE],
                   subject=f"缴费记录：{found}")
    if rows:
        doc.columns = ["月份", "险种", "缴费基数(元)", *(name for _, name in CONTRIBUTIONS),
                       "状态"]
        doc.rows = [[r["month"], r["insurance"], _yuan(r["base_fen"]),
                     *(_yuan(r[key]) for key, _ in CONTRIBUTIONS), r["status"]] for r in rows]
    return doc


def property_register_extract(storage: Storage, holder: DocumentHolder, document_id: str,
                              issued: str) -> Document:
    records = storage.service_rows("property_register", holder.ref)
    fields = [*holder.fields("权利人标识"), ("查询编号", document_id),
              ("查询日期", issued[:10])]
    if not records:
        fields.append(("查询结果", "未查询到不动产登记信息"))
    for n, r in enumerate(records, 1):
        fields += [(f"[{n}] 不动产权证号", r["certificate_no"]), ("坐落", r["location"]),
                   ("面积", f"{r['area_m2']} 平方米"), ("用途", r["use"]),
                   ("权利类型", r["right_type"]), ("登记日期", r["registered_on"])]
    return Document(title="不动产登记信息查询结果", fields=fields,
                    footer=["本结果由政务服务自助终端打印，以登记簿记载为准。", SAMPLE_NOTE],
                    subject=f"{len(records)} 处不动产" if records else "未查询到不动产登记信息")


def pension_certificate(storage: Storage, holder: DocumentHolder, document_id: str,
                        issued: str) -> Document:
    """养老保险参保缴费证明: months paid in all, and a line per year."""
    rows = storage.service_rows("pension_history", holder.ref)
    fields = [*holder.fields("参保人标识"), ("证明编号", document_id),
              ("出具日期", issued[:10]), ("险种", "企业职工基本养老保险")]
    footer = ["本证明由政务服务自助终端出具，可凭证明编号核验。", SAMPLE_NOTE]
    if not rows:
        fields.append(("查询结果", "未查询到养老保险参保缴费记录"))
        return Document(title="养老保险参保缴费证明", fields=fields, footer=footer,
                        subject="未查询到养老保险参保缴费记录")
    months = sorted(r["month"] for r in rows)
    fields += [("参保单位", rows[0]["employer"]), ("参保状态", "正常参保缴费"),
               ("首次参保年月", months[0]), ("最近缴费年月", months[-1]),
               ("累计缴费月数", f"{len(rows)} 个月")]
    years: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        years[r["month"][:4]].append(r)
    return Document(
        title="养老保险参保缴费证明", fields=fields, footer=footer,
        text=[f"经查询，该参保人自{months[0]}起参加企业职工基本养老保险，截至{months[-1]}"
              f"累计缴费{len(rows)}个月。特此证明。"],
        columns=["年度", "缴费月数", "月缴费基数(元)", *(name for _, name in CONTRIBUTIONS)],
        rows=[[year, str(len(ys)), _yuan(ys[0]["base_fen"]),
               *(_yuan(sum(r[key] for r in ys)) for key, _ in CONTRIBUTIONS)]
              for year, ys in sorted(years.items(), reverse=True)],
        subject=f"累计缴费 {len(rows)} 个月")


def no_criminal_record(storage: Storage, holder: DocumentHolder, document_id: str,
                       issued: str) -> Document:
    """无犯罪记录证明, worded like a police station's. Someone the register does not know,
    or who has records, gets a page saying the terminal cannot issue it."""
    register = storage.service_rows("police_register", holder.ref)
    fields = [("证明编号", document_id), *holder.fields("查询对象标识"),
              ("出具日期", issued[:10])]
    footer = ["本证明仅反映查询时点公安机关掌握的信息，有效期三个月。", SAMPLE_NOTE]
    if not register:
        return Document(title="无犯罪记录证明", fields=fields, footer=footer,
                        text=["未查询到该人员的户籍或居住登记信息，本终端不能出具证明，"
                              "请携带身份证件到公安机关窗口办理。"],
                        subject="未查询到人员登记信息，不能出具")
    authority = register[0]["authority"]
    if register[0]["records"]:
        return Document(title="无犯罪记录证明", fields=[*fields, ("受理单位", authority)],
                        footer=footer,
                        text=["该人员的情况需人工核查，本终端不能出具证明，"
                              "请携带身份证件到公安机关窗口办理。"],
                        subject="需人工核查，不能出具")
    return Document(
        title="无犯罪记录证明", fields=[*fields, ("出具单位", f"{authority}（样本）")],
        footer=footer,
        text=[f"经查询，截至{_cn_date(issued)}，在公安机关违法犯罪记录信息中，"
              f"未发现{holder.phrase()}有犯罪记录。",
              "特此证明。",
              "本证明为参考实现生成的样本，所涉人员为测试数据，不能作为任何用途的证明。"],
        subject="未发现有犯罪记录")


def maternity_confirmation(storage: Storage, holder: DocumentHolder, document_id: str,
                           issued: str) -> Document:
    """生育保险待遇确认凭证: the holder's confirmed benefits, or none found."""
    records = storage.service_rows("maternity_benefits", holder.ref)
    fields = [*holder.fields("参保人标识"), ("凭证编号", document_id),
              ("出具日期", issued[:10])]
    footer = ["本凭证由政务服务自助终端打印，以医疗保障部门记录为准。", SAMPLE_NOTE]
    if not records:
        fields.append(("查询结果", "未查询到生育保险待遇记录"))
        return Document(title="生育保险待遇确认凭证", fields=fields, footer=footer,
                        subject="未查询到生育保险待遇记录")
    for n, r in enumerate(records, 1):
        fields += [(f"[{n}] 确认编号", r["record_no"]), ("待遇类型", r["benefit"]),
                   ("生育情形", f"{r['event']}（{r['event_date']}）"),
                   ("医疗机构", r["hospital"]), ("参保单位", r["employer"]),
                   ("核定金额", f"{_yuan(r['amount_fen'])} 元"),
                   ("确认日期", r["confirmed_on"]), ("确认状态", r["status"])]
    return Document(title="生育保险待遇确认凭证", fields=fields, footer=footer,
                    text=["以上生育保险待遇已经医疗保障经办机构审核确认。"],
                    subject=f"{len(records)} 条已确认的生育保险待遇")


# service code -> builder of its document for (storage, holder, document_id, issued)
DOCUMENTS: dict[str, Callable[[Storage, DocumentHolder, str, str], Document]] = {
    "ss_certificate": ss_certificate,
    "property_register_extract": property_register_extract,
    "pension_certificate": pension_certificate,
    "no_criminal_record": no_criminal_record,
    "maternity_confirmation": maternity_confirmation,
}


# Identity verification -----------------------------------------------------------------
DEMO_MATCH_SCORE = 0.93
DEMO_NO_MATCH_SCORE = 0.12
# A live photo outside these sides (pixels) is not a camera's picture of a face.
LIVE_PHOTO_SIDES = (64, 8192)


def demo_verifier(holder: str, id_photo_wlt: bytes,
                  live_photo_jpeg: bytes) -> tuple[str, float]:
    """A STAND-IN for 人证比对 in demos and tests: NOT biometrics, it compares no faces.

    ``match`` (score :data:`DEMO_MATCH_SCORE`) when both photos are usable: the ID
    card's photo (WLT, encrypted on the card, so only checked non-empty) and a live
    photo that decodes as a JPEG whose sides are within :data:`LIVE_PHOTO_SIDES`;
    ``no_match`` (:data:`DEMO_NO_MATCH_SCORE`) otherwise. Enabled by
    ``serve --demo-verifier``; a real hall plugs in a certified comparison service.
    """
    if id_photo_wlt and _usable_jpeg(live_photo_jpeg):
        return "match", DEMO_MATCH_SCORE
    return "no_match", DEMO_NO_MATCH_SCORE


def _usable_jpeg(data: bytes) -> bool:
    low, high = LIVE_PHOTO_SIDES
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The header gives the size: refuse before decoding (a bomb stays undecoded).
            if image.format != "JPEG" or not all(low <= side <= high for side in image.size):
                return False
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False
    return True
