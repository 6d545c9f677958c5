"""The social security card codec against fixed bytes (hardware.md §2 and the APDUs that
field reader programs send), not only round trips through our own encoder."""
import datetime as dt

import pytest

from drivers.sscard import protocol as p
from drivers.sscard.sim import sample_ss_card

H = bytes.fromhex


# -- APDUs --------------------------------------------------------------------------------------
def test_select_application_is_the_published_command():
    # hardware.md §2, step 1: "sx1.sh." + GBK "社会保障".
    expected = H("00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF")
    assert expected == p.SELECT_APP
    assert p.select_by_name() == expected
    assert b"sx1.sh." + H("C9 E7 BB E1 B1 A3 D5 CF") == p.APP_NAME


def test_select_ef_with_p1_00_and_02():
    assert p.select_ef(p.EF05) == H("00 A4 00 00 02 EF 05")
    assert p.select_ef(p.EF06, p.P1_SELECT_BY_FID) == H("00 A4 00 00 02 EF 06")
    assert p.select_ef(p.EF05, p.P1_SELECT_EF_IN_DF) == H("00 A4 02 00 02 EF 05")
    assert p.select_ef(p.EF06, 0x02) == H("00 A4 02 00 02 EF 06")
    with pytest.raises(ValueError):
        p.select_ef(p.EF05, 0x01)


def test_read_record_by_sfi():
    # EF05 is SFI 5 (P2 2C), EF06 SFI 6 (P2 34); the card number is EF05 record 07, Le 0B.
    assert p.read_record_sfi(7, p.SFI[p.EF05], 0x0B) == H("00 B2 07 2C 0B")
    assert p.read_record_sfi(1, p.SFI[p.EF06]) == H("00 B2 01 34 00")
    assert p.read_record_sfi(4, 6, 0x03) == H("00 B2 04 34 03")
    with pytest.raises(ValueError):
        p.read_record_sfi(0, 5)


def test_read_record_by_tag_uses_p2_00_and_le_value_plus_two():
    # The EF06 reads after `00 A4 02 00 02 EF 06` in field reader programs.
    f = p.FIELDS
    assert p.read_record_by_tag(0x08, f["ss_number"].le) == H("00 B2 08 00 14")
    assert p.read_record_by_tag(0x09, f["name"].le) == H("00 B2 09 00 20")
    assert p.read_record_by_tag(0x0A, f["gender"].le) == H("00 B2 0A 00 03")
    assert p.read_record_by_tag(0x0B, f["nation"].le) == H("00 B2 0B 00 03")
    assert p.read_record_by_tag(0x0C, f["birthplace"].le) == H("00 B2 0C 00 05")
    assert p.read_record_by_tag(0x0D, f["birth_date"].le) == H("00 B2 0D 00 06")
    assert p.read_record_by_tag(0x01, f["card_id_code"].le) == H("00 B2 01 00 12")
    assert p.read_record_by_tag(0x07, f["card_number"].le) == H("00 B2 07 00 0B")


def test_get_response_and_resend_with_le():
    assert p.get_response(0x1C) == H("00 C0 00 00 1C")
    assert p.get_response(256) == H("00 C0 00 00 00")
    assert p.with_le(H("00 B2 01 2C 00"), 0x12) == H("00 B2 01 2C 12")
    with pytest.raises(ValueError):
        p.with_le(p.SELECT_APP, 0x10)


def test_field_table_matches_hardware_md():
    tags = {f.name: (f.ef, f.tag, f.length) for f in p.EF05_FIELDS + p.EF06_FIELDS}
    assert tags == {
        "card_id_code": (0xEF05, 0x01, 16), "card_type": (0xEF05, 0x02, 1),
        "spec_version": (0xEF05, 0x03, 4), "issuer": (0xEF05, 0x04, 12),
        "issued_on": (0xEF05, 0x05, 4), "expires_on": (0xEF05, 0x06, 4),
        "card_number": (0xEF05, 0x07, 9),
        "ss_number": (0xEF06, 0x08, 18), "name": (0xEF06, 0x09, 30),
        "gender": (0xEF06, 0x0A, 1), "nation": (0xEF06, 0x0B, 1),
        "birthplace": (0xEF06, 0x0C, 3), "birth_date": (0xEF06, 0x0D, 4),
    }


