"""The console's pages under ``/console`` (server-rendered HTML; see the package docstring).

Every page needs a session (else a redirect to the login page); every POST needs the
session's CSRF token in the form and the role the action calls for (viewer: look;
operator: acknowledge and resolve alerts, send commands, take a terminal out of or back
into service; admin: edit a terminal's config, publish the catalog, read the audit
trail). Every POST is audited (who, what, when, target), refusals included.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import signing
from ..api import catalog_content, etag_of
from . import auth, charts, i18n
from .store import LEVELS, LOWEST, PAGE_SIZE, SATISFIED, ConsoleStore

log = logging.getLogger("hall.console")
HERE = Path(__file__).parent
PREFIX = "/console"
LANG_COOKIE = "hall_console_lang"
COMMANDS = ("sync_now", "reload_config", "open_locker")
MAX_FORM_BYTES = 1024 * 1024
STATIC = {"console.css": "text/css; charset=utf-8",
          "console.js": "text/javascript; charset=utf-8"}
RATING_DAYS_DEFAULT = 7
# Three missed heartbeats at the sync engine's default 30 s, plus slack for a slow round.
DEFAULT_OFFLINE_AFTER_S = 300.0
MAX_RATING_DAYS = 366

router = APIRouter(prefix=PREFIX, include_in_schema=False)
templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True)


class LoginRequired(Exception):
    """No live session: the handler installed by :func:`hall.console.install` redirects."""


class Refused(Exception):
    def __init__(self, status: int, key: str):
        super().__init__(key)
        self.status, self.key = status, key


def offline_after_s() -> float:
    """How long a terminal may stay silent before it counts as offline (seconds)."""
    value = os.environ.get("HALL_CONSOLE_OFFLINE_AFTER_S", "")
    try:
        return max(float(value), 1.0) if value else DEFAULT_OFFLINE_AFTER_S
    except ValueError:
        log.warning("HALL_CONSOLE_OFFLINE_AFTER_S=%r is not a number; using %.0f s", value,
                    DEFAULT_OFFLINE_AFTER_S)
        return DEFAULT_OFFLINE_AFTER_S


def _ctx(request: Request):
    return request.app.state.hall


def _store(request: Request) -> ConsoleStore:
    return request.app.state.console


def _lang(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "zh")
    return lang if lang in i18n.LANGS else "zh"


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _secure(request: Request) -> bool:
    # Behind a TLS proxy uvicorn takes the scheme from X-Forwarded-Proto (loopback only).
    return request.url.scheme == "https" or os.environ.get("HALL_CONSOLE_SECURE_COOKIE") == "1"


# Sessions ------------------------------------------------------------------------------
def operator(request: Request) -> dict[str, Any]:
    """The signed-in operator (``username``, ``role``, ``csrf``), or LoginRequired."""
    token = request.cookies.get(auth.SESSION_COOKIE)
    if not token:
        raise LoginRequired()
    store, now = _store(request), _ctx(request).clock.ts()
    digest = auth.token_hash(token)
    session = store.session(digest)
    if session is None or now - session["last_seen"] > auth.IDLE_S \
            or now - session["created_at"] > auth.LIFETIME_S:
        if session is not None:
            store.close_session(digest)
        raise LoginRequired()
    if now - session["last_seen"] > 60:        # one write a minute, not one a page
        store.touch_session(digest, now)
    return session


async def form(request: Request) -> dict[str, str]:
    """The urlencoded form of a POST (last value of each field)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise Refused(413, "bad_input")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise Refused(400, "bad_input") from None
    return {k: v[-1] for k, v in fields.items()}


def checked(request: Request, needed: str, action: str, target: str,
            fields: dict[str, str], who: dict[str, Any]) -> None:
    """CSRF then role; a refusal is audited and raised as :class:`Refused`."""
    store, now = _store(request), _ctx(request).clock.ts()
    if not auth.same(fields.get("csrf"), who["csrf"]):
        store.audit(who["username"], f"refused:{action}", target, "csrf", _client(request), now)
        raise Refused(403, "csrf_failed")
    if not auth.may(who["role"], needed):
        store.audit(who["username"], f"refused:{action}", target, f"role {who['role']}",
                    _client(request), now)
        raise Refused(403, "forbidden")


