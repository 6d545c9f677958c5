"""Service guides (办事指南): what to bring, how long it takes, what it costs, where to go.

A guide explains one service of the catalog (same ``code``). Guides are browsed by theme,
life event and department, and searched the way citizens search on a terminal:

* pinyin initials typed on the A–Z keypad ("SBJF" for 社保缴费),
* Chinese words (社保, 挂失, 参保证明),
* a mix of both ("社保JF"): a Chinese character matches itself, a letter matches the
  initial of the character at its place.

Initials are computed once, at load, for each guide's Simplified name and keywords (with
:data:`PINYIN_OVERRIDES` for the phrases pypinyin reads wrongly), so a search is a scan of
a few hundred short strings in memory.

Ranking (best first): exact name, exact keyword, name prefix, keyword prefix, name
substring, keyword substring, then a Chinese word found only in the materials. Ties go to
the guide where more texts match (养老保险 is a keyword of two guides, and also begins the
name of one), then the earliest position, the shorter text, the order of the guides file.

Texts are ``{language: text}`` tables with ``zh_CN``, ``zh_TW`` and ``en``; a missing
language falls back to Simplified Chinese, as in :mod:`kiosk.core.catalog`.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin

from .catalog import Named
from .config import SHIPPED_CONFIG_DIR

SHIPPED_GUIDES = SHIPPED_CONFIG_DIR / "guides.toml"

FACETS = ("theme", "life_event", "department")

# Phrases whose reading pypinyin's phrase dictionary gets wrong (it reads 长 as zhǎng,
# 行 as xíng and 重 as zhòng in these); one syllable per character. A phrase applies
# wherever it occurs in a guide's name or keywords. tests/core/test_guides.py checks that
# each entry still disagrees with pypinyin, so the table keeps only what is needed.
PINYIN_OVERRIDES: dict[str, str] = {
    "长住": "chang zhu",            # 长期居住 (residence permits, enrolment by residents)
    "长护险": "chang hu xian",      # 长期护理保险, long-term care insurance
    "支行": "zhi hang",             # bank branch (cards are collected at partner banks)
    "重办": "chong ban",            # 重新办理
    "重打": "chong da",             # reprint (凭条, 证明)
    "重名": "chong ming",           # 重名查询, a police query
}

_NAME, _KEYWORD, _MATERIAL = "name", "keyword", "material"
_EXACT, _PREFIX, _SUBSTRING = "exact", "prefix", "substring"
_TIERS = {(_NAME, _EXACT): 0, (_KEYWORD, _EXACT): 1, (_NAME, _PREFIX): 2,
          (_KEYWORD, _PREFIX): 3, (_NAME, _SUBSTRING): 4, (_KEYWORD, _SUBSTRING): 5,
          (_MATERIAL, _EXACT): 6, (_MATERIAL, _PREFIX): 6, (_MATERIAL, _SUBSTRING): 6}

_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NOT_SEARCHABLE = re.compile(f"[^0-9A-Z{_HANZI}]")
_IS_HANZI = re.compile(f"[{_HANZI}]")


@dataclass(frozen=True)
class Guide(Named):
    """One guide as loaded: every text in all its languages."""
    theme: str                              # a code of Guides.themes
    life_events: tuple[str, ...]            # codes of Guides.life_events
    department: str                         # a code of Guides.departments
    materials: tuple[dict[str, str], ...]   # one {language: text} per item to bring
    time_limit: dict[str, str]
    fees: dict[str, str]
    where: dict[str, str]
    keywords: tuple[str, ...]               # Simplified Chinese words citizens type


@dataclass(frozen=True)
class GuideView:
    """A guide in one language, ready to show on screen or print."""
    code: str
    language: str
    name: str
    theme: str
    life_events: tuple[str, ...]
    department: str
    materials: tuple[str, ...]
    time_limit: str
    fees: str
    where: str


@dataclass(frozen=True)
class Facet:
    """An entry of a browse list: its code, its label in the asked language, how many guides."""
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str           # the guide's name in the asked language
    field: str          # where the best match was: "name" | "keyword" | "material"
    matched: str        # that text as written in the guide (Chinese)
    match: str          # "exact" | "prefix" | "substring"


def normalize(text: str) -> str:
    """What search compares: full-width forms folded (NFKC), letters upper-case, and only
    Chinese characters, A–Z and digits kept (spaces and punctuation dropped)."""
    return _NOT_SEARCHABLE.sub("", unicodedata.normalize("NFKC", text).upper())


def initials(text: str) -> str:
    """The pinyin initials of ``normalize(text)``, one per character (same length):
    a Chinese character gives the first letter of its reading, A–Z and digits themselves.

    >>> initials("社保缴费")
    'SBJF'
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    # pypinyin reads the whole text (its phrase dictionary needs the context); `errors`
    # returns what it cannot read character by character so the result stays aligned.
    # (pypinyin's errors may return a list, its docs say; its type hints say str only)
    readings = lazy_pinyin(folded, style=Style.FIRST_LETTER,
                           errors=list)  # type: ignore[arg-type]
    kept = [(char, reading[:1].upper() or char)
            for char, reading in zip(folded, readings, strict=True)
            if not _NOT_SEARCHABLE.match(char)]
    chars = "".join(char for char, _ in kept)
    letters = [letter for _, letter in kept]
    for phrase, reading in PINYIN_OVERRIDES.items():
        start = chars.find(phrase)
        while start >= 0:
            letters[start:start + len(phrase)] = [s[0].upper() for s in reading.split()]
            start = chars.find(phrase, start + 1)
    return "".join(letters)


