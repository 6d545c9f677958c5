"""The social security card reader under hostile cards (issue 9): a card that answers every
command slowly cannot hold ``read_card`` past its timeout + ``read_allowance`` (+ the one
PC/SC call in progress), and
random or adversarial APDU answers (fixed seeds) give typed errors only, each read within
that bound. Real pcscd + vpcd, the simulated card speaking the vpcd protocol."""
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import DeviceError, DeviceState
from drivers.sscard import SsCardReader, SsReadOutcome
from drivers.sscard import protocol as p
from drivers.sscard.sim import SsCardSimulator, sample_ss_card

from .sscard_support import PORT, READER, insert, list_readers, start_pcscd, wait_card

pytestmark = pytest.mark.timeout(300)

MARGIN = 0.5        # pcscd's own polling adds to every call


@pytest.fixture(scope="module", autouse=True)
def pcscd():
    proc = start_pcscd()
    if proc.returncode != 0:
        pytest.skip(f"pcscd cannot be started: {proc.stderr.strip() or proc.stdout.strip()}")
    if READER not in list_readers():
        pytest.skip(f"pcscd runs without the vpcd reader {READER!r}")


@pytest.fixture(scope="module")
def sim():
    s = SsCardSimulator(PORT)
    yield s
    s.stop()
    wait_card(False)


@pytest.fixture(scope="module")
def reader():
    r = SsCardReader("sscard", READER, timeout=0.5)
    r.read_allowance = 1.0
    yield r
    r.close()


def test_a_slow_card_cannot_hold_the_read_past_its_allowance(sim, reader):
    insert(sim)
    sim.delay = 0.3                     # every APDU: about 15 of them in a read
    try:
        start = time.monotonic()
        with pytest.raises(DeviceError) as info:
            reader.read_card(timeout=1)
        took = time.monotonic() - start
    finally:
        sim.delay = 0.0
    assert info.value.code == "card_too_slow"
    assert took < 1 + reader.read_allowance + reader.timeout + MARGIN, took
    assert reader.status.state is DeviceState.ONLINE          # the reader is fine
    # What the citizen is told: take the card out and insert it again.
    sim.remove()
    assert wait_card(False)
    insert(sim)
    assert _read_when_ready(reader).card == sample_ss_card()


def _read_when_ready(reader, within=10.0):
    """Read once an abandoned PC/SC call has let go of the card (it ends with the card's
    late answer)."""
    deadline = time.monotonic() + within
    while True:
        try:
            outcome = reader.read_card(timeout=2)
            if outcome.outcome == "ok":
                return outcome
        except DeviceError as exc:
            outcome = exc
        assert time.monotonic() < deadline, outcome
        time.sleep(0.2)


ANSWERS = st.one_of(
    st.binary(max_size=40),
    st.builds(lambda data, sw: data + sw.to_bytes(2, "big"), st.binary(max_size=60),
              st.sampled_from([0x9000, 0x6100, 0x61FF, 0x6C00, 0x6C10, 0x6982, 0x6983,
                               0x6A82, 0x6A83, 0x6D00, 0x6F00, 0x6700])),
    st.builds(lambda tag, n, data: bytes([tag, n]) + data + b"\x90\x00",
              st.integers(0, 255), st.integers(0, 255), st.binary(max_size=30)))


@settings(derandomize=True, max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answer=ANSWERS)
def test_garbage_apdu_answers_give_typed_errors_within_the_bound(sim, reader, answer):
    insert(sim)
    sim.garbage = answer
    try:
        start = time.monotonic()
        try:
            out = reader.read_card(timeout=1)
        except DeviceError as exc:
            out = exc
        took = time.monotonic() - start
    finally:
        sim.garbage = None
    assert isinstance(out, (SsReadOutcome, DeviceError)), repr(out)
    assert took < 1 + reader.read_allowance + reader.timeout + MARGIN, (took, out)
    if isinstance(out, SsReadOutcome) and out.card is not None:
        p.encode_card(out.card)       # whatever came out is a well-formed card
