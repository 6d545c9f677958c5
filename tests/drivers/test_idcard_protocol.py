"""The ID card codec against the fixed byte vectors of hardware.md §1, plus properties.

The text blocks below are assembled field by field from the offsets in hardware.md, not
with the codec's own layout tables, so a wrong offset in the codec fails here.
"""
import dataclasses
import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard import protocol as p
from drivers.idcard.card import (
    GENDERS,
    NATIONS,
    IdCard,
    UnsupportedCardError,
    decode_text_block,
    encode_text_block,
    gb11643_check_digit,
    is_valid_id_number,
    mask_id_number,
)

pytestmark = pytest.mark.timeout(60)


def hx(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", ""))


def xor_all(data: bytes) -> int:
    out = 0
    for b in data:
        out ^= b
    return out


def ucs2(value: str, size: int) -> bytes:
    data = value.encode("utf-16-le")
    assert len(data) <= size
    return data + b" \x00" * ((size - len(data)) // 2)


PHOTO = bytes(range(256)) * 4


def decode_stream(data: bytes, **kw) -> list:
    """Feed ``data`` at once; return bodies and ChecksumError markers in order."""
    dec = p.FrameDecoder(**kw)
    dec.feed(data)
    out = []
    while True:
        try:
            body = dec.next_frame()
        except p.ChecksumError:
            out.append("chk")
            continue
        if body is None:
            return out
        out.append(body)


# -- request frames, byte for byte -------------------------------------------------------
REQUESTS = {
    p.Command.RESET_SAM: "AA AA AA 96 69 00 03 10 FF EC",
    p.Command.SAM_STATUS: "AA AA AA 96 69 00 03 11 FF ED",
    p.Command.SAM_ID: "AA AA AA 96 69 00 03 12 FF EE",
    p.Command.FIND: "AA AA AA 96 69 00 03 20 01 22",
    p.Command.SELECT: "AA AA AA 96 69 00 03 20 02 21",
    p.Command.READ: "AA AA AA 96 69 00 03 30 01 32",
    p.Command.READ_ADDRESS: "AA AA AA 96 69 00 03 30 03 30",
    p.Command.READ_WITH_FINGERPRINT: "AA AA AA 96 69 00 03 30 10 23",
}


@pytest.mark.parametrize("command", list(p.Command), ids=lambda c: c.name)
def test_request_frames_match_hardware_md(command):
    assert command.frame == hx(REQUESTS[command])


@pytest.mark.parametrize("baud, code", [(115200, 0), (57600, 1), (38400, 2), (19200, 3),
                                        (9600, 4)])
def test_set_baud_frames(baud, code):
    frame = p.set_baud_request(baud)
    assert frame[:9] == hx("AA AA AA 96 69 00 03 60") + bytes([code])
    assert frame[9] == 0x00 ^ 0x03 ^ 0x60 ^ code     # CHK rule of hardware.md
    assert p.set_baud_request(115200) == hx("AA AA AA 96 69 00 03 60 00 63")


def test_set_baud_rejects_unsupported_rate():
    with pytest.raises(ValueError):
        p.set_baud_request(4800)


# -- sample responses ------------------------------------------------------------------
FIND_OK = hx("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
NO_CARD = hx("AA AA AA 96 69 00 04 00 00 80 84")
SELECT_OK = hx("AA AA AA 96 69 00 0C 00 00 90") + bytes(8) + hx("9C")


def test_sample_find_ok():
    [body] = decode_stream(FIND_OK)
    resp = p.Response.from_body(body)
    assert (resp.sw1, resp.sw2, resp.sw3, resp.data) == (0, 0, 0x9F, bytes(4))
    assert resp.check(p.SW_FOUND) is resp
    assert p.Command.FIND.fits(resp)
    assert p.encode_response(0x9F, bytes(4)) == FIND_OK


def test_sample_no_card_raises_typed_error():
    [body] = decode_stream(NO_CARD)
    resp = p.Response.from_body(body)
    assert resp.sw3 == 0x80 and resp.data == b""
    with pytest.raises(p.NoCard) as info:
        resp.check(p.SW_FOUND)
    assert info.value.sw3 == 0x80 and info.value.zh and info.value.en
    assert p.encode_response(0x80) == NO_CARD


def test_sample_select_ok():
    assert len(SELECT_OK) == 19
    [body] = decode_stream(SELECT_OK)
    resp = p.Response.from_body(body).check(p.SW_OK)
    assert resp.data == bytes(8)
    assert p.Command.SELECT.fits(resp) and not p.Command.FIND.fits(resp)
    assert p.encode_response(0x90, bytes(8)) == SELECT_OK


# -- text blocks built from the hardware.md tables ---------------------------------------
RESIDENT_TEXT = (ucs2("张小明", 30) + ucs2("2", 2) + ucs2("11", 4) + ucs2("19910101", 16)
                 + ucs2("广东省广州市天河区天河路100号", 70) + ucs2("440106199101010010", 36)
                 + ucs2("广州市公安局天河分局", 30) + ucs2("20160301", 16) + ucs2("长期", 16)
                 + ucs2("", 36))
HMT_TEXT = (ucs2("陈大文", 30) + ucs2("1", 2) + ucs2("", 4) + ucs2("19850601", 16)
            + ucs2("广东省深圳市福田区福华路1号", 70) + ucs2("81000019850601001X", 36)
            + ucs2("深圳市公安局福田分局", 30) + ucs2("20220701", 16) + ucs2("20270701", 16)
            + ucs2("H01234567", 18) + ucs2("", 4) + ucs2("", 6) + ucs2("J", 2) + ucs2("", 6))
FOREIGN_TEXT = (ucs2("SMITH, JOHN WILLIAM", 120) + ucs2("1", 2) + ucs2("USA440085010100", 30)
                + ucs2("USA", 6) + ucs2("史密斯", 30) + ucs2("20200501", 16)
                + ucs2("20300501", 16) + ucs2("19850101", 16) + ucs2("", 4) + ucs2("1500", 8)
                + ucs2("I", 2) + ucs2("", 6))

RESIDENT = IdCard(card_type="resident", name="张小明", gender="2", nation="11",
                  birth_date=dt.date(1991, 1, 1), address="广东省广州市天河区天河路100号",
                  id_number="440106199101010010", issuer="广州市公安局天河分局",
                  valid_from=dt.date(2016, 3, 1), valid_to=None, photo=PHOTO)
HMT = IdCard(card_type="hmt_residence", name="陈大文", gender="1",
             birth_date=dt.date(1985, 6, 1), address="广东省深圳市福田区福华路1号",
             id_number="81000019850601001X", issuer="深圳市公安局福田分局",
             valid_from=dt.date(2022, 7, 1), valid_to=dt.date(2027, 7, 1),
             pass_number="H01234567", photo=PHOTO)
FOREIGN = IdCard(card_type="foreign_permanent", name="史密斯", english_name="SMITH, JOHN WILLIAM",
                 gender="1", birth_date=dt.date(1985, 1, 1), id_number="USA440085010100",
                 issuer="1500", valid_from=dt.date(2020, 5, 1), valid_to=dt.date(2030, 5, 1),
                 nationality="USA", photo=PHOTO)


def test_text_blocks_are_256_bytes():
    assert len(RESIDENT_TEXT) == len(HMT_TEXT) == len(FOREIGN_TEXT) == 256
    assert HMT_TEXT[248:250] == b"J\x00" and FOREIGN_TEXT[248:250] == b"I\x00"


def test_read_response_1295_bytes_layout():
    header = hx("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")
    frame = header + RESIDENT_TEXT + PHOTO
    frame += bytes([xor_all(frame[5:])])
    assert len(frame) == 1295

    [body] = decode_stream(frame)
    resp = p.Response.from_body(body).check()
    assert p.Command.READ.fits(resp)
    card = p.decode_card(resp.data)
    assert card == RESIDENT
    assert card.valid_to is None and card.gender_text == "女" and card.nation_text == "满"
    # The encoders produce the same bytes (the simulator relies on them).
    assert p.encode_response(0x90, p.encode_card_data(RESIDENT_TEXT, PHOTO)) == frame
    assert encode_text_block(RESIDENT) == RESIDENT_TEXT


@pytest.mark.parametrize("finger_len", [1024, 512, 0])
def test_read_with_fingerprint_layout(finger_len):
    finger = bytes([0x5A]) * finger_len
    length = 3 + 6 + 256 + 1024 + finger_len + 1
    header = hx("AA AA AA 96 69") + length.to_bytes(2, "big") + hx("00 00 90 01 00 04 00")
    frame = header + finger_len.to_bytes(2, "big") + HMT_TEXT + PHOTO + finger
    frame += bytes([xor_all(frame[5:])])
    if finger_len == 1024:
        assert len(frame) == 2321 and frame[5:7] == hx("09 0A")
    [body] = decode_stream(frame)
    card = p.decode_card(p.Response.from_body(body).check().data, fingerprint=True)
    assert card == dataclasses.replace(HMT, fingerprint=finger or None)


def test_hmt_and_foreign_blocks_decode_and_encode():
    assert decode_text_block(HMT_TEXT, PHOTO) == HMT
    assert decode_text_block(FOREIGN_TEXT, PHOTO) == FOREIGN
    assert encode_text_block(HMT) == HMT_TEXT
    assert encode_text_block(FOREIGN) == FOREIGN_TEXT
    assert FOREIGN.nation is None and FOREIGN.address is None and FOREIGN.id_number_valid


def test_y_card_is_refused_politely():
    text = FOREIGN_TEXT[:248] + ucs2("Y", 2) + FOREIGN_TEXT[250:]
    with pytest.raises(UnsupportedCardError) as info:
        decode_text_block(text, PHOTO)
    assert info.value.flag == "Y"
    assert "2023" in info.value.zh and "2023" in info.value.en
    assert "人工窗口" in str(info.value) and "staffed counter" in str(info.value)


def test_unknown_flag_and_bad_dates_are_card_data_errors():
    with pytest.raises(UnsupportedCardError):
        decode_text_block(RESIDENT_TEXT[:248] + ucs2("Q", 2) + RESIDENT_TEXT[250:], PHOTO)
    bad_birth = RESIDENT_TEXT[:36] + ucs2("19911301", 16) + RESIDENT_TEXT[52:]
    with pytest.raises(p.CardDataError) as info:
        decode_text_block(bad_birth, PHOTO)
    assert "19911301" not in str(info.value)      # no personal data in messages
    with pytest.raises(p.CardDataError):
        decode_text_block(RESIDENT_TEXT[:200], PHOTO)
    with pytest.raises(p.CardDataError):
        p.decode_card_data(hx("01 00 04 00") + RESIDENT_TEXT, fingerprint=False)


def test_encoder_rejects_overlong_fields():
    with pytest.raises(ValueError):
        encode_text_block(dataclasses.replace(RESIDENT, name="名" * 16))


# -- status words ----------------------------------------------------------------------
SW3_CLASSES = {
    0x10: p.RequestRejected, 0x11: p.RequestRejected, 0x21: p.RequestRejected,
    0x23: p.SamFault, 0x24: p.SamFault, 0x60: p.SamFault, 0x66: p.SamFault,
    0x31: p.CardAuthFailed, 0x32: p.CardAuthFailed, 0x33: p.CardAuthFailed,
    0x47: p.CardAuthFailed, 0x40: p.CardReadFailed, 0x41: p.CardReadFailed,
    0x80: p.NoCard, 0x81: p.SelectFailed, 0x91: p.NoContent,
}


@pytest.mark.parametrize("sw3", sorted(SW3_CLASSES), ids=lambda c: f"{c:02X}")
def test_every_sw3_maps_to_a_typed_error(sw3):
    err = p.status_error(sw3)
    assert type(err) is SW3_CLASSES[sw3]
    assert err.sw3 == sw3 and err.zh and err.en
    assert f"{sw3:02X}" in str(err) and err.zh in str(err) and err.en in str(err)


def test_sw3_table_covers_hardware_md():
    codes = {0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41,
             0x47, 0x60, 0x66, 0x80, 0x81}
    assert set(p.SW3_MESSAGES) == codes
    assert {0x10, 0x11, 0x21} == p.REQUEST_REJECTED_SW3
    unknown = p.status_error(0x55)
    assert type(unknown) is p.SamStatusError and "55" in str(unknown)


def test_sam_id_format():
    data = hx("05 00 01 00") + (20230115).to_bytes(4, "little") + (12345).to_bytes(4, "little") \
        + (67890).to_bytes(4, "little")
    assert p.decode_sam_id(data) == "05.01-20230115-000012345-000067890"


def test_latest_address_round_trip():
    data = p.encode_address("广东省广州市越秀区府前路1号")
    assert len(data) == p.ADDRESS_LEN == 70
    assert p.decode_address(data) == "广东省广州市越秀区府前路1号"
    assert p.Command.READ_ADDRESS.max_reply == 7 + 3 + 70 + 1


# -- tables, check digit, IdCard ---------------------------------------------------------
def test_nation_and_gender_tables():
    assert len(NATIONS) == 58
    assert [f"{i:02d}" for i in range(1, 57)] + ["97", "98"] == list(NATIONS)
    assert (NATIONS["01"], NATIONS["56"], NATIONS["97"], NATIONS["98"]) == (
        "汉", "基诺", "其他", "外国血统中国籍人士")
    assert (NATIONS["05"], NATIONS["29"], NATIONS["43"]) == ("维吾尔", "柯尔克孜", "乌孜别克")
    assert len(set(NATIONS.values())) == 58
    assert GENDERS == {"0": "未知", "1": "男", "2": "女", "9": "未说明"}


@pytest.mark.parametrize("number", ["360426199101010071", "120103198806018241",
                                    "110101202311012176"])
def test_hardware_md_id_examples_are_valid(number):
    assert is_valid_id_number(number)
    assert gb11643_check_digit(number[:17]) == number[17]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert not is_valid_id_number(wrong)


def test_check_digit_x_and_malformed_numbers():
    assert gb11643_check_digit("11010519491231002") == "X"
    assert is_valid_id_number("11010519491231002X") and is_valid_id_number("11010519491231002x")
    for bad in ("", "36042619910101007", "3604261991010100711", "36042619910101007A",
                "３60426199101010071"):
        assert not is_valid_id_number(bad)


def test_to_json_has_exactly_the_contract_keys():
    data = RESIDENT.to_json()
    assert list(data) == [
        "card_type", "name", "english_name", "gender", "gender_text", "nation", "nation_text",
        "birth_date", "address", "id_number", "issuer", "valid_from", "valid_to",
        "pass_number", "nationality", "photo_sha256", "id_number_valid"]
    assert data["valid_to"] == "long-term" and data["birth_date"] == "1991-01-01"
    assert data["id_number"] == "440106199101010010" and data["id_number_valid"] is True
    assert data["photo_sha256"] == hashlib.sha256(PHOTO).hexdigest()
    assert HMT.to_json()["valid_to"] == "2027-07-01"
    assert FOREIGN.to_json()["nation_text"] is None


def test_repr_and_mask_hide_personal_data():
    text = repr(RESIDENT) + str(RESIDENT)
    assert "张小明" not in text and "440106199101010010" not in text
    assert "4401**********0010" in text
    assert RESIDENT.masked_id_number == "4401**********0010"
    assert mask_id_number("USA440085010100") == "USA4*******0100"
    assert repr(p.Response(0, 0, 0x90, RESIDENT_TEXT)) == "Response(sw3=90, data=256 bytes)"


# -- stream splitting: fixed cases -------------------------------------------------------
def test_noise_before_preamble_is_skipped():
    noise = hx("00 FF AA AA 13 AA AA AA 96")      # partial preambles inside the noise
    out = decode_stream(noise + FIND_OK + hx("AA AA") + NO_CARD)
    assert [p.Response.from_body(b).sw3 for b in out] == [0x9F, 0x80]


def test_bad_checksum_raises_then_resynchronises():
    broken = FIND_OK[:-1] + bytes([FIND_OK[-1] ^ 0xFF])
    assert decode_stream(broken + NO_CARD) == ["chk", NO_CARD[7:-1]]


def test_out_of_range_length_is_treated_as_noise():
    fake = hx("AA AA AA 96 69 FF FF")                 # LEN 65535 > any reader frame
    assert decode_stream(fake + NO_CARD) == [NO_CARD[7:-1]]


def test_frame_in_pieces_and_wanted():
    dec = p.FrameDecoder()
    assert dec.wanted() == 7
    dec.feed(SELECT_OK[:3])
    assert dec.next_frame() is None and dec.wanted() == 4
    dec.feed(SELECT_OK[3:9])
    assert dec.next_frame() is None and dec.wanted() == 19 - 9
    dec.feed(SELECT_OK[9:])
    assert dec.next_frame() == SELECT_OK[7:-1]


# -- properties ------------------------------------------------------------------------
bodies = st.binary(min_size=3, max_size=300)


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.lists(st.integers(0, 600), max_size=20))
def test_decoder_never_crashes_on_random_bytes(data, cuts):
    dec = p.FrameDecoder()
    consumed = 0
    for piece in chunked(data, cuts):
        dec.feed(piece)
        while True:
            try:
                body = dec.next_frame()
            except p.ChecksumError:
                continue
            if body is None:
                break
            consumed += len(body) + 8
        assert dec.wanted() >= 1
    assert consumed + dec.discarded <= len(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.binary(max_size=20).filter(lambda b: 0xAA not in b), bodies),
                min_size=1, max_size=5),
       st.lists(st.integers(0, 2000), max_size=30))