@dataclass(frozen=True)
class _Field:
    kind: str           # _NAME | _KEYWORD | _MATERIAL
    shown: str          # as written in the guide
    text: str           # normalize(shown)
    initials: str       # initials(shown) for fields searched by initials, else ""


class Guides:
    """The loaded guides with their browse lists and search index.

    ``themes``, ``life_events`` and ``departments`` are in the order of the file, which is
    the order the browse lists show them in.
    """

    def __init__(self, guides: Iterable[Guide], themes: Iterable[Named],
                 life_events: Iterable[Named], departments: Iterable[Named]):
        self.guides = tuple(guides)
        self.themes = tuple(themes)
        self.life_events = tuple(life_events)
        self.departments = tuple(departments)
        self._vocab = {"theme": {t.code: t for t in self.themes},
                       "life_event": {e.code: e for e in self.life_events},
                       "department": {d.code: d for d in self.departments}}
        self._by_code: dict[str, Guide] = {}
        for guide in self.guides:
            if guide.code in self._by_code:
                raise ValueError(f"guide {guide.code!r} appears twice")
            self._by_code[guide.code] = guide
            for kind in FACETS:
                unknown = set(_facet_codes(guide, kind)) - set(self._vocab[kind])
                if unknown:
                    raise ValueError(f"guide {guide.code!r}: unknown {kind} {sorted(unknown)}")
        self._index = [(guide, *_index_fields(guide)) for guide in self.guides]

    def guide(self, code: str) -> Guide:
        return self._by_code[code]

    def view(self, code: str, language: str = "zh_CN") -> GuideView:
        guide = self._by_code[code]
        vocab = self._vocab
        return GuideView(
            code=guide.code, language=language, name=guide.label(language),
            theme=vocab["theme"][guide.theme].label(language),
            life_events=tuple(vocab["life_event"][e].label(language) for e in guide.life_events),
            department=vocab["department"][guide.department].label(language),
            materials=tuple(_pick(m, language) for m in guide.materials),
            time_limit=_pick(guide.time_limit, language), fees=_pick(guide.fees, language),
            where=_pick(guide.where, language))

    def facets(self, kind: str, language: str = "zh_CN") -> list[Facet]:
        """The browse list of ``kind`` ("theme", "life_event" or "department"): entries in
        file order with the number of guides in each; entries with none are left out."""
        entries = self._vocab[kind].values()
        counts = {entry.code: 0 for entry in entries}
        for guide in self.guides:
            for code in _facet_codes(guide, kind):
                counts[code] += 1
        return [Facet(entry.code, entry.label(language), counts[entry.code])
                for entry in entries if counts[entry.code]]

    def browse(self, kind: str, code: str, language: str = "zh_CN") -> list[GuideView]:
        """The guides filed under one entry of a browse list, in file order."""
        if code not in self._vocab[kind]:
            raise KeyError(code)
        return [self.view(guide.code, language) for guide in self.guides
                if code in _facet_codes(guide, kind)]

    def search(self, query: str, language: str = "zh_CN",
               limit: int | None = None) -> list[SearchHit]:
        """Guides matching ``query``, best first (see the module's docstring).

        Words separated by spaces must all match. Letters are pinyin initials of a guide's
        name or keywords; Chinese characters are looked for in the names (both scripts),
        keywords and materials; a mixed word in the names and keywords.
        """
        terms = [_Term(word) for word in query.split()]
        terms = [term for term in terms if term.text]
        if not terms:
            return []
        ranked = []
        for order, (guide, typed, written) in enumerate(self._index):
            found = []
            for term in terms:
                best = term.best_match(typed if term.typed else written)
                if best is None:
                    break
                found.append(best)
            else:
                tiers = [tier for tier, *_ in found]
                matching = sum(count for *_, count in found)
                _, position, length, field, match, _ = found[0]
                ranked.append(((max(tiers), sum(tiers), -matching, position, length, order),
                               SearchHit(guide.code, guide.label(language), field.kind,
                                         field.shown, match)))
        ranked.sort(key=lambda item: item[0])
        return [hit for _, hit in ranked[:limit]]


