"""The social security card codec (hardware.md §2): APDUs, status words, records, fields.

Pure: no I/O. The card holds the application "sx1.sh." + GBK "社会保障" with two elementary
files of ``tag len value`` records: EF05 (the card: SFI 5) and EF06 (the holder: SFI 6).
Records are read

- by tag from the selected EF: ``00 B2 tag 00 Le`` (P2 = 00: first record whose identifier
  is P1, ISO 7816-4), the way field reader programs do it after ``00 A4 02 00 02 EF 06``.
  Works whatever the record numbering of the card generation;
- or by SFI and record number: ``00 B2 rr 2C Le`` (EF05) / ``00 B2 rr 34 Le`` (EF06).
  The numbering differs by generation (gender: record 3 on 1st-generation cards, 4 on
  2nd), so the reader scans records and maps them by the tag each one carries.

Status words: ``61xx`` (xx bytes wait: GET RESPONSE) and ``6Cxx`` (wrong Le: resend with
Le = xx) are part of the exchange; every other non-9000 word maps to a typed
:class:`StatusError`. Personal data never goes into a ``repr`` or an exception message.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from drivers.idcard.card import GENDERS, NATIONS, is_valid_id_number, mask_id_number

# -- APDUs ----------------------------------------------------------------------------------
APP_NAME = b"sx1.sh." + "社会保障".encode("gbk")
EF05, EF06 = 0xEF05, 0xEF06
SFI = {EF05: 0x05, EF06: 0x06}
P1_SELECT_BY_FID = 0x00   # select MF/DF/EF by file identifier (ISO 7816-4)
P1_SELECT_EF_IN_DF = 0x02  # select EF under the current DF: what some cards insist on
INS_SELECT, INS_READ_RECORD, INS_GET_RESPONSE = 0xA4, 0xB2, 0xC0


def select_by_name(name: bytes = APP_NAME) -> bytes:
    """SELECT by DF name (P1=04), no Le: ``00 A4 04 00 Lc name``."""
    if not 0 < len(name) <= 16:
        raise ValueError("a DF name is 1 to 16 bytes")
    return bytes([0x00, INS_SELECT, 0x04, 0x00, len(name)]) + name


SELECT_APP = select_by_name()


def select_ef(fid: int, p1: int = P1_SELECT_BY_FID) -> bytes:
    """SELECT by file identifier: ``00 A4 P1 00 02 hi lo`` (P1 00, or 02 for some cards)."""
    if p1 not in (P1_SELECT_BY_FID, P1_SELECT_EF_IN_DF):
        raise ValueError("P1 is 00 or 02")
    return bytes([0x00, INS_SELECT, p1, 0x00, 0x02]) + fid.to_bytes(2, "big")


def read_record_sfi(record: int, sfi: int, le: int = 0) -> bytes:
    """READ RECORD ``record`` (number) of the EF with short identifier ``sfi``:
    ``00 B2 rr (sfi<<3|4) Le``. Le 0 asks for the whole record (up to 256 bytes)."""
    if not 1 <= record <= 0xFE or not 1 <= sfi <= 30 or not 0 <= le <= 0xFF:
        raise ValueError("record 1..254, SFI 1..30, Le 0..255")
    return bytes([0x00, INS_READ_RECORD, record, (sfi << 3) | 0x04, le])


def read_record_by_tag(tag: int, le: int) -> bytes:
    """READ RECORD of the current EF by record identifier (the tag): ``00 B2 tag 00 Le``."""
    if not 1 <= tag <= 0xFE or not 0 <= le <= 0xFF:
        raise ValueError("tag 1..254, Le 0..255")
    return bytes([0x00, INS_READ_RECORD, tag, 0x00, le])


def get_response(length: int) -> bytes:
    """GET RESPONSE for the ``xx`` of a ``61xx``: ``00 C0 00 00 xx``."""
    return bytes([0x00, INS_GET_RESPONSE, 0x00, 0x00, length & 0xFF])


def with_le(apdu: bytes, le: int) -> bytes:
    """The same case-2 command with another Le (the answer to ``6Cxx``)."""
    if len(apdu) != 5:
        raise ValueError("only a 5-byte command (header + Le) can be resent with a new Le")
    return apdu[:4] + bytes([le & 0xFF])


# -- status words -----------------------------------------------------------------------------
SW_OK = 0x9000
SW_MESSAGES: dict[int, tuple[str, str]] = {
    0x6281: ("返回数据可能有误", "part of returned data may be corrupted"),
    0x6282: ("记录结束", "end of record reached before Le bytes"),
    0x6700: ("长度错误", "wrong length"),
    0x6981: ("命令与文件结构不相容", "command incompatible with file structure"),
    0x6982: ("安全状态不满足（需要密码）", "security status not satisfied (PIN needed)"),
    0x6983: ("认证方法锁定", "authentication method blocked"),
    0x6985: ("使用条件不满足", "conditions of use not satisfied"),
    0x6986: ("不允许的命令（无当前文件）", "command not allowed (no current EF)"),
    0x6A80: ("数据域参数错误", "incorrect data field"),
    0x6A81: ("功能不支持", "function not supported"),
    0x6A82: ("文件未找到", "file not found"),
    0x6A83: ("记录未找到", "record not found"),
    0x6A86: ("参数P1P2错误", "incorrect parameters P1-P2"),
    0x6A87: ("Lc与P1P2不一致", "Lc inconsistent with P1-P2"),
    0x6B00: ("参数错误", "wrong parameters P1-P2"),
    0x6D00: ("指令不支持", "instruction not supported"),
    0x6E00: ("类不支持", "class not supported"),
    0x6F00: ("卡片内部错误", "no precise diagnosis"),
}


class ProtocolError(Exception):
    """Base of the codec's errors."""


