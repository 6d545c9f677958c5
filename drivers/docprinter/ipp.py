"""IPP messages as bytes (RFC 8010 "IPP/1.1: Encoding and Transport"): a pure codec, no I/O.

A message is ``version (2 bytes) | operation-id or status-code (2) | request-id (4)``, then
attribute groups, each a delimiter tag followed by attributes, then the end-of-attributes
tag (0x03) and the document data, if any (RFC 8010 §3.1). One attribute is
``value-tag (1) | name-length (2) | name | value-length (2) | value``; each further value
of the same attribute repeats the value tag with a name-length of 0 (§3.1.5). Collections
(§3.1.6) are ``begCollection``, then for each member a ``memberAttrName`` carrying the
member's name followed by its value(s), then ``endCollection``.

Only what the CUPS client needs is typed: integers, enums, booleans, strings (UTF-8),
ranges, resolutions, dates, collections; any other value is kept as raw bytes.
"""
from __future__ import annotations

import enum
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any


class Tag(enum.IntEnum):
    """Delimiter and value tags (RFC 8010 §3.5)."""

    OPERATION = 0x01
    JOB = 0x02
    END = 0x03
    PRINTER = 0x04
    UNSUPPORTED_GROUP = 0x05
    # out-of-band values: no value bytes
    UNSUPPORTED = 0x10
    UNKNOWN = 0x12
    NO_VALUE = 0x13
    INTEGER = 0x21
    BOOLEAN = 0x22
    ENUM = 0x23
    OCTET_STRING = 0x30
    DATE_TIME = 0x31
    RESOLUTION = 0x32
    RANGE = 0x33
    BEGIN_COLLECTION = 0x34
    TEXT_WITH_LANGUAGE = 0x35
    NAME_WITH_LANGUAGE = 0x36
    END_COLLECTION = 0x37
    TEXT = 0x41
    NAME = 0x42
    KEYWORD = 0x44
    URI = 0x45
    URI_SCHEME = 0x46
    CHARSET = 0x47
    LANGUAGE = 0x48
    MIME_TYPE = 0x49
    MEMBER_NAME = 0x4A


class Op(enum.IntEnum):
    """Operation ids (RFC 8011 §5.2.2; CUPS extensions from CUPS' ipp.h)."""

    PRINT_JOB = 0x0002
    CANCEL_JOB = 0x0008
    GET_JOB_ATTRIBUTES = 0x0009
    GET_JOBS = 0x000A
    GET_PRINTER_ATTRIBUTES = 0x000B
    CUPS_ADD_MODIFY_PRINTER = 0x4003


class Status(enum.IntEnum):
    """Status codes the client tells apart (RFC 8011 §13.1); above OK_CONFLICTING is an
    error."""

    OK = 0x0000
    OK_IGNORED_OR_SUBSTITUTED = 0x0001
    OK_CONFLICTING = 0x0002
    BAD_REQUEST = 0x0400
    NOT_AUTHORIZED = 0x0403
    NOT_FOUND = 0x0406
    NOT_ACCEPTING_JOBS = 0x0506


#: Value tags whose value is a string (RFC 8010 §3.9: UTF-8 for text and name, US-ASCII
#: for the others, which UTF-8 decodes unchanged).
STRING_TAGS = frozenset({Tag.TEXT, Tag.NAME, Tag.KEYWORD, Tag.URI, Tag.URI_SCHEME,
                         Tag.CHARSET, Tag.LANGUAGE, Tag.MIME_TYPE, Tag.MEMBER_NAME})


class IppDecodeError(ValueError):
    """The bytes are not a well-formed IPP message."""


@dataclass(frozen=True)
class Attribute:
    """One attribute: its name, the value tag of its first value and all its values."""

    name: str
    tag: int
    values: tuple[Any, ...]

    @property
    def value(self) -> Any:
        return self.values[0] if self.values else None


@dataclass(frozen=True)
class Group:
    """One attribute group (operation, job, printer, unsupported...) in message order."""

    tag: int
    attributes: tuple[Attribute, ...]

    def get(self, name: str, default: Any = None) -> Any:
        """The first value of ``name`` (``default`` when absent)."""
        for attr in self.attributes:
            if attr.name == name:
                return attr.value
        return default

    def values(self, name: str) -> tuple[Any, ...]:
        for attr in self.attributes:
            if attr.name == name:
                return attr.values
        return ()

    def __contains__(self, name: str) -> bool:
        return any(attr.name == name for attr in self.attributes)


@dataclass(frozen=True)
class Message:
    """A decoded request or response. ``code`` is the operation id of a request or the
    status code of a response."""

    version: tuple[int, int]
    code: int
    request_id: int
    groups: tuple[Group, ...]
    data: bytes = field(default=b"", repr=False)

    def group(self, tag: int) -> Group | None:
        """The first group with ``tag`` (None when there is none)."""
        return next((g for g in self.groups if g.tag == tag), None)


# -- encoding ---------------------------------------------------------------------------------
AttrSpec = tuple[int, str, Any]  # (value tag, name, value or list of values)


def encode(code: int, request_id: int, groups: Iterable[tuple[int, Iterable[AttrSpec]]],
           data: bytes = b"", version: tuple[int, int] = (2, 0)) -> bytes:
    """Encode a message. ``groups`` are ``(group tag, [(value tag, name, value), ...])``;
    a list or tuple value encodes as one attribute with several values (for ranges and
    resolutions, which are tuples themselves, only a list does)."""
    out = bytearray(struct.pack(">BBhi", version[0], version[1], code, request_id))
    for group_tag, attributes in groups:
        out.append(group_tag)
        for tag, name, value in attributes:
            # A range or resolution is itself a tuple: several of them come as a list.
            many = (list,) if tag in (Tag.RANGE, Tag.RESOLUTION) else (list, tuple)
            values = value if isinstance(value, many) else [value]
            for i, one in enumerate(values):
                out += _encode_attribute(tag, name if i == 0 else "", one)
    out.append(Tag.END)
    return bytes(out) + data


