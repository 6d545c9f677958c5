"""Wire codec of the resident ID card SAM reader (hardware.md §1). Pure: no I/O.

Frame: ``AA AA AA 96 69 | LEN_hi LEN_lo | body | CHK``; LEN counts the body plus CHK, CHK
is the XOR of LEN_hi .. last body byte. Host bodies are ``CMD PARA``; reader bodies are
``SW1 SW2 SW3 data``. :class:`FrameDecoder` splits a byte stream into bodies, skipping
noise and resynchronising after a damaged frame. Status words other than the expected
success map to typed :class:`SamStatusError` subclasses carrying Chinese and English text.

The card itself (``IdCard``, the text block, code tables, GB 11643) lives in
:mod:`drivers.idcard.card`; the names the read response decodes to are re-exported here.
"""
from __future__ import annotations

import enum
import struct
from dataclasses import dataclass
from functools import reduce
from operator import xor

from .card import TEXT_BLOCK_LEN, CardDataError, IdCard, UnsupportedCardError, decode_text_block

__all__ = [  # noqa: RUF022  (grouped by topic, in the order the module reads)
    # framing
    "PREAMBLE", "HEADER_LEN", "REQUEST_LEN", "MIN_RESPONSE_LEN", "MAX_RESPONSE_LEN",
    "checksum", "encode_frame", "encode_request", "encode_response", "Response",
    "FrameDecoder",
    # commands
    "Command", "SET_BAUD", "BAUD_CODES", "set_baud_request",
    # status words and errors
    "SW_OK", "SW_NO_CONTENT", "SW_FOUND", "SW_BAD_CHECKSUM", "SW_BAD_COMMAND",
    "SW_READ_FAILED", "SW_SELF_TEST_FAILED", "SW_NO_CARD", "SW_SELECT_FAILED",
    "SW3_MESSAGES", "REQUEST_REJECTED_SW3", "status_error", "ProtocolError", "ChecksumError",
    "SamStatusError", "RequestRejected", "SamFault", "CardAuthFailed", "CardReadFailed", "NoCard",
    "SelectFailed", "NoContent",
    # command data
    "PHOTO_LEN", "FINGERPRINT_LEN", "ADDRESS_LEN", "decode_sam_id", "encode_card_data",
    "decode_card_data", "decode_card", "encode_address", "decode_address",
    # from .card: what a read decodes to
    "IdCard", "CardDataError", "UnsupportedCardError",
]

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = len(PREAMBLE) + 2          # preamble + LEN
REQUEST_LEN = 3                         # CMD PARA CHK
MIN_RESPONSE_LEN = 4                    # SW1 SW2 SW3 CHK
PHOTO_LEN = 1024
FINGERPRINT_LEN = 1024
ADDRESS_LEN = 70
# Largest reader frame in hardware.md: text+photo+fingerprint, LEN 0x090A (2321 bytes on the
# wire). A LEN above it is noise that happened to follow a preamble.
MAX_RESPONSE_LEN = 3 + 6 + TEXT_BLOCK_LEN + PHOTO_LEN + FINGERPRINT_LEN + 1

SW_OK = 0x90
SW_NO_CONTENT = 0x91
SW_FOUND = 0x9F
SW_BAD_CHECKSUM = 0x10
SW_BAD_COMMAND = 0x21
SW_READ_FAILED = 0x41
SW_SELF_TEST_FAILED = 0x60
SW_NO_CARD = 0x80
SW_SELECT_FAILED = 0x81


def checksum(data: bytes | bytearray) -> int:
    """XOR of ``data`` (LEN_hi .. last body byte)."""
    return reduce(xor, data, 0)


def encode_frame(body: bytes) -> bytes:
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def encode_request(cmd: int, para: int) -> bytes:
    return encode_frame(bytes([cmd, para]))


