"""The sync engine: delivers the outbox to the hall and keeps the offline caches fresh.

Runs on its own thread with its own database connection. One round (:meth:`sync_once`):
1. drain the outbox in batches (<= 500 rows and ``batch_max_bytes`` of JSON, gzip), the
   attachments of a batch's rows uploaded first; a row is marked done only after its
   result was read (at least once; the hall's idempotency makes it exactly once). A batch
   the hall refuses as too large (413) is cut in halves down to single rows, and the
   smaller size is kept for the rest of the round; a row refused alone is quarantined
   (``too_large``), so one row never blocks the others;
2. refresh the catalog, the kiosk's config and the locker assignments with ETags;
3. lease ticket-number blocks ahead of need, so numbering keeps working offline. A hall
   that refuses a lease because this terminal reached its bound (:data:`LEASE_REFUSALS`)
   is not asked again for that category until its ``Retry-After`` or the hall's next
   day; the round goes on, and numbering goes on from the local counter.
Between rounds it waits ``interval``; after a failure it waits a full-jitter backoff
(honouring ``Retry-After``). Everything it knows survives restarts: it is in the database.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import attachments, caches, db, outbox, tickets
from .backoff import Backoff
from .db import transaction
from .hall_client import HallClient, HallError
from .hall_time import UTC_OFFSET_KEY, hall_timezone
from .sealing import Sealer, SealError
from .signatures import HallKeyring, SignatureRefused

log = logging.getLogger(__name__)


QUARANTINE_SHOWN = 20      # quarantined rows ``kiosk sync status`` lists
# The hall's error codes that mean "no more blocks for this terminal for now" (a bound of
# leases per terminal and day): not a failed round, a pause of that category's leases.
LEASE_REFUSALS = frozenset({"lease_limit_reached"})
_LEASE_PAUSE = "lease_paused:"     # sync_state key prefix, + category
_REFUSED = "refused:"              # sync_state key prefix, + cached document's name


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class SyncSettings:
    batch_size: int = 500
    # The hall refuses a body over its max_body_bytes (16 MiB by default), measured after
    # gzip is undone; batches are cut by their JSON size well under it.
    batch_max_bytes: int = 2 * 1024 * 1024
    interval: float = 30.0                  # seconds between rounds when all is well
    block_categories: tuple[str, ...] = ()  # categories to keep ticket blocks for
    block_size: int = 50
    refill_below: int = 20                  # lease another block under this many numbers
    cache_paths: dict[str, str] = field(default_factory=lambda: {
        "catalog": "/catalog",
        "config": "/kiosks/{kiosk_id}/config",
        "locker_assignments": "/kiosks/{kiosk_id}/lockers/assignments",
    })
    # The hall keys the cached documents must be signed with (offline_cache/signatures.py);
    # None: taken unchecked (a terminal without a configured key; sync status says so).
    keyring: HallKeyring | None = None


class SyncEngine:
    """``devices`` (optional) returns the device report of the heartbeat; ``on_command``
    (optional) carries out the hall's commands other than ``sync_now`` and
    ``reload_config``, which the engine handles itself (e.g. ``open_locker``);
    ``on_cache`` (optional) hears ``(name, body)`` on the engine's thread each time the
    hall sent a cached document anew (the catalog or config changed: not on a 304);
    ``service`` (optional) returns the heartbeat's ``service`` (in service, or paused
    with a reason)."""

    def __init__(self, db_path: str | Path, client: HallClient, sealer: Sealer,
                 settings: SyncSettings = SyncSettings(), *, backoff: Backoff | None = None,
                 now: Callable[[], datetime] = local_now,
                 devices: Callable[[], dict[str, Any]] | None = None,
                 on_command: Callable[[str, dict[str, Any]], None] | None = None,
                 on_cache: Callable[[str, Any], None] | None = None,
                 software_version: str = "",
                 service: Callable[[], dict[str, Any]] | None = None) -> None:
        self.db_path = Path(db_path)
        self.client = client
        self.sealer = sealer
        self.settings = settings
        self.backoff = backoff or Backoff()
        self._now = now
        self._devices = devices
        self._on_command = on_command
        self._on_cache = on_cache
        self._service = service     # the heartbeat's ``service`` (暂停服务 and why), if any
        self._software_version = software_version
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing: tuple[str, float, int] | None = None   # (code, since, rounds)

    # -- one round --------------------------------------------------------------------
    def sync_once(self, conn: sqlite3.Connection) -> dict[str, int]:
        """Drain, refresh, refill. Records the outcome in ``sync_state``; raises HallError
        (after recording it) when the hall could not be used."""
        _set(conn, "last_attempt", self._now().isoformat(timespec="seconds"))
        try:
            counts = self._drain(conn)
            if self._devices is not None:   # no device report: no heartbeat
                self._heartbeat(conn, self._devices)
            self._refresh_caches(conn)
            self._refill_blocks(conn)
        except HallError as err:
            _set(conn, "last_error", json.dumps(
                {**err.to_dict(), "at": self._now().isoformat(timespec="seconds")},
                ensure_ascii=False))
            raise
        _set(conn, "last_success", self._now().isoformat(timespec="seconds"))
        _set(conn, "last_error", "")
        return counts

    def _drain(self, conn: sqlite3.Connection) -> dict[str, int]:
        total = {"accepted": 0, "duplicate": 0, "rejected": 0}
        max_bytes = self.settings.batch_max_bytes      # halved for this round on a 413
        while True:
            rows = outbox.pending(conn, self.settings.batch_size)
            if not rows:
                return total
            batch = self._cut(conn, rows, max_bytes)
            if not batch or not self._upload_attachments(conn, batch):
                continue                # rows were quarantined: cut again
            try:
                results = self.client.post_batch([tx for tx, _ in batch])
            except HallError as err:
                if err.status != 413:
                    raise
                size = sum(n for _, n in batch)
                if len(batch) == 1:
                    _quarantine(conn, batch[0][0]["id"], "too_large",
                                f"the hall refuses this row alone as too large ({size} "
                                f"bytes of JSON; {err.message})")
                    continue
                max_bytes = max(1, size // 2)
                log.info("the hall refused %d rows (%d bytes) as too large; batches of at "
                         "most %d bytes this round", len(batch), size, max_bytes)
                continue
            counts = outbox.apply_results(conn, results)
            for k in total:
                total[k] += counts[k]
            if not any(counts[k] for k in total):
                raise HallError("bad_response", "the hall returned no result for the rows sent")

    def _cut(self, conn: sqlite3.Connection, rows: list[outbox.OutboxRow],
             max_bytes: int) -> list[tuple[dict[str, Any], int]]:
        """The next batch: (transaction, its JSON size) for the oldest rows that fit in
        ``max_bytes`` (always at least one row). Rows that can never be sent are
        quarantined on the way."""
        batch: list[tuple[dict[str, Any], int]] = []
        used = 0
        for row in rows:
            try:
                tx = row.transaction(self.sealer)
            except SealError:
                # The key was lost or the row damaged: it can never be sent. Keep it
                # visible to technicians instead of blocking the queue forever.
                _quarantine(conn, row.id, "seal_error", "personal fields cannot be decrypted")
                continue
            size = len(json.dumps(tx, ensure_ascii=False).encode())
            if batch and used + size > max_bytes:
                break
            batch.append((tx, size))
            used += size
        return batch

    def _upload_attachments(self, conn: sqlite3.Connection,
                            batch: list[tuple[dict[str, Any], int]]) -> bool:
        """Upload what the batch's rows reference and the hall does not have yet; False
        when a row had to be quarantined instead (its attachment is refused for good)."""
        for row_id, att in attachments.waiting(conn, [tx["id"] for tx, _ in batch]):
            try:
                self.client.put_attachment(att.sha256, att.data(self.sealer), att.media_type)
            except SealError:
                _quarantine(conn, row_id, "seal_error", "an attachment cannot be decrypted")
                return False
            except HallError as err:
                if err.status not in (413, 415, 422):
                    raise
                _quarantine(conn, row_id, "too_large" if err.status == 413 else
                            "attachment_refused", f"the hall refuses its {att.media_type} "
                            f"attachment of {att.size} bytes: {err.message}")
                return False
            with transaction(conn):
                attachments.uploaded(conn, att.sha256)
        return True

    def _heartbeat(self, conn: sqlite3.Connection,
                   devices: Callable[[], dict[str, Any]]) -> None:
        """Tell the hall how this terminal is (``devices``: its devices' report); carry out
        the commands it sends back."""
        st = status(conn, self._now())
        reply = self.client.heartbeat({
            "software_version": self._software_version, "uptime_s": round(
                time.monotonic() - self._started, 1),
            "outbox_depth": st["depth"], "oldest_pending_age_s": st["oldest_pending_age_s"],
            "devices": devices(), "kiosk_time": self._now().isoformat(),
            "refused_documents": st["refused"], "quarantined": st["quarantined"],
            **({"service": self._service()} if self._service is not None else {})})
        if not isinstance(reply, dict):
            raise HallError("bad_response", "the heartbeat answer is not an object")
        if isinstance(reply.get("clock_skew_s"), (int, float)):
            # Reported, not trusted blindly (hall-api.md): the technician decides.
            _set(conn, "clock_skew_s", f"{reply['clock_skew_s']:.1f}")
        offset = _utc_offset(reply.get("server_time"))
        if offset is not None:
            # The hall's day (appointments, queue numbers) is in its zone, not the
            # terminal's: a terminal clock set to UTC is a day behind from 16:00.
            _set(conn, UTC_OFFSET_KEY, str(int(offset.total_seconds())))
        for command in reply.get("commands") or []:
            if not isinstance(command, dict):
                continue
            name = command.get("name")
            args = command.get("args")
            if not isinstance(args, dict):
                args = {}
            log.info("hall command %s %s", name, args)
            if name == "sync_now":
                self._wake.set()                # another round right after this one
            elif name == "reload_config":
                caches.forget_etag(conn, "config")
            elif name and self._on_command is not None:
                try:
                    self._on_command(name, args)
                except Exception:
                    log.exception("hall command %s failed", name)

    def _refresh_caches(self, conn: sqlite3.Connection) -> None:
        kiosk_id = self.client.settings.kiosk_id
        for name, path in self.settings.cache_paths.items():
            cached = caches.get(conn, name)
            try:
                got = self.client.get_with_etag(path.format(kiosk_id=kiosk_id),
                                                cached[0] if cached else None,
                                                self.settings.keyring)
            except SignatureRefused as refused:
                # Kept out; the last good one stays in use. Its ETag is not taken, so
                # the next round asks again (the hall may have fixed it by then).
                self._refuse(conn, name, refused)
                continue
            self._accept(conn, name)
            if got is None:
                caches.touch(conn, name, self._now())
            else:
                caches.put(conn, name, got[0], got[1], self._now())
                if self._on_cache is not None:
                    try:
                        self._on_cache(name, got[1])
                    except Exception:      # the listener's bug must not stop the sync
                        log.exception("applying the hall's %s failed", name)

    def _refuse(self, conn: sqlite3.Connection, name: str, refused: SignatureRefused) -> None:
        """Record that the hall's ``name`` was refused (``kiosk sync status``, the
        heartbeat); logged when it starts and when its reason changes, not every round."""
        before = refused_documents(conn).get(name)
        if before is None or before.get("code") != refused.code:
            log.error("the hall's %s is refused (%s): %s; the last good one stays in use",
                      name, refused.code, refused.message)
            since = self._now().isoformat(timespec="seconds")
        else:
            since = before.get("since", "")
        _set(conn, _REFUSED + name, json.dumps(
            {**refused.to_dict(), "since": since,
             "at": self._now().isoformat(timespec="seconds")}, ensure_ascii=False))

    def _accept(self, conn: sqlite3.Connection, name: str) -> None:
        if name in refused_documents(conn):
            log.warning("the hall's %s passes its signature check again", name)
            with transaction(conn):
                conn.execute("DELETE FROM sync_state WHERE key = ?", (_REFUSED + name,))

    def _refill_blocks(self, conn: sqlite3.Connection) -> None:
        now = self._now()
        paused = lease_pauses(conn, now)
        for category in self.settings.block_categories:
            if category in paused:
                continue
            left = sum(b.remaining for b in tickets.usable_blocks(conn, category, now))
            if left < self.settings.refill_below:
                try:
                    b = self.client.lease_block(category, self.settings.block_size)
                except HallError as err:
                    if err.hall_code not in LEASE_REFUSALS:
                        raise
                    self._pause_leases(conn, category, err, now)
                    continue
                tickets.add_block(conn, block_id=b["block_id"], category=category,
                                  prefix=b["prefix"], first=b["first"], last=b["last"],
                                  valid_until=b["valid_until"])

    def _pause_leases(self, conn: sqlite3.Connection, category: str, err: HallError,
                      now: datetime) -> None:
        """No lease for ``category`` until the hall's Retry-After, else its next day."""
        if err.retry_after is not None:
            until = now + timedelta(seconds=min(err.retry_after, self.backoff.retry_after_max))
        else:
            tz = hall_timezone(conn)
            until = datetime.combine(now.astimezone(tz).date() + timedelta(days=1),
                                     datetime.min.time(), tzinfo=tz)
        log.warning("the hall refuses more ticket blocks for %s (%s) until %s: numbering "
                    "from the local counter", category, err.hall_code, until.isoformat())
        _set(conn, _LEASE_PAUSE + category, json.dumps(
            {"until": until.isoformat(timespec="seconds"), "code": err.hall_code,
             "message": err.message}, ensure_ascii=False))

    # -- the thread -------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="hall-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def trigger(self, *, force: bool = False) -> None:
        """Sync soon: a new citizen action (ignored while backing off, so a busy terminal
        does not hammer a hall that is down) or, with ``force``, a technician's
        ``kiosk sync now`` / the hall's ``sync_now`` command."""
        if force or self.backoff.failures == 0:
            self._wake.set()

    def _run(self) -> None:
        conn = None
        while not self._stop.is_set():
            # Cleared before the round, not after the wait: a trigger() that arrives
            # while a round runs starts the next round at once instead of being lost.
            self._wake.clear()
            try:
                conn = conn or db.connect(self.db_path)
                self.sync_once(conn)
                self.backoff.reset()
                delay = self.settings.interval
                self._link_back()
            except HallError as err:
                delay = self.backoff.next_delay(err.retry_after)
                self._link_failed(err.code, delay)
            except Exception:
                # Anything else (the database locked or the disk full at start-up
                # included) must not end the thread: no sync would happen until a restart.
                delay = self.backoff.next_delay()
                log.exception("sync round failed, next try in %.1f s", delay)
            if conn is not None:
                try:
                    _set(conn, "next_attempt_in_s", f"{delay:.1f}")
                except sqlite3.Error:
                    log.exception("cannot record the next sync attempt")
            self._wake.wait(delay)
        if conn is not None:
            conn.close()


    # A village terminal may be offline for days: one line when the link fails (and when
    # its reason changes), one when the hall answers again, not one per round.
    def _link_failed(self, code: str, delay: float) -> None:
        failing = self._failing
        if failing is None or failing[0] != code:
            log.warning("sync failed (%s), next try in %.1f s; the next failures for this "
                        "reason are not logged until the hall answers", code, delay)
            self._failing = (code, time.monotonic(), 1)
        else:
            self._failing = (code, failing[1], failing[2] + 1)
            log.debug("sync failed (%s) again, next try in %.1f s", code, delay)

    def _link_back(self) -> None:
        if self._failing is not None:
            code, since, count = self._failing
            log.info("sync works again after %d failed round(s) over %.0f s (last: %s)",
                     count, time.monotonic() - since, code)
            self._failing = None