# -- status words -------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,cls", [
    ("69 82", p.SecurityStatusNotSatisfied), ("69 83", p.AuthenticationBlocked),
    ("6A 82", p.FileNotFound), ("6A 83", p.RecordNotFound), ("67 00", p.WrongLength),
    ("6A 81", p.NotSupported), ("6A 86", p.NotSupported), ("6D 00", p.NotSupported),
    ("6E 00", p.NotSupported), ("69 86", p.NotSupported), ("6B 00", p.NotSupported),
])
def test_status_words_map_to_typed_errors(raw, cls):
    resp = p.Response.parse(H(raw))
    with pytest.raises(cls) as info:
        resp.check()
    assert type(info.value) is cls
    assert info.value.sw == int(raw.replace(" ", ""), 16)
    assert raw.replace(" ", "") in str(info.value)


def test_unknown_status_word_is_a_plain_status_error():
    err = p.status_error(0x6F00)
    assert type(err) is p.StatusError and "6F00" in str(err)
    assert type(p.status_error(0x6A88)) is p.StatusError and err.en


def test_pin_status_word_says_so():
    err = p.status_error(0x6982)
    assert "PIN" in err.en and "安全状态不满足" in err.zh


def test_response_parsing_61xx_6cxx_and_9000():
    ok = p.Response.parse(H("0A 01 31 90 00"))
    assert ok.check() == H("0A 01 31") and ok.sw == 0x9000
    assert ok.more_data is None and ok.exact_le is None
    assert p.Response.parse(H("61 1C")).more_data == 0x1C
    assert p.Response.parse(H("61 00")).more_data == 256
    assert p.Response.parse(H("6C 14")).exact_le == 0x14
    with pytest.raises(p.ProtocolError):
        p.Response.parse(b"\x90")


def test_response_repr_holds_no_data():
    resp = p.Response.parse(b"\x08\x12" + b"440106199101010010" + H("90 00"))
    assert "4401" not in repr(resp) and "20 bytes" in repr(resp)


# -- records ------------------------------------------------------------------------------------
def test_tlv_walk_stops_at_padding_and_rejects_truncation():
    assert list(p.iter_tlv(H("0A 01 31 0B 01 01 FF FF"))) == [(0x0A, b"1"), (0x0B, b"\x01")]
    assert list(p.iter_tlv(H("0A 01 31 00 00"))) == [(0x0A, b"1")]
    assert p.parse_record(H("0D 04 19 91 01 01")) == (0x0D, H("19 91 01 01"))
    with pytest.raises(p.CardDataError):
        p.parse_record(H("09 1E D5 C5"))
    with pytest.raises(p.CardDataError):
        p.parse_record(H("0A"))
    with pytest.raises(p.CardDataError):
        p.parse_record(b"")


# The sample card, written out by hand from hardware.md §2: records as a card returns them.
RECORDS = {
    "card_id_code": "01 10 44 01 00 D1 56 00 00 05 00 A1 B2 C3 D4 E5 F6 01",
    "card_type": "02 01 31",
    "spec_version": "03 04 32 2E 30 30",
    "issuer": "04 0C 34 34 30 31 30 30 30 30 30 30 30 30",
    "issued_on": "05 04 20 19 06 01",
    "expires_on": "06 04 20 29 06 01",
    "card_number": "07 09 41 30 31 32 33 34 35 36 37",
    "ss_number": "08 12 34 34 30 31 30 36 31 39 39 31 30 31 30 31 30 30 31 30",
    "name": "09 1E D5 C5 D0 A1 C3 F7" + " 00" * 24,
    "gender": "0A 01 31",
    "nation": "0B 01 01",
    "birthplace": "0C 03 44 01 06",
    "birth_date": "0D 04 19 91 01 01",
}
JSON = {
    "card_number": "A01234567", "card_id_code": "440100D15600000500A1B2C3D4E5F601",
    "card_type": "1", "spec_version": "2.00", "issuer": "440100000000",
    "issued_on": "2019-06-01", "expires_on": "2029-06-01", "ss_number": "440106199101010010",
    "name": "张小明", "gender": "1", "nation": "01", "birth_date": "1991-01-01",
}


