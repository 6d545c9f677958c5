"""The service catalog: services, ticket categories and ticket kinds, as data.

Names carry all three UI languages; :meth:`Named.label` picks one with a fallback to
Simplified Chinese, so a missing translation shows Chinese rather than nothing.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import forms


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
        out, grouped = [], set()
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
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return Catalog(
        services=tuple(Service(code=s["code"], name=dict(s["name"]), flow=s["flow"],
                               identity=tuple(s.get("identity", ["none"])),
                               devices=tuple(s.get("devices", [])),
                               offline=bool(s.get("offline", False)),
                               summary=dict(s.get("summary", {})),
                               form=forms.parse(s.get("form")))
                       for s in raw.get("services", [])),
        ticket_categories=tuple(TicketCategory(code=c["code"], name=dict(c["name"]),
                                               letter=c["letter"])
                                for c in raw.get("ticket_categories", [])),
        ticket_kinds=tuple(TicketKind(code=k["code"], name=dict(k["name"]),
                                      identity=k.get("identity", "none"))
                           for k in raw.get("ticket_kinds", [])),
        groups=tuple(ServiceGroup(code=g["code"], name=dict(g["name"]),
                                  summary=dict(g.get("summary", {})),
                                  services=tuple(g.get("services", [])))
                     for g in raw.get("service_groups", [])),
    )