class Command(enum.Enum):
    """The host commands of hardware.md §1 as ``(CMD, PARA)``; set baud is separate
    because its parameter varies (:func:`set_baud_request`)."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND = (0x20, 0x01)
    SELECT = (0x20, 0x02)
    READ = (0x30, 0x01)
    READ_ADDRESS = (0x30, 0x03)
    READ_WITH_FINGERPRINT = (0x30, 0x10)

    @property
    def frame(self) -> bytes:
        return encode_request(*self.value)

    @property
    def max_reply(self) -> int:
        """Bytes on the wire of the longest successful reply (for timeouts)."""
        return HEADER_LEN + 3 + _REPLY_DATA.get(self, 0) + 1   # + SW1 SW2 SW3, CHK

    def fits(self, response: Response) -> bool:
        """Whether ``response`` can answer this command: failures carry no data, successes
        the data size of hardware.md. One that cannot is the late answer to an earlier
        request (a slow SAM finishing a read after the host gave up on it)."""
        n = len(response.data)
        if n == 0:
            return True
        if self in (Command.READ, Command.READ_WITH_FINGERPRINT):
            return n >= 4 + TEXT_BLOCK_LEN     # length fields + text, then photo (+ fingers)
        return n == _REPLY_DATA.get(self, 0)


_REPLY_DATA = {
    Command.SAM_ID: 16, Command.FIND: 4, Command.SELECT: 8,
    Command.READ: 4 + TEXT_BLOCK_LEN + PHOTO_LEN,
    Command.READ_WITH_FINGERPRINT: 6 + TEXT_BLOCK_LEN + PHOTO_LEN + FINGERPRINT_LEN,
    Command.READ_ADDRESS: ADDRESS_LEN,
}

SET_BAUD = 0x60
BAUD_CODES = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}


def set_baud_request(baud: int) -> bytes:
    """Ask the reader to switch to ``baud`` (one of :data:`BAUD_CODES`)."""
    if baud not in BAUD_CODES:
        raise ValueError(f"the reader supports {sorted(BAUD_CODES)} baud, not {baud}")
    return encode_request(SET_BAUD, BAUD_CODES[baud])


def encode_response(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    return encode_frame(bytes([sw1, sw2, sw3]) + data)


# -- status words ----------------------------------------------------------------------
SW3_MESSAGES: dict[int, tuple[str, str]] = {
    0x90: ("操作成功", "OK"),
    0x91: ("没有内容", "no content"),
    0x9F: ("找卡成功", "card found"),
    0x10: ("读卡器收到的数据校验和错", "reader received a request with a bad checksum"),
    0x11: ("读卡器收到的数据长度错", "reader received a request with a bad length"),
    0x21: ("读卡器收到的命令错误", "reader received a bad command"),
    0x23: ("越权操作", "unauthorized operation"),
    0x24: ("无法识别的错误", "unknown error"),
    0x31: ("卡认证机具失败", "the card rejected the SAM"),
    0x32: ("机具认证卡失败", "the SAM rejected the card"),
    0x33: ("信息验证错误", "verification error"),
    0x40: ("无法识别的卡类型", "unknown card type"),
    0x41: ("读卡操作失败", "card read failed"),
    0x47: ("取随机数失败", "random number failed"),
    0x60: ("SAM自检失败", "SAM self-test failed"),
    0x66: ("SAM未经授权", "SAM not authorized"),
    0x80: ("找卡失败（无卡）", "no card found"),
    0x81: ("选卡失败", "card select failed"),
}


class ProtocolError(Exception):
    """Base of the codec's errors."""


class ChecksumError(ProtocolError):
    """A frame arrived complete but its CHK does not match: resend the request."""


class SamStatusError(ProtocolError):
    """The reader answered with a status other than the one expected."""

    def __init__(self, sw3: int) -> None:
        self.sw3 = sw3
        self.zh, self.en = SW3_MESSAGES.get(sw3, ("未知状态", "unknown status"))
        super().__init__(f"SW3={sw3:02X} {self.zh} / {self.en}")