def render(request: Request, name: str, who: dict[str, Any] | None, http_status: int = 200,
           **values) -> HTMLResponse:
    lang = _lang(request)
    ctx = _ctx(request)
    tz = ctx.settings.timezone
    now = ctx.clock.ts()

    def when(ts: float | None) -> str:
        if ts is None:
            return "—"
        return datetime.fromtimestamp(ts, tz).strftime("%m-%d %H:%M:%S")

    def ago(seconds: float | None) -> str:
        if seconds is None:
            return "—"
        s = max(int(seconds), 0)
        units = (("天", "d", 86400), ("小时", "h", 3600), ("分钟", "min", 60), ("秒", "s", 1))
        for zh, en, size in units:
            if s >= size or size == 1:
                n = s // size
                return f"{n} {zh}" if lang == "zh" else f"{n} {en}"
        return ""

    alert_count = _store(request).active_alert_count() if who else 0
    html = templates.get_template(name).render(
        t=i18n.translate(lang), dw=i18n.device_words(lang), lang=lang, who=who,
        csrf=who["csrf"] if who else "",
        when=when, ago=ago, now=now, path=request.url.path, query=str(request.url.query),
        alert_count=alert_count, prefix=PREFIX, **values)
    return HTMLResponse(html, status_code=http_status,
                        headers={"Cache-Control": "no-store",
                                 "Content-Security-Policy": "default-src 'self'; "
                                 "img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 "form-action 'self'; frame-ancestors 'none'",
                                 "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "same-origin"})


def _back(url: str, **params) -> RedirectResponse:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return RedirectResponse(f"{url}?{query}" if query else url, status_code=303)


# Login ---------------------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request, error: str = ""):
    csrf = auth.new_token()
    response = render(request, "login.html", None, error=error if error in i18n.TEXT else "",
                      login_csrf=csrf)
    response.set_cookie(auth.LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict",
                        secure=_secure(request), path=PREFIX)
    return response


@router.post("/login")
def login(request: Request, fields: dict = Depends(form)):
    store, now, client = _store(request), _ctx(request).clock.ts(), _client(request)
    username = fields.get("username", "").strip()[:64]
    if not auth.same(fields.get("csrf"), request.cookies.get(auth.LOGIN_CSRF_COOKIE)):
        store.audit(username or "-", "refused:login", username, "csrf", client, now)
        return _back(f"{PREFIX}/login", error="csrf_failed")
    since = now - auth.FAILURE_WINDOW_S
    if store.login_failures(f"user:{username}", since) >= auth.MAX_FAILURES_PER_USER \
            or store.login_failures(f"client:{client}", since) >= auth.MAX_FAILURES_PER_CLIENT:
        store.audit(username or "-", "refused:login", username, "rate limited", client, now)
        return render(request, "login.html", None, http_status=429, error="login_limited",
                      login_csrf=request.cookies.get(auth.LOGIN_CSRF_COOKIE, ""))
    account = store.operator(username) if username else None
    # Checked even without an account, so that a wrong name costs the same time.
    right = auth.check_password(fields.get("password", ""),
                                account["password_hash"] if account else None)
    if account is None or not right:
        store.record_login_failure([f"user:{username}", f"client:{client}"], now, since)
        store.audit(username or "-", "login_failed", username, "", client, now)
        return _back(f"{PREFIX}/login", error="login_failed")
    token = auth.new_token()
    store.open_session(auth.token_hash(token), username, auth.new_token(), now)
    store.audit(username, "login", username, account["role"], client, now)
    response = RedirectResponse(f"{PREFIX}/terminals", status_code=303)
    response.set_cookie(auth.SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request), path=PREFIX, max_age=auth.LIFETIME_S)
    response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path=PREFIX)
    return response


@router.post("/logout")
def logout(request: Request, fields: dict = Depends(form), who: dict = Depends(operator)):
    checked(request, "viewer", "logout", who["username"], fields, who)
    store = _store(request)
    store.close_session(who["token_hash"])
    store.audit(who["username"], "logout", who["username"], "", _client(request),
                _ctx(request).clock.ts())
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path=PREFIX)
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, request: Request, next: str = PREFIX + "/terminals"):
    """A display preference only (no state of the hall changes, so a GET)."""
    target = next if next.startswith(PREFIX + "/") and "//" not in next else PREFIX
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, lang if lang in i18n.LANGS else "zh", samesite="lax",
                        path=PREFIX, max_age=365 * 86400)
    return response


@router.get("/static/{name}")
def static(name: str):
    if name not in STATIC:
        raise Refused(404, "not_found")
    return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name],
                    headers={"Cache-Control": "max-age=3600"})


@router.get("")
@router.get("/")
def home():
    return RedirectResponse(f"{PREFIX}/terminals", status_code=303)


