"""The hall's operator console: HTML pages under ``/console`` for the people who run a
hall (terminals by site, alerts, today's queues, 好差评, actions), next to the bearer-token
``/admin/v1`` API that stays for scripts.

- :mod:`.schema`: its tables, and the SQLite triggers that fill them from the kiosk
  API's own writes (heartbeats, transactions), so the kiosk API is unchanged.
- :mod:`.store`: its queries; :mod:`.auth`: passwords, sessions, CSRF, rate limit;
  :mod:`.routes`: the pages; :mod:`.i18n`: Chinese and English; :mod:`.charts`: SVG.
- Accounts come from the command line: ``python -m hall add-operator NAME --role R``.

It needs the SQLite store (it reads that database directly, with indexes of its own).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..storage import SQLiteStorage

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..context import HallContext

log = logging.getLogger("hall.console")


def install(app: FastAPI, ctx: HallContext) -> None:
    """Create the console's tables and serve its pages on ``app`` (SQLite store only)."""
    if not isinstance(ctx.storage, SQLiteStorage):
        log.warning("the operator console needs the SQLite store; not served")
        return
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