class RequestRejected(SamStatusError):
    """10, 11, 21: our request reached the reader damaged (line noise): resend it."""


class SamFault(SamStatusError):
    """23, 24, 60, 66: the SAM module itself fails or is not authorized."""


class CardAuthFailed(SamStatusError):
    """31, 32, 33, 47: card and SAM failed mutual authentication (damaged or fake card)."""


class CardReadFailed(SamStatusError):
    """40, 41: unknown card type or the read failed (often: card moved away)."""


class NoCard(SamStatusError):
    """80: no card on the reader. A normal answer to FIND."""


class SelectFailed(SamStatusError):
    """81: the card found could not be selected (usually: it left the field)."""


class NoContent(SamStatusError):
    """91: nothing to return (e.g. no latest address on the card)."""


_STATUS_CLASSES: dict[int, type[SamStatusError]] = {
    0x10: RequestRejected, 0x11: RequestRejected, 0x21: RequestRejected,
    0x23: SamFault, 0x24: SamFault, 0x60: SamFault, 0x66: SamFault,
    0x31: CardAuthFailed, 0x32: CardAuthFailed, 0x33: CardAuthFailed, 0x47: CardAuthFailed,
    0x40: CardReadFailed, 0x41: CardReadFailed,
    0x80: NoCard, 0x81: SelectFailed, 0x91: NoContent,
}


# Status words saying our request reached the reader damaged: resend it.
REQUEST_REJECTED_SW3 = frozenset(
    sw for sw, cls in _STATUS_CLASSES.items() if cls is RequestRejected)


def status_error(sw3: int) -> SamStatusError:
    """The typed error for an unexpected SW3 (unknown codes give a plain SamStatusError)."""
    return _STATUS_CLASSES.get(sw3, SamStatusError)(sw3)


