"""A catalog's query columns: the hall's words in the citizen's language (``values``)."""
import pytest

from kiosk.core.queries import parse_columns


def test_values_say_the_halls_words_in_each_language():
    (status,) = parse_columns([{"key": "status", "name": {"zh_CN": "状态", "en": "Status"},
                                "values": {"已办结": {"zh_TW": "已辦結", "en": "Done"}}}])
    assert status.cell("已办结", "en") == "Done"
    assert status.cell("已办结", "zh_TW") == "已辦結"
    assert status.cell("已办结", "zh_CN") == "已办结"
    assert status.cell("办理中", "en") == "办理中"          # a word it has no entry for
    assert status.cell(None, "en") == "-"


@pytest.mark.parametrize("values", ["x", {"已办结": "Done"}])
def test_malformed_values_are_refused(values):
    with pytest.raises(ValueError):
        parse_columns([{"key": "status", "name": {"zh_CN": "状态"}, "values": values}])
