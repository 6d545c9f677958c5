"""The lock-board codec against fixed bytes: hardware.md §3 and hand-computed replies.

Every reply vector's BCC below was XORed by hand (shown in the comment), not by the codec.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.locker import protocol as p
from drivers.locker.protocol import BoardConfig, ByteOrder, Expect, Polarity

H = bytes.fromhex
B24_HIGH = BoardConfig(1, 24, Polarity.CLOSED_IS_11, ByteOrder.HIGH_FIRST)
B24_LOW = BoardConfig(1, 24, Polarity.CLOSED_IS_11, ByteOrder.LOW_FIRST)


# -- requests: every frame of hardware.md §3, byte for byte -------------------------------
@pytest.mark.parametrize("frame, expected", [
    (p.open_request(1, 1), "8A 01 01 11 9B"),
    (p.open_all_request(1), "8A 01 00 11 9A"),
    (p.query_request(1, 1), "80 01 01 33 B3"),
    (p.query_all_request(1), "80 01 00 33 B2"),
    (p.open_many_request(B24_HIGH, [2, 10, 18]), "90 01 02 02 02 93"),
    (p.open_many_request(B24_LOW, [2, 10, 18]), "90 01 02 02 02 93"),
    (p.keep_power_request(1, 1, True), "9A 01 01 11 8B"),
    (p.keep_power_request(1, 1, False), "9B 01 01 11 8A"),
])
def test_hardware_md_frames(frame, expected):
    assert frame == H(expected)


@pytest.mark.parametrize("frame", ["8A 01 01 11 9B", "8A 01 00 11 9A", "80 01 01 33 B3",
                                   "80 01 00 33 B2", "90 01 02 02 02 93", "9A 01 01 11 8B",
                                   "9B 01 01 11 8A"])
def test_bcc_is_the_xor_of_the_preceding_bytes(frame):
    data = H(frame)
    assert p.bcc(data[:-1]) == data[-1]
    assert p.bcc(data) == 0


def test_other_boards_and_locks():
    # 8A^20^18^11 = A3; 80^20^00^33 = 93
    assert p.open_request(32, 24) == H("8A 20 18 11 A3")
    assert p.query_all_request(32) == H("80 20 00 33 93")


def test_open_several_bitmask_byte_order():
    # Locks 1 and 24: group 1-8 = 01, group 17-24 = 80. 90^01^80^00^01 = 10.
    assert p.open_many_request(B24_HIGH, [1, 24]) == H("90 01 80 00 01 10")
    assert p.open_many_request(B24_LOW, [24, 1]) == H("90 01 01 00 80 10")
    # An 8-lock board at address 3, every lock: one mask byte. 90^03^FF = 6C.
    assert p.open_many_request(BoardConfig(3, 8), range(1, 9)) == H("90 03 FF 6C")
    # 48 locks, low first: lock 48 is bit 7 of the sixth byte. 90^02^80 = 12.
    assert p.open_many_request(BoardConfig(2, 48, byte_order="low-first"), [48]) == \
        H("90 02 00 00 00 00 00 80 12")
    assert p.decode_mask(B24_HIGH, H("80 00 01")) == [1, 24]
    assert p.decode_mask(B24_LOW, H("02 02 02")) == [2, 10, 18]


@pytest.mark.parametrize("call", [
    lambda: p.open_request(0, 1), lambda: p.open_request(33, 1), lambda: p.open_request(1, 0),
    lambda: p.query_request(1, 65), lambda: BoardConfig(0), lambda: BoardConfig(1, 0),
    lambda: BoardConfig(1, 24, status_bytes=9), lambda: p.open_many_request(B24_HIGH, [25]),
    lambda: BoardConfig(1, polarity="sideways"),
])
def test_out_of_range_values_are_refused(call):
    with pytest.raises(ValueError):
        call()


# -- replies ----------------------------------------------------------------------------
def _reply(data: str, expect: Expect, quiet: bool = False) -> p.Reply | None:
    return p.scan_reply(H(data), expect, quiet=quiet)


@pytest.mark.parametrize("data, ss", [
    ("8A 01 01 11 9B", 0x11),      # 8A^01^01^11 = 9B
    ("8A 01 01 00 8A", 0x00),      # 8A^01^01^00 = 8A
])
def test_open_reply(data, ss):
    reply = _reply(data, Expect.lock_state(p.HEAD_OPEN, 1, 1))
    assert reply.ss == ss and reply.frame == H(data)


@pytest.mark.parametrize("data, polarity, state", [
    ("80 01 01 11 91", Polarity.CLOSED_IS_11, "closed"),   # 80^01^01^11 = 91
    ("80 01 01 00 80", Polarity.CLOSED_IS_11, "open"),     # 80^01^01^00 = 80
    ("80 01 01 11 91", Polarity.OPEN_IS_11, "open"),
    ("80 01 01 00 80", Polarity.OPEN_IS_11, "closed"),
])
def test_query_one_reply_and_polarity(data, polarity, state):
    reply = _reply(data, Expect.lock_state(p.HEAD_QUERY, 1, 1))
    assert BoardConfig(1, polarity=polarity).state(reply.ss == p.SS_SET) == state


# 24 locks, S = 05 00 80. 80^01^05^00^80^33 = 37.
QUERY_ALL_24 = "80 01 05 00 80 33 37"


def test_query_all_low_first():
    reply = _reply(QUERY_ALL_24, Expect.status(B24_LOW))
    assert reply.status == H("05 00 80")
    states = p.decode_status(B24_LOW, reply.status)
    # Set bits (05: locks 1 and 3; 80 in the third byte: lock 24) read "closed" (11 = closed).
    assert sorted(n for n, s in states.items() if s == "closed") == [1, 3, 24]
    assert len(states) == 24


def test_query_all_high_first_like_yunle():
    # yunle_sensors reads response[2] as locks 17-24 and response[4] as locks 1-8.
    states = p.decode_status(B24_HIGH, _reply(QUERY_ALL_24, Expect.status(B24_HIGH)).status)
    assert sorted(n for n, s in states.items() if s == "closed") == [8, 17, 19]


def test_query_all_open_is_11_board():
    cfg = BoardConfig(1, 24, Polarity.OPEN_IS_11, ByteOrder.LOW_FIRST)
    states = p.decode_status(cfg, H("05 00 80"))
    assert sorted(n for n, s in states.items() if s == "open") == [1, 3, 24]


def test_query_all_48_locks():
    cfg = BoardConfig(2, 48, byte_order=ByteOrder.LOW_FIRST)
    # S = 01 00 00 00 00 80: locks 1 and 48. 80^02^01^80^33 = 30.
    reply = _reply("80 02 01 00 00 00 00 80 33 30", Expect.status(cfg))
    states = p.decode_status(cfg, reply.status)
    assert len(states) == 48 and [n for n, s in states.items() if s == "closed"] == [1, 48]


def test_query_all_8_locks():
    cfg = BoardConfig(3, 8)
    # S = 0F: locks 1-4. 80^03^0F^33 = BF.
    states = p.decode_status(cfg, _reply("80 03 0F 33 BF", Expect.status(cfg)).status)
    assert [n for n, s in states.items() if s == "closed"] == [1, 2, 3, 4]


def test_junk_before_the_reply_is_skipped():
    # Junk holding a partial header for the same board and a wrong lock.
    reply = _reply("00 FF 8A 01 05 8A 01 01 00 8A", Expect.lock_state(p.HEAD_OPEN, 1, 1))
    assert reply.start == 5 and reply.ss == 0x00
    reply = _reply("13 80 01 " + QUERY_ALL_24, Expect.status(B24_LOW))
    assert reply.start == 3 and reply.status == H("05 00 80")


def test_reply_of_another_board_or_lock_is_not_ours():
    assert _reply("8A 02 01 00 89", Expect.lock_state(p.HEAD_OPEN, 1, 1), quiet=True) is None
    assert _reply("80 01 02 00 83", Expect.lock_state(p.HEAD_QUERY, 1, 1), quiet=True) is None


def test_partial_reply_waits_for_more():
    assert _reply("00 8A 01 01", Expect.lock_state(p.HEAD_OPEN, 1, 1)) is None
    assert _reply("00 8A 01 01", Expect.lock_state(p.HEAD_OPEN, 1, 1), quiet=True) is None
    assert _reply("80 01 05 00", Expect.status(B24_LOW), quiet=True) is None


@pytest.mark.parametrize("data, expect", [
    ("8A 01 01 00 8B", Expect.lock_state(p.HEAD_OPEN, 1, 1)),       # BCC off by one bit
    ("80 01 01 22 A2", Expect.lock_state(p.HEAD_QUERY, 1, 1)),      # SS neither 00 nor 11
    ("80 01 05 00 80 33 38", Expect.status(B24_LOW)),               # BCC wrong
    ("90 01 02 02 03 93", Expect.echo_of(H("90 01 02 02 02 93"))),  # not the echo
])
def test_damaged_reply_raises_only_once_the_line_is_quiet(data, expect):
    assert _reply(data, expect) is None
    with pytest.raises(p.ChecksumError):
        _reply(data, expect, quiet=True)


def test_damaged_copy_before_a_good_reply_is_skipped():
    reply = _reply("8A 01 01 00 8B 8A 01 01 00 8A", Expect.lock_state(p.HEAD_OPEN, 1, 1),
                   quiet=True)
    assert reply.start == 5


def test_fewer_status_bytes_are_accepted_when_the_line_is_quiet():
    cfg = BoardConfig(1, 48, byte_order=ByteOrder.HIGH_FIRST)     # expects 6 bytes
    # Only 3 bytes (locks 1-24), high first: 00 00 01 = lock 1. 80^01^01^33 = B3.
    data = "80 01 00 00 01 33 B3"
    assert _reply(data, Expect.status(cfg)) is None
    states = p.decode_status(cfg, _reply(data, Expect.status(cfg), quiet=True).status)
    assert sorted(states) == list(range(1, 25))
    assert [n for n, s in states.items() if s == "closed"] == [1]


def test_more_status_bytes_than_locks():
    cfg = BoardConfig(1, 24, byte_order=ByteOrder.HIGH_FIRST)     # expects 3 bytes
    # 4 bytes, high first: FF (locks 25-32, none here) 04 (19) 00 80 (8). 80^01^FF^04^80^33 = C9.
    data = "80 01 FF 04 00 80 33 C9"
    states = p.decode_status(cfg, _reply(data, Expect.status(cfg), quiet=True).status)
    assert len(states) == 24 and [n for n, s in states.items() if s == "closed"] == [8, 19]
    # The same board configured with status_bytes=4 takes it without waiting for quiet.
    cfg4 = BoardConfig(1, 24, byte_order=ByteOrder.HIGH_FIRST, status_bytes=4)
    assert _reply(data, Expect.status(cfg4)).status == H("FF 04 00 80")


def test_reply_builders_match_the_vectors():
    assert p.lock_reply(p.HEAD_OPEN, 1, 1, 0x11) == H("8A 01 01 11 9B")
    states = {n: "closed" if n in (1, 3, 24) else "open" for n in range(1, 25)}
    assert p.status_reply(B24_LOW, states) == H(QUERY_ALL_24)


@given(locks=st.sampled_from([8, 12, 18, 24, 36, 48, 50]),
       polarity=st.sampled_from(list(Polarity)), order=st.sampled_from(list(ByteOrder)),
       data=st.data())
def test_status_round_trip(locks, polarity, order, data):
    cfg = BoardConfig(5, locks, polarity, order)
    opened = data.draw(st.sets(st.integers(1, locks)))
    states = {n: "open" if n in opened else "closed" for n in range(1, locks + 1)}
    reply = p.scan_reply(p.status_reply(cfg, states), Expect.status(cfg))
    assert p.decode_status(cfg, reply.status) == states
    assert p.decode_mask(cfg, p.encode_mask(cfg, opened)) == sorted(opened)


# -- the board's side -------------------------------------------------------------------
def test_request_decoder_splits_skips_noise_and_bad_frames():
    dec = p.RequestDecoder(lambda board: {1: 3, 3: 1}.get(board))
    dec.feed(H("00 FF 8A 01 01 11 9B 80 01 01 33 B4 80 01 00 33 B2 90 01 02 02"))
    req = dec.next_request()
    assert (req.head, req.board, req.lock, req.frame) == (0x8A, 1, 1, H("8A 01 01 11 9B"))
    # The damaged query (B4) is dropped; the query-all follows.
    assert dec.next_request().frame == H("80 01 00 33 B2")
    assert dec.next_request() is None                 # open-several not complete yet
    dec.feed(H("02 93 90 03 FF 6C 90 07 01 96 9A 01 01 11 8B"))
    req = dec.next_request()
    assert req.head == 0x90 and req.mask == H("02 02 02")
    assert dec.next_request().mask == H("FF")
    # Board 7 is nobody's: its 90 frame is skipped byte by byte, the 9A after it is found.
    assert dec.next_request().frame == H("9A 01 01 11 8B")
    assert dec.next_request() is None


def test_board_config_from_mapping():
    cfg = BoardConfig.from_mapping({"address": 2, "locks": 48, "polarity": "open-is-11",
                                    "byte_order": "low-first", "status_bytes": 6})
    assert cfg == BoardConfig(2, 48, Polarity.OPEN_IS_11, ByteOrder.LOW_FIRST, 6)
    assert BoardConfig.from_mapping({"address": 1}) == BoardConfig(1)
