"""Log masking (issue 9, item 9): every form an ID number takes in a log line is masked —
after a letter (``ID440106...``), the 15-digit numbers of the first-generation cards,
full-width digits, inside the traceback or stack a handler formats later — on every
handler, also one added after masking was installed; other numbers stay readable."""
import datetime
import io
import logging

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from kiosk.core.privacy import MaskingFilter, install_log_masking, mask_id_number

_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def check_digit(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


@pytest.mark.parametrize("line, masked", [
    ("ID440106199101010010 read", "ID4401**********0010 read"),
    ("holder=sfz11010120231101217Xok", "holder=sfz1101**********217Xok"),
    ("old card 440106910101001 read", "old card 4401*******1001 read"),
    ("第一代身份证440106910101001。", "第一代身份证4401*******1001。"),
    ("全角４４０１０６１９９１０１０１００１０号", "全角４４０１**********００１０号"),
    ("全角１１０１０１２０２３１１０１２１７Ｘ", "全角１１０１**********２１７Ｘ"),
    ("mixed 4401０６199101010010", "mixed 4401**********0010"),
    ("permanent residence card USA440085010100", "permanent residence card USA4*******0100"),
])
def test_the_forms_that_passed_unmasked(line, masked):
    assert mask_id_number(line) == masked


@pytest.mark.parametrize("line", [
    "ticket A3-017 issued (general/accept, leased_block)",
    "amount ¥1,234.56 (123456 fen), order P0123456789ABCDEF01234",
    "at 2026-12-02T16:31:03.123456+08:00, epoch 1764664263.123456, ms 1764664263123",
    "row 3f2b6c1e-8a4d-4e8f-9c1a-5b7d2e4f6a80 accepted",
    "order 12345678901234567890 and 1234567890123456789 (not IDs: too long)",
    "phone 13800138000, IMEI-like 359881234567890, 16 digits 6222021234567890",
    "holder 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
    "uptime 123456789012 s, counters 100000000000000",
])
def test_other_numbers_stay_readable(line):
    assert mask_id_number(line) == line


def _handler(stream):
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(MaskingFilter())
    return handler


def _logger(name, handler):
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG)
    return logger


def test_numbers_in_a_traceback_and_a_stack_are_masked():
    out = io.StringIO()
    logger = _logger("test.masking.traceback", _handler(out))
    try:
        raise ValueError("card 440106199101010010 refused")
    except ValueError:
        logger.exception("reading failed for %s", "ID81000019850601001X")
    logger.warning("where am I (440106910101001)", stack_info=True)
    try:
        raise KeyError("110101202311012171")
    except KeyError:
        logger.error("lookup", exc_info=True)
    text = out.getvalue()
    for full in ("440106199101010010", "81000019850601001X", "440106910101001",
                 "110101202311012171"):
        assert full not in text, text
    assert "4401**********0010" in text and "Traceback" in text


def test_an_exc_text_set_before_the_handler_is_masked():
    out = io.StringIO()
    logger = _logger("test.masking.exc_text", _handler(out))
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "failed", None, None)
    record.exc_text = "Traceback ...\nValueError: 440106199101010010"
    logger.handle(record)
    assert "440106199101010010" not in out.getvalue()
    assert "4401**********0010" in out.getvalue()


def test_a_record_whose_arguments_do_not_fit_still_reaches_the_handler():
    out = io.StringIO()
    logger = _logger("test.masking.bad_args", _handler(out))
    errors = []
    logger.handlers[0].handleError = lambda record: errors.append(record)
    logger.info("two %s %s", "only one")        # logging's own error path, not ours
    assert len(errors) == 1


@pytest.fixture
def restore_logging():
    factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    logging.setLogRecordFactory(factory)
    root.handlers[:] = handlers
    root.setLevel(level)


def test_installed_masking_covers_handlers_added_later(restore_logging):
    install_log_masking()
    install_log_masking()           # idempotent: not masked twice, not slower
    out = io.StringIO()
    late = logging.StreamHandler(out)            # no filter of its own
    logger = logging.getLogger("test.masking.late")
    logger.addHandler(late)
    logger.propagate = False
    try:
        try:
            raise RuntimeError("440106199101010010")
        except RuntimeError:
            logger.error("card %s", "４４０１０６１９９１０１０１００１０", exc_info=True)
    finally:
        logger.removeHandler(late)
    assert "440106199101010010" not in out.getvalue()
    assert "４４０１０６１９９１０１０１００１０" not in out.getvalue()
    assert "4401**********0010" in out.getvalue()


def test_the_cli_installs_masking_for_every_handler(tmp_path, restore_logging):
    from kiosk import cli
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert cli.main(["sync", "status", "--config", str(config), "--json"]) == 0
    out = io.StringIO()
    logging.getLogger().addHandler(logging.StreamHandler(out))   # after the CLI started
    logging.getLogger("test.masking.cli").warning("ID440106199101010010")
    assert "440106199101010010" not in out.getvalue()
    assert "ID4401**********0010" in out.getvalue()


# -- any valid ID number, anywhere in any text, never survives ----------------------------
_REGIONS = ["110101", "310104", "440106", "440304", "445302", "810000", "820000", "830000"]


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(_REGIONS))
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1),
                         max_value=datetime.date(2026, 12, 31)))
    sequence = f"{draw(st.integers(0, 999)):03d}"
    if draw(st.booleans()):                      # a first-generation card: 15 digits
        number = region + born.strftime("%y%m%d") + sequence
    else:
        first17 = region + born.strftime("%Y%m%d") + sequence
        number = first17 + check_digit(first17)
    if draw(st.booleans()):
        number = number.translate(_FULL_WIDTH)
    return number


# Text around the number: anything but a digit right next to it (a longer digit run is
# another number: an order number, kept readable by design).
_TEXT = st.text(st.characters(blacklist_categories=("Nd", "Cs")), max_size=12)


@seed(20261202)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number=id_numbers(), before=_TEXT, after=_TEXT, where=st.sampled_from(
    ["message", "argument", "exception", "stack"]))
def test_no_valid_id_number_survives_a_handler(number, before, after, where):
    out = io.StringIO()
    logger = _logger("test.masking.property", _handler(out))
    embedded = before + number + after
    if where == "message":
        logger.info(embedded.replace("%", "%%"))
    elif where == "argument":
        logger.info("card %s", embedded)
    elif where == "exception":
        try:
            raise ValueError(embedded)
        except ValueError:
            logger.exception("failed")
    else:
        record = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "here", None, None,
                                   sinfo="Stack (most recent call last):\n  " + embedded)
        logger.handle(record)
    text = out.getvalue()
    assert number not in text
    half = number.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
    assert half not in text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