class StatusError(ProtocolError):
    """The card answered a status word other than 9000 (and other than 61xx/6Cxx)."""

    def __init__(self, sw: int) -> None:
        self.sw = sw
        self.zh, self.en = SW_MESSAGES.get(sw, ("未知状态", "unknown status"))
        super().__init__(f"SW={sw:04X} {self.zh} / {self.en}")


class SecurityStatusNotSatisfied(StatusError):
    """69 82: the file needs a PIN first (some 3rd-generation cards guard EF06)."""


class AuthenticationBlocked(StatusError):
    """69 83: the PIN is blocked; only the issuer can unblock it."""


class FileNotFound(StatusError):
    """6A 82: no such file or application (for the application: not a social security card)."""


class RecordNotFound(StatusError):
    """6A 83: no such record (past the last record, or no record with that tag)."""


class NotSupported(StatusError):
    """The card does not do this: 6A81, 6D00, 6E00; and 6A86/6B00 (P1-P2 it does not
    accept), 6981/6986 (no such addressing mode for this file). The reader then tries
    the other way of addressing the file or record."""


class WrongLength(StatusError):
    """67 00: Lc or Le wrong, without the exact length (that would be 6Cxx)."""


_STATUS_CLASSES: dict[int, type[StatusError]] = {
    0x6982: SecurityStatusNotSatisfied, 0x6983: AuthenticationBlocked,
    0x6A82: FileNotFound, 0x6A83: RecordNotFound, 0x6700: WrongLength,
    0x6A81: NotSupported, 0x6D00: NotSupported, 0x6E00: NotSupported,
    0x6A86: NotSupported, 0x6A87: NotSupported, 0x6B00: NotSupported,
    0x6981: NotSupported, 0x6986: NotSupported,
}


def status_error(sw: int) -> StatusError:
    """The typed error for a status word (unknown words give a plain StatusError)."""
    return _STATUS_CLASSES.get(sw, StatusError)(sw)


@dataclass(frozen=True, repr=False)
class Response:
    """One response APDU: data and SW1 SW2."""

    data: bytes
    sw1: int
    sw2: int

    @classmethod
    def parse(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise ProtocolError(f"response of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), raw[-2], raw[-1])

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2

    @property
    def more_data(self) -> int | None:
        """For ``61xx``: the bytes waiting for GET RESPONSE (xx 00 means 256)."""
        return (self.sw2 or 256) if self.sw1 == 0x61 else None

    @property
    def exact_le(self) -> int | None:
        """For ``6Cxx``: the Le to resend the command with."""
        return self.sw2 if self.sw1 == 0x6C else None

    def check(self) -> bytes:
        """The data when SW is 9000; the typed StatusError otherwise."""
        if self.sw != SW_OK:
            raise status_error(self.sw)
        return self.data

    def __repr__(self) -> str:
        # Data can be a citizen's record: never in a repr.
        return f"Response(sw={self.sw:04X}, data={len(self.data)} bytes)"


# -- records ----------------------------------------------------------------------------------
class CardDataError(ProtocolError):
    """A record or field cannot be decoded. Never holds card data."""


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes]]:
    """The ``tag len value`` items of ``data`` (1-byte tag, 1-byte length). Padding after
    the last item (00 or FF, as cards fill fixed-size records) ends the walk."""
    i = 0
    while i < len(data):
        tag = data[i]
        if tag in (0x00, 0xFF):
            return
        if i + 2 > len(data):
            raise CardDataError(f"TLV at offset {i}: no length byte")
        length = data[i + 1]
        value = data[i + 2:i + 2 + length]
        if len(value) != length:
            raise CardDataError(f"TLV tag {tag:02X}: {length} bytes announced, {len(value)} there")
        yield tag, bytes(value)
        i += 2 + length


