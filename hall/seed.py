"""What a new hall database starts with: the default catalog and configuration, and fake
citizen data so that every endpoint answers something real in a demo.

The fake citizens are the two identities of the ID-card simulator's sample cards (public
test data, not real people): :data:`SEED_ID_NUMBERS`. Their holder hashes follow the hall's
salt, so seeding is repeated (idempotently) at each start. What each has:

- citizen 1 (440106199101010010): 12 months of ``ss_payment_history``, one flat in the
  ``property_register``, 98 months of ``pension_history``, no criminal record in the
  ``police_register``, one confirmed ``maternity_benefits`` record, and two 车船税 items
  due: ``VVT-<year>-0101`` (粤A·12345, 小型轿车, 36000 fen) and ``VVT-<year>-0102``
  (粤A·6B789, 中型客车, 48000 fen); appointments ``APT-<yyyymmdd>-01`` at 09:30.
- citizen 2 (81000019850601001X): the same histories and flat, 26 months of pension, no
  criminal record, no maternity benefit, one 车船税 item due: ``VVT-<year>-0201``
  (粤B·C2468, 摩托车, 12000 fen); appointments ``APT-<yyyymmdd>-02`` at 10:30.

Appointments are for today and the 6 days after, ``registration`` / ``accept``, booked;
their QR code is :func:`appointment_qr`. ``<year>`` is the seeding day's year. Each
kiosk gets one locker assignment for the first citizen behind door 1 whose SMS code is
:data:`SEED_PICKUP_CODE`.

A catalog file (``serve --catalog``) is TOML or JSON with the kiosk seed's layout
(``kiosk/data/catalog.toml``): ``services``, ``ticket_categories`` (each with a ``letter``,
the prefix of its queue numbers), ``ticket_kinds``, and optionally ``guides``.
"""
from __future__ import annotations

import base64
import json
import re
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


