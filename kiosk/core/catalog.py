"""The service catalog: services, ticket categories and ticket kinds, as data.

Names carry all three UI languages; :meth:`Named.label` picks one with a fallback to
Simplified Chinese, so a missing translation shows Chinese rather than nothing.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import forms, queries
from .screens import FLOW_KINDS


@dataclass(frozen=True)
class Named:
    code: str
    name: dict[str, str]

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name.get("zh_CN") or self.code


@dataclass(frozen=True)
class Service(Named):
    flow: str                       # ticket | query | print | apply | pay | pickup | guide
    identity: tuple[str, ...]       # id_card | ss_card | face | qr | none
    devices: tuple[str, ...]        # device kinds the service cannot run without
    offline: bool
    summary: dict[str, str]         # one line under the name on the home screen
    form: forms.Form = ()           # an application's questions (apply flow), see forms.py
    columns: tuple[queries.Column, ...] = ()   # a query's columns, when not built in

    def summary_label(self, language: str) -> str:
        return self.summary.get(language) or self.summary.get("zh_CN") or ""


@dataclass(frozen=True)
class TicketCategory(Named):
    letter: str


@dataclass(frozen=True)
class TicketKind(Named):
    identity: str                   # "id_card" or "none" (may skip identification)

    @property
    def needs_identity(self) -> bool:
        return self.identity != "none"


@dataclass(frozen=True)
class ServiceGroup(Named):
    """A tile of the home screen gathering services (社保服务: five services). A group of
    one service opens that service directly."""
    summary: dict[str, str]
    services: tuple[str, ...]       # service codes, in the order shown

    def summary_label(self, language: str) -> str:
        return self.summary.get(language) or self.summary.get("zh_CN") or ""


@dataclass(frozen=True)
class Catalog:
    services: tuple[Service, ...]
    ticket_categories: tuple[TicketCategory, ...]
    ticket_kinds: tuple[TicketKind, ...]
    groups: tuple[ServiceGroup, ...] = ()

    def home_groups(self) -> tuple[ServiceGroup, ...]:
        """The home screen's tiles: the catalog's groups (only their services this
        catalog has; empty groups left out), then a group of its own for every service
        no group names — a catalog without groups shows one tile per service."""
        codes = {s.code for s in self.services}
        out: list[ServiceGroup] = []
        grouped: set[str] = set()
        for g in self.groups:
            members = tuple(c for c in g.services if c in codes and c not in grouped)
            grouped.update(members)
            if members:
                out.append(ServiceGroup(code=g.code, name=g.name, summary=g.summary,
                                        services=members))
        out += [ServiceGroup(code=s.code, name=s.name, summary=s.summary, services=(s.code,))
                for s in self.services if s.code not in grouped]
        return tuple(out)

    def service(self, code: str) -> Service:
        return _find(self.services, code)

    def category(self, code: str) -> TicketCategory:
        return _find(self.ticket_categories, code)

    def kind(self, code: str) -> TicketKind:
        return _find(self.ticket_kinds, code)


def _find(items, code):
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


def load(path: str | Path) -> Catalog:
    """The catalog file shipped with the terminal (``kiosk/data/catalog.toml``). Strict: a
    mistake in it raises ValueError naming the entry, at start-up, not at a citizen."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    try:
        return Catalog(
            services=tuple(service_from(s) for s in raw.get("services", [])),
            ticket_categories=tuple(category_from(c) for c in raw.get("ticket_categories", [])),
            ticket_kinds=tuple(kind_from(k) for k in raw.get("ticket_kinds", [])),
            groups=tuple(group_from(g) for g in raw.get("service_groups", [])))
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None


# -- one entry each: ValueError names what is wrong ----------------------------------------
# The same readers take the hall's catalog (kiosk/core/hall_catalog.py), where one bad
# entry is refused on its own and the rest still applies.


def service_from(raw: Any, forms_of: Mapping[str, forms.Form] | None = None) -> Service:
    """A ``[[services]]`` entry. ``forms_of[code]`` is used when the entry has no ``form``
    of its own (the hall's catalog may leave an application's questions to the seed)."""
    code = _code(raw, "service")
    form = (forms_of or {}).get(code, ())
    try:
        flow = raw.get("flow")
        if flow not in FLOW_KINDS:
            raise ValueError(f"flow {flow!r} is not one this terminal can run")
        columns = queries.parse_columns(raw.get("columns"))
        if flow == "query" and not (columns or queries.knows(code)):
            raise ValueError("a query service needs its columns")
        return Service(code=code, name=_names(raw, "name"), flow=flow,
                       identity=_strings(raw.get("identity", ["none"]), "identity"),
                       devices=_strings(raw.get("devices", []), "devices"),
                       offline=_flag(raw.get("offline", False)),
                       summary=_names(raw, "summary", required=False),
                       form=forms.parse(raw["form"]) if raw.get("form") is not None else form,
                       columns=columns)
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise ValueError(f"service {code!r}: {e}") from None


def category_from(raw: Any) -> TicketCategory:
    code = _code(raw, "ticket category")
    letter = raw.get("letter")
    if not (isinstance(letter, str) and len(letter) == 1 and letter.isascii()
            and letter.isalpha()):
        raise ValueError(f"ticket category {code!r}: letter {letter!r} is not one letter")
    return TicketCategory(code=code, name=_names(raw, "name", what=code), letter=letter.upper())


def kind_from(raw: Any) -> TicketKind:
    code = _code(raw, "ticket kind")
    identity = raw.get("identity", "none")
    if not isinstance(identity, str):
        raise ValueError(f"ticket kind {code!r}: identity must be one method")
    return TicketKind(code=code, name=_names(raw, "name", what=code), identity=identity)


def group_from(raw: Any) -> ServiceGroup:
    code = _code(raw, "service group")
    return ServiceGroup(code=code, name=_names(raw, "name", what=code),
                        summary=_names(raw, "summary", required=False, what=code),
                        services=_strings(raw.get("services", []), f"group {code!r} services"))


def _code(raw: Any, what: str) -> str:
    if not isinstance(raw, dict):
        raise ValueError(f"a {what} entry is not a table")
    code = raw.get("code")
    if not (isinstance(code, str) and code.strip()):
        raise ValueError(f"a {what} entry has no code")
    return code


def _names(raw: dict, key: str, *, required: bool = True, what: str = "") -> dict[str, str]:
    """A ``{language: text}`` table; a required one needs at least Simplified Chinese."""
    names = raw.get(key, {})
    if not (isinstance(names, dict) and all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in names.items())):
        raise ValueError(f"{what + ': ' if what else ''}{key} must map languages to texts")
    if required and not names.get("zh_CN"):
        raise ValueError(f"{what + ': ' if what else ''}{key} has no zh_CN text")
    return dict(names)


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
        raise ValueError(f"{what} must be a list of codes")
    return tuple(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"offline must be true or false, not {value!r}")
    return value
