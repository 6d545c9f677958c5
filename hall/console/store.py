"""What the console reads and writes, on either store of the hall: SQLite
(:class:`hall.storage.SQLiteStorage`'s own connections, one per thread, writers behind
its write lock, so the console and the kiosk API never fight over the file) or
PostgreSQL (:class:`hall.storage_pg.PostgresStorage`'s pool and transactions). One copy
of each query; what differs per store is in :mod:`.dialects`.

Every list is paged or bounded, and every query is served by an index of
:mod:`hall.console.schema` / :mod:`hall.console.schema_pg` or of the kiosk API's tables:
the pages stay fast with ten thousand terminals and a million ratings
(``bench/console_pages.py``). Times are epoch seconds; days ``YYYY-MM-DD`` strings.
"""
from __future__ import annotations

import json
from typing import Any

from ..storage import Storage
from .constants import LEVELS, LOWEST, OFFLINE, ROLES, SATISFIED
from .dialects import dialect_of

__all__ = ["LEVELS", "LOWEST", "PAGE_SIZE", "ROLES", "SATISFIED", "ConsoleStore"]

PAGE_SIZE = 50


class ConsoleStore:
    def __init__(self, storage: Storage):
        self.storage = storage
        self.db = dialect_of(storage)
        self.db.setup()

    def _read(self, sql: str, args=()) -> list[dict[str, Any]]:
        return self.db.read(sql, args)

    # Operators and sessions ------------------------------------------------------------
    def add_operator(self, username: str, password_hash: str, role: str, now: float) -> None:
        """Add the operator, or give an existing one this password and role (re-enabled)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        with self.db.write() as conn:
            conn.execute("INSERT INTO console_operators (username, password_hash, role, "
                         "created_at) VALUES (?, ?, ?, ?) ON CONFLICT(username) DO UPDATE SET "
                         "password_hash = excluded.password_hash, role = excluded.role, "
                         "disabled_at = NULL", (username, password_hash, role, now))
            # A new password ends the sessions opened with the old one.
            conn.execute("DELETE FROM console_sessions WHERE username = ?", (username,))

    def operator(self, username: str) -> dict[str, Any] | None:
        rows = self._read("SELECT * FROM console_operators WHERE username = ? AND "
                          "disabled_at IS NULL", (username,))
        return rows[0] if rows else None

    def open_session(self, token_hash: str, username: str, csrf: str, now: float) -> None:
        with self.db.write() as conn:
            conn.execute("INSERT INTO console_sessions (token_hash, username, csrf, created_at, "
                         "last_seen) VALUES (?, ?, ?, ?, ?)", (token_hash, username, csrf, now,
                                                                 now))

    def session(self, token_hash: str) -> dict[str, Any] | None:
        rows = self._read("SELECT s.*, o.role FROM console_sessions s JOIN console_operators o "
                          "ON o.username = s.username AND o.disabled_at IS NULL "
                          "WHERE s.token_hash = ?", (token_hash,))
        return rows[0] if rows else None

    def touch_session(self, token_hash: str, now: float) -> None:
        with self.db.write() as conn:
            conn.execute("UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?",
                         (now, token_hash))

    def close_session(self, token_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash,))

    def login_failures(self, key: str, since: float) -> int:
        return self.db.value("SELECT COUNT(*) FROM console_login_failures WHERE key = ? "
                             "AND at >= ?", (key, since))

    def record_login_failure(self, keys: list[str], now: float, forget_before: float) -> None:
        with self.db.write() as conn:
            conn.executemany("INSERT INTO console_login_failures (key, at) VALUES (?, ?)",
                             [(k, now) for k in keys])
            conn.execute("DELETE FROM console_login_failures WHERE at < ?", (forget_before,))

    # Audit -----------------------------------------------------------------------------
    def audit(self, username: str, action: str, target: str, detail: Any, client: str | None,
              now: float) -> None:
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False,
                                                                 sort_keys=True)
        with self.db.write() as conn:
            conn.execute("INSERT INTO console_audit (at, username, action, target, detail, "
                         "client) VALUES (?, ?, ?, ?, ?, ?)",
                         (now, username, action, target, text, client))

    def audit_rows(self, target: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        if target is not None:
            return self._read("SELECT * FROM console_audit WHERE target = ? ORDER BY at DESC "
                              "LIMIT ?", (target, limit))
        return self._read("SELECT * FROM console_audit ORDER BY at DESC LIMIT ?", (limit,))

    # Terminals -------------------------------------------------------------------------
    def sites(self) -> list[str]:
        return [r["site"] for r in self._read(
            f"SELECT DISTINCT coalesce({self.db.json_text('content', 'site')}, '') AS site "
            "FROM kiosk_config WHERE kiosk_id != '*' ORDER BY site")]

    def terminals(self, *, now: float, offline_after_s: float, site: str | None = None,
                  status: str | None = None, q: str | None = None,
                  page: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of terminals (by site, then id) and how many match in all.
        ``status``: ``online`` | ``offline`` | ``alerting``."""
        clauses: list[str] = []
        args: list[Any] = []
        if site is not None:
            clauses.append("site = ?")
            args.append(site)
        if q:
            clauses.append(f"{self.db.find}(lower(k.kiosk_id), lower(?)) > 0")
            args.append(q)
        if status == "online":
            clauses.append("k.last_seen >= ?")
            args.append(now - offline_after_s)
        elif status == "offline":
            clauses.append("k.last_seen < ?")
            args.append(now - offline_after_s)
        elif status == "alerting":
            clauses.append("EXISTS (SELECT 1 FROM console_alerts a WHERE a.kiosk_id = "
                           "k.kiosk_id AND a.cleared_at IS NULL AND a.resolved_at IS NULL)")
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        field = self.db.json_text
        base = (f"FROM (SELECT k.*, coalesce({field('c.content', 'site')}, "
                f"{field('d.content', 'site')}, '') AS site, "
                f"{field('c.content', 'out_of_service')} AS out_of_service "
                "FROM kiosks k LEFT JOIN kiosk_config c ON c.kiosk_id = k.kiosk_id "
                "LEFT JOIN kiosk_config d ON d.kiosk_id = '*') k ")
        total = self.db.value(f"SELECT COUNT(*) {base} {where}", args)
        # The page's ids first (only the sort keys go through the sorter), then the
        # reports and alert counts of those 50, not of all that match.
        ids = [r["kiosk_id"] for r in self._read(
            f"SELECT k.kiosk_id {base} {where} ORDER BY k.site, k.kiosk_id LIMIT ? OFFSET ?",
            (*args, PAGE_SIZE, max(page, 0) * PAGE_SIZE))]
        marks = ",".join("?" * len(ids))
        rows = self._read(
            f"SELECT k.kiosk_id, k.site, k.last_seen, k.report, k.out_of_service, "
            f"(SELECT COUNT(*) FROM console_alerts a WHERE a.kiosk_id = k.kiosk_id AND "
            f"a.cleared_at IS NULL AND a.resolved_at IS NULL) AS open_alerts "
            f"{base} WHERE k.kiosk_id IN ({marks}) ORDER BY k.site, k.kiosk_id",
            ids) if ids else []
        for r in rows:
            r["report"] = json.loads(r["report"])
            r["out_of_service"] = _json_or_none(r["out_of_service"])
        return rows, total

    def terminal(self, kiosk_id: str) -> dict[str, Any] | None:
        rows = self._read("SELECT * FROM kiosks WHERE kiosk_id = ?", (kiosk_id,))
        if not rows:
            return None
        row = rows[0]
        row["report"] = json.loads(row["report"])
        config = self.storage.config(kiosk_id)
        row["site"] = config.get("site", "")
        row["out_of_service"] = config.get("out_of_service")
        return row

    def history(self, kiosk_id: str, limit: int = 100) -> list[dict[str, Any]]:
        rows = self._read("SELECT at, software_version, outbox_depth, oldest_pending_age_s, "
                          "devices FROM console_heartbeats WHERE kiosk_id = ? ORDER BY at DESC "
                          "LIMIT ?", (kiosk_id, limit))
        for r in rows:
            r["devices"] = json.loads(r["devices"] or "{}")
        return rows

    def device_events(self, kiosk_id: str, limit: int = 50) -> list[dict[str, Any]]:
        rows = self._read("SELECT id, created_at, payload FROM transactions WHERE kiosk_id = ? "
                          "AND kind = 'device_event' ORDER BY seq DESC LIMIT ?",
                          (kiosk_id, limit))
        for r in rows:
            r["payload"] = json.loads(r["payload"])
        return rows

    def kiosk_page(self, page: int) -> list[str]:
        return [r["kiosk_id"] for r in self._read(
            "SELECT kiosk_id FROM kiosks ORDER BY kiosk_id LIMIT ? OFFSET ?",
            (PAGE_SIZE, max(page, 0) * PAGE_SIZE))]

    def kiosk_count(self) -> int:
        return self.db.value("SELECT COUNT(*) FROM kiosks")

    # Alerts ----------------------------------------------------------------------------
    def sweep_offline(self, now: float, offline_after_s: float) -> None:
        """Open an ``offline`` alert for each terminal silent for ``offline_after_s``
        (dated when it became overdue); the next heartbeat clears it. Reads first: most
        page loads find nothing new and take no write lock (no fsync)."""
        # NOT IN, not a correlated NOT EXISTS: one pass over the open offline alerts
        # (hashed), whatever the planner believes of their number (PostgreSQL's
        # statistics lag behind a sweep that just opened thousands).
        overdue = ("FROM kiosks k WHERE k.last_seen < ? AND k.kiosk_id NOT IN (SELECT "
                   "a.kiosk_id FROM console_alerts a WHERE a.cleared_at IS NULL "
                   f"AND a.key = '{OFFLINE}')")
        if not self.db.value(f"SELECT EXISTS (SELECT 1 {overdue})", (now - offline_after_s,)):
            return
        with self.db.write() as conn:
            conn.execute("INSERT INTO console_alerts (kiosk_id, kind, key, detail, opened_at) "
                         f"SELECT k.kiosk_id, '{OFFLINE}', '{OFFLINE}', '', k.last_seen + ? "
                         f"{overdue}{self.db.alert_once}",
                         (offline_after_s, now - offline_after_s))

    def alerts(self, *, show: str = "active", kiosk_id: str | None = None,
               page: int = 0) -> tuple[list[dict[str, Any]], int]:
        """``active``: not cleared nor resolved; ``all``: everything, newest first."""
        clauses: list[str] = []
        args: list[Any] = []
        if show == "active":
            clauses.append("resolved_at IS NULL AND cleared_at IS NULL")
        if kiosk_id:
            clauses.append("kiosk_id = ?")
            args.append(kiosk_id)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        total = self.db.value(f"SELECT COUNT(*) FROM console_alerts {where}", args)
        rows = self._read(f"SELECT * FROM console_alerts {where} ORDER BY opened_at DESC, id "
                          f"DESC LIMIT ? OFFSET ?", (*args, PAGE_SIZE, max(page, 0) * PAGE_SIZE))
        return rows, total

    def alert(self, alert_id: int) -> dict[str, Any] | None:
        rows = self._read("SELECT * FROM console_alerts WHERE id = ?", (alert_id,))
        return rows[0] if rows else None

    def active_alert_count(self) -> int:
        return self.db.value("SELECT COUNT(*) FROM console_alerts WHERE resolved_at IS "
                             "NULL AND cleared_at IS NULL")

    def mark_alert(self, alert_id: int, what: str, username: str, now: float) -> bool:
        """``ack`` or ``resolve`` an alert (once); False when there is no such alert or it
        was marked so already."""
        column = {"ack": "acked", "resolve": "resolved"}[what]
        with self.db.write() as conn:
            done = conn.execute(f"UPDATE console_alerts SET {column}_at = ?, {column}_by = ? "
                                f"WHERE id = ? AND {column}_at IS NULL",
                                (now, username, alert_id))
            if what == "resolve":
                conn.execute("UPDATE console_alerts SET acked_at = coalesce(acked_at, ?), "
                             "acked_by = coalesce(acked_by, ?) WHERE id = ?",
                             (now, username, alert_id))
        return bool(done)

    # Queues today ----------------------------------------------------------------------
    def queues(self, day: str) -> dict[str, Any]:
        per_hour = self._read(
            "SELECT category, coalesce(kind, '') AS kind, substr(issued_at, 12, 2) AS hour, "
            "COUNT(*) AS n FROM tickets WHERE day = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", (day,))
        totals = self._read(
            "SELECT category, COUNT(*) AS n, "
            "SUM(CASE WHEN source = 'offline' THEN 1 ELSE 0 END) AS offline, "
            "SUM(CASE WHEN appointment_id IS NOT NULL THEN 1 ELSE 0 END) AS appointments, "
            "SUM(CASE WHEN flags != '[]' THEN 1 ELSE 0 END) AS flagged "
            "FROM tickets WHERE day = ? GROUP BY category ORDER BY category", (day,))
        checked_in = self.db.value("SELECT COUNT(*) FROM appointments WHERE date = ? AND "
                                   "status = 'checked_in'", (day,))
        booked = self.db.value("SELECT COUNT(*) FROM appointments WHERE date = ?", (day,))
        offline = self._read("SELECT number, category, kind, kiosk_id, issued_at, flags "
                             "FROM tickets WHERE day = ? AND source = 'offline' "
                             "ORDER BY id DESC LIMIT 50", (day,))
        for r in offline:
            r["flags"] = json.loads(r["flags"])
        return {"per_hour": per_hour, "totals": totals, "checked_in": checked_in,
                "booked": booked, "offline": offline}

    # 好差评 ------------------------------------------------------------------------------
    def rating_days(self, first: str, last: str, kiosk_id: str | None = None
                    ) -> list[dict[str, Any]]:
        """Counts per (day, service, level, reason) in [first, last]; for one terminal
        when ``kiosk_id`` is given."""
        if kiosk_id:
            return self._read(
                "SELECT day, service, level, coalesce(reason, '') AS reason, COUNT(*) AS n "
                "FROM console_ratings WHERE kiosk_id = ? AND day BETWEEN ? AND ? "
                "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4", (kiosk_id, first, last))
        return self._read("SELECT day, service, level, reason, n FROM console_rating_days "
                          "WHERE day BETWEEN ? AND ? ORDER BY 1, 2, 3, 4", (first, last))

    def ratings_by_kiosk(self, kiosk_ids: list[str], first: str, last: str
                         ) -> dict[str, dict[str, int]]:
        """``{kiosk_id: {level: count}}`` for these terminals over [first, last]."""
        if not kiosk_ids:
            return {}
        marks = ",".join("?" * len(kiosk_ids))
        out: dict[str, dict[str, int]] = {k: {} for k in kiosk_ids}
        for r in self._read(f"SELECT kiosk_id, level, COUNT(*) AS n FROM console_ratings "
                            f"WHERE kiosk_id IN ({marks}) AND day BETWEEN ? AND ? "
                            f"GROUP BY 1, 2", (*kiosk_ids, first, last)):
            out[r["kiosk_id"]][r["level"]] = r["n"]
        return out


def _json_or_none(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text