# The services of the kiosk's seed (kiosk/data/catalog.toml), so that a hall serving its
# default catalog offers the same services as a terminal that never reached it. The hall
# cannot read that file (it ships without the kiosk): keep the two in step by hand;
# tests/hall/test_catalog.py compares them. An application's questions (the
# services' ``form``) are the kiosk's own and not copied here.
DEFAULT_CATALOG: dict[str, Any] = {
    "services": [
        {"code": "queue_ticket", "flow": "ticket",
         "name": _names("排队取号", "排隊取號", "Take a queue number"),
         "summary": _names("领取排队号码，凭号到窗口办理", "領取排隊號碼，憑號到窗口辦理",
                           "Get a queue number, then go to the counter when it is called"),
         "identity": ["id_card", "none"], "devices": ["receipt"], "offline": True},
        {"code": "locker_pickup", "flow": "pickup",
         "name": _names("自助取件", "自助取件", "Collect your documents"),
         "summary": _names("凭短信取件码和身份证，从取件柜取走办好的证件",
                           "憑短信取件碼和身份證，從取件櫃取走辦好的證件",
                           "With the code from your text message and your ID card, take "
                           "your documents from the locker"),
         "identity": ["id_card"], "devices": ["locker", "idcard"], "offline": True},
        {"code": "service_guide", "flow": "guide",
         "name": _names("办事指南", "辦事指南", "Service guide"),
         "summary": _names("查看办事要带的材料、时限、费用和地点，可打印",
                           "查看辦事要帶的材料、時限、費用和地點，可列印",
                           "What to bring, how long it takes, what it costs and where to "
                           "go; printable"),
         "identity": ["none"], "devices": [], "offline": True},
        {"code": "ss_payment_history", "flow": "query",
         "name": _names("社保缴费记录查询", "社保繳費記錄查詢", "Social insurance payments"),
         "summary": _names("刷身份证或社保卡，查看每月社保缴费明细，可打印",
                           "刷身份證或社保卡，查看每月社保繳費明細，可列印",
                           "See your monthly social insurance payments with your ID or "
                           "social security card; printable"),
         "identity": ["id_card", "ss_card"], "devices": [], "offline": False},
        {"code": "card_loss_report", "flow": "apply",
         "name": _names("社保卡挂失", "社保卡掛失", "Report a lost social security card"),
         "summary": _names("社保卡丢了？刷身份证马上挂失，防止被他人使用",
                           "社保卡丟了？刷身份證馬上掛失，防止被他人使用",
                           "Lost your social security card? Block it now with your ID "
                           "card"),
         "identity": ["id_card"], "devices": ["idcard", "receipt"], "offline": True},
        {"code": "ss_certificate", "flow": "print",
         "name": _names("个人参保证明", "個人參保證明", "Social insurance certificate"),
         "summary": _names("刷身份证，打印您的社会保险参保证明（A4）",
                           "刷身份證，列印您的社會保險參保證明（A4）",
                           "Print your social insurance certificate (A4) with your ID card"),
         "identity": ["id_card"], "devices": ["docprinter", "idcard"], "offline": False},
        {"code": "property_register_extract", "flow": "print",
         "name": _names("不动产登记查册表", "不動產登記查冊表", "Property register extract"),
         "summary": _names("刷身份证，打印您名下不动产的登记查册表（A4）",
                           "刷身份證，列印您名下不動產的登記查冊表（A4）",
                           "Print the register extract of property in your name (A4) with "
                           "your ID card"),
         "identity": ["id_card"], "devices": ["docprinter", "idcard"], "offline": False},
        {"code": "pension_certificate", "flow": "print",
         "name": _names("养老保险参保证明", "養老保險參保證明", "Pension insurance certificate"),
         "summary": _names("刷身份证，打印您的养老保险参保缴费证明（A4）",
                           "刷身份證，列印您的養老保險參保繳費證明（A4）",
                           "Print your pension insurance certificate (A4) with your ID card"),
         "identity": ["id_card"], "devices": ["docprinter", "idcard"], "offline": False},
        {"code": "no_criminal_record", "flow": "print",
         "name": _names("无犯罪记录证明", "無犯罪記錄證明", "No-criminal-record certificate"),
         "summary": _names("刷身份证，打印本人的无犯罪记录证明（A4）",
                           "刷身份證，列印本人的無犯罪記錄證明（A4）",
                           "Print your no-criminal-record certificate (A4) with your ID "
                           "card"),
         "identity": ["id_card"], "devices": ["docprinter", "idcard"], "offline": False},
        {"code": "maternity_confirmation", "flow": "print",
         "name": _names("生育保险确认凭证", "生育保險確認憑證", "Maternity insurance confirmation"),
         "summary": _names("刷身份证，打印生育保险待遇确认凭证（A4）",
                           "刷身份證，列印生育保險待遇確認憑證（A4）",
                           "Print your maternity insurance confirmation (A4) with your ID "
                           "card"),
         "identity": ["id_card"], "devices": ["docprinter", "idcard"], "offline": False},
        {"code": "vehicle_vessel_tax", "flow": "pay",
         "name": _names("车船税缴纳", "車船稅繳納", "Vehicle and vessel tax"),
         "summary": _names("刷身份证，查看名下车辆应缴的车船税，手机扫码缴纳",
                           "刷身份證，查看名下車輛應繳的車船稅，手機掃碼繳納",
                           "See the tax due on your vehicles and pay it by scanning a code "
                           "with your phone"),
         "identity": ["id_card"], "devices": ["idcard", "receipt"], "offline": False},
        {"code": "appointment_checkin", "flow": "checkin",
         "name": _names("预约取号", "預約取號", "Appointment check-in"),
         "summary": _names("已在网上预约？刷证件或扫预约二维码取号",
                           "已在網上預約？刷證件或掃預約二維碼取號",
                           "Booked online? Show your card or the booking's QR code to get "
                           "your number"),
         "identity": ["id_card", "ss_card", "qr"], "devices": ["receipt"], "offline": False},
        {"code": "mi_resident_enrolment", "flow": "apply",
         "name": _names("城乡居民医保参保登记", "城鄉居民醫保參保登記",
                        "Resident medical insurance enrolment"),
         "summary": _names("刷身份证，登记参加城乡居民医疗保险",
                           "刷身份證，登記參加城鄉居民醫療保險",
                           "Enrol in the resident medical insurance with your ID card"),
         "identity": ["id_card", "ss_card"], "devices": ["receipt"], "offline": True},
        {"code": "mi_stop", "flow": "apply",
         "name": _names("医保停保减员", "醫保停保減員", "Stop medical insurance"),
         "summary": _names("不再在本市参加居民医保？在这里申请停保",
                           "不再在本市參加居民醫保？在這裡申請停保",
                           "Leaving the resident medical insurance here? Apply to stop it"),
         "identity": ["id_card", "ss_card"], "devices": ["receipt"], "offline": True},
        {"code": "mi_change_details", "flow": "apply",
         "name": _names("医保资料变更", "醫保資料變更", "Change medical insurance details"),
         "summary": _names("修改联系电话、居住区等参保资料", "修改聯繫電話、居住區等參保資料",
                           "Change your phone number, district and other details"),
         "identity": ["id_card", "ss_card"], "devices": ["receipt"], "offline": True},
        {"code": "ss_card_application", "flow": "apply",
         "name": _names("社保卡申领补换", "社保卡申領補換", "Apply for a social security card"),
         "summary": _names("刷身份证并拍照，申请新社保卡或补换卡",
                           "刷身份證並拍照，申請新社保卡或補換卡",
                           "Apply for a new or replacement card with your ID card and a "
                           "photo"),
         "identity": ["face"], "devices": ["idcard", "camera", "receipt"], "offline": False},
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
        {"code": "pickup", "identity": "id_card",
         "name": _names("取件", "取件", "Collect documents")},
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
        # Where "请到窗口办理" sends a citizen, per service (kiosk/core/service_counters.py).
        "counters": {
            "default": _names("1 号综合服务窗口", "1 號綜合服務窗口",
                              "counter 1 (general services)"),
            "services": {
                **{code: _names("3 号窗口（社保）", "3 號窗口（社保）",
                                "counter 3 (social insurance)")
                   for code in ("ss_payment_history", "ss_certificate", "pension_certificate",
                                "card_loss_report", "ss_card_application")},
                **{code: _names("5 号窗口（医保）", "5 號窗口（醫保）",
                                "counter 5 (medical insurance)")
                   for code in ("mi_resident_enrolment", "mi_stop", "mi_change_details",
                                "maternity_confirmation")},
                "vehicle_vessel_tax": _names("8 号窗口（税务）", "8 號窗口（稅務）",
                                             "counter 8 (tax)"),
            }},
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


def pension_history(today: date, months: int, employer: str) -> list[dict[str, Any]]:
    """``months`` months of pension contributions up to last month, newest first. The
    base is 6 000 yuan over the last twelve months (as in :func:`payment_history`) and
    300 yuan less for each year before; employer 14 %, personal 8 % (Guangdong's rates
    for enterprise employees)."""
    rows, year, month = [], today.year, today.month
    for n in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        base = 600_000 - 30_000 * (n // 12)
        rows.append({"month": f"{year:04d}-{month:02d}", "employer": employer,
                     "base_fen": base, "employer_fen": base * 14 // 100,
                     "personal_fen": base * 8 // 100, "status": "已到账"})
    return rows


PROPERTY_RECORDS = [
    {"certificate_no": "粤(2019)广州市不动产权第0123456号",
     "location": "广州市天河区天河路100号1203房", "area_m2": 89.5, "use": "住宅",
     "right_type": "国有建设用地使用权/房屋所有权", "registered_on": "2019-06-12"},
]

# Months of pension contributions of each seed citizen, and where they work.
PENSION_MONTHS = (98, 26)
PENSION_EMPLOYERS = ("广州市示例科技有限公司（样本）", "广州市示例贸易有限公司（样本）")

# The police register's answer for each seed citizen: who would issue the certificate,
# and the criminal records found (none: both get a certificate).
POLICE_RECORDS = ({"authority": "广州市公安局天河区分局", "records": []},
                  {"authority": "广州市公安局出入境管理支队", "records": []})


def maternity_records(today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first seed citizen (a man, by the ID number's 17th digit) has one confirmed
    benefit: the childbirth medical costs of his wife, who has no job of her own (in
    Guangdong a worker's insurance covers them). The second has none."""
    born = date(today.year - 1, 3, 18)
    return ([{"record_no": f"SY{born:%Y}0318-0001", "benefit": "生育医疗费用（职工未就业配偶）",
              "event": "分娩", "event_date": born.isoformat(),
              "hospital": "广州市示例妇幼保健院（样本）",
              "employer": PENSION_EMPLOYERS[0], "amount_fen": 350_000,
              "confirmed_on": (born + timedelta(days=45)).isoformat(), "status": "已确认"}],
            [])


def vehicle_tax_dues(today: date) -> tuple[list[dict[str, Any]], ...]:
    """This year's vehicle and vessel tax (车船税) of each seed citizen, one item per
    vehicle: two for the first (360 and 480 yuan), one for the second (120 yuan).

    An item id reads ``VVT-<tax year>-<citizen nn><vehicle nn>``, e.g. ``VVT-2025-0102``,
    so each year brings its own items and last year's stay as they were."""
    year = today.year
    vehicles = (
        [("粤A·12345", "小型轿车", 36_000), ("粤A·6B789", "中型客车", 48_000)],
        [("粤B·C2468", "摩托车", 12_000)],
    )
    return tuple([{"item_id": f"VVT-{year}-{n + 1:02d}{k + 1:02d}", "plate": plate,
                   "vehicle": vehicle, "tax_year": year, "amount_fen": amount}
                  for k, (plate, vehicle, amount) in enumerate(items)]
                 for n, items in enumerate(vehicles))


# Appointment QR codes ------------------------------------------------------------------
APPOINTMENT_QR_PREFIX = "GDZWFW-APPT"
_QR_FIELD = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def appointment_qr(appointment: dict[str, Any], masked_name: str | None = None) -> str:
    """The text of an appointment's QR code (what the booking site shows the citizen):

        GDZWFW-APPT:<appointment_id>:<category>:<kind>[:<HHMM>[:<name>]]

    e.g. ``GDZWFW-APPT:APT-20250301-01:registration:accept:0930:5bygKg``. The first three
    fields are 1-64 characters of ``A-Z a-z 0-9 _ . -`` (no colon). ``category`` and
    ``kind`` are the ticket category and kind of the appointment (``POST /tickets`` checks
    them against it). Then, so that the terminal can show the citizen it is theirs, the
    appointment's time (``appointment["time"]``, HH:MM, when it has one) and the holder's
    ``masked_name`` (张*: never the full name; UTF-8, unpadded base64url).
    """
    fields = [appointment["appointment_id"], appointment["category"], appointment["kind"]]
    if not all(_QR_FIELD.fullmatch(f) for f in fields):
        raise ValueError(f"not encodable in an appointment QR code: {fields!r}")
    time = appointment.get("time")
    if time:
        fields.append(time.replace(":", ""))
        if masked_name:
            if "*" not in masked_name:
                raise ValueError("only a masked name goes into a QR code")
            fields.append(base64.urlsafe_b64encode(masked_name.encode()).decode().rstrip("="))
    return ":".join((APPOINTMENT_QR_PREFIX, *fields))


def parse_appointment_qr(text: str) -> tuple[str, str, str] | None:
    """``(appointment_id, category, kind)`` from a scanned code, or None when it is not
    an appointment code (see :func:`appointment_qr`; the time and name are for the
    terminal's screen). Whitespace around the text (a scanner's line end) is ignored;
    the prefix is case-sensitive."""
    parts = text.strip().split(":")
    if not 4 <= len(parts) <= 6 or parts[0] != APPOINTMENT_QR_PREFIX:
        return None
    if not all(_QR_FIELD.fullmatch(p) for p in parts[1:4]):
        return None
    if len(parts) > 4 and not re.fullmatch(r"[0-2][0-9][0-5][0-9]", parts[4]):
        return None
    if len(parts) > 5 and not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", parts[5]):
        return None
    return parts[1], parts[2], parts[3]


def seed(storage: Storage, *, holder_salt: str, today: date, now: float,
         catalog: dict[str, Any] | None = None) -> None:
    """Bring a database to its starting state; safe to run at every start.

    ``catalog`` (from a file) replaces the stored one; without it the stored catalog is
    kept, or the default one stored on first start. Read-only data (payment and pension
    histories, register records) is written again; what citizens change is only added
    when missing: an appointment checked in, a tax item paid stay so across restarts.
    """
    if catalog is not None:
        storage.put_catalog(catalog, now)
    elif storage.catalog() is None:
        storage.put_catalog(DEFAULT_CATALOG, now)
    if not storage.config("*"):
        storage.put_config("*", default_config(), now)
    maternity = maternity_records(today)
    dues = vehicle_tax_dues(today)
    for n, id_number in enumerate(SEED_ID_NUMBERS):
        holder = holder_hash(id_number, holder_salt)
        storage.put_service_rows("ss_payment_history", holder, payment_history(today))
        storage.put_service_rows("property_register", holder, PROPERTY_RECORDS)
        storage.put_service_rows("pension_history", holder,
                                 pension_history(today, PENSION_MONTHS[n], PENSION_EMPLOYERS[n]))
        storage.put_service_rows("police_register", holder, [POLICE_RECORDS[n]])
        storage.put_service_rows("maternity_benefits", holder, maternity[n])
        for item in dues[n]:
            storage.add_due("vehicle_vessel_tax", holder, item)
        for d in range(7):
            day = today + timedelta(days=d)
            storage.add_appointment({
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