def _quarantine(conn: sqlite3.Connection, row_id: str, code: str, message: str) -> None:
    """Set a row aside for technicians (personal fields and attachments dropped; logged
    by :func:`outbox.apply_results`, as the rows the hall rejects)."""
    outbox.apply_results(conn, [{"id": row_id, "status": "rejected",
                                 "error": {"code": code, "message": message}}])


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    with transaction(conn):
        conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (key, value))


def _utc_offset(server_time: Any) -> timedelta | None:
    """The UTC offset of an RFC 3339 time (the heartbeat's ``server_time``); None when
    it is not one with an offset."""
    try:
        return datetime.fromisoformat(server_time).utcoffset()
    except (TypeError, ValueError):
        return None


def lease_pauses(conn: sqlite3.Connection, now: datetime) -> dict[str, dict[str, Any]]:
    """The categories whose leases the hall refused, still paused at ``now``:
    ``{category: {until, code, message}}``."""
    rows = conn.execute("SELECT key, value FROM sync_state WHERE key LIKE ?",
                        (_LEASE_PAUSE + "%",)).fetchall()
    paused = {}
    for key, value in rows:
        pause = json.loads(value)
        if datetime.fromisoformat(pause["until"]) > now:
            paused[key[len(_LEASE_PAUSE):]] = pause
    return paused


