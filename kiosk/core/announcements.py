"""What the hall tells citizens on the terminal's idle screen: ``announcements`` in the
kiosk's config (hall-api.md "Catalog, config, guides"), e.g. the opening hours or a
counter closed today. Each is ``{"id": ..., "text": {language: text}}``.

The idle screen must stay readable from a few steps away, so a few short ones only:
entries that are malformed or have no Simplified Chinese text are left out, long texts
are cut, and no more than :data:`MAX_SHOWN` are kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_SHOWN = 3
MAX_CHARS = 120


@dataclass(frozen=True)
class Announcement:
    id: str
    text: dict[str, str]

    def label(self, language: str) -> str:
        return self.text.get(language) or self.text["zh_CN"]


def from_config(config: Any) -> tuple[Announcement, ...]:
    """The announcements of a kiosk config document (None or junk: none)."""
    raw = config.get("announcements") if isinstance(config, dict) else None
    out: list[Announcement] = []
    for entry in raw if isinstance(raw, list) else ():
        text = entry.get("text") if isinstance(entry, dict) else None
        if not (isinstance(text, dict) and isinstance(text.get("zh_CN"), str)
                and text["zh_CN"].strip()):
            continue
        out.append(Announcement(str(entry.get("id", len(out))), {
            str(lang): _short(value) for lang, value in text.items()
            if isinstance(value, str) and value.strip()}))
    return tuple(out[:MAX_SHOWN])


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"
