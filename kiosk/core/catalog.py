"""The service catalog: services, ticket categories and ticket kinds, as data.

Names carry all three UI languages; :meth:`Named.label` picks one with a fallback to
Simplified Chinese, so a missing translation shows Chinese rather than nothing.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


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
class Catalog:
    services: tuple[Service, ...]
    ticket_categories: tuple[TicketCategory, ...]
    ticket_kinds: tuple[TicketKind, ...]

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
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return Catalog(
        services=tuple(Service(code=s["code"], name=dict(s["name"]), flow=s["flow"],
                               identity=tuple(s.get("identity", ["none"])),
                               devices=tuple(s.get("devices", [])),
                               offline=bool(s.get("offline", False)),
                               summary=dict(s.get("summary", {})))
                       for s in raw.get("services", [])),
        ticket_categories=tuple(TicketCategory(code=c["code"], name=dict(c["name"]),
                                               letter=c["letter"])
                                for c in raw.get("ticket_categories", [])),
        ticket_kinds=tuple(TicketKind(code=k["code"], name=dict(k["name"]),
                                      identity=k.get("identity", "none"))
                           for k in raw.get("ticket_kinds", [])),
    )
