"""The catalog the screens show: the terminal's seed (``kiosk/data/catalog.toml``) updated by
the hall's catalog and this kiosk's config, both as the sync engine cached them
(hall-api.md "Catalog, config, guides"; DESIGN.md "Services are data": config seed +
hall updates).

A village terminal must keep serving whatever the hall sends, so the hall's documents
are taken entry by entry:

- The hall's services are the ones shown, in its order. An entry this terminal cannot
  use (malformed, a flow it does not have, a query without columns) is refused on its
  own: the seed's entry of the same code stands in when there is one, else the service
  is left out. Every refusal is a line in ``problems`` for the technician.
- An application's questions (``form``) come from the hall's entry, else the seed's.
- Ticket categories and kinds: the hall's, entry by entry the same way.
- The home screen's topics: the hall's ``service_groups`` when it sends any, else the
  seed's (a topic only shows the services the catalog has).
- ``enabled_services`` in the kiosk's config hides the other services on this terminal.
- A list that comes out empty (the hall sent none, or none usable) keeps the seed's:
  a terminal with no service at all would be a dead screen.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from offline_cache import caches

from . import catalog as catalog_mod
from .catalog import Catalog


@dataclass(frozen=True)
class Merged:
    catalog: Catalog
    source: str                  # "hall": its catalog was used (entries may be refused)
    problems: tuple[str, ...]    # what was refused, in plain words for the technician


def merge(seed: Catalog, hall_catalog: Any = None, hall_config: Any = None) -> Merged:
    """The catalog from the seed, the hall's catalog document and the kiosk's config
    document (None: never fetched). Never raises on what the hall sent."""
    problems: list[str] = []
    if hall_catalog is None:
        services, categories, kinds, groups = (seed.services, seed.ticket_categories,
                                               seed.ticket_kinds, seed.groups)
    elif not isinstance(hall_catalog, dict):
        problems.append("the hall's catalog is not an object: the terminal's own is used")
        services, categories, kinds, groups = (seed.services, seed.ticket_categories,
                                               seed.ticket_kinds, seed.groups)
    else:
        forms_of = {s.code: s.form for s in seed.services}
        services = _entries(hall_catalog, "services", seed.services, problems,
                            lambda raw: catalog_mod.service_from(raw, forms_of))
        categories = _entries(hall_catalog, "ticket_categories", seed.ticket_categories,
                              problems, catalog_mod.category_from)
        kinds = _entries(hall_catalog, "ticket_kinds", seed.ticket_kinds, problems,
                         catalog_mod.kind_from)
        groups = _entries(hall_catalog, "service_groups", seed.groups, problems,
                          catalog_mod.group_from)
    services = _enabled(services, hall_config, problems)
    merged = Catalog(services=services, ticket_categories=categories, ticket_kinds=kinds,
                     groups=groups)
    source = "hall" if isinstance(hall_catalog, dict) else "seed"
    return Merged(merged, source, tuple(problems))


def from_caches(conn: sqlite3.Connection, seed: Catalog) -> Merged:
    """:func:`merge` over what the sync engine cached in the terminal's database."""
    return merge(seed, _body(conn, "catalog"), _body(conn, "config"))


def _body(conn: sqlite3.Connection, name: str) -> Any:
    cached = caches.get(conn, name)
    return cached[1] if cached else None


def _entries(doc: dict, key: str, seeded: tuple, problems: list[str],
             read: Callable[[Any], Any]) -> tuple:
    raw = doc.get(key)
    if raw is None:
        return seeded
    if not isinstance(raw, list):
        problems.append(f"{key}: not a list: the terminal's own are used")
        return seeded
    stand_ins = {item.code: item for item in seeded}
    out, codes = [], set()
    for entry in raw:
        try:
            item = read(entry)
        except ValueError as e:
            code = entry.get("code") if isinstance(entry, dict) else None
            item = stand_ins.get(code) if isinstance(code, str) else None
            problems.append(f"{key}: {e}" + ("; the terminal's own entry is used"
                                             if item is not None else "; left out"))
            if item is None:
                continue
        if item.code in codes:
            problems.append(f"{key}: {item.code!r} appears twice; the first is used")
            continue
        codes.add(item.code)
        out.append(item)
    if not out and seeded:
        problems.append(f"{key}: none usable from the hall: the terminal's own are used")
        return seeded
    return tuple(out)


def _enabled(services: tuple, hall_config: Any, problems: list[str]) -> tuple:
    enabled = hall_config.get("enabled_services") if isinstance(hall_config, dict) else None
    if enabled is None:
        return services
    if not (isinstance(enabled, list) and all(isinstance(c, str) for c in enabled)):
        problems.append("enabled_services: not a list of service codes: ignored")
        return services
    kept = tuple(s for s in services if s.code in set(enabled))
    if not kept:
        problems.append("enabled_services: names none of the catalog's services: ignored")
        return services
    return kept