def test_frames_survive_noise_and_any_chunking(items, cuts):
    stream = b"".join(noise + p.encode_frame(body) for noise, body in items)
    dec = p.FrameDecoder()
    out = []
    for piece in chunked(stream, cuts):
        dec.feed(piece)
        while (body := dec.next_frame()) is not None:
            out.append(body)
    assert out == [body for _, body in items]


@settings(max_examples=200, deadline=None)
@given(bodies.filter(lambda b: 0xAA not in b), bodies)
def test_resynchronises_after_a_damaged_frame(damaged, good):
    frame = p.encode_frame(damaged)
    frame = frame[:-1] + bytes([frame[-1] ^ 0x01])
    assert decode_stream(frame + p.encode_frame(good)) == ["chk", good]


@given(st.integers(0, 255), st.integers(0, 255))
def test_request_round_trip(cmd, para):
    frame = p.encode_request(cmd, para)
    assert decode_stream(frame, min_len=p.REQUEST_LEN, max_len=p.REQUEST_LEN) == [
        bytes([cmd, para])]


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_property(first17):
    number = first17 + gb11643_check_digit(first17)
    assert is_valid_id_number(number)
    for other in "0123456789X":
        if other != number[17]:
            assert not is_valid_id_number(first17 + other)


cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=15)
latin = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ,-", max_size=60).map(str.strip)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)
id18 = digits17.map(lambda d: d + gb11643_check_digit(d))


