"""What a new hall database starts with: the default catalog and configuration, and fake
citizen data so that every endpoint answers something real in a demo.

The fake citizens are the two identities of the ID-card simulator's sample cards (public
test data, not real people): :data:`SEED_ID_NUMBERS`. Their holder hashes follow the hall's
salt, so seeding is repeated (idempotently) at each start. Each kiosk gets one locker
assignment for the first citizen behind door 1 whose SMS code is :data:`SEED_PICKUP_CODE`.

A catalog file (``serve --catalog``) is TOML or JSON with the kiosk seed's layout
(``config/catalog.toml``): ``services``, ``ticket_categories`` (each with a ``letter``,
the prefix of its queue numbers), ``ticket_kinds``, and optionally ``guides``.
"""
from __future__ import annotations

import json
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .settings import code_hash, holder_hash, pin_hash
from .storage import Storage

SEED_ID_NUMBERS = ("440106199101010010", "81000019850601001X")
SEED_PICKUP_CODE = "246810"
SEED_TECHNICIAN_PIN = "135790"


def _names(zh_cn: str, zh_tw: str, en: str) -> dict[str, str]:
    return {"zh_CN": zh_cn, "zh_TW": zh_tw, "en": en}


DEFAULT_CATALOG: dict[str, Any] = {
    "services": [
        {"code": "queue_ticket", "flow": "ticket", "identity": ["id_card", "none"],
         "devices": ["receipt"], "offline": True,
         "name": _names("排队取号", "排隊取號", "Take a queue number")},
        {"code": "ss_payment_history", "flow": "query", "identity": ["ss_card", "id_card"],
         "devices": [], "offline": False,
         "name": _names("社保缴费记录查询", "社保繳費記錄查詢", "Social security payment history")},
        {"code": "ss_certificate", "flow": "print", "identity": ["ss_card", "id_card"],
         "devices": ["docprinter"], "offline": False, "document": "certificate",
         "name": _names("社保参保证明打印", "社保參保證明列印",
                        "Print a social insurance certificate")},
        {"code": "property_register_extract", "flow": "print", "identity": ["id_card"],
         "devices": ["docprinter"], "offline": False, "document": "register_extract",
         "name": _names("不动产登记信息查询打印", "不動產登記信息查詢列印",
                        "Print a real estate register extract")},
        {"code": "fee_payment", "flow": "pay", "identity": ["id_card"], "devices": ["camera"],
         "offline": False, "name": _names("非税缴费", "非稅繳費", "Pay fees")},
        {"code": "card_loss_report", "flow": "apply", "identity": ["id_card"], "devices": [],
         "offline": True, "name": _names("社保卡挂失", "社保卡掛失",
                                         "Report a lost social security card")},
        {"code": "locker_pickup", "flow": "pickup", "identity": ["id_card"],
         "devices": ["locker"], "offline": True,
         "name": _names("证照自助领取", "證照自助領取", "Collect documents from a locker")},
    ],
    "ticket_categories": [
        {"code": "registration", "letter": "A",
         "name": _names("注册登记类", "註冊登記類", "Registration")},
        {"code": "business", "letter": "B",
         "name": _names("经营管理类", "經營管理類", "Business management")},
        {"code": "construction", "letter": "C",
         "name": _names("建设工程类", "建設工程類", "Construction projects")},
        {"code": "customs_trade", "letter": "D",
         "name": _names("通关贸易类", "通關貿易類", "Customs and trade")},
        {"code": "consultation", "letter": "E",
         "name": _names("综合咨询", "綜合諮詢", "General enquiries")},
    ],
    "ticket_kinds": [
        {"code": "accept", "identity": "id_card",
         "name": _names("受理", "受理", "Submit an application")},
        {"code": "consult", "identity": "none", "name": _names("咨询", "諮詢", "Ask a question")},
        {"code": "pickup", "identity": "id_card", "name": _names("取件", "取件", "Collect documents")},
    ],
    "guides": [
        {"service_code": "card_loss_report",
         "materials": _names("本人居民身份证", "本人居民身份證", "Your resident ID card"),
         "time_limit": _names("即时办结", "即時辦結", "Done at once"),
         "fees": _names("免费", "免費", "Free"),
         "where": _names("自助终端或一楼社保窗口", "自助終端或一樓社保窗口",
                         "This terminal, or the social security desk, ground floor")},
        {"service_code": "ss_certificate",
         "materials": _names("社会保障卡或居民身份证", "社會保障卡或居民身份證",
                             "Social security card or resident ID card"),
         "time_limit": _names("即时打印", "即時列印", "Printed at once"),
         "fees": _names("免费", "免費", "Free"),
         "where": _names("自助终端", "自助終端", "This terminal")},
    ],
}