def refused_documents(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """The hall's documents kept out because their signature failed:
    ``{name: {code, message, since, at}}`` (``at``: the latest refusal)."""
    rows = conn.execute("SELECT key, value FROM sync_state WHERE key LIKE ?",
                        (_REFUSED + "%",)).fetchall()
    return {key[len(_REFUSED):]: json.loads(value) for key, value in rows}


def status(conn: sqlite3.Connection, now: datetime | None = None) -> dict[str, Any]:
    """What ``kiosk sync status`` shows: depth, oldest pending age, last success, last
    error, quarantined count (readable from any process: it is all in the database)."""
    now = now or local_now()
    state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    oldest = outbox.oldest_pending(conn)
    age = (now - datetime.fromisoformat(oldest)).total_seconds() if oldest else None
    last_error = json.loads(state["last_error"]) if state.get("last_error") else None
    return {"depth": outbox.pending_count(conn),
            "oldest_pending_age_s": round(max(0.0, age), 1) if age is not None else None,
            "last_success": state.get("last_success"),
            "last_attempt": state.get("last_attempt"),
            "last_error": last_error,
            "quarantined": outbox.quarantined_count(conn),
            # The latest few, with why (what a technician acts on).
            "quarantine": [{"id": r.id, "kind": r.kind, **(r.error or {})}
                           for r in outbox.quarantined(conn, QUARANTINE_SHOWN)],
            "attachments_waiting": attachments.count(conn),
            "leases_paused": lease_pauses(conn, now),
            "refused": refused_documents(conn),
            "clock_skew_s": float(state["clock_skew_s"]) if state.get("clock_skew_s") else None}
