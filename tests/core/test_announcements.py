"""The hall's announcements for the idle screen (kiosk/core/announcements.py)."""
from kiosk.core.announcements import MAX_CHARS, MAX_SHOWN, from_config


def test_short_readable_and_only_well_formed():
    got = from_config({"announcements": [
        {"id": "hours", "text": {"zh_CN": "工作时间：9:00-17:00", "en": "9:00-17:00"}},
        {"id": "no-chinese", "text": {"en": "English only"}},
        {"id": "long", "text": {"zh_CN": "长" * 500}},
        "junk", {"text": "not a table"}, {"id": "x", "text": {"zh_CN": "  "}},
        {"id": "3", "text": {"zh_CN": "三"}}, {"id": "4", "text": {"zh_CN": "四"}}]})
    assert [a.id for a in got] == ["hours", "long", "3"]
    assert len(got) == MAX_SHOWN
    assert got[0].label("en") == "9:00-17:00" and got[0].label("zh_TW") == "工作时间：9:00-17:00"
    assert len(got[1].label("zh_CN")) == MAX_CHARS and got[1].label("zh_CN").endswith("…")


def test_nothing_from_nothing():
    for config in (None, [], {"announcements": "x"}, {}):
        assert from_config(config) == ()