class _Term:
    """One word of a query, normalized, with how it is to be matched."""

    def __init__(self, word: str):
        self.text = normalize(word)
        hanzi = [bool(_IS_HANZI.match(char)) for char in self.text]
        # Any letter means the citizen typed initials: match against name/keyword initials.
        self.typed = not all(hanzi)
        self.mixed = self.typed and any(hanzi)
        self._hanzi = hanzi

    def best_match(self, fields: list[_Field]):
        """(tier, position, field length, field, match kind, number of fields matching) of
        the best field, or None when none matches."""
        best, count = None, 0
        for field in fields:
            position = self._find(field)
            if position < 0:
                continue
            count += 1
            if position:
                match = _SUBSTRING
            else:
                match = _EXACT if len(field.text) == len(self.text) else _PREFIX
            key = (_TIERS[field.kind, match], position, len(field.text), field, match)
            if best is None or key[:3] < best[:3]:
                best = key
        return None if best is None else (*best, count)

    def _find(self, field: _Field) -> int:
        if not self.typed:
            return field.text.find(self.text)
        if not self.mixed:
            return field.initials.find(self.text)
        # A character matches itself, a letter the initial of the character in its place.
        size = len(self.text)
        for start in range(len(field.text) - size + 1):
            if all((field.text if hanzi else field.initials)[start + i] == char
                   for i, (char, hanzi) in enumerate(zip(self.text, self._hanzi, strict=True))):
                return start
        return -1


def _index_fields(guide: Guide) -> tuple[list[_Field], list[_Field]]:
    """(fields searched by typed initials, fields searched by Chinese text)."""
    typed = [_Field(_NAME, guide.name["zh_CN"], normalize(guide.name["zh_CN"]),
                    initials(guide.name["zh_CN"]))]
    typed += [_Field(_KEYWORD, word, normalize(word), initials(word)) for word in guide.keywords]
    written = list(typed)
    if "zh_TW" in guide.name:
        written.append(_Field(_NAME, guide.name["zh_TW"], normalize(guide.name["zh_TW"]), ""))
    written += [_Field(_MATERIAL, text, normalize(text), "")
                for item in guide.materials
                for language, text in item.items() if language in ("zh_CN", "zh_TW")]
    return typed, written


def _facet_codes(guide: Guide, kind: str) -> tuple[str, ...]:
    if kind == "theme":
        return (guide.theme,)
    if kind == "department":
        return (guide.department,)
    if kind == "life_event":
        return guide.life_events
    raise KeyError(kind)


def _pick(text: Mapping[str, str], language: str) -> str:
    return text.get(language) or text.get("zh_CN") or ""


def _text(raw: Any, where: str) -> dict[str, str]:
    if not (isinstance(raw, Mapping) and isinstance(raw.get("zh_CN"), str) and raw["zh_CN"]):
        raise ValueError(f"{where}: needs a table of texts with at least zh_CN")
    return {str(language): str(text) for language, text in raw.items()}


def _named(raw: Mapping[str, Any], where: str) -> Named:
    if not isinstance(raw.get("code"), str):
        raise ValueError(f"{where}: every entry needs a code")
    return Named(code=raw["code"], name=_text(raw.get("name"), f"{where} {raw['code']}.name"))


def _guide(raw: Mapping[str, Any]) -> Guide:
    code = raw.get("code")
    if not isinstance(code, str):
        raise ValueError("guides: every guide needs a code")
    for key in ("theme", "department"):
        if not isinstance(raw.get(key), str):
            raise ValueError(f"guide {code!r}: needs a {key}")
    return Guide(
        code=code, name=_text(raw.get("name"), f"guide {code!r}.name"),
        theme=raw["theme"], department=raw["department"],
        life_events=tuple(raw.get("life_events", ())),
        materials=tuple(_text(item, f"guide {code!r}.materials")
                        for item in raw.get("materials", ())),
        time_limit=_text(raw.get("time_limit"), f"guide {code!r}.time_limit"),
        fees=_text(raw.get("fees"), f"guide {code!r}.fees"),
        where=_text(raw.get("where"), f"guide {code!r}.where"),
        keywords=tuple(str(word) for word in raw.get("keywords", ())))


def from_mapping(raw: Mapping[str, Any]) -> Guides:
    """Guides from parsed data laid out as ``kiosk/data/guides.toml`` (``themes``,
    ``life_events``, ``departments``, ``guides``). Raises ValueError on a malformed entry
    or a reference to an unknown theme, life event or department."""
    return Guides(guides=[_guide(g) for g in raw.get("guides", ())],
                  themes=[_named(t, "themes") for t in raw.get("themes", ())],
                  life_events=[_named(e, "life_events") for e in raw.get("life_events", ())],
                  departments=[_named(d, "departments") for d in raw.get("departments", ())])


def load(path: str | Path = SHIPPED_GUIDES) -> Guides:
    """Read a guides file (TOML, layout of ``kiosk/data/guides.toml``)."""
    with open(path, "rb") as f:
        return from_mapping(tomllib.load(f))
