"""The ESC/POS codec against fixed byte vectors (reference/hardware.md §4, the Epson
ESC/POS reference, python-escpos 3.1) and the interpreter against the encoder."""
import pytest
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.base import Paper
from drivers.receipt import protocol as p
from drivers.receipt.document import QR, Feed, Receipt, Rule, Text


# -- requests ------------------------------------------------------------------------------
def test_dle_eot_requests_are_10_04_n():
    assert [p.status_request(n) for n in (1, 2, 3, 4)] == [
        bytes.fromhex("10 04 01"), bytes.fromhex("10 04 02"), bytes.fromhex("10 04 03"),
        bytes.fromhex("10 04 04")]
    with pytest.raises(ValueError):
        p.status_request(5)


def test_gs_r_1_and_gs_i():
    assert bytes.fromhex("1d 72 01") == p.PAPER_SENSOR_REQUEST
    assert p.info_request(p.INFO_MODEL) == bytes.fromhex("1d 49 43")


def test_cut_is_python_escpos_feed_and_full_cut():
    assert p.cut() == bytes.fromhex("1b 64 06 1d 56 00")


def test_qr_is_gs_paren_k_model_size_ec_store_print():
    assert p.qr("HELLO", 6) == bytes.fromhex(
        "1d 28 6b 04 00 31 41 32 00"           # fn 65: model 2
        "1d 28 6b 03 00 31 43 06"              # fn 67: module size 6
        "1d 28 6b 03 00 31 45 31"              # fn 69: error correction M
        "1d 28 6b 08 00 31 50 30 48454c4c4f"   # fn 80: store, pL pH = 5 + 3
        "1d 28 6b 03 00 31 51 30")             # fn 81: print


def test_qr_store_length_spans_two_bytes():
    data = "9" * 300
    store = p.qr(data, 3).split(b"\x1d(k")[4]
    assert store[:2] == (303).to_bytes(2, "little") == bytes.fromhex("2f 01")
    assert store[2:5] == b"1P0" and store[5:] == data.encode()


def test_style_commands():
    assert p.align("center") == bytes.fromhex("1b 61 01")
    assert p.bold(True) == bytes.fromhex("1b 45 01")
    assert p.char_size(2, 3) == bytes.fromhex("1d 21 12")
    assert p.feed(3) == bytes.fromhex("1b 64 03")


# -- text ----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", p.ENCODINGS)
def test_chinese_and_punctuation_are_two_byte(encoding):
    assert p.encode_text("中文，。：A1", encoding) == bytes.fromhex(
        "d6d0 cec4 a3ac a1a3 a3ba 41 31")


@pytest.mark.parametrize("encoding", p.ENCODINGS)
def test_yen_becomes_full_width_yen_a3a4(encoding):
    # hardware.md §4: ¥ is 4 bytes in GB18030 (81 30 84 36) and missing from GBK.
    assert p.encode_text("¥12", encoding) == bytes.fromhex("a3a4 31 32")


def test_character_missing_from_gbk_is_a_question_mark_and_reported():
    assert p.encode_text("张𠮷", "gbk") == bytes.fromhex("d5c5") + b"?"
    assert p.unencodable("张𠮷?\n𠮷", "gbk") == ["𠮷"]
    # GB18030 has every character: the 4-byte form is kept for the printer to draw.
    assert p.encode_text("𠮷", "gb18030") == bytes.fromhex("9534b235")
    assert p.unencodable("张𠮷", "gb18030") == []


def test_control_characters_never_reach_the_printer():
    assert p.encode_text("a\x1b@b\x1d\x56\x00c", "gb18030") == b"a@bVc"


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError):
        p.encode_text("x", "utf-8")