@st.composite
def cards(draw):
    card_type = draw(st.sampled_from(["resident", "hmt_residence", "foreign_permanent"]))
    common = dict(gender=draw(st.sampled_from(sorted(GENDERS))), birth_date=draw(dates),
                  valid_from=draw(dates), valid_to=draw(st.none() | dates),
                  photo=draw(st.binary(min_size=1024, max_size=1024)))
    if card_type == "foreign_permanent":
        return IdCard(card_type=card_type, name=draw(cjk), english_name=draw(latin) or None,
                      id_number=draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                                             min_size=15, max_size=15)),
                      issuer=draw(st.text(alphabet="0123456789", max_size=4)),
                      nationality=draw(st.sampled_from(["USA", "GBR", "KOR", None])), **common)
    return IdCard(card_type=card_type, name=draw(cjk), id_number=draw(id18),
                  address=draw(cjk) or None, issuer=draw(cjk),
                  nation=draw(st.sampled_from(sorted(NATIONS))) if card_type == "resident"
                  else None,
                  pass_number=draw(st.text(alphabet="HM0123456789", min_size=9, max_size=9))
                  if card_type == "hmt_residence" else None, **common)


@settings(max_examples=150, deadline=None)
@given(cards())
def test_text_block_round_trip(card):
    block = encode_text_block(card)
    assert len(block) == 256
    assert decode_text_block(block, card.photo) == card
    frame = p.encode_response(p.SW_OK, p.encode_card_data(block, card.photo))
    [body] = decode_stream(frame)
    assert p.decode_card(p.Response.from_body(body).data) == card