# Terminals -----------------------------------------------------------------------------
def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


@router.get("/terminals")
def terminals(request: Request, site: str | None = None, status: str = "", q: str = "",
              page: str = "0", who: dict = Depends(operator)):
    store, ctx = _store(request), _ctx(request)
    now, limit = ctx.clock.ts(), offline_after_s()
    store.sweep_offline(now, limit)
    rows, total = store.terminals(now=now, offline_after_s=limit, site=site,
                                  status=status or None, q=q.strip() or None, page=_int(page))
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row["site"]].append(row)
    return render(request, "terminals.html", who, groups=groups, total=total,
                  page=_int(page), pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                  sites=store.sites(), site=site, status=status, q=q, offline_after=limit,
                  refresh=30)


@router.get("/terminals/{kiosk_id}")
def terminal(kiosk_id: str, request: Request, who: dict = Depends(operator)):
    store = _store(request)
    row = store.terminal(kiosk_id)
    if row is None:
        raise Refused(404, "not_found")
    alerts, _ = store.alerts(show="all", kiosk_id=kiosk_id)
    return render(request, "terminal.html", who, k=row, history=store.history(kiosk_id),
                  events=store.device_events(kiosk_id), audit=store.audit_rows(kiosk_id, 50),
                  alerts=alerts, offline_after=offline_after_s(), refresh=30)


# Alerts --------------------------------------------------------------------------------
@router.get("/alerts")
def alerts(request: Request, show: str = "active", page: str = "0",
           who: dict = Depends(operator)):
    store, ctx = _store(request), _ctx(request)
    store.sweep_offline(ctx.clock.ts(), offline_after_s())
    show = show if show in ("active", "all") else "active"
    rows, total = store.alerts(show=show, page=_int(page))
    return render(request, "alerts.html", who, alerts=rows, total=total, show=show,
                  page=_int(page), pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                  offline_after=offline_after_s(), refresh=15)


@router.post("/alerts/{alert_id}/{what}")
def mark_alert(alert_id: int, what: str, request: Request, fields: dict = Depends(form),
               who: dict = Depends(operator)):
    if what not in ("ack", "resolve"):
        raise Refused(404, "not_found")
    store = _store(request)
    alert = store.alert(alert_id)
    target = alert["kiosk_id"] if alert else str(alert_id)
    checked(request, "operator", f"alert_{what}", target, fields, who)
    if alert is None:
        raise Refused(404, "not_found")
    now = _ctx(request).clock.ts()
    store.mark_alert(alert_id, what, who["username"], now)
    store.audit(who["username"], f"alert_{what}", target,
                {"alert": alert_id, "kind": alert["kind"], "key": alert["key"]},
                _client(request), now)
    back = fields.get("back") or ""
    return _back(back if back.startswith(PREFIX + "/") else f"{PREFIX}/alerts")


# Queues today --------------------------------------------------------------------------
@router.get("/queues")
def queues(request: Request, who: dict = Depends(operator)):
    ctx = _ctx(request)
    day = ctx.clock.now().date().isoformat()
    data = _store(request).queues(day)
    hours = sorted({r["hour"] for r in data["per_hour"]})
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in data["per_hour"]:
        table[(r["category"], r["kind"])][r["hour"]] = r["n"]
    return render(request, "queues.html", who, day=day, hours=hours, table=table, **data,
                  categories=catalog_names(ctx, _lang(request), "ticket_categories"),
                  kinds=catalog_names(ctx, _lang(request), "ticket_kinds"), refresh=15)


# 好差评 ----------------------------------------------------------------------------------
def _period(request: Request, first: str, last: str) -> tuple[str, str]:
    today = _ctx(request).clock.now().date()
    try:
        end = date.fromisoformat(last) if last else today
        start = date.fromisoformat(first) if first else end - timedelta(
            days=RATING_DAYS_DEFAULT - 1)
    except ValueError:
        raise Refused(400, "bad_input") from None
    if start > end or (end - start).days >= MAX_RATING_DAYS:
        raise Refused(400, "bad_input")
    return start.isoformat(), end.isoformat()


def catalog_names(ctx, lang: str, section: str = "services") -> dict[str, str]:
    """Code -> name of the catalog's ``section`` entries, in the console's language."""
    key = "en" if lang == "en" else "zh_CN"
    names = {}
    for service in (ctx.storage.catalog() or {}).get(section, []):
        name = service.get("name")
        if isinstance(service.get("code"), str):
            names[service["code"]] = (name.get(key) or service["code"]) \
                if isinstance(name, dict) else str(name or service["code"])
    return names


