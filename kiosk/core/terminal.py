"""The terminal as a whole: configuration, catalog, devices under their supervisor, and
the database. Long-lived; one per process.

Every method that touches a device, the disk or the network is *blocking* and documented
as such: the UI calls them from worker threads only.
"""
from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from drivers.base import Device, DeviceError, DeviceStatus, Supervisor
from drivers.receipt.document import Receipt
from drivers.receipt.driver import ReceiptPrinter
from offline_cache import caches, outbox, tickets
from offline_cache import db as cache_db
from offline_cache.db import transaction
from offline_cache.hall_errors import HallError
from offline_cache.hall_time import hall_timezone
from offline_cache.sealing import Sealer

from . import announcements, applications, hall_catalog, hall_timeouts, pickup, service_counters
from . import catalog as catalog_mod
from .applications import ApplicationResult
from .availability import Availability, kind_availability, service_availability
from .catalog import Catalog
from .config import KioskConfig, SessionSettings
from .devices import build_device
from .hall_link import build_sync
from .pickup import PickupResult
from .privacy import holder_hash
from .receipts import guide_receipt, ticket_receipt
from .screens import FLOW_KINDS
from .storage import StorageFull, StorageMonitor, prepare_data_dir
from .tech.service_state import ServiceState

if TYPE_CHECKING:       # the HTTP stack is imported only when a hall is configured
    from offline_cache.hall_client import HallClient

log = logging.getLogger(__name__)
D = TypeVar("D", bound=Device)

# How long a citizen may wait for the hall's number before the terminal numbers offline.
ONLINE_TICKET_TIMEOUT_S = 3.0

# Why a citizen was (very) dissatisfied: the reasons the 好差评 system groups by.
RATING_REASONS = ("long_wait", "hard_to_use", "device_fault", "unclear_guidance",
                  "staff_attitude", "other")

RATING_LEVELS = ("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
                 "very_dissatisfied")




@dataclass(frozen=True)
class TicketResult:
    ticket: tickets.IssuedTicket
    print_error: DeviceError | None   # None when the ticket printed


def _load_guides(path):
    from . import guides  # imports pypinyin: not at start-up
    return guides.load(path)


def local_now() -> datetime:
    return datetime.now().astimezone()