def _encode_attribute(tag: int, name: str, value: Any) -> bytes:
    raw_name = name.encode("utf-8")
    raw = _encode_value(tag, value)
    return struct.pack(">BH", tag, len(raw_name)) + raw_name + struct.pack(">H", len(raw)) + raw


def _encode_value(tag: int, value: Any) -> bytes:
    if Tag.UNSUPPORTED <= tag <= 0x1F:
        return b""
    if tag in (Tag.INTEGER, Tag.ENUM):
        return struct.pack(">i", int(value))
    if tag == Tag.BOOLEAN:
        return b"\x01" if value else b"\x00"
    if tag == Tag.RANGE:
        return struct.pack(">ii", *value)
    if tag == Tag.RESOLUTION:
        return struct.pack(">iib", *value)
    if tag in STRING_TAGS:
        return str(value).encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"cannot encode {value!r} with value tag 0x{tag:02x}")


# -- decoding ---------------------------------------------------------------------------------
def decode(data: bytes) -> Message:
    """Decode a whole message; raises :class:`IppDecodeError` when it is malformed."""
    reader = _Reader(data)
    major, minor, code, request_id = struct.unpack(">BBhi", reader.take(8))
    groups: list[Group] = []
    group_tag: int | None = None
    attrs: list[Attribute] = []

    def flush_group() -> None:
        if group_tag is not None:
            groups.append(Group(group_tag, tuple(attrs)))

    while True:
        tag = reader.byte()
        if tag <= 0x0F:  # a delimiter: a new group or the end
            flush_group()
            if tag == Tag.END:
                return Message((major, minor), code & 0xFFFF, request_id, tuple(groups),
                               reader.rest())
            group_tag, attrs = tag, []
            continue
        if group_tag is None:
            raise IppDecodeError("attribute before the first group tag")
        name, value = _read_attribute(reader, tag)
        if name:
            attrs.append(Attribute(name, tag, (value,)))
        elif attrs:  # an additional value of the previous attribute
            last = attrs[-1]
            attrs[-1] = Attribute(last.name, last.tag, (*last.values, value))
        else:
            raise IppDecodeError("additional value without an attribute")


def _read_attribute(reader: _Reader, tag: int) -> tuple[str, Any]:
    name = reader.take(reader.short()).decode("utf-8", "replace")
    raw = reader.take(reader.short())
    if tag == Tag.BEGIN_COLLECTION:
        return name, _read_collection(reader)
    return name, _decode_value(tag, raw)


def _read_collection(reader: _Reader) -> dict[str, Any]:
    """Members up to the matching endCollection (RFC 8010 §3.1.6)."""
    members: dict[str, Any] = {}
    member: str | None = None
    while True:
        tag = reader.byte()
        _, value = _read_attribute(reader, tag)
        if tag == Tag.END_COLLECTION:
            return members
        if tag == Tag.MEMBER_NAME:
            member = value
            continue
        if member is None:
            raise IppDecodeError("collection value without a member name")
        if member in members:  # a further value of a multi-valued member
            previous = members[member]
            members[member] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            members[member] = value


def _decode_value(tag: int, raw: bytes) -> Any:
    try:
        if Tag.UNSUPPORTED <= tag <= 0x1F:
            return None
        if tag in (Tag.INTEGER, Tag.ENUM):
            return struct.unpack(">i", raw)[0]
        if tag == Tag.BOOLEAN:
            return raw != b"\x00"
        if tag == Tag.RANGE:
            return struct.unpack(">ii", raw)
        if tag == Tag.RESOLUTION:
            return struct.unpack(">iib", raw)
        if tag == Tag.DATE_TIME:
            return _decode_date(raw)
        if tag in (Tag.TEXT_WITH_LANGUAGE, Tag.NAME_WITH_LANGUAGE):
            lang_len = struct.unpack(">H", raw[:2])[0]
            text_len = struct.unpack(">H", raw[2 + lang_len:4 + lang_len])[0]
            return raw[4 + lang_len:4 + lang_len + text_len].decode("utf-8", "replace")
    except struct.error as exc:
        raise IppDecodeError(f"bad value for tag 0x{tag:02x}: {raw!r}") from exc
    if tag in STRING_TAGS:
        return raw.decode("utf-8", "replace")
    return raw


def _decode_date(raw: bytes) -> datetime:
    """RFC 2579 DateAndTime, as IPP uses it (RFC 8010 §3.9): 11 octets."""
    year, month, day, hour, minute, second, deci, sign, off_h, off_m = struct.unpack(
        ">HBBBBBBcBB", raw)
    offset = timedelta(hours=off_h, minutes=off_m) * (-1 if sign == b"-" else 1)
    return datetime(year, month, day, hour, minute, second, deci * 100_000,
                    tzinfo=timezone(offset))


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def take(self, n: int) -> bytes:
        end = self._pos + n
        if end > len(self._data):
            raise IppDecodeError(f"message truncated at byte {self._pos} (wanted {n} more)")
        chunk = bytes(self._data[self._pos:end])
        self._pos = end
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def short(self) -> int:
        return struct.unpack(">H", self.take(2))[0]

    def rest(self) -> bytes:
        return bytes(self._data[self._pos:])

