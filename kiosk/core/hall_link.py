"""Building the sync engine from the ``[hall]`` configuration."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from offline_cache.sealing import Sealer

from .catalog import Catalog
from .config import KioskConfig

if TYPE_CHECKING:       # imported when used: the requests stack is not needed offline
    from offline_cache.hall_client import HallSettings
    from offline_cache.signatures import HallKeyring
    from offline_cache.sync import SyncEngine


def hall_settings(config: KioskConfig) -> HallSettings:
    from offline_cache.hall_client import HallSettings
    h = config.hall
    if not h.url:
        raise ValueError("no [hall] url configured: this terminal works offline only")
    token = h.token_file.read_text(encoding="utf-8").strip() if h.token_file else ""
    cert = None
    if h.client_cert:
        cert = (str(h.client_cert), str(h.client_key)) if h.client_key else str(h.client_cert)
    return HallSettings(url=h.url, kiosk_id=config.kiosk_id, token=token,
                        verify=str(h.ca_bundle) if h.ca_bundle else True, cert=cert,
                        connect_timeout=h.connect_timeout_s, read_timeout=h.read_timeout_s,
                        total_timeout=h.total_timeout_s)


def keyring(config: KioskConfig) -> HallKeyring | None:
    """The hall keys the documents from the hall must be signed with; None when no
    ``[hall] signing_key`` is configured (documents taken unchecked)."""
    from offline_cache.signatures import HallKeyring
    path = config.hall.signing_key
    return HallKeyring.load(path) if path else None


def signature_state(config: KioskConfig) -> dict[str, Any]:
    """Whether the hall's documents are checked, with which keys, and what is wrong with
    the key file if anything (``kiosk sync status``, the technician's screen)."""
    ring = keyring(config)
    if ring is None:
        return {"checked": False, "key_file": None, "key_ids": [], "problem": None}
    return {"checked": True, "key_file": ring.source, "key_ids": list(ring.key_ids),
            "problem": ring.problem}


def build_sync(config: KioskConfig, sealer: Sealer, catalog: Catalog,
               now: Callable[[], datetime] | None = None,
               devices: Callable[[], dict[str, Any]] | None = None,
               on_command: Callable[[str, dict[str, Any]], None] | None = None,
               on_cache: Callable[[str, Any], None] | None = None,
               service: Callable[[], dict[str, Any]] | None = None,
               ) -> SyncEngine | None:
    """The engine for this terminal, or None when no hall is configured. ``devices`` and
    ``on_command`` feed and answer the heartbeat, ``on_cache`` hears the hall's new
    catalog and config, ``service`` tells the heartbeat whether the terminal is in
    service (see SyncEngine). Ticket blocks are leased for ``catalog``'s
    categories."""
    if not config.hall.url:
        return None
    # Imported here: the HTTP stack is not needed on a terminal without a hall.
    from offline_cache.hall_client import HallClient
    from offline_cache.sync import SyncEngine, SyncSettings, local_now
    h = config.hall
    settings = SyncSettings(interval=h.interval_s,
                            block_categories=tuple(c.code for c in catalog.ticket_categories),
                            block_size=h.block_size, refill_below=h.refill_below,
                            keyring=keyring(config))
    return SyncEngine(config.data_dir / "kiosk.db", HallClient(hall_settings(config)), sealer,
                      settings, devices=devices, on_command=on_command, on_cache=on_cache,
                      service=service,
                      software_version=f"gd-kiosk {__version__}", now=now or local_now)
