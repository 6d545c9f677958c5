"""The home screen for QML as ``home``: the catalog's groups as tiles (社保服务, 医保服务...),
and the services of the group the citizen opened. See Catalog.home_groups.

Which group is open is not personal: it is kept while the citizen goes into a service
and back (back from a service returns to its group) and forgotten at session end.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from .. import messages
from .base import Part, Screen


class HomePart(Part):
    updated = Signal()      # the properties' NOTIFY (see base.py)

    def __init__(self, hub) -> None:
        super().__init__(hub)
        self.changed.connect(self.updated)
        self._group = ""

    def _groups(self):
        return {g.code: g for g in self.terminal.catalog.home_groups()}

    def _service_tile(self, code: str) -> dict[str, Any]:
        service = self.terminal.catalog.service(code)
        a = self.terminal.service_availability(code)
        return {"code": code, "kind": "service", "name": service.label(self.language),
                "summary": service.summary_label(self.language), "available": a.available,
                "reason": messages.text(a.reason or "")}

    def _tiles(self) -> list[dict[str, Any]]:
        return self.memo("tiles", self._make_tiles)

    def _make_tiles(self) -> list[dict[str, Any]]:
        groups = self._groups()
        if self._group in groups:
            return [self._service_tile(c) for c in groups[self._group].services]
        tiles = []
        for g in groups.values():
            members = [self._service_tile(c) for c in g.services]
            usable = [m for m in members if m["available"]]
            tiles.append({
                # A group of one opens its service: the tile is that service's.
                "code": g.services[0] if len(g.services) == 1 else g.code,
                "kind": "service" if len(g.services) == 1 else "group",
                "name": g.label(self.language), "summary": g.summary_label(self.language),
                "available": bool(usable),
                "reason": "" if usable else members[0]["reason"]})
        return tiles

    def _group_name(self) -> str:
        group = self._groups().get(self._group)
        return group.label(self.language) if group else ""

    tiles = Property("QVariantList", _tiles, notify=updated)
    groupName = Property(str, _group_name, notify=updated)

    @Slot(str, str)
    def open(self, kind: str, code: str) -> None:
        """A tile touched: a group shows its services, a service starts."""
        if self.screen != Screen.HOME:
            return
        if kind == "group" and code in self._groups():
            self._group = code
            self.notify()
        elif kind == "service":
            self.hub.chooseService(code)

    @Slot()
    def closeGroup(self) -> None:
        self._group = ""
        self.notify()

    def clear(self) -> None:
        self._group = ""
