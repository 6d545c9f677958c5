"""The console's own tables, and the SQLite triggers that fill them from what the kiosk
API already writes (``kiosks`` on each heartbeat, ``transactions`` on each ingested row),
so the kiosk API's code is untouched and every aggregate is kept up to date in the same
database transaction as the write that caused it.

- ``console_heartbeats``: a terminal's history of states; a row when its devices' states
  or consumables or its version change, else at most one an hour (:data:`HISTORY_EVERY_S`);
  rows older than 30 days go as new ones come.
- ``console_alerts``: one row per condition seen (``kind`` + ``key`` per terminal):
  ``cleared_at`` when the condition went away by itself, ``acked_*`` / ``resolved_*``
  when an operator did. Device conditions are opened and cleared by the heartbeat
  trigger through the ``console_issues`` view; ``offline`` alerts by
  :meth:`hall.console.store.ConsoleStore.sweep_offline` (an absence has no trigger) and
  cleared by the next heartbeat; ``staff_call`` alerts by a ``device_event`` transaction
  whose ``event`` is ``staff_call`` (only an operator resolves them; the detail says the
  service and screen the citizen was on); ``quarantined`` while a heartbeat reports rows
  the terminal holds back for good.
- The views and triggers are derived: dropped and made again at every start
  (:data:`DERIVED`), so a newer hall's definitions reach an older database.
- ``console_ratings`` (one row per ``rating`` transaction, per-terminal counts) and
  ``console_rating_days`` (counts per day, service, level, reason: the per-service
  figures and the chart read a few thousand rows, not a million).
- ``console_operators``, ``console_sessions``, ``console_login_failures``,
  ``console_audit``: accounts, sessions, the login rate limit and the audit trail.
"""
from __future__ import annotations

import re

from .constants import (
    BACKLOG_AGE_S,
    BACKLOG_DEPTH,
    BAD_STATES,
    DEVICE_ERROR,
    DOOR_OPEN,
    DOORS,
    HISTORY_EVERY_S,
    HISTORY_KEEP_S,
    OUTBOX_BACKLOG,
    PAPER_BAD,
    PAPER_LOW,
    PAPER_OUT,
    QUARANTINED,
    ROLES,
    STAFF_CALL,
    STAFF_CALL_EVENT,
)

# The triggers must never fail a write of the kiosk API: a report or payload that is not
# JSON (a later store sealing them, say) is skipped, not an error that rolls back a batch.
_REPORT = "CASE WHEN json_valid(k.report) THEN k.report ELSE '{}' END"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS console_operators (
    username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL
        CHECK (role IN {ROLES!r}),
    created_at REAL NOT NULL, disabled_at REAL);
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf TEXT NOT NULL,
    created_at REAL NOT NULL, last_seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS console_sessions_user ON console_sessions (username);