class Terminal:
    def __init__(self, config: KioskConfig, *, now: Callable[[], datetime] = local_now,
                 poll_interval: float = 1.0, simulated: bool = False) -> None:
        self.config = config
        prepare_data_dir(config.data_dir)          # 0700, the database 0600: before writing
        self.simulated = simulated      # on simulators (`kiosk run --simulate`, the demo)
        # In service or 暂停服务 (technician mode, or taken out with a reason).
        self.service_state = ServiceState(config.data_dir / "service.json")
        self._now = now
        counters_dir = config.data_dir / "counters"
        self.devices: dict[str, Device] = {d.name: build_device(d, counters_dir)
                                           for d in config.devices}
        # A full disk: the terminal's state, its heartbeat, refusals (see storage.py).
        self.storage = StorageMonitor(
            config.data_dir, now=now, interval=poll_interval,
            counters=lambda: [d.counters for d in self.devices.values()])
        self.supervisor = Supervisor(self.devices.values(), interval=poll_interval)
        self._db_lock = threading.Lock()
        self._db = cache_db.connect(config.data_dir / "kiosk.db")
        self._hall_zone = hall_timezone(self._db)       # see shown_now()
        self._sealer = Sealer.load_or_create(config.outbox_key_path)
        # What the hall changes here (catalog, enabled services, timeouts, announcements,
        # the counters' names)
        # over the shipped catalog and [session], from what the sync engine cached: a
        # terminal restarted offline keeps the hall's. Changes that would move screens
        # under a citizen wait in _next for adopt_hall_changes().
        self._seed = catalog_mod.load(config.catalog_path)
        self._hall_lock = threading.Lock()     # held for assignments, never for I/O
        self.problems: tuple[str, ...] = ()    # what the hall sent that was refused
        self._next: tuple[Catalog, SessionSettings] | None = None
        state, session, self.announcements, self.counters = self._read_hall_documents()
        self.catalog_state, self.catalog, self.session_settings = state, state.catalog, session
        self.sync = build_sync(config, self._sealer, self.catalog, now=now,
                               devices=self.device_report, on_command=self._hall_command,
                               on_cache=self._hall_document, service=self.service_state.report)
        self.pickups = pickup.LockerPickups(self)
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-load")
        self._guides: Future | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        """Start the supervisor and sync threads (returns at once; devices come online as
        polled, the outbox drains when the hall answers)."""
        self.storage.start()
        self.supervisor.start()
        if self.sync:
            self.sync.start()

    def stop(self) -> None:
        self._loader.shutdown(wait=True)
        if self.sync:
            self.sync.stop()
        self.supervisor.stop()
        self.storage.stop()
        for d in self.devices.values():
            d.close()
        with self._db_lock:
            self._db.close()

    # -- what the hall changes on this terminal ----------------------------------------------
    def _read_hall_documents(self):
        """(catalog state, session settings, announcements, counters) from the cached catalog and
        kiosk config; logs what was refused. Blocking (the database)."""
        with self._db_lock:
            state = hall_catalog.from_caches(self._db, self._seed)
            cached = caches.get(self._db, "config")
        config_doc = cached[1] if cached else None
        session, refused = hall_timeouts.merge(self.config.session, config_doc)
        problems = state.problems + refused
        for problem in problems:
            if problem not in self.problems:    # once each, not once per sync round
                log.warning("from the hall: %s", problem)
        self.problems = problems
        return (state, session, announcements.from_config(config_doc),
                service_counters.from_config(config_doc))

    def _hall_document(self, name: str, body: Any) -> None:
        """The sync engine's thread: the hall sent its catalog or this kiosk's config
        anew. The catalog and timeouts wait for :meth:`adopt_hall_changes`; ticket
        blocks are leased for the new categories from now on; announcements (for the
        idle screen, replaced in one assignment) and the counters' names apply at once."""
        if name not in ("catalog", "config"):
            return
        state, session, self.announcements, self.counters = self._read_hall_documents()
        with self._hall_lock:
            self.catalog_state = state
            changed = (state.catalog, session) != (self.catalog, self.session_settings)
            self._next = (state.catalog, session) if changed else None
        if self.sync is not None:
            self.sync.settings = replace(self.sync.settings, block_categories=tuple(
                c.code for c in state.catalog.ticket_categories))

    @property
    def hall_changes_waiting(self) -> bool:
        return self._next is not None

    def adopt_hall_changes(self) -> bool:
        """Use the hall's latest catalog and timeouts from now on; True when they changed.
        The UI calls this when no citizen is being served (never mid-session: the
        screens would change under them). No I/O: safe on the GUI thread."""
        with self._hall_lock:
            new, self._next = self._next, None
            if new is None:
                return False
            self.catalog, self.session_settings = new
        log.info("the hall's changes applied: %d services, session %g s",
                 len(self.catalog.services), self.session_settings.timeout_s)
        return True

    @contextlib.contextmanager
    def database(self):
        """The terminal's database connection, under its lock, for the technician's views
        (:mod:`kiosk.core.tech`). Blocking: worker threads only."""
        with self._db_lock:
            yield self._db

    # -- state ---------------------------------------------------------------------------
    def statuses(self) -> Mapping[str, DeviceStatus]:
        return self.supervisor.statuses()

    def service_availability(self, code: str) -> Availability:
        """Devices first (the citizen can see a printer), the card readers and camera of
        the ways to identify among them; then the hall for services that only work online
        (from memory: the sync engine's state, no I/O). A full disk takes out every
        service that records something (see :mod:`kiosk.core.storage`)."""
        service = self.catalog.service(code)
        if self.storage.full and FLOW_KINDS[service.flow].records:
            return Availability(False, "disk_full")
        found = service_availability(service, self.statuses())
        if found.available and not service.offline and not self.hall_reachable:
            return Availability(False, "hall_offline")
        return found

    @property
    def hall_client(self) -> HallClient | None:
        """The hall's API (every call under its deadline; HallError when it fails), or
        None when this terminal has no hall configured: the one way the services reach
        the hall, besides the outbox."""
        return self.sync.client if self.sync is not None else None

    @property
    def hall_reachable(self) -> bool:
        """As far as the sync engine knows: configured, and not backing off a failure."""
        return self.sync is not None and self.sync.backoff.failures == 0

    def hall_now(self) -> datetime:
        """Now on the hall's clock face (its time zone, whatever zone this terminal's
        clock is set to): the day of queue numbers and appointments is the hall's, and a
        terminal set to UTC would be a day behind from 16:00. Every time a citizen sees,
        on screen or on paper, is this one. Blocking (the database)."""
        with self._db_lock:
            self._hall_zone = hall_timezone(self._db)
        return self._now().astimezone(self._hall_zone)

    def shown_now(self) -> datetime:
        """:meth:`hall_now` for the GUI thread (the screen's clock): the hall's zone as
        last read (at start, then at each :meth:`hall_now`). Never blocks."""
        return self._now().astimezone(self._hall_zone)

    def hall_clock(self) -> datetime:
        """Now by the hall's clock: this terminal's less the skew its last heartbeat
        measured (this terminal's own before the first). For what a citizen is told
        against the hall's own times (a payment's or a pickup code's expiry), never to
        set the clock: the skew is reported, not trusted to correct it (hall-api.md).
        Blocking (the database)."""
        from offline_cache.sync import status  # the HTTP stack: only when used
        with self._db_lock:
            skew = status(self._db)["clock_skew_s"]
        now = self._now()
        return now - timedelta(seconds=skew) if skew is not None else now

    def hall_today(self) -> date:
        """Today in the hall's time zone (see :meth:`hall_now`). Blocking."""
        return self.hall_now().date()

    def kind_availability(self, code: str) -> Availability:
        """Every ticket is recorded: none on a full disk; else the identification."""
        kind = self.catalog.kind(code)
        if self.storage.full:
            return Availability(False, "disk_full")
        return kind_availability(kind, self.statuses())

    def device_report(self) -> dict[str, dict]:
        """Every device's state, consumables and counters (the heartbeat's ``devices``),
        and the data disk's as ``storage`` (``state``: ok | disk_full, ``since``): the
        hall keeps a device entry whole, so a technician sees it there."""
        report = {name: {"state": d.status.state.value,
                         "consumables": dict(d.status.consumables),
                         "counters": d.counters.snapshot(), "kind": d.kind,
                         "error": d.status.error.code if d.status.error else None}
                  for name, d in self.devices.items()}
        report["storage"] = self.storage.report()
        return report

    def _hall_command(self, name: str, args: dict) -> None:
        """Commands from the hall's staff (sync thread). ``open_locker``: open a door for
        a staff member on site; the opening is recorded as a ``device_event``."""
        if name != "open_locker":
            log.warning("hall command %r not supported by this terminal", name)
            return
        from drivers.locker.driver import LockerBus  # loaded with the device, if any
        lockers = self.device(LockerBus)
        door = int(args.get("door", 0))
        if lockers is None or door <= 0:
            log.warning("open_locker %s: no such door on this terminal", door)
            return
        board, lock = pickup.door_to_lock(
            door, [(a, c.locks) for a, c in sorted(lockers.boards.items())])
        try:
            lockers.open_door(board, lock)
            result = "opened"
        except DeviceError as err:
            result = err.code
        now = self._now()
        self.record("device_event", {"event": "staff_open_locker", "door": door,
                                     "result": result, "at": now.isoformat(timespec="seconds")},
                    at=now)

    def _device_name(self, kind: str) -> str | None:
        return next((n for n, d in self.devices.items() if d.kind == kind), None)

    def device_of_kind(self, kind: str) -> Device | None:
        """The configured device of ``kind`` (``receipt``...), None when there is none."""
        name = self._device_name(kind)
        return self.devices[name] if name else None

    def device(self, cls: type[D]) -> D | None:
        """The configured device of driver class ``cls``, typed for its own methods
        (``terminal.device(LockerBus).open_door(...)``); None when there is none."""
        return next((d for d in self.devices.values() if isinstance(d, cls)), None)

    def print_receipt(self, receipt: Receipt, what: str) -> DeviceError | None:
        """``receipt`` on the receipt printer: None when it printed, else why not
        (``not_configured`` without one). ``what`` names it in the log. A failure asks
        the supervisor to look at the printer now, so that the services needing it go
        unavailable at once. Blocking (worker threads only)."""
        printer = self.device(ReceiptPrinter)
        if printer is None:
            return DeviceError("not_configured", "no receipt printer")
        try:
            printer.print_receipt(receipt)
        except DeviceError as err:
            log.warning("%s did not print: %s (%s)", what, err.code, err.action.value,
                        extra=printer.log_extra)
            self.supervisor.poll_soon()
            return err
        return None

    # -- blocking jobs (worker threads only) -----------------------------------------------
    def holder_of(self, card) -> str:
        return holder_hash(card.id_number, self.config.holder_salt)

    def issue_ticket(self, category: str, kind: str, holder: str | None,
                     language: str = "zh_CN") -> TicketResult:
        """Issue a number (durable before printing: a failed print never loses it), then
        print it. Printing errors are returned, not raised; database errors raise
        (:class:`StorageFull` on a full disk)."""
        cat = self.catalog.category(category)
        kind = self.catalog.kind(kind).code
        self.storage.refuse_if_full()   # before the hall spends a number on it
        now = self.hall_now()      # the day's numbering is the hall's day
        ticket = self._online_ticket(cat.code, kind, now)
        if ticket is None:
            with self._storing():
                ticket = tickets.issue(self._db, category=cat.code, letter=cat.letter,
                                       kind=kind, kiosk_prefix=self.config.ticket_prefix,
                                       now=now, holder=holder, sealer=self._sealer)
            self._outbox_grew()
        log.info("ticket %s issued (%s/%s, %s)", ticket.number, category, kind, ticket.source)
        qr = self.config.ticket_qr.format(kiosk_id=self.config.kiosk_id,
                                          day=now.date().isoformat(), number=ticket.number)
        receipt = ticket_receipt(ticket, catalog=self.catalog, hall_name=self.hall_name(language),
                                 kiosk_id=self.config.kiosk_id, qr=qr, language=language)
        return TicketResult(ticket, self.print_receipt(receipt, f"ticket {ticket.number}"))

    def _online_ticket(self, category: str, kind: str, now: datetime):
        """A number from the hall while it answers, else None (the caller issues one from
        a leased block or the local counter). Not tried while the sync engine is backing
        off from a hall that is down: the citizen must not wait for a known failure."""
        client = self.hall_client
        if client is None or not self.hall_reachable:
            return None
        try:
            got = client.take_ticket(category, kind, timeout=ONLINE_TICKET_TIMEOUT_S)
        except HallError as err:
            log.info("online numbering unavailable (%s): numbering offline", err.code)
            return None
        return self.keep_online_ticket(number=got["number"], category=category, kind=kind,
                                       now=now, waiting_ahead=got["waiting_ahead"])

    def record_rating(self, service: str, level: str, ticket_number: str | None,
                      reason: str | None = None) -> str:
        """Store a 好差评 rating as a ``rating`` transaction; returns its id. The two
        lowest levels carry a reason code (RATING_REASONS)."""
        if level not in RATING_LEVELS:
            raise ValueError(f"unknown rating level {level!r}")
        if reason is not None and reason not in RATING_REASONS:
            raise ValueError(f"unknown rating reason {reason!r}")
        now = self._now()
        payload = {"service": service, "level": level,
                   "rated_at": now.isoformat(timespec="seconds")}
        if ticket_number:
            payload["ticket_number"] = ticket_number
        if reason:
            payload["reason"] = reason
        return self.record("rating", payload, at=now)

    def now(self) -> datetime:
        """This terminal's time (with its offset)."""
        return self._now()

    def record(self, kind: str, payload: dict[str, Any], *,
               personal: dict[str, Any] | None = None,
               at: datetime | None = None,
               attachments: dict[str, tuple[bytes, str]] | None = None,
               along: Callable[[sqlite3.Connection], None] | None = None) -> str:
        """One outbox row (``personal`` and ``attachments`` sealed, see
        :func:`offline_cache.outbox.enqueue`), committed before this returns; the sync
        engine is woken to deliver it soon rather than at its next round. ``along``
        writes what goes with it, in the same transaction (a pickup done here). Returns
        the row's id (the hall's idempotency key). Blocking (the database). Raises
        :class:`StorageFull` on a full disk, and at once while it stays full."""
        now = at or self._now()
        with self._storing(), transaction(self._db):
            if along is not None:
                along(self._db)
            row_id = outbox.enqueue(self._db, kind, payload, now, personal=personal,
                                    sealer=self._sealer if personal or attachments else None,
                                    attachments=attachments)
        self._outbox_grew()
        return row_id

    @contextmanager
    def _storing(self):
        """Around every write of the terminal's database (the lock held): refused at once
        while the disk is full; a write that meets a full disk starts the condition."""
        self.storage.refuse_if_full()
        try:
            with self._db_lock:
                yield
        except StorageFull as exc:
            self.storage.write_failed(exc)
            raise

    def _outbox_grew(self) -> None:
        """A citizen action was recorded: deliver it soon rather than at the next round."""
        if self.sync:
            self.sync.trigger()

    def keep_online_ticket(self, *, number: str, category: str, kind: str, now: datetime,
                           waiting_ahead: int) -> tickets.IssuedTicket:
        """A number the hall issued (online, or for an appointment), kept with the day's
        tickets. Blocking (the database)."""
        with self._storing():
            return tickets.record_online(self._db, number=number, category=category,
                                         kind=kind, now=now, waiting_ahead=waiting_ahead)

    def preload(self) -> Future[Any]:
        """Load what is slow to load (the guides: pypinyin and their initials take a few
        hundred ms of CPU) on a worker. The UI calls it after its first frame, so that
        work does not compete with start-up; anything reading the guides earlier waits."""
        if self._guides is None:
            self._guides = self._loader.submit(_load_guides, self.config.guides_path)
        return self._guides

    @property
    def guides(self):
        """The service guides (办事指南), see :mod:`kiosk.core.guides`."""
        return self.preload().result()

    @property
    def guides_ready(self) -> bool:
        """True once the guides are loaded (the UI shows them only then)."""
        return self._guides is not None and self._guides.done()

    def print_guide(self, code: str, language: str) -> DeviceError | None:
        """A guide on the receipt printer; the error when it did not print."""
        receipt = guide_receipt(self.guides.view(code, language),
                                hall_name=self.hall_name(language))
        return self.print_receipt(receipt, f"guide {code}")

    def submit_application(self, service_code: str, card, language: str = "zh_CN",
                           answers: Mapping[str, Any] | None = None) -> ApplicationResult:
        """An ``apply`` service for the citizen whose card (ID card or social security
        card) was read, with its form's ``answers``: recorded durably (offline too), then
        acknowledged on a receipt with its reference. See :mod:`kiosk.core.applications`.
        Raises ValueError when the answers are incomplete."""
        return applications.submit(
            self.catalog.service(service_code), card, answers or {}, language=language,
            now=self._now(), holder_salt=self.config.holder_salt,
            hall_name=self.hall_name(language), record=self._record_application,
            print_receipt=self.print_receipt)

    def report_card_loss(self, *, card: str, id_number: str, name: str) -> str:
        """挂失: record a loss report for the social security card (``card``), accepted
        offline and delivered by the sync engine. Name and ID number are sealed."""
        return self._record_application(applications.loss_report(
            card=card, id_number=id_number, name=name, holder_salt=self.config.holder_salt,
            now=self._now()))

    def _record_application(self, entry: applications.Entry) -> str:
        """One application's outbox row, personal fields sealed; returns its id."""
        return self.record(entry.kind, entry.payload, personal=entry.personal,
                           attachments=entry.attachments)

    def call_staff(self, service: str | None, screen: str) -> bool:
        """A citizen pressed 呼叫工作人员: a ``device_event`` ``staff_call`` (the hall's
        console raises an alert that stays until an operator resolves it), sent at once
        when the hall is reachable. True when the hall is reachable now (the citizen is
        told whether someone will see it). Blocking (the disk): worker threads only."""
        now = self._now()
        self.record("device_event", {"event": "staff_call", "service": service,
                                     "screen": screen, "at": now.isoformat(timespec="seconds")},
                    at=now)
        if self.sync is not None:
            self.sync.trigger(force=True)
        return self.hall_reachable

    def collect_from_locker(self, code: str, holder: str) -> PickupResult:
        """自助取件 (:meth:`kiosk.core.pickup.LockerPickups.collect`). Blocking."""
        return self.pickups.collect(code, holder)

    def hall_name(self, language: str) -> str:
        names = self.config.hall_name
        return names.get(language) or names.get("zh_CN") or next(iter(names.values()))