def rating_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per service: counts per level, the share satisfied (the three upper levels) and
    the reasons given with the two lowest levels, most frequent first."""
    services: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = services.setdefault(r["service"], {"service": r["service"], "levels": Counter(),
                                               "reasons": Counter()})
        s["levels"][r["level"]] += r["n"]
        if r["level"] in LOWEST and r["reason"]:
            s["reasons"][r["reason"]] += r["n"]
    out = []
    for s in sorted(services.values(), key=lambda s: s["service"]):
        total = sum(s["levels"].values())
        satisfied = sum(s["levels"][lv] for lv in SATISFIED)
        out.append({**s, "total": total, "share": satisfied / total if total else None,
                    "reasons": s["reasons"].most_common()})
    return out


@router.get("/ratings")
def ratings(request: Request, first: str = "", last: str = "", kiosk: str = "",
            page: str = "0", who: dict = Depends(operator)):
    store = _store(request)
    first, last = _period(request, first, last)
    summary = rating_summary(store.rating_days(first, last, kiosk or None))
    names = catalog_names(_ctx(request), _lang(request))
    for s in summary:
        s["name"] = names.get(s["service"], s["service"])
    t = i18n.translate(_lang(request))
    chart = charts.stacked_bars([(s["name"], [s["levels"][lv] for lv in LEVELS])
                                 for s in summary], [t(f"level_{lv}") for lv in LEVELS])
    ids = store.kiosk_page(_int(page))
    per_kiosk = store.ratings_by_kiosk(ids, first, last)
    kiosks = []
    for kid in ids:
        levels = per_kiosk.get(kid, {})
        total = sum(levels.values())
        kiosks.append({"kiosk_id": kid, "levels": levels, "total": total,
                       "share": sum(levels.get(lv, 0) for lv in SATISFIED) / total
                       if total else None})
    count = store.kiosk_count()
    return render(request, "ratings.html", who, first=first, last=last, kiosk=kiosk,
                  summary=summary, chart=chart, levels=LEVELS, kiosks=kiosks,
                  page=_int(page), pages=max((count + PAGE_SIZE - 1) // PAGE_SIZE, 1))


@router.get("/ratings.csv")
def ratings_csv(request: Request, first: str = "", last: str = "", kiosk: str = "",
                who: dict = Depends(operator)):
    first, last = _period(request, first, last)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "kiosk_id", "service", "level", "reason", "count"])
    for r in _store(request).rating_days(first, last, kiosk or None):
        writer.writerow([r["day"], kiosk or "*", r["service"], r["level"], r["reason"], r["n"]])
    name = f"ratings-{first}-{last}{'-' + kiosk if kiosk else ''}.csv"
    # The BOM lets a spreadsheet open the Chinese text as UTF-8.
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


# Actions -------------------------------------------------------------------------------
def catalog_served(ctx) -> dict[str, str]:
    """What a terminal receives now for ``GET /api/v1/catalog``, as hall/api.py serves it:
    the ETag (unquoted, the heartbeat's ``catalog_version``) and the ``Hall-Signature``
    over the exact body, by the same signer; and the signing key terminals check it with
    (its key id: the fingerprint the header and a terminal's diagnostics name it by; and
    the line their key file holds)."""
    content = catalog_content(ctx)
    signer = ctx.storage.keys.signer
    return {"version": etag_of(content).strip('"'), "header_name": signing.HEADER,
            "header": signer.header("/catalog", bytes(JSONResponse(content).body)),
            "key_id": signer.key_id, "public_key": signer.public_key_line()}


@router.get("/actions")
def actions(request: Request, kiosk: str = "", done: str = "", error: str = "",
            published: str = "", who: dict = Depends(operator)):
    ctx, store = _ctx(request), _store(request)
    served = catalog_served(ctx) if auth.may(who["role"], "admin") else None
    config = ctx.storage.config(kiosk) if kiosk else None
    own = {k: v for k, v in (config or {}).items()}
    return render(request, "actions.html", who, kiosk=kiosk, commands=COMMANDS,
                  config_text=json.dumps(own, ensure_ascii=False, indent=2) if kiosk else "",
                  catalog_text=json.dumps(ctx.storage.catalog() or {}, ensure_ascii=False,
                                          indent=2),
                  known=store.terminal(kiosk) is not None if kiosk else False,
                  served=served, published=published[:64],
                  done=done if done in i18n.TEXT else "",
                  error=error if error in i18n.TEXT else "")


def _kiosk_field(fields: dict[str, str]) -> str:
    kiosk = fields.get("kiosk", "").strip()
    if not kiosk or len(kiosk) > 64:
        raise Refused(400, "bad_input")
    return kiosk


@router.post("/actions/command")
def send_command(request: Request, fields: dict = Depends(form),
                 who: dict = Depends(operator)):
    kiosk = _kiosk_field(fields)
    checked(request, "operator", "command", kiosk, fields, who)
    name = fields.get("command", "")
    args: dict[str, Any] = {}
    if name not in COMMANDS:
        return _back(f"{PREFIX}/actions", kiosk=kiosk, error="bad_input")
    if name == "open_locker":
        door = _int(fields.get("door"), -1)
        if door < 1:
            return _back(f"{PREFIX}/actions", kiosk=kiosk, error="bad_input")
        args["door"] = door
    ctx, now = _ctx(request), _ctx(request).clock.ts()
    command_id = ctx.storage.queue_command(kiosk, name, args, now)
    _store(request).audit(who["username"], "command", kiosk,
                          {"command": name, "args": args, "id": command_id},
                          _client(request), now)
    return _back(f"{PREFIX}/actions", kiosk=kiosk, done="sent")


@router.post("/actions/service")
def set_service(request: Request, fields: dict = Depends(form),
                who: dict = Depends(operator)):
    """Out of service (with a reason) or back into it: the ``out_of_service`` key of the
    terminal's config, then ``reload_config`` so the terminal fetches it at once."""
    kiosk = _kiosk_field(fields)
    checked(request, "operator", "service", kiosk, fields, who)
    ctx, now = _ctx(request), _ctx(request).clock.ts()
    if fields.get("state") == "out":
        reason = fields.get("reason", "").strip()[:200]
        if not reason:
            return _back(f"{PREFIX}/actions", kiosk=kiosk, error="bad_input")
        value: Any = {"reason": reason, "since": ctx.clock.iso(now), "by": who["username"]}
    else:
        value = None
    ctx.storage.put_config(kiosk, {"out_of_service": value}, now)
    ctx.storage.queue_command(kiosk, "reload_config", {}, now)
    _store(request).audit(who["username"], "out_of_service" if value else "back_in_service",
                          kiosk, value or "", _client(request), now)
    return _back(f"{PREFIX}/actions", kiosk=kiosk, done="saved")


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        raise Refused(400, "bad_json") from None
    if not isinstance(value, dict):
        raise Refused(400, "bad_json")
    return value


@router.post("/actions/config")
def edit_config(request: Request, fields: dict = Depends(form),
                who: dict = Depends(operator)):
    kiosk = _kiosk_field(fields)
    checked(request, "admin", "config", kiosk, fields, who)
    values = _json_object(fields.get("config", ""))
    ctx, now = _ctx(request), _ctx(request).clock.ts()
    ctx.storage.put_config(kiosk, values, now)
    ctx.storage.queue_command(kiosk, "reload_config", {}, now)
    _store(request).audit(who["username"], "config", kiosk, sorted(values), _client(request),
                          now)
    return _back(f"{PREFIX}/actions", kiosk=kiosk, done="saved")


@router.post("/actions/catalog")
def publish_catalog(request: Request, fields: dict = Depends(form),
                    who: dict = Depends(operator)):
    checked(request, "admin", "catalog", "catalog", fields, who)
    content = _json_object(fields.get("catalog", ""))
    for key in ("services", "ticket_categories", "ticket_kinds", "guides"):
        if not isinstance(content.setdefault(key, []), list):
            raise Refused(400, "bad_input")
    ctx, now = _ctx(request), _ctx(request).clock.ts()
    ctx.storage.put_catalog(content, now)
    served = catalog_served(ctx)
    _store(request).audit(who["username"], "catalog", "catalog",
                          {"services": len(content["services"]), "version": served["version"],
                           "key_id": served["key_id"]}, _client(request), now)
    return _back(f"{PREFIX}/actions", kiosk=fields.get("kiosk", ""), done="published",
                 published=served["version"])


# Audit ---------------------------------------------------------------------------------
@router.get("/audit")
def audit(request: Request, who: dict = Depends(operator)):
    if not auth.may(who["role"], "admin"):
        raise Refused(403, "forbidden")
    return render(request, "audit.html", who, rows=_store(request).audit_rows(limit=200))