CREATE TABLE IF NOT EXISTS console_login_failures (
    key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS console_login_failures_key ON console_login_failures (key, at);
CREATE TABLE IF NOT EXISTS console_audit (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '', client TEXT);
CREATE INDEX IF NOT EXISTS console_audit_target ON console_audit (target, at);
CREATE INDEX IF NOT EXISTS console_audit_at ON console_audit (at);

CREATE TABLE IF NOT EXISTS console_heartbeats (
    id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, at REAL NOT NULL,
    software_version TEXT, outbox_depth INTEGER, oldest_pending_age_s REAL,
    signature TEXT NOT NULL, devices TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS console_heartbeats_kiosk ON console_heartbeats (kiosk_id, at);

CREATE TABLE IF NOT EXISTS console_alerts (
    id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '', opened_at REAL NOT NULL, cleared_at REAL,
    acked_at REAL, acked_by TEXT, resolved_at REAL, resolved_by TEXT);
CREATE INDEX IF NOT EXISTS console_alerts_kiosk ON console_alerts (kiosk_id, cleared_at);
CREATE INDEX IF NOT EXISTS console_alerts_open ON console_alerts (resolved_at, cleared_at,
                                                                  opened_at);

CREATE TABLE IF NOT EXISTS console_ratings (
    seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, day TEXT NOT NULL,
    service TEXT NOT NULL, level TEXT NOT NULL, reason TEXT);
CREATE INDEX IF NOT EXISTS console_ratings_kiosk ON console_ratings (kiosk_id, day, level);
CREATE TABLE IF NOT EXISTS console_rating_days (
    day TEXT NOT NULL, service TEXT NOT NULL, level TEXT NOT NULL, reason TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (day, service, level, reason));

-- What needs someone on a terminal now, from its last heartbeat.
CREATE VIEW IF NOT EXISTS console_issues (kiosk_id, kind, key, detail) AS
    SELECT k.kiosk_id, '{DEVICE_ERROR}', 'device:' || d.key,
           d.key || ': ' || json_extract(d.value, '$.state')
           || coalesce(' (' || json_extract(d.value, '$.error') || ')', '')
    FROM kiosks k, json_each({_REPORT}, '$.devices') d
    WHERE json_extract(d.value, '$.state') IN {BAD_STATES!r}
    UNION ALL
    SELECT k.kiosk_id,
           CASE WHEN c.key = 'paper' AND c.value = 'low' THEN '{PAPER_LOW}'
                WHEN c.key = 'paper' THEN '{PAPER_OUT}' ELSE '{DOOR_OPEN}' END,
           'consumable:' || d.key || ':' || c.key || ':' || c.value,
           d.key || ': ' || c.key || ' ' || c.value
    FROM kiosks k, json_each({_REPORT}, '$.devices') d, json_each(d.value, '$.consumables') c
    WHERE (c.key = 'paper' AND c.value IN {PAPER_BAD!r})
       OR (c.key IN {DOORS!r} AND c.value = 'open')
    UNION ALL
    SELECT kiosk_id, '{OUTBOX_BACKLOG}', '{OUTBOX_BACKLOG}',
           json_extract(report, '$.outbox_depth') || ' / '
           || coalesce(CAST(json_extract(report, '$.oldest_pending_age_s') AS INTEGER), 0) || ' s'
    FROM kiosks
    WHERE CASE WHEN json_valid(report)
               THEN json_extract(report, '$.outbox_depth') >= {BACKLOG_DEPTH}
                    OR json_extract(report, '$.oldest_pending_age_s') >= {BACKLOG_AGE_S}
               ELSE 0 END
    UNION ALL
    SELECT kiosk_id, '{QUARANTINED}', '{QUARANTINED}',
           json_extract(report, '$.quarantined')
    FROM kiosks
    WHERE CASE WHEN json_valid(report) THEN json_extract(report, '$.quarantined') > 0
               ELSE 0 END;

CREATE TRIGGER IF NOT EXISTS console_heartbeat_insert AFTER INSERT ON kiosks
WHEN json_valid(NEW.report) BEGIN
    {{heartbeat}}
END;
CREATE TRIGGER IF NOT EXISTS console_heartbeat_update AFTER UPDATE ON kiosks
WHEN json_valid(NEW.report) BEGIN
    {{heartbeat}}
END;

CREATE TRIGGER IF NOT EXISTS console_rating AFTER INSERT ON transactions
WHEN NEW.kind = 'rating' AND json_valid(NEW.payload) BEGIN
    INSERT INTO console_ratings (seq, kiosk_id, day, service, level, reason) VALUES (
        NEW.seq, NEW.kiosk_id,
        substr(coalesce(json_extract(NEW.payload, '$.rated_at'), NEW.created_at), 1, 10),
        coalesce(json_extract(NEW.payload, '$.service'), ''),
        coalesce(json_extract(NEW.payload, '$.level'), ''),
        json_extract(NEW.payload, '$.reason'));
    INSERT INTO console_rating_days (day, service, level, reason, n) VALUES (
        substr(coalesce(json_extract(NEW.payload, '$.rated_at'), NEW.created_at), 1, 10),
        coalesce(json_extract(NEW.payload, '$.service'), ''),
        coalesce(json_extract(NEW.payload, '$.level'), ''),
        coalesce(json_extract(NEW.payload, '$.reason'), ''), 1)
    ON CONFLICT (day, service, level, reason) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS console_staff_call AFTER INSERT ON transactions
WHEN NEW.kind = 'device_event' AND CASE WHEN json_valid(NEW.payload)
    THEN json_extract(NEW.payload, '$.event') = '{STAFF_CALL_EVENT}' ELSE 0 END BEGIN
    INSERT INTO console_alerts (kiosk_id, kind, key, detail, opened_at) VALUES (
        NEW.kiosk_id, '{STAFF_CALL}', '{STAFF_CALL}:' || NEW.id,
        coalesce(json_extract(NEW.payload, '$.where'),
                 trim(coalesce(json_extract(NEW.payload, '$.service'), '') || ' '
                      || coalesce(json_extract(NEW.payload, '$.screen'), ''))),
        NEW.received_at);
END;
"""

# Both heartbeat triggers run this (NEW is the kiosks row just written).
_HEARTBEAT = f"""
    INSERT INTO console_heartbeats (kiosk_id, at, software_version, outbox_depth,
                                    oldest_pending_age_s, signature, devices)
    SELECT NEW.kiosk_id, NEW.last_seen, json_extract(NEW.report, '$.software_version'),
           json_extract(NEW.report, '$.outbox_depth'),
           json_extract(NEW.report, '$.oldest_pending_age_s'), s.signature,
           json_extract(NEW.report, '$.devices')
    FROM (SELECT coalesce(json_extract(NEW.report, '$.software_version'), '') || '|' ||
                 coalesce((SELECT group_concat(d.key || '=' || coalesce(json_extract(
                     d.value, '$.state'), '') || coalesce(json_extract(d.value,
                     '$.consumables'), ''), ';') FROM json_each(NEW.report, '$.devices') d),
                     '') AS signature) s
    WHERE NOT EXISTS (SELECT 1 FROM (SELECT signature, at FROM console_heartbeats
                                     WHERE kiosk_id = NEW.kiosk_id ORDER BY at DESC LIMIT 1) last
                      WHERE last.signature = s.signature
                        AND last.at > NEW.last_seen - {HISTORY_EVERY_S});
    DELETE FROM console_heartbeats WHERE kiosk_id = NEW.kiosk_id
        AND at < NEW.last_seen - {HISTORY_KEEP_S};
    UPDATE console_alerts SET cleared_at = NEW.last_seen
        WHERE kiosk_id = NEW.kiosk_id AND cleared_at IS NULL AND kind != '{STAFF_CALL}'
          AND key NOT IN (SELECT key FROM console_issues WHERE kiosk_id = NEW.kiosk_id);
    INSERT INTO console_alerts (kiosk_id, kind, key, detail, opened_at)
        SELECT kiosk_id, kind, key, detail, NEW.last_seen FROM console_issues i
        WHERE i.kiosk_id = NEW.kiosk_id AND i.key NOT IN (
            SELECT key FROM console_alerts WHERE kiosk_id = NEW.kiosk_id
                                             AND cleared_at IS NULL);
"""

SCHEMA = SCHEMA.replace("{heartbeat}", _HEARTBEAT)

# The derived objects (every view and trigger of SCHEMA), dropped before SCHEMA runs:
# their CREATE ... IF NOT EXISTS would keep an older hall's definitions.
DERIVED = "".join(f"DROP {kind} IF EXISTS {name};\n" for kind, name in re.findall(
    r"CREATE (TRIGGER|VIEW) IF NOT EXISTS (\w+)", SCHEMA))

# Ratings stored before the console's tables existed (an older hall's database).
BACKFILL = """
INSERT OR IGNORE INTO console_ratings (seq, kiosk_id, day, service, level, reason)
    SELECT seq, kiosk_id,
           substr(coalesce(json_extract(payload, '$.rated_at'), created_at), 1, 10),
           coalesce(json_extract(payload, '$.service'), ''),
           coalesce(json_extract(payload, '$.level'), ''), json_extract(payload, '$.reason')
    FROM transactions WHERE kind = 'rating';
INSERT INTO console_rating_days (day, service, level, reason, n)
    SELECT day, service, level, coalesce(reason, ''), COUNT(*) FROM console_ratings
    GROUP BY day, service, level, coalesce(reason, '');
"""
