"""What an ID card holds: :class:`IdCard`, the 256-byte text block, code tables, GB 11643.

Pure: no I/O. Three card types share the text block (hardware.md §1): the mainland resident
ID card, the ``J`` Hong Kong/Macao/Taiwan residence permit and the ``I`` (2017) foreigner's
permanent residence card. The ``Y`` (2023) foreigner card is refused with
:class:`UnsupportedCardError` because its layout is not verified: a clear refusal beats a
misread identity.

Personal data never goes into a ``repr`` or an exception message: logs must not hold it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

CardType = Literal["resident", "hmt_residence", "foreign_permanent"]

TEXT_BLOCK_LEN = 256
LONG_TERM = "长期"  # "valid to" of a card that never expires

GENDERS: dict[str, str] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

# GB 3304 nation codes, as printed on the card (hardware.md §1).
NATIONS: dict[str, str] = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝",
    "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白",
    "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳",
    "21": "佤", "22": "畲", "23": "高山", "24": "拉祜", "25": "水", "26": "东乡",
    "27": "纳西", "28": "景颇", "29": "柯尔克孜", "30": "土", "31": "达斡尔", "32": "仫佬",
    "33": "羌", "34": "布朗", "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯",
    "39": "阿昌", "40": "普米", "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯",
    "45": "鄂温克", "46": "德昂", "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔",
    "51": "独龙", "52": "鄂伦春", "53": "赫哲", "54": "门巴", "55": "珞巴", "56": "基诺",
    "97": "其他", "98": "外国血统中国籍人士",
}

CARD_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "resident": ("居民身份证", "Resident ID card"),
    "hmt_residence": ("港澳台居民居住证", "Hong Kong/Macao/Taiwan residence permit"),
    "foreign_permanent": ("外国人永久居留身份证", "Foreigner's permanent residence card"),
}

_GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_GB11643_CHECK = "10X98765432"


def gb11643_check_digit(first17: str) -> str:
    """The check character of an 18-character citizen number, from its first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("GB 11643 needs 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _GB11643_WEIGHTS, strict=True))
    return _GB11643_CHECK[total % 11]


def is_valid_id_number(number: str) -> bool:
    """True when ``number`` is 17 digits plus the matching GB 11643 check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    return gb11643_check_digit(number[:17]) == number[17].upper()


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters (DESIGN.md: ``4401**********1234``)."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


class CardDataError(ValueError):
    """The text block (or the read data around it) cannot be decoded. Never holds card data."""


class UnsupportedCardError(CardDataError):
    """A card type this reader software does not decode. ``zh``/``en`` are for the citizen."""

    def __init__(self, flag: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.flag = flag
        self.zh = zh
        self.en = en


@dataclass(frozen=True, kw_only=True, repr=False)
class IdCard:
    """One card as read. Dates are :class:`datetime.date`; ``valid_to`` None means 长期.

    ``name`` is the Chinese name (may be empty on a foreigner card, which always carries
    ``english_name``). ``issuer`` is the issuing authority; on a foreigner card it is the
    authority code printed in the text block. ``gender`` and ``nation`` are the codes.
    """

    card_type: CardType
    name: str
    english_name: str | None = None
    gender: str
    nation: str | None = None
    birth_date: dt.date
    address: str | None = None
    id_number: str
    issuer: str
    valid_from: dt.date
    valid_to: dt.date | None
    pass_number: str | None = None
    nationality: str | None = None
    photo: bytes
    fingerprint: bytes | None = None

    @property
    def gender_text(self) -> str:
        return GENDERS.get(self.gender, "未知")

    @property
    def nation_text(self) -> str | None:
        return NATIONS.get(self.nation) if self.nation is not None else None

    @property
    def id_number_valid(self) -> bool:
        """GB 11643 check for the 18-character numbers (resident and HMT cards). The 2017
        foreigner card number (3 letters + 12 digits, per the 2023 NIA adaptation notice)
        is only checked for its shape: its check-digit rule is not in our references."""
        if self.card_type == "foreign_permanent" and len(self.id_number) == 15:
            head, tail = self.id_number[:3], self.id_number[3:]
            return head.isascii() and head.isalpha() and head.isupper() and tail.isascii() \
                and tail.isdigit()
        return is_valid_id_number(self.id_number)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def photo_sha256(self) -> str:
        return hashlib.sha256(self.photo).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with exactly the keys of the ``kiosk diag idcard --json``
        contract. It holds the full ID number: only for callers entitled to it."""
        return {
            "card_type": self.card_type,
            "name": self.name,
            "english_name": self.english_name,
            "gender": self.gender,
            "gender_text": self.gender_text,
            "nation": self.nation,
            "nation_text": self.nation_text,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "issuer": self.issuer,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else "long-term",
            "pass_number": self.pass_number,
            "nationality": self.nationality,
            "photo_sha256": self.photo_sha256,
            "id_number_valid": self.id_number_valid,
        }

    def __repr__(self) -> str:
        # Masked number, no name: a card that ends up in a log line leaks nothing.
        return (f"IdCard(card_type={self.card_type!r}, id_number={self.masked_id_number!r}, "
                f"photo={len(self.photo)} bytes)")


# -- the 256-byte text block ------------------------------------------------------------
# (field, byte offset, byte size): the tables of hardware.md §1. Fields not kept by IdCard
# (HMT issue count at 238, foreigner card version at 236) are left blank when encoding.
_Layout = tuple[tuple[str, int, int], ...]
_RESIDENT: _Layout = (
    ("name", 0, 30), ("gender", 30, 2), ("nation", 32, 4), ("birth_date", 36, 16),
    ("address", 52, 70), ("id_number", 122, 36), ("issuer", 158, 30),
    ("valid_from", 188, 16), ("valid_to", 204, 16))
_HMT: _Layout = (
    ("name", 0, 30), ("gender", 30, 2), ("birth_date", 36, 16), ("address", 52, 70),
    ("id_number", 122, 36), ("issuer", 158, 30), ("valid_from", 188, 16),
    ("valid_to", 204, 16), ("pass_number", 220, 18))
_FOREIGN: _Layout = (
    ("english_name", 0, 120), ("gender", 120, 2), ("id_number", 122, 30),
    ("nationality", 152, 6), ("name", 158, 30), ("valid_from", 188, 16),
    ("valid_to", 204, 16), ("birth_date", 220, 16), ("issuer", 240, 8))
_TYPE_FLAG_AT = 248
_FLAGS: dict[str, tuple[CardType, _Layout]] = {
    "": ("resident", _RESIDENT), "J": ("hmt_residence", _HMT), "I": ("foreign_permanent", _FOREIGN)}
_FLAG_OF: dict[str, str] = {card_type: flag for flag, (card_type, _) in _FLAGS.items()}
_DATES = ("birth_date", "valid_from", "valid_to")
_OPTIONAL = ("english_name", "nation", "address", "pass_number", "nationality")
_BLANK = " ".encode("utf-16-le")


def _text(block: bytes, offset: int, size: int) -> str:
    # Space padded per hardware.md; some readers pad with NULs, so strip both.
    return block[offset:offset + size].decode("utf-16-le", errors="replace").strip(" \x00")


def _date(value: str, field: str) -> dt.date:
    if len(value) == 8 and value.isascii() and value.isdigit():
        try:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            pass
    raise CardDataError(f"text block field {field} is not a YYYYMMDD date")


def decode_text_block(block: bytes, photo: bytes, fingerprint: bytes | None = None) -> IdCard:
    """Decode the 256-byte UCS-2LE text block; raise CardDataError/UnsupportedCardError."""
    if len(block) != TEXT_BLOCK_LEN:
        raise CardDataError(f"text block is {len(block)} bytes, expected {TEXT_BLOCK_LEN}")
    flag = _text(block, _TYPE_FLAG_AT, 2)
    if flag == "Y":
        raise UnsupportedCardError(
            flag, "暂不支持2023版外国人永久居留身份证，请到人工窗口办理",
            "The 2023 foreigner's permanent residence card is not supported yet; "
            "please go to a staffed counter")
    if flag not in _FLAGS:
        raise UnsupportedCardError(
            flag, "无法识别的证件类型，请到人工窗口办理",
            "Unknown card type; please go to a staffed counter")
    card_type, layout = _FLAGS[flag]
    raw = {field: _text(block, offset, size) for field, offset, size in layout}
    # Optional fields left blank on the card read as None, like fields the type lacks.
    fields: dict[str, Any] = {k: (v or None) if k in _OPTIONAL else v
                              for k, v in raw.items() if k not in _DATES}
    fields["birth_date"] = _date(raw["birth_date"], "birth_date")
    fields["valid_from"] = _date(raw["valid_from"], "valid_from")
    fields["valid_to"] = None if raw["valid_to"] == LONG_TERM else _date(raw["valid_to"],
                                                                          "valid_to")
    return IdCard(card_type=card_type, photo=photo, fingerprint=fingerprint or None, **fields)


def encode_text_block(card: IdCard) -> bytes:
    """The text block a card of this type carries (the simulator serves it).
    Raises ValueError when a field does not fit its slot."""
    _, layout = _FLAGS[_FLAG_OF[card.card_type]]
    block = bytearray(_BLANK * (TEXT_BLOCK_LEN // 2))
    values = {
        "birth_date": f"{card.birth_date:%Y%m%d}",
        "valid_from": f"{card.valid_from:%Y%m%d}",
        "valid_to": f"{card.valid_to:%Y%m%d}" if card.valid_to else LONG_TERM,
    }
    for field, offset, size in layout:
        value = values.get(field, getattr(card, field)) or ""
        _put(block, offset, size, value, field)
    _put(block, _TYPE_FLAG_AT, 2, _FLAG_OF[card.card_type], "type flag")
    return bytes(block)


def _put(block: bytearray, offset: int, size: int, value: str, field: str) -> None:
    data = value.encode("utf-16-le")
    if len(data) > size:
        raise ValueError(f"{field} does not fit in {size} bytes")
    block[offset:offset + len(data)] = data