# -- a whole job ---------------------------------------------------------------------------
def test_encode_receipt_fixed_vector():
    receipt = Receipt([Text("取号", bold=True, width=2, height=2, align="center"),
                       Rule(), Feed(2)])
    assert p.encode_receipt(receipt, "gbk", columns=8) == bytes.fromhex(
        "1b40 1c26"                                    # ESC @, FS & (Chinese mode)
        "1b6101 1b4501 1d2111 c8a1 bac5 0a"            # centre, bold, 2x2, 取号, LF
        "1b6100 1b4500 1d2100 2d2d2d2d2d2d2d2d 0a"     # rule: 8 dashes
        "1b6402"                                       # ESC d 2
        "1b6406 1d5600")                               # feed 6, full cut
    # On paper half as wide, each line goes out whole: the printer does not break one.
    assert p.encode_receipt(receipt, "gbk", columns=4)[4:28] == bytes.fromhex(
        "1b6101 1b4501 1d2111 c8a1 0a"                 # 取, LF
        "1b6101 1b4501 1d2111 bac5 0a")                # 号, LF


def test_multi_line_text_sets_style_on_every_line():
    job = p.encode_receipt(Receipt([Text("a\nb", align="right")]))
    assert job.count(bytes.fromhex("1b6102")) == 2


# -- status replies ------------------------------------------------------------------------
def test_status_byte_pattern_0xx1xx10():
    matching = [b for b in range(256) if p.is_status_byte(b)]
    assert len(matching) == 16 and {0x12, 0x1A, 0x1E, 0x72, 0x7E} <= set(matching)
    assert not any(p.is_status_byte(b) for b in (0x00, 0x03, 0x0C, 0x13, 0x92, 0xFF))


def test_decode_ready():
    s = p.decode_status(0x12, 0x12, 0x12)
    assert (s.online, s.cover_open, s.paper, s.error) == (True, False, Paper.FULL, False)


def test_decode_near_end_0x0c_on_0x12():
    assert p.decode_status(0x12, 0x12, 0x1E).paper is Paper.LOW
    assert p.decode_status(0x12, 0x12, 0x16).paper is Paper.LOW  # one sensor bit suffices


@pytest.mark.parametrize("roll", [0x72, 0x7E])
def test_decode_paper_end_0x60_on_0x12(roll):
    s = p.decode_status(0x1A, 0x32, roll)
    assert s.paper is Paper.OUT and not s.online and s.stopped_by_paper_end


@pytest.mark.parametrize("roll", [0x32, 0x52])
def test_decode_paper_end_one_sensor_bit_suffices(roll):
    assert p.decode_status(0x12, 0x12, roll).paper is Paper.OUT


def test_decode_paper_end_stop_alone_means_out():
    assert p.decode_status(0x1A, 0x32, 0x12).paper is Paper.OUT


def test_decode_cover_open_0x04_offline_0x08():
    s = p.decode_status(0x1A, 0x16, 0x12)
    assert s.cover_open and not s.online and s.paper is Paper.FULL


def test_decode_error_cause_from_dle_eot_3():
    s = p.decode_status(0x1A, 0x52, 0x12, error=0x1A)
    assert s.error and s.autocutter_error and not s.unrecoverable_error
    assert p.decode_status(0x1A, 0x52, 0x12, error=0x32).unrecoverable_error
    assert p.decode_status(0x1A, 0x52, 0x12, error=0x52).auto_recoverable_error


def test_decode_feed_button_and_waiting():
    s = p.decode_status(0x72, 0x1A, 0x12)
    assert s.feed_button and s.waiting_recovery and s.feeding


@pytest.mark.parametrize("bad", [0x00, 0x13, 0xFF, 0x0C])
def test_decode_refuses_bytes_that_are_not_status(bad):
    with pytest.raises(ValueError):
        p.decode_status(0x12, bad, 0x12)


def test_gs_r_1_replies():
    assert [p.decode_sensor(b) for b in (0x00, 0x03, 0x0C, 0x0F)] == [
        Paper.FULL, Paper.LOW, Paper.OUT, Paper.OUT]
    assert p.is_sensor_byte(0x0C) and not p.is_sensor_byte(0x12)


def test_info_reply_round_trip():
    assert p.info_reply("TM-T88") == b"_TM-T88\x00"
    assert p.parse_info_reply(b"_TM-T88\x00rest") == "TM-T88"
    assert p.parse_info_reply(b"_TM-T8") is None