def _values(records=RECORDS):
    return {name: p.parse_record(H(hexa))[1] for name, hexa in records.items()}


def test_decode_fixed_records():
    card = p.decode_card(_values())
    assert card.to_json() == JSON
    assert list(card.to_json()) == list(JSON)          # exactly these keys, in this order
    assert card.birthplace == "440106" and card.region == "440100"
    assert card.gender_text == "男" and card.nation_text == "汉"
    assert card.ss_number_valid and card.issued_on == dt.date(2019, 6, 1)
    assert card == sample_ss_card()


def test_encode_gives_the_fixed_records():
    values = p.encode_card(sample_ss_card())
    assert values == _values()
    for name, value in values.items():
        assert p.encode_tlv(p.FIELDS[name].tag, value) == H(RECORDS[name])


def test_repr_masks_the_number_and_hides_the_name():
    text = repr(p.decode_card(_values()))
    assert "4401**********0010" in text
    assert "440106199101010010" not in text and "张小明" not in text and "A01234567" not in text


def test_name_padding_and_rare_characters():
    values = _values()
    values["name"] = "王𬌗".encode("gb18030") + b" " * 24
    assert p.decode_card(values).name == "王𬌗"
    values["name"] = H("D5 C5 FF FF") + bytes(26)       # FF padding, as some cards do
    assert p.decode_card(values).name == "张"
    values["name"] = H("D5 C5 81 20 D0 A1") + bytes(24)  # 81 20 is no GBK character
    with pytest.raises(p.CardDataError):
        p.decode_card(values)


def test_blank_expiry_and_birthplace_padding():
    values = _values()
    values["expires_on"] = H("00 00 00 00")
    values["birthplace"] = H("44 01 FF")
    card = p.decode_card(values)
    assert card.expires_on is None and card.to_json()["expires_on"] is None
    assert card.birthplace == "4401"
    del values["birthplace"]
    assert p.decode_card(values).birthplace is None


@pytest.mark.parametrize("field,raw", [
    ("birth_date", "19 91 13 01"),     # month 13
    ("issued_on", "20 1A 06 01"),      # not BCD
    ("birth_date", "00 00 00 00"),     # blank: a birth date is required
    ("gender", "80"),                  # not ASCII
])
def test_bad_fields(field, raw):
    values = _values()
    values[field] = H(raw)
    with pytest.raises(p.CardDataError) as info:
        p.decode_card(values)
    assert field in str(info.value) or "date" in str(info.value)


def test_wrong_check_digit_is_read_but_flagged():
    values = _values()
    values["ss_number"] = b"440106199101010011"
    card = p.decode_card(values)
    assert card.ss_number == "440106199101010011" and not card.ss_number_valid


def test_missing_or_wrong_length_field_is_refused():
    values = _values()
    del values["gender"]
    with pytest.raises(p.CardDataError, match="gender"):
        p.decode_card(values)
    values = _values()
    values["card_number"] = b"A0123"
    with pytest.raises(p.CardDataError, match="card_number"):
        p.decode_card(values)


def test_non_ascii_issuer_is_shown_as_hex():
    values = _values()
    values["issuer"] = H("44 01 00 00 00 00 00 00 00 00 00 01")
    assert p.decode_card(values).issuer == "440100000000000000000001"


def test_bcd_codec():
    assert p.encode_bcd("440106", 3) == H("44 01 06")
    assert p.encode_bcd("4401", 3) == H("44 01 FF")
    assert p.decode_bcd(H("01")) == "01"
    with pytest.raises(ValueError):
        p.encode_bcd("4401061", 3)
    with pytest.raises(p.CardDataError):
        p.decode_bcd(H("4A"))