def parse_record(data: bytes) -> tuple[int, bytes]:
    """The one ``tag len value`` item a record holds."""
    items = list(iter_tlv(data))
    if not items:
        raise CardDataError("empty record")
    return items[0]


def encode_tlv(tag: int, value: bytes) -> bytes:
    if not 1 <= tag <= 0xFE or len(value) > 0xFF:
        raise ValueError("tag 1..254 and at most 255 value bytes")
    return bytes([tag, len(value)]) + value


@dataclass(frozen=True)
class Field:
    """One data element: where it lives, its tag and its value length (hardware.md §2)."""

    name: str
    ef: int
    tag: int
    length: int

    @property
    def le(self) -> int:
        """Le for reading it by tag: value length + 2 (tag and length bytes)."""
        return self.length + 2


EF05_FIELDS = (
    Field("card_id_code", EF05, 0x01, 16), Field("card_type", EF05, 0x02, 1),
    Field("spec_version", EF05, 0x03, 4), Field("issuer", EF05, 0x04, 12),
    Field("issued_on", EF05, 0x05, 4), Field("expires_on", EF05, 0x06, 4),
    Field("card_number", EF05, 0x07, 9),
)
EF06_FIELDS = (
    Field("ss_number", EF06, 0x08, 18), Field("name", EF06, 0x09, 30),
    Field("gender", EF06, 0x0A, 1), Field("nation", EF06, 0x0B, 1),
    Field("birthplace", EF06, 0x0C, 3), Field("birth_date", EF06, 0x0D, 4),
)
FIELDS = {f.name: f for f in EF05_FIELDS + EF06_FIELDS}
OPTIONAL_FIELDS = frozenset({"birthplace"})   # not kept by every card; not in the JSON


# -- field codecs -----------------------------------------------------------------------------
def decode_bcd(value: bytes) -> str:
    """Packed BCD to digits; trailing F nibbles (padding) are dropped."""
    digits = value.hex().upper().rstrip("F")
    if not digits.isdigit() and digits:
        raise CardDataError("BCD field holds a non-digit nibble")
    return digits


def encode_bcd(digits: str, size: int) -> bytes:
    """Digits to packed BCD of ``size`` bytes, padded with F nibbles."""
    if not digits.isascii() or not digits.isdigit() or len(digits) > 2 * size:
        raise ValueError(f"{digits!r} does not fit {size} BCD bytes")
    return bytes.fromhex(digits.ljust(2 * size, "F"))


def decode_bcd_date(value: bytes, name: str) -> dt.date | None:
    """YYYYMMDD in 4 BCD bytes. All zeros or all FF: no date (e.g. a card without expiry)."""
    if value in (bytes(4), b"\xff" * 4):
        return None
    digits = value.hex()
    if len(value) == 4 and digits.isdigit():
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            pass
    raise CardDataError(f"field {name} is not a BCD YYYYMMDD date")


def encode_bcd_date(value: dt.date | None) -> bytes:
    return bytes(4) if value is None else bytes.fromhex(f"{value:%Y%m%d}")


def _ascii(value: bytes, name: str) -> str:
    text = value.rstrip(b"\x00\xff ").decode("ascii", errors="replace")
    if "\ufffd" in text or not text.isprintable():
        raise CardDataError(f"field {name} is not printable ASCII")
    return text


def decode_name(value: bytes) -> str:
    """GBK, padded with 00 (some cards pad with spaces). GB 18030 decodes every GBK name
    and the rarer characters some names need."""
    try:
        return value.rstrip(b"\x00\xff").decode("gb18030").strip()
    except UnicodeDecodeError:
        raise CardDataError("field name is not GBK text") from None


def _ascii_or_hex(value: bytes, name: str) -> str:
    # Card type and issuing institution code: ASCII on the cards we know of; shown as hex
    # otherwise rather than refusing the card for a field no service depends on.
    try:
        return _ascii(value, name)
    except CardDataError:
        return value.hex().upper()