# -- the printer's side --------------------------------------------------------------------
def test_interpreter_reads_styles_qr_cut_and_requests():
    job = p.encode_receipt(Receipt([Text("号码", bold=True, width=2, height=3, align="right"),
                                    QR("https://x.cn/1", size=5)]))
    ops = p.EscPosInterpreter().feed(job + p.status_request(4) + p.PAPER_SENSOR_REQUEST)
    line, qr, *blank, cut, status, sensor = ops
    assert line == p.PrintLine((p.Run("号码", True, 2, 3),), "right")
    assert qr == p.PrintQR(b"https://x.cn/1", 5, "M", "center")
    assert len(blank) == 6 and cut == p.Cut(partial=False)
    assert status == p.StatusRequest(4) and sensor == p.SensorRequest()


def test_interpreter_waits_for_incomplete_commands():
    job = p.encode_receipt(Receipt([Text("中文 text"), QR("abc")]))
    whole = p.EscPosInterpreter().feed(job)
    interpreter = p.EscPosInterpreter()
    pieces = [op for i in range(len(job)) for op in interpreter.feed(job[i:i + 1])]
    assert pieces == whole


def test_interpreter_decodes_gbk_and_single_byte_mode():
    assert p.EscPosInterpreter("gbk").feed(bytes.fromhex("a3a4 31 0a"))[0].text == "￥1"
    assert p.EscPosInterpreter().feed(b"\x1c.\x9c\n")[0].text == "£"  # code page 437


def test_interpreter_understands_python_escpos_output():
    dummy = Dummy()
    dummy.set(bold=True, double_height=True, double_width=True, align="center")
    dummy.textln("Hi")
    dummy.set_with_default()
    dummy.cut(feed=False)
    ops = p.EscPosInterpreter().feed(dummy.output)
    assert not [op for op in ops if isinstance(op, p.Unknown)]
    assert ops[0] == p.PrintLine((p.Run("Hi", True, 2, 2),), "center")
    assert ops[-1] == p.Cut(partial=True)


def test_interpreter_skips_raster_images_and_flags_unknown_commands():
    image = b"\x1dv0\x00\x01\x00\x02\x00\xff\x00"  # 1 byte wide, 2 dots high
    ops = p.EscPosInterpreter().feed(image + b"\x1bzA\n")
    assert ops == [p.Unknown(b"\x1dv0"), p.Unknown(b"\x1bz"), p.PrintLine((p.Run("A"),))]


_TEXT = st.text(alphabet=st.sampled_from(list("取号窗口请到社保卡，。：；！？（）【】《》“”—…·"
                                              "abcXYZ 0123456789-_/:.#")), max_size=20)
_ELEMENT = st.one_of(
    st.builds(Text, _TEXT, bold=st.booleans(), width=st.integers(1, 8),
              height=st.integers(1, 8), align=st.sampled_from(["left", "center", "right"])),
    st.builds(QR, st.text(alphabet="ABC123:/.?=&中文", min_size=1, max_size=40),
              size=st.integers(1, 16)),
    st.builds(Feed, st.integers(1, 5)),
    st.builds(Rule))


@settings(max_examples=60, deadline=None)
@given(elements=st.lists(_ELEMENT, max_size=8), encoding=st.sampled_from(p.ENCODINGS),
       columns=st.sampled_from([32, 48]), cut_at=st.integers(0, 400))
def test_printed_text_equals_plain_text(elements, encoding, columns, cut_at):
    receipt = Receipt(elements)
    job = p.encode_receipt(receipt, encoding, columns)
    interpreter = p.EscPosInterpreter(encoding)
    ops = interpreter.feed(job[:cut_at]) + interpreter.feed(job[cut_at:])
    assert not [op for op in ops if isinstance(op, p.Unknown)]
    assert p.printed_text(ops) == receipt.plain_text(columns)
    assert ops[-1] == p.Cut(partial=False)
