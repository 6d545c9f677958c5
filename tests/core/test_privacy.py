"""Personal data: ID numbers masked in logs; the hall gets a salted hash only."""
import hashlib
import hmac
import logging

from kiosk.core.privacy import MaskingFilter, holder_hash, mask_id_number


def test_mask_keeps_first_and_last_four():
    assert mask_id_number("360426199101010071") == "3604**********0071"
    assert mask_id_number("id=11010120231101217X.") == "id=1101**********217X."
    # Other long digit strings (phone numbers, counters) are not ID numbers.
    assert mask_id_number("13800138000") == "13800138000"
    assert mask_id_number("1234567890123456789") == "1234567890123456789"


def test_log_records_are_masked(caplog):
    logger = logging.getLogger("test.privacy")
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO):
        logger.info("card %s read", "120103198806018241")
    assert "120103198806018241" not in caplog.text
    assert "1201**********8241" in caplog.text


def test_holder_hash_is_hmac_sha256_of_the_upper_cased_number():
    expected = hmac.new(b"salt", b"11010120231101217X", hashlib.sha256).hexdigest()
    assert holder_hash("11010120231101217x", "salt") == expected
    assert holder_hash("11010120231101217X", "other") != expected
