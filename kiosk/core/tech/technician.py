"""The technician's desk: everything technician mode does, once, for the screens and for
``kiosk tech`` (the two front ends share this class).

Threading: the entry state (:attr:`state`, :meth:`touch`, :meth:`idle_expired`) is
plain memory, safe on the GUI thread. Everything else is *blocking* (the PIN's key
derivation, the database, the devices, the hall) and runs on worker threads or in the
CLI; device checks run on their own threads (:mod:`.checks`).

Audit: every entry (granted, refused, locked), exit (by the technician or idle) and
action is an ``audit`` outbox transaction ``{"who": the PIN's role, "what", "at",
"detail"}``, delivered to the hall by the sync engine like any citizen's.
"""
from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from drivers.base import Device
from offline_cache import db

from .. import camera_preview
from ..hall_link import signature_state
from ..privacy import mask_id_number
from . import access, checks, logbuffer, sync_view
from . import bundle as bundle_mod
from .wording import status_words

log = logging.getLogger(__name__)


class NoHall(RuntimeError):
    """The action needs the hall and this terminal has none configured."""

    code = "no_hall"


class Technician:
    """``who`` names the person when there is no PIN (the CLI: the shell user). Limits
    (``max_attempts``, ``lockout_s``, ``idle_s``) come from the arguments, else from the
    hall's kiosk config (``technician_max_attempts``, ``technician_lockout_s``,
    ``technician_idle_s``), else the defaults of :mod:`.access` (5, 300 s, 120 s)."""

    def __init__(self, terminal, *, who: str | None = None, max_attempts: int | None = None,
                 lockout_s: float | None = None, idle_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.terminal = terminal
        self._lock = threading.Lock()
        # What the caller fixed; the rest comes from the hall's config at each PIN.
        self._given_attempts, self._given_lockout_s = max_attempts, lockout_s
        self._given_idle_s = idle_s
        self.gate = access.PinGate(self._pin_hash, clock=clock,
                                   max_attempts=max_attempts or access.DEFAULT_MAX_ATTEMPTS,
                                   lockout_s=lockout_s or access.DEFAULT_LOCKOUT_S)
        self.mode = access.VendorMode(clock=clock, idle_s=idle_s or access.DEFAULT_IDLE_S)
        self._who = who
        self.last_checks: dict[str, dict[str, Any]] = {}
        self._resets_path = terminal.config.data_dir / "counters" / "resets.json"
        logbuffer.install()

    # -- who may come in ---------------------------------------------------------------
    def _hall_config(self) -> dict[str, Any]:
        from offline_cache import caches
        with self.terminal.database() as conn:
            cached = caches.get(conn, "config")
        return cached[1] if cached and isinstance(cached[1], dict) else {}

    def _pin_hash(self) -> tuple[str | None, str]:
        """(the hash, its role), read at each PIN; the hall's limits are taken then too
        (not at start-up: this reads the database)."""
        hall = self._hall_config()
        self.gate.max_attempts = self._given_attempts or int(
            hall.get("technician_max_attempts") or access.DEFAULT_MAX_ATTEMPTS)
        self.gate.lockout_s = self._given_lockout_s or float(
            hall.get("technician_lockout_s") or access.DEFAULT_LOCKOUT_S)
        self.mode.idle_s = self._given_idle_s or float(
            hall.get("technician_idle_s") or access.DEFAULT_IDLE_S)
        encoded = hall.get("technician_pin_hash")
        if encoded:
            return encoded, access.ROLE
        if self.terminal.simulated:
            from hashlib import pbkdf2_hmac
            salt = b"simulated-terminal"
            digest = pbkdf2_hmac("sha256", access.SIMULATED_PIN.encode(), salt, 1000)
            return f"pbkdf2_sha256$1000${salt.hex()}${digest.hex()}", access.SIMULATED_ROLE
        return None, access.ROLE

    @property
    def who(self) -> str:
        return self.mode.role or self._who or f"shell:{getpass.getuser()}"

    @property
    def state(self) -> str:
        """``off`` | ``requested`` (waiting for the citizen's session to end) | ``active``."""
        return self.mode.state

    def enter(self, pin: str, citizen_served: bool) -> dict[str, Any]:
        """Check ``pin``; when right, request entry and enter at once unless a citizen is
        being served (then :meth:`acknowledge` enters once they are done). Blocking."""
        with self._lock:
            try:
                outcome = self.gate.check(pin)
            except access.PinFormatError as exc:
                log.error("technician PIN: %s", exc)
                outcome = access.PinOutcome("no_pin")
            if outcome.outcome == "ok" and outcome.role:
                self.mode.request(outcome.role)
        what = {"ok": "entry_requested", "wrong": "entry_refused", "locked": "entry_locked",
                "no_pin": "entry_refused"}[outcome.outcome]
        self.audit(what, outcome.to_dict(), who=outcome.role or "unknown")
        if outcome.outcome == "ok":
            self.acknowledge(citizen_served)
        return {**outcome.to_dict(), "state": self.state}

    def acknowledge(self, citizen_served: bool) -> bool:
        """Enter if entry is waiting and nobody is served now; True when entered.
        Blocking (the audit row) only when it enters."""
        with self._lock:
            entered = self.mode.acknowledge(citizen_served)
            if entered:
                self.terminal.service_state.technician_active = True
        if entered:
            waited = time.monotonic() - (self.mode.requested_at or time.monotonic())
            self.audit("entered", {"waited_s": round(max(0.0, waited), 1)})
            log.info("technician mode entered (%s)", self.who)
        return entered

    def touch(self) -> None:
        self.mode.touch()

    def idle_expired(self) -> bool:
        return self.mode.idle_expired()

    def exit(self, why: str = "technician") -> None:
        """Leave technician mode (``why``: ``technician`` or ``idle``). Blocking."""
        with self._lock:
            was_active = self.mode.state == "active"
            role = self.mode.role
            self.mode.exit()
            self.terminal.service_state.technician_active = False
        if role is not None:
            self.audit("exited" if was_active else "entry_cancelled", {"why": why}, who=role)
            log.info("technician mode left (%s, %s)", role, why)

    # -- the audit trail -----------------------------------------------------------------
    def audit(self, what: str, detail: dict[str, Any] | None = None, *,
              who: str | None = None) -> str:
        now = self.terminal.now()
        return self.terminal.record("audit", {
            "who": who or self.who, "what": what, "at": now.isoformat(timespec="seconds"),
            "detail": detail or {}}, at=now)

    # -- devices ------------------------------------------------------------------------
    def overview(self, poll: bool = False) -> list[dict[str, Any]]:
        """Every device: state, consumables and error in words with the action, model /
        serial / firmware, counters and when they were reset, its checks. ``poll``: ask
        each device now (the CLI; the app's supervisor keeps them fresh). Blocking."""
        resets = self._resets()
        out = []
        for name, device in self.terminal.devices.items():
            status = device.poll() if poll else device.status
            out.append({
                "name": name, "kind": device.kind, "required": device.required,
                "state": status.state.value, "consumables": dict(status.consumables),
                "words": status_words(status), "info": device.info().to_dict(),
                "counters": device.counters.snapshot(), "counters_reset_at": resets.get(name),
                "checks": [{"level": lv, "what": checks.what(device.kind, lv)}
                           for lv in checks.levels(device.kind)],
                "last_check": self.last_checks.get(name)})
        return out

    def device(self, name: str) -> Device:
        try:
            return self.terminal.devices[name]
        except KeyError:
            raise ValueError(f"no device {name!r} (devices: "
                             f"{', '.join(self.terminal.devices) or 'none'})") from None

    def start_check(self, name: str, level: str, *, door: int | None = None,
                    wait_s: float = checks.WAIT_S,
                    on_done: Callable[[checks.CheckJob], None] | None = None) -> checks.CheckJob:
        """Start a check (returns at once; see :mod:`.checks`). Its result is audited and
        kept for the overview and the bundle. Raises ValueError for a wrong device,
        level or door."""
        device = self.device(name)

        def finished(job: checks.CheckJob) -> None:
            self._checked(job)
            if on_done is not None:
                on_done(job)

        job = checks.start(device, level, kiosk_id=self.terminal.config.kiosk_id, door=door,
                           wait_s=wait_s, on_done=finished)
        return job

    def _checked(self, job: checks.CheckJob) -> None:
        result = job.result or {}
        self.last_checks[job.device] = result
        self.terminal.supervisor.poll_soon()
        try:
            self.audit("device_check", {"device": job.device, "level": job.level,
                                        "ok": result.get("ok"), "outcome": result.get("outcome"),
                                        "code": (result.get("words") or {}).get("code")})
        except Exception:
            log.exception("audit of the check of %s failed", job.device)

    def check(self, name: str, level: str, *, door: int | None = None,
              wait_s: float = checks.WAIT_S) -> dict[str, Any]:
        """Blocking: run a check to its end (the CLI)."""
        job = self.start_check(name, level, door=door, wait_s=wait_s)
        result = job.wait()
        if result and result["outcome"] in ("cancelled", "check_timeout"):
            self._checked(job)      # the thread's own report will be dropped
        return result or {}

    def cancel_check(self, job: checks.CheckJob) -> None:
        job.cancel()
        self._checked(job)

    def preview(self, name: str) -> camera_preview.Preview:
        """A live preview of the camera ``name`` with the quality gate's face box and
        verdict (not started; :mod:`kiosk.core.camera_preview`). Raises ValueError for
        another kind."""
        device = self.device(name)
        if device.kind != "camera":
            raise ValueError(f"{name} is a {device.kind}, not a camera")
        return camera_preview.Preview(device, camera_preview.technician_view())

    def reset_counters(self, name: str) -> dict[str, int]:
        """Zero a device's counters (after the technician confirmed). Blocking."""
        before = self.device(name).counters.reset()
        resets = self._resets()
        resets[name] = self.terminal.now().isoformat(timespec="seconds")
        self._resets_path.parent.mkdir(parents=True, exist_ok=True)
        self._resets_path.write_text(json.dumps(resets), encoding="utf-8")
        self.audit("counters_reset", {"device": name, "before": before})
        return before

    def _resets(self) -> dict[str, str]:
        try:
            return json.loads(self._resets_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    # -- the hall ------------------------------------------------------------------------
    def network(self, probe: bool = True) -> dict[str, Any]:
        """Hall reachable and round-trip time (one conditional GET, bounded by the
        client's timeouts), last success and error, outbox depth, oldest pending age,
        quarantined rows, catalog source, whether the hall's documents are checked and
        which were refused. Blocking (the database, the network)."""
        with self.terminal.database() as conn:
            st = sync_view.status(conn, self.terminal.now())
            etag = sync_view.config_etag(conn)
        sync = self.terminal.sync
        if sync is None:
            link = {"configured": False, "reachable": False, "rtt_ms": None,
                    "error": {"code": "no_hall", "message": "no [hall] url configured"}}
        else:
            link = {"configured": True, "url": sync.client.settings.url,
                    **(sync_view.probe(sync.client, etag) if probe else
                       {"reachable": None, "rtt_ms": None, "error": None})}
        cat = self.terminal.catalog_state
        from kiosk import __version__
        return {**st, "hall": link, "version": __version__,
                "catalog": {"source": cat.source, "services": len(cat.catalog.services),
                            "problems": list(cat.problems)},
                "signatures": signature_state(self.terminal.config),
                "service": self.terminal.service_state.report()}

    def quarantine(self) -> list[dict[str, Any]]:
        with self.terminal.database() as conn:
            return sync_view.quarantined_rows(conn)

    def retry(self, row_id: str) -> bool:
        """Send one quarantined row again (after the cause was fixed). Blocking."""
        with self.terminal.database() as conn:
            ok = sync_view.retry(conn, row_id)
        self.audit("quarantine_retry", {"id": row_id, "found": ok})
        if ok and self.terminal.sync is not None:
            self.terminal.sync.trigger(force=True)
        return ok

    def export_quarantine(self, path: Path) -> Path:
        rows = self.quarantine()
        written = sync_view.export(rows, path)
        self.audit("quarantine_export", {"rows": len(rows), "path": str(written)})
        return written

    def sync_now(self, here: bool = False) -> dict[str, int] | None:
        """Wake the app's sync engine (it reports through :meth:`network`), or with
        ``here`` run one round in this thread (the CLI: no engine thread runs there) and
        return its counts. None when no hall is configured. Raises HallError (``here``)."""
        self.audit("sync_now")
        if self.terminal.sync is None:
            return None
        if not here:
            self.terminal.sync.trigger(force=True)
            return {}
        # A connection of its own, as the engine's thread has: the round calls back into
        # the terminal (a new catalog or config), which takes the terminal's database
        # lock; holding it here hung `kiosk tech sync-now` whenever the hall sent one.
        with contextlib.closing(db.connect(self.terminal.sync.db_path)) as conn:
            return self.terminal.sync.sync_once(conn)

    # -- logs, service, bundle -------------------------------------------------------------
    def logs(self, device: str | None = None, limit: int = 300) -> list[dict[str, Any]]:
        kind = self.device(device).kind if device else None
        return logbuffer.lines(device=device, kind=kind, limit=limit)

    def export_logs(self, dest: Path | None = None, device: str | None = None) -> Path:
        """Write the last lines (``device``'s, or all), masked, to ``dest`` (a file or a
        directory), or to the first mounted USB stick when ``dest`` is None (raises
        bundle.NoRemovableMedia when there is none). Owner-only. Blocking."""
        if dest is None:
            dest = bundle_mod.removable_mount()
            if dest is None:
                raise bundle_mod.NoRemovableMedia("no USB stick (removable filesystem) mounted")
        found = self.logs(device, limit=logbuffer.MAX_LINES)
        dest = Path(dest)
        if dest.is_dir() or not dest.suffix:
            dest.mkdir(parents=True, exist_ok=True)
            dest = dest / (f"kiosk-logs-{device or 'all'}-"
                           f"{datetime.now().strftime('%Y%m%d-%H%M%S')}.txt")
        written = bundle_mod.write_private(dest, mask_id_number(logbuffer.as_text(found))
                                           .encode("utf-8"))
        self.audit("logs_export", {"device": device, "lines": len(found), "path": str(written)})
        return written

    def take_out_of_service(self, reason: str) -> None:
        """暂停服务 with ``reason`` (what citizens read), until :meth:`back_in_service`;
        kept across restarts. Blocking."""
        self.terminal.service_state.take_out(reason, self.who, self.terminal.now().isoformat(
            timespec="seconds"))
        self.audit("out_of_service", {"reason": reason})

    def back_in_service(self) -> None:
        self.terminal.service_state.put_back()
        self.audit("back_in_service")

    def restart_app(self, how: str) -> None:
        """Record a restart of the app (重启应用) and end this technician's session; the
        caller then restarts it (``how``: ``screen``, whose event loop ends with
        kiosk/ui/restart.py's RESTART, or ``command``: ``kiosk tech restart`` signals the
        running app). Blocking."""
        self.audit("restart_app", {"how": how})
        self.exit("restart")

    def bundle(self, dest: Path | None = None, *, logs: list[dict[str, Any]] | None = None
               ) -> Path:
        """Write the diagnostics zip to ``dest`` (a .zip path or a directory), or to the
        first mounted removable filesystem when ``dest`` is None. Raises
        bundle.NoRemovableMedia when there is none. Blocking."""
        if dest is None:
            dest = bundle_mod.removable_mount()
            if dest is None:
                raise bundle_mod.NoRemovableMedia("no USB stick (removable filesystem) mounted")
        written = bundle_mod.write(Path(dest), self._bundle_parts(logs))
        self.audit("bundle_written", {"path": str(written)})
        return written

    def upload_bundle(self, *, logs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Send the diagnostics zip to the hall: an ``audit`` row (what
        ``diagnostics_bundle``) whose ``bundle`` field is the zip as an attachment, so the
        outbox delivers it like any row (sealed at rest until then, uploaded before the
        row, exactly once) and the hall's operators fetch it by its SHA-256. A sync is
        asked for. Returns ``{"id", "sha256", "bytes"}``. Raises :class:`NoHall` when no
        hall is configured (nothing is recorded). Blocking."""
        if self.terminal.sync is None:
            raise NoHall("no hall is configured on this terminal: write the bundle to a "
                         "USB stick instead")
        data = bundle_mod.zipped(self._bundle_parts(logs))
        row_id = self.terminal.record(
            "audit", {"who": self.who, "what": "diagnostics_bundle",
                      "at": self.terminal.now().isoformat(timespec="seconds"), "detail": {}},
            attachments={"bundle": (data, "application/zip")})
        self.terminal.sync.trigger(force=True)
        return {"id": row_id, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}

    def _bundle_parts(self, logs: list[dict[str, Any]] | None) -> dict[str, Any]:
        devices = self.overview()
        lines = logs if logs is not None else self.logs(limit=logbuffer.MAX_LINES)
        return {
            "devices.json": devices,
            "counters.json": {d["name"]: {"counters": d["counters"],
                                          "reset_at": d["counters_reset_at"]} for d in devices},
            "sync.json": self.network(probe=False),
            "logs.txt": logbuffer.as_text(lines),
            "config.json": bundle_mod.without_secrets(self.terminal.config),
            "versions.json": {**bundle_mod.versions(),
                              "written_at": datetime.now().astimezone().isoformat(
                                  timespec="seconds"),
                              "kiosk_id": self.terminal.config.kiosk_id},
        }