def default_config() -> dict[str, Any]:
    """Hall-wide defaults of every kiosk's config (``enabled_services`` absent: all)."""
    return {
        "timeouts": {"session_s": 90, "warning_s": 20, "card_wait_s": 30,
                     "payment_wait_s": 300},
        "announcements": [
            {"id": "welcome", "text": _names(
                "本中心工作时间：周一至周五 9:00-17:00", "本中心工作時間：週一至週五 9:00-17:00",
                "Opening hours: Monday to Friday, 9:00-17:00")}],
        "technician_pin_hash": pin_hash(SEED_TECHNICIAN_PIN),
        "locker_layout": {"doors": [{"door": n, "board": 1, "lock": n,
                                     "size": "S" if n <= 8 else "M"} for n in range(1, 13)]},
    }


def load_catalog(path: str | Path) -> dict[str, Any]:
    """Read a catalog file (TOML, or JSON when it ends in .json) and check its shape."""
    path = Path(path)
    with open(path, "rb") as f:
        content = json.load(f) if path.suffix == ".json" else tomllib.load(f)
    if not isinstance(content, dict):
        raise ValueError(f"{path}: the catalog must be a table/object")
    for key in ("services", "ticket_categories", "ticket_kinds", "guides"):
        content.setdefault(key, [])
        if not isinstance(content[key], list):
            raise ValueError(f"{path}: {key} must be a list")
    for category in content["ticket_categories"]:
        if not (isinstance(category, dict) and isinstance(category.get("code"), str)
                and isinstance(category.get("letter"), str) and category["letter"].isalpha()):
            raise ValueError(f"{path}: every ticket category needs a code and a letter")
    return content


def payment_history(today: date, months: int = 12) -> list[dict[str, Any]]:
    rows, year, month = [], today.year, today.month
    for _ in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        base = 600_000
        rows.append({"month": f"{year:04d}-{month:02d}", "insurance": "养老保险",
                     "base_fen": base, "employer_fen": base * 14 // 100,
                     "personal_fen": base * 8 // 100, "status": "已到账"})
    return rows


PROPERTY_RECORDS = [
    {"certificate_no": "粤(2019)广州市不动产权第0123456号",
     "location": "广州市天河区天河路100号1203房", "area_m2": 89.5, "use": "住宅",
     "right_type": "国有建设用地使用权/房屋所有权", "registered_on": "2019-06-12"},
]


def seed(storage: Storage, *, holder_salt: str, today: date, now: float,
         catalog: dict[str, Any] | None = None) -> None:
    """Bring a database to its starting state; safe to run at every start.

    ``catalog`` (from a file) replaces the stored one; without it the stored catalog is
    kept, or the default one stored on first start.
    """
    if catalog is not None:
        storage.put_catalog(catalog, now)
    elif storage.catalog() is None:
        storage.put_catalog(DEFAULT_CATALOG, now)
    if not storage.config("*"):
        storage.put_config("*", default_config(), now)
    for n, id_number in enumerate(SEED_ID_NUMBERS):
        holder = holder_hash(id_number, holder_salt)
        storage.put_service_rows("ss_payment_history", holder, payment_history(today))
        storage.put_service_rows("property_register", holder, PROPERTY_RECORDS)
        for d in range(7):
            day = today + timedelta(days=d)
            storage.put_appointment({
                "appointment_id": f"APT-{day:%Y%m%d}-{n + 1:02d}", "holder": holder,
                "date": day.isoformat(), "time": f"{9 + n:02d}:30", "service_code": "queue_ticket",
                "category": "registration", "kind": "accept", "status": "booked"})
    for kiosk_id in storage.kiosk_ids():
        seed_kiosk(storage, kiosk_id, holder_salt=holder_salt, now=now)


def seed_kiosk(storage: Storage, kiosk_id: str, *, holder_salt: str, now: float) -> None:
    """One locker assignment per kiosk for the first seed citizen (door 1), once."""
    salt = f"seed-{kiosk_id}"
    storage.add_locker_assignment(
        kiosk_id, assignment_id=f"seed-{kiosk_id}-door1", door=1,
        holder=holder_hash(SEED_ID_NUMBERS[0], holder_salt),
        code_hash=code_hash(SEED_PICKUP_CODE, salt), salt=salt,
        expires_at=now + 30 * 86400, now=now)
