"""Random and adversarial bytes to every serial and TCP driver through its real transport
(issue 9, "and keep it so"): the simulators answer every request with the drawn bytes
(their ``garbage`` fault) on a pty (ID card reader, locker bus) or TCP (ESC/POS receipt
printer status). Only typed errors (DeviceError and its CardError/BoardError kinds) may
come out, ``poll()`` never raises, and every call ends within its documented bound + a
small margin. Fixed seeds, bounded examples."""
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import DeviceError, DeviceState
from drivers.idcard import IdCardReader, ReadOutcome
from drivers.idcard import protocol as idp
from drivers.idcard.card import encode_text_block
from drivers.idcard.sim import IdCardSimulator, sample_resident_card
from drivers.locker import LockerBus
from drivers.locker import protocol as lkp
from drivers.locker.sim import BoardSpec, LockerSimulator
from drivers.receipt.driver import ReceiptPrinter
from drivers.receipt.sim import ReceiptPrinterSimulator

pytestmark = pytest.mark.timeout(300)

MARGIN = 0.3
FUZZ = settings(derandomize=True, max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def elapsed(fn, *args, **kw):
    """(result or the exception raised, seconds taken)."""
    start = time.monotonic()
    try:
        out = fn(*args, **kw)
    except Exception as exc:     # the assertion on the type follows
        out = exc
    return out, time.monotonic() - start


def typed(out):
    assert not isinstance(out, Exception) or isinstance(out, DeviceError), repr(out)
    return out


# -- ID card reader over a pty ---------------------------------------------------------------
def _idcard_garbage():
    text = encode_text_block(sample_resident_card())
    frames = [idp.encode_response(idp.SW_FOUND, bytes(4)), idp.encode_response(idp.SW_OK, bytes(8)),
              idp.encode_response(idp.SW_OK, idp.encode_card_data(text, bytes(1024)))]
    body = st.binary(min_size=3, max_size=300)
    return st.one_of(
        st.binary(max_size=300),                                     # line noise
        body.map(idp.encode_frame),                                  # well-framed nonsense
        st.builds(lambda b, sw3: idp.encode_frame(bytes([0, 0, sw3]) + b),
                  st.binary(max_size=1400), st.integers(0, 255)),    # any status, any data
        st.builds(lambda f, cut: f[:cut], st.sampled_from(frames),
                  st.integers(0, 1400)),                             # truncated real frames
        st.builds(lambda f, at, x: f[:at] + bytes([x]) + f[at + 1:], st.sampled_from(frames),
                  st.integers(0, 1400), st.integers(0, 255)))        # one byte changed


@pytest.fixture(scope="module")
def idcard(tmp_path_factory):
    sim = IdCardSimulator(tmp_path_factory.mktemp("fuzz") / "kiosk-idcard",
                          card=sample_resident_card())
    sim.start()
    reader = IdCardReader("idcard", sim.link, timeout=0.2)
    reader.sam_read_allowance = 0.2
    yield sim, reader
    reader.close()
    sim.stop()


@FUZZ
@given(garbage=_idcard_garbage(),
       only=st.sampled_from([None, idp.Command.FIND, idp.Command.SELECT, idp.Command.READ]))
def test_idcard_reader_against_garbage(idcard, garbage, only):
    sim, reader = idcard
    sim.garbage, sim.garbage_for = garbage, only
    try:
        out, took = elapsed(reader.read_card, timeout=0.3)
        typed(out)
        assert isinstance(out, (ReadOutcome, DeviceError))
        assert took < 0.3 + reader._reply_timeout(idp.Command.READ) + MARGIN, (took, out)
        status, took = elapsed(reader.poll)
        assert status.state in DeviceState, status
        assert took < 3 * reader._reply_timeout(idp.Command.SAM_ID) + MARGIN
    finally:
        sim.garbage = None
    # The reader comes back as soon as the line is clean.
    assert reader.poll().state is DeviceState.ONLINE
    assert reader.read_card(timeout=1).outcome == "ok"


# -- locker boards over a pty ----------------------------------------------------------------
def _locker_garbage():
    reply = lkp.lock_reply(lkp.HEAD_QUERY, 1, 3, lkp.SS_SET)
    status = lkp.status_reply(lkp.BoardConfig(1, 24), {})
    return st.one_of(
        st.binary(max_size=64),
        st.builds(lambda h, body: bytes([h, 1]) + body,
                  st.sampled_from([lkp.HEAD_QUERY, lkp.HEAD_OPEN, lkp.HEAD_OPEN_MANY]),
                  st.binary(max_size=12)),                           # right head, wrong rest
        st.builds(lambda f, at, x: f[:at] + bytes([x]) + f[at + 1:],
                  st.sampled_from([reply, status]), st.integers(0, 6), st.integers(0, 255)),
        st.builds(lambda f, n: f * n, st.sampled_from([reply, status]), st.integers(2, 5)))


@pytest.fixture(scope="module")
def locker(tmp_path_factory):
    sim = LockerSimulator(tmp_path_factory.mktemp("fuzz") / "kiosk-locker",
                          boards={1: BoardSpec(locks=24)})
    sim.start()
    bus = LockerBus("locker", sim.link, boards=sim.board_configs(), timeout=0.15,
                    settle=0.02, confirm_within=0.3)
    yield sim, bus
    bus.close()
    sim.stop()


@FUZZ
@given(garbage=_locker_garbage(), lock=st.integers(1, 24))
def test_locker_bus_against_garbage(locker, garbage, lock):
    sim, bus = locker
    # One send of a reply: the timeout plus the wire time of the longest reply.
    one = bus.timeout + (5 + lkp.MAX_STATUS_BYTES + 4) * 10 / bus.baud
    sim.garbage = garbage
    try:
        out, took = elapsed(bus.door_state, 1, lock)
        assert typed(out) in ("open", "closed") or isinstance(out, DeviceError)
        assert took < 3 * one + MARGIN, took
        out, took = elapsed(bus.open_door, 1, lock)
        typed(out)
        assert took < 3 * one + bus.confirm_within + one + MARGIN, took
        out, took = elapsed(bus.wait_closed, 1, lock, 0.2)
        typed(out)
        assert took < 0.2 + one + MARGIN, took
        status, took = elapsed(bus.poll)
        assert status.state in DeviceState
        assert took < 3 * one + MARGIN
    finally:
        sim.garbage = None
        sim.close_door(1, lock)
    assert bus.poll().state is DeviceState.ONLINE


# -- receipt printer status over TCP ---------------------------------------------------------
@pytest.fixture(scope="module")
def receipt():
    sim = ReceiptPrinterSimulator(port=0)
    port = sim.start()
    printer = ReceiptPrinter("receipt", f"tcp://127.0.0.1:{port}", timeout=0.3)
    yield sim, printer
    printer.close()
    sim.stop()


@FUZZ
@given(garbage=st.one_of(st.binary(max_size=64),
                         st.lists(st.integers(0, 255), min_size=1, max_size=5).map(
                             lambda b: bytes(x | 0x12 for x in b)),        # status-shaped
                         st.binary(max_size=30).map(lambda b: b"\x5f" + b)))  # GS I shaped
def test_receipt_printer_status_against_garbage(receipt, garbage):
    sim, printer = receipt
    sim.garbage = garbage
    try:
        status, took = elapsed(printer.poll)
        assert status.state in DeviceState
        # Reconnecting after a broken link costs one more timeout.
        assert took < 2 * printer.timeout + MARGIN, took
        printer._info = None
        out, took = elapsed(printer.info)
        typed(out)
        assert took < 2 * printer.timeout + 3 * printer.timeout + MARGIN, took
    finally:
        sim.garbage = None
    printer._info = None
    assert printer.poll().state is DeviceState.ONLINE