@dataclass(frozen=True)
class Response:
    """One reader answer: status words and data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_body(cls, body: bytes) -> Response:
        if len(body) < 3:
            raise ProtocolError(f"response body of {len(body)} bytes has no status words")
        return cls(body[0], body[1], body[2], bytes(body[3:]))

    def check(self, success: int = SW_OK) -> Response:
        """Return self when SW3 is ``success``; raise the typed error otherwise."""
        if self.sw3 != success:
            raise status_error(self.sw3)
        return self

    def __repr__(self) -> str:
        # Data can be a card's text block: never put it in a repr.
        return f"Response(sw3={self.sw3:02X}, data={len(self.data)} bytes)"


# -- stream splitting ------------------------------------------------------------------
class FrameDecoder:
    """Splits a byte stream into frame bodies (bytes between LEN and CHK).

    Feed bytes as they arrive (any chunking), then call :meth:`next_frame` until it returns
    None. Bytes before a preamble are discarded (counted in ``discarded``); a header whose
    LEN is out of range is taken for noise. A complete frame with a bad CHK raises
    :class:`ChecksumError` after dropping its first byte, so the next call resumes the
    search right behind it: a false preamble inside noise cannot hide a real frame.
    """

    def __init__(self, *, min_len: int = MIN_RESPONSE_LEN,
                 max_len: int = MAX_RESPONSE_LEN) -> None:
        self._buf = bytearray()
        self._min_len = min_len
        self._max_len = max_len
        self.discarded = 0

    def feed(self, data: bytes) -> None:
        self._buf += data

    def clear(self) -> None:
        self._buf.clear()

    def next_frame(self) -> bytes | None:
        buf = self._buf
        while True:
            start = buf.find(PREAMBLE)
            if start < 0:
                self._drop(len(buf) - _preamble_prefix_len(buf))
                return None
            self._drop(start)
            if len(buf) < HEADER_LEN:
                return None
            length = (buf[5] << 8) | buf[6]
            if not self._min_len <= length <= self._max_len:
                self._drop(1)
                continue
            end = HEADER_LEN + length
            if len(buf) < end:
                return None
            if checksum(buf[5:end - 1]) != buf[end - 1]:
                self._drop(1)
                raise ChecksumError(f"bad checksum on a {end}-byte frame")
            body = bytes(buf[HEADER_LEN:end - 1])
            del buf[:end]
            return body

    def wanted(self) -> int:
        """Bytes still needed to complete the frame in progress (at least 1), valid after
        :meth:`next_frame` returned None: lets a transport read a frame in one call."""
        buf = self._buf
        if len(buf) >= HEADER_LEN:
            length = (buf[5] << 8) | buf[6]
            return max(1, HEADER_LEN + length - len(buf))
        return HEADER_LEN - len(buf)

    def _drop(self, n: int) -> None:
        if n > 0:
            del self._buf[:n]
            self.discarded += n


def _preamble_prefix_len(buf: bytearray) -> int:
    """Length of the longest tail of ``buf`` that could start a preamble."""
    for n in range(min(len(buf), len(PREAMBLE) - 1), 0, -1):
        if buf.endswith(PREAMBLE[:n]):
            return n
    return 0


# -- data of the individual commands ---------------------------------------------------
def decode_sam_id(data: bytes) -> str:
    """The SAM id as vendor tools print it, ``05.01-20101010-000012345-000067890``
    (layout of HslCommunication ``SAMSerial.ExtractSafeModuleNumber``, hardware.md sources)."""
    if len(data) < 16:
        raise ProtocolError(f"SAM id needs 16 bytes, got {len(data)}")
    a, b, c, d, e = struct.unpack_from("<B x B x I I I", data)
    return f"{a:02d}.{b:02d}-{c}-{d:09d}-{e:09d}"


def encode_card_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """Data of a read response: big-endian lengths of text, photo (and fingerprint when
    ``fingerprint`` is not None, as for READ_WITH_FINGERPRINT), then the blocks."""
    lengths = [len(text), len(photo)] + ([] if fingerprint is None else [len(fingerprint)])
    blocks = [text, photo] + ([] if fingerprint is None else [fingerprint])
    return b"".join(n.to_bytes(2, "big") for n in lengths) + b"".join(blocks)


def decode_card_data(data: bytes, *, fingerprint: bool) -> tuple[bytes, bytes, bytes | None]:
    """Split read-response data into (text, photo, fingerprint or None); the fingerprint
    length field is present only in answers to READ_WITH_FINGERPRINT."""
    count = 3 if fingerprint else 2
    if len(data) < 2 * count:
        raise CardDataError("read data too short for its length fields")
    lengths = [int.from_bytes(data[2 * i:2 * i + 2], "big") for i in range(count)]
    if 2 * count + sum(lengths) != len(data):
        raise CardDataError("read data lengths do not add up")
    blocks, pos = [], 2 * count
    for n in lengths:
        blocks.append(data[pos:pos + n])
        pos += n
    return blocks[0], blocks[1], (blocks[2] if fingerprint else None)


def decode_card(data: bytes, *, fingerprint: bool = False) -> IdCard:
    """Decode the data of a successful READ / READ_WITH_FINGERPRINT into an IdCard."""
    text, photo, finger = decode_card_data(data, fingerprint=fingerprint)
    return decode_text_block(text, photo, finger)


def encode_address(address: str) -> bytes:
    data = address.encode("utf-16-le")
    if len(data) > ADDRESS_LEN:
        raise ValueError(f"address does not fit in {ADDRESS_LEN} bytes")
    return data + " ".encode("utf-16-le") * ((ADDRESS_LEN - len(data)) // 2)


def decode_address(data: bytes) -> str:
    """The 70-byte UCS-2LE latest address (READ_ADDRESS)."""
    return data[:ADDRESS_LEN].decode("utf-16-le", errors="replace").strip(" \x00")
