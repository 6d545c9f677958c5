"""No Chinese punctuation glued to a translated string outside qsTr: in
``qsTr("暂停服务") + "：" + reason`` the colon stays full-width in English ("Out of
service：..."). The whole sentence is one translatable string with a placeholder
instead: ``qsTr("暂停服务：%1").arg(reason)``, which each language punctuates."""
import re
from pathlib import Path

import pytest

QML = sorted((Path(__file__).resolve().parents[2] / "kiosk" / "ui" / "qml").glob("*.qml"))
FULL_WIDTH = re.compile("[：；，。、（）！？“”]")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
TRANSLATED = re.compile(r"\bqsTr(?:anslate)?\(\s*(?:\"[^\"]*\"\s*,\s*)?$")


def untranslated_literals(line: str):
    """The string literals of a QML line that are not the source text of qsTr (comments
    left out)."""
    literals = list(LITERAL.finditer(line))
    comment = next((m.start() for m in re.finditer("//", line)
                    if not any(s.start() < m.start() < s.end() for s in literals)), len(line))
    return [m.group() for m in literals
            if m.end() <= comment and not TRANSLATED.search(line[:m.start()])]


def test_the_check_finds_the_pattern():
    line = 'text: "⚠ " + qsTr("暂停服务") + "：" + reason  // not "：" here'
    assert untranslated_literals(line) == ['"⚠ "', '"："']
    assert untranslated_literals('text: qsTr("暂停服务：%1").arg(reason)') == []


@pytest.mark.parametrize("qml", QML, ids=lambda p: p.name)
def test_no_full_width_punctuation_outside_qstr(qml):
    found = [f"{qml.name}:{n}: {literal}"
             for n, line in enumerate(qml.read_text(encoding="utf-8").splitlines(), 1)
             for literal in untranslated_literals(line) if FULL_WIDTH.search(literal)]
    assert not found, found
