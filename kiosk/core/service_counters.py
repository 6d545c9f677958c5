"""Which counter (or area) of the hall serves each service: ``counters`` in the kiosk's
config (hall-api.md "Catalog, config, guides"), so that "请到窗口办理" says where:
"请到 3 号窗口（社保）办理".

``{"default": {"zh_CN": "综合服务窗口", ...}, "services": {"ss_certificate": {"zh_CN":
"3 号窗口（社保）", "zh_TW": ..., "en": "counter 3 (social insurance)"}}}``. A name needs
its Simplified Chinese text; a language without one reads the Simplified Chinese name;
a malformed entry is left out, and with no name at all the sentences stay as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_CHARS = 40          # a counter's name, not a paragraph

# Where the UI's sentences send the citizen to "a counter", per language: the words a
# counter's name replaces (the catalogues' wording: kiosk/ui/i18n, kiosk/core/identify.py).
_AT_COUNTER = {"zh_CN": re.compile(r"到窗口"), "zh_TW": re.compile(r"到窗口"),
               "en": re.compile(r"\ba (?:service |staffed )?counter\b")}
_REPLACEMENT = {"zh_CN": "到{name}", "zh_TW": "到{name}", "en": "{name}"}


@dataclass(frozen=True)
class Counters:
    default: dict[str, str] = field(default_factory=dict)
    services: dict[str, dict[str, str]] = field(default_factory=dict)

    def name(self, service: str | None, language: str) -> str:
        """The counter of ``service`` (the hall-wide one without a service or an entry
        of its own) in ``language``; "" when the hall names none."""
        names = self.services.get(service or "") or self.default
        return names.get(language) or names.get("zh_CN", "")

    def say_where(self, text: str, service: str | None, language: str) -> str:
        """``text`` with its "到窗口" / "a service counter" naming the counter."""
        name = self.name(service, language)
        pattern = _AT_COUNTER.get(language)
        if not name or pattern is None:
            return text
        if language != "en" and name[0].isascii() and name[0].isalnum():
            name = " " + name           # 到 3 号窗口: a space between Chinese and a digit
        return pattern.sub(_REPLACEMENT[language].format(name=name), text)


def from_config(config: Any) -> Counters:
    """The counters of a kiosk config document (None or junk: none)."""
    raw = config.get("counters") if isinstance(config, dict) else None
    if not isinstance(raw, dict):
        return Counters()
    services = raw.get("services")
    return Counters(_names(raw.get("default")), {
        str(code): names for code, value in (services.items() if isinstance(services, dict)
                                             else ())
        if (names := _names(value))})


def _names(value: Any) -> dict[str, str]:
    if not (isinstance(value, dict) and isinstance(value.get("zh_CN"), str)
            and value["zh_CN"].strip()):
        return {}
    return {str(lang): " ".join(text.split())[:MAX_CHARS] for lang, text in value.items()
            if isinstance(text, str) and text.strip()}
