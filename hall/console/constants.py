"""The console's facts that both stores' SQL and the Python code use, in one place: the
roles, the rating levels, the alert kinds and the thresholds of the triggers
(:mod:`.schema` for SQLite and :mod:`.schema_pg` for PostgreSQL interpolate them)."""
from __future__ import annotations

ROLES = ("viewer", "operator", "admin")              # each may what the one before may
LEVELS = ("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
          "very_dissatisfied")
SATISFIED = LEVELS[:3]
LOWEST = LEVELS[-2:]                                  # the levels whose reasons are shown

# Alert kinds (``console_alerts.kind``; i18n has ``kind_<kind>`` for each).
DEVICE_ERROR = "device_error"
PAPER_LOW = "paper_low"
PAPER_OUT = "paper_out"                               # out or jammed
DOOR_OPEN = "door_open"                               # a cover or a door open
OUTBOX_BACKLOG = "outbox_backlog"
QUARANTINED = "quarantined"
OFFLINE = "offline"                                   # opened by sweep_offline
STAFF_CALL = "staff_call"                             # only an operator resolves it
# The ``device_event`` a terminal sends for "呼叫工作人员" (its ``event`` field).
STAFF_CALL_EVENT = "staff_call"
ALERT_KINDS = (DEVICE_ERROR, PAPER_LOW, PAPER_OUT, DOOR_OPEN, OUTBOX_BACKLOG, QUARANTINED,
               OFFLINE, STAFF_CALL)

# A terminal's history of states: a row when something changes, else one an hour; 30 days.
HISTORY_EVERY_S = 3600
HISTORY_KEEP_S = 30 * 86400
# An outbox this deep, or this old, is a backlog worth an alert.
BACKLOG_DEPTH = 200
BACKLOG_AGE_S = 2 * 3600
# Device states that need someone (online/busy serve; no_device is "not fitted").
BAD_STATES = ("offline", "hardware_error", "user_error", "power_off")
# Consumables that open an alert: paper in these states, a cover or door open.
PAPER_BAD = ("low", "out", "jammed")
DOORS = ("cover", "door", "doors")
