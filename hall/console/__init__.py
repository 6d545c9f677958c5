"""The hall's operator console: HTML pages under ``/console`` for the people who run a
hall (terminals by site, alerts, today's queues, 好差评, actions), next to the bearer-token
``/admin/v1`` API that stays for scripts.

- :mod:`.schema` (SQLite) and :mod:`.schema_pg` (PostgreSQL), side by side: its tables,
  and the triggers that fill them from the kiosk API's own writes (heartbeats,
  transactions) in the same database transaction, so the kiosk API is unchanged;
  :mod:`.constants`: the roles, levels, alert kinds and thresholds both use.
- :mod:`.store`: its queries, one copy for both stores; :mod:`.dialects`: what differs
  per store (placeholders, JSON fields, schema set-up); :mod:`.auth`: passwords,
  sessions, CSRF, rate limit; :mod:`.routes`: the pages; :mod:`.i18n`: Chinese and
  English; :mod:`.charts`: SVG.
- Accounts come from the command line: ``python -m hall add-operator NAME --role R``
  (``--db`` and ``--key`` as for ``serve``).

It is served on both stores of the hall, SQLite and PostgreSQL: it reads the store's
database directly, on the store's own connections, with tables and indexes of its own.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..context import HallContext

log = logging.getLogger("hall.console")


def install(app: FastAPI, ctx: HallContext) -> None:
    """Create the console's tables (or bring them up to date) and serve its pages on
    ``app``, whichever store the hall runs on."""
    from fastapi import Request
    from fastapi.responses import HTMLResponse, RedirectResponse

    from . import routes
    from .store import ConsoleStore

    app.state.console = ConsoleStore(ctx.storage)
    app.include_router(routes.router)

    @app.exception_handler(routes.LoginRequired)
    async def login_required(request: Request, exc: routes.LoginRequired):
        return RedirectResponse(f"{routes.PREFIX}/login", status_code=303)

    @app.exception_handler(routes.Refused)
    async def refused(request: Request, exc: routes.Refused):
        t = routes.i18n.translate(routes._lang(request))
        return HTMLResponse(routes.templates.get_template("refused.html").render(
            t=t, message=t(exc.key), prefix=routes.PREFIX, status=exc.status),
            status_code=exc.status)
