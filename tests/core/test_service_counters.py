"""The hall's counters in the kiosk config: parsed defensively, and the sentences that
send a citizen "到窗口" / "to a service counter" name the one for the service."""
from kiosk.core.service_counters import Counters, from_config

CONFIG = {"counters": {
    "default": {"zh_CN": "1 号综合服务窗口", "en": "counter 1 (general services)"},
    "services": {"ss_certificate": {"zh_CN": "社保专区", "zh_TW": "社保專區",
                                    "en": "the social insurance area"},
                 "broken": {"en": "no Chinese name"}, "junk": 5}}}


def test_the_services_counter_then_the_halls_default():
    c = from_config(CONFIG)
    assert c.say_where("打印机缺纸，请到窗口办理", "ss_certificate", "zh_CN") == \
        "打印机缺纸，请到社保专区办理"
    assert c.say_where("請到窗口辦理", "ss_certificate", "zh_TW") == "請到社保專區辦理"
    assert c.say_where("Please go to a service counter.", "ss_certificate", "en") == \
        "Please go to the social insurance area."
    # No entry of its own (or a malformed one): the hall-wide counter, a space before a digit.
    assert c.say_where("请到窗口办理", "queue_ticket", "zh_CN") == "请到 1 号综合服务窗口办理"
    assert c.say_where("or go to a counter", "broken", "en") == \
        "or go to counter 1 (general services)"
    # A language without a name reads the Chinese one.
    assert c.name(None, "zh_TW") == "1 号综合服务窗口"


def test_no_counters_leave_the_sentences_as_written():
    for config in (None, {}, {"counters": "x"}, {"counters": {"default": {"en": "x"}}}):
        assert from_config(config) == Counters()
        assert from_config(config).say_where("请到窗口办理", "x", "zh_CN") == "请到窗口办理"


def test_a_long_name_is_cut():
    c = from_config({"counters": {"default": {"zh_CN": "窗" * 100}}})
    assert len(c.name(None, "zh_CN")) == 40