# -- the card ---------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, repr=False)
class SsCard:
    """One social security card as read. ``card_id_code`` is the 16-byte binary card
    identification code (its first 3 bytes, BCD, are the issuing region); ``gender`` is the
    GB/T 2261.1 code ("1" male, "2" female), ``nation`` the 2-digit GB 3304 code,
    ``birthplace`` the BCD region code (None when the card has none)."""

    card_id_code: bytes
    card_type: str
    spec_version: str
    issuer: str
    issued_on: dt.date
    expires_on: dt.date | None
    card_number: str
    ss_number: str
    name: str
    gender: str
    nation: str
    birthplace: str | None = None
    birth_date: dt.date

    @property
    def region(self) -> str:
        """The issuing region code (e.g. ``440100``): the card identification code's first
        3 bytes."""
        return self.card_id_code[:3].hex().upper()

    @property
    def ss_number_valid(self) -> bool:
        """The social security number is the citizen ID number: GB 11643 check."""
        return is_valid_id_number(self.ss_number)

    @property
    def masked_ss_number(self) -> str:
        return mask_id_number(self.ss_number)

    @property
    def gender_text(self) -> str:
        return GENDERS.get(self.gender, "未知")

    @property
    def nation_text(self) -> str | None:
        return NATIONS.get(self.nation)

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys of the ``kiosk diag sscard --json`` contract, full social
        security number and name included: only for callers entitled to them."""
        return {
            "card_number": self.card_number,
            "card_id_code": self.card_id_code.hex().upper(),
            "card_type": self.card_type,
            "spec_version": self.spec_version,
            "issuer": self.issuer,
            "issued_on": self.issued_on.isoformat(),
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "ss_number": self.ss_number,
            "name": self.name,
            "gender": self.gender,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
        }

    def __repr__(self) -> str:
        # Masked number, no name, no card number: a card in a log line leaks nothing.
        return (f"SsCard(ss_number={self.masked_ss_number!r}, "
                f"spec_version={self.spec_version!r}, region={self.region!r})")


def decode_card(values: dict[str, bytes]) -> SsCard:
    """The card from the field values (by :data:`FIELDS` name, tag and length removed).
    Raises CardDataError when a field is missing or malformed."""
    missing = [n for n in FIELDS if n not in values and n not in OPTIONAL_FIELDS]
    if missing:
        raise CardDataError(f"fields missing: {', '.join(missing)}")
    for name, value in values.items():
        if name in FIELDS and len(value) != FIELDS[name].length:
            raise CardDataError(f"field {name} is {len(value)} bytes, expected "
                                f"{FIELDS[name].length}")
    issued_on = decode_bcd_date(values["issued_on"], "issued_on")
    birth_date = decode_bcd_date(values["birth_date"], "birth_date")
    if issued_on is None or birth_date is None:
        raise CardDataError("issue date or birth date is blank")
    nation = decode_bcd(values["nation"])
    birthplace = values.get("birthplace")
    return SsCard(
        card_id_code=values["card_id_code"],
        card_type=_ascii_or_hex(values["card_type"], "card_type"),
        spec_version=_ascii(values["spec_version"], "spec_version"),
        issuer=_ascii_or_hex(values["issuer"], "issuer"),
        issued_on=issued_on,
        expires_on=decode_bcd_date(values["expires_on"], "expires_on"),
        card_number=_ascii(values["card_number"], "card_number"),
        ss_number=_ascii(values["ss_number"], "ss_number"),
        name=decode_name(values["name"]),
        gender=_ascii(values["gender"], "gender"),
        nation=nation.zfill(2) if nation else "",
        birthplace=(decode_bcd(birthplace) or None) if birthplace is not None else None,
        birth_date=birth_date,
    )


def encode_card(card: SsCard) -> dict[str, bytes]:
    """The field values a card carries (what the simulator serves). Raises ValueError when
    a value does not fit its field."""
    name = card.name.encode("gbk")
    values = {
        "card_id_code": card.card_id_code,
        "card_type": card.card_type.encode("ascii"),
        "spec_version": card.spec_version.encode("ascii"),
        "issuer": card.issuer.encode("ascii"),
        "issued_on": encode_bcd_date(card.issued_on),
        "expires_on": encode_bcd_date(card.expires_on),
        "card_number": card.card_number.encode("ascii"),
        "ss_number": card.ss_number.encode("ascii"),
        "name": name + bytes(FIELDS["name"].length - len(name)),
        "gender": card.gender.encode("ascii"),
        "nation": encode_bcd(card.nation, 1),
        "birth_date": encode_bcd_date(card.birth_date),
    }
    if card.birthplace is not None:
        values["birthplace"] = encode_bcd(card.birthplace, FIELDS["birthplace"].length)
    for key, value in values.items():
        if len(value) != FIELDS[key].length:
            raise ValueError(f"{key} is {len(value)} bytes, the card field holds "
                             f"{FIELDS[key].length}")
    return values
