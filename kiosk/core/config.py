"""Loading a terminal's configuration (TOML) into typed settings.

Missing keys take the defaults below, so a deployment file only states what differs.
Relative paths (catalog, data_dir) are resolved against the file's folder.

Where the file is: ``--config PATH``, else ``/etc/kiosk/kiosk.toml`` (the terminal's own,
installed by the package or the hall's technician), else the seed that ships inside the
package. Everything shipped (the seed, the terminal models, the catalog, the guides) is
package data under ``kiosk/data/``, found with :mod:`importlib.resources`, so an installed
wheel needs no source tree.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

ETC_CONFIG = Path("/etc/kiosk/kiosk.toml")
# The appliance's state (database, keys, counters, the watchdog tick): made by
# systemd/kiosk-tmpfiles.conf, owned by the kiosk user.
STATE_DIR = Path("/var/lib/kiosk")


def _shipped_dir() -> Path:
    """``kiosk/data`` of the installed package. pip installs unpacked, so the resource
    is a real folder (the terminal models are listed with ``glob``, the catalog's path is
    handed to the hall's process)."""
    data = resources.files("kiosk") / "data"
    if not isinstance(data, Path) or not data.is_dir():
        raise RuntimeError(f"the shipped configuration is not a folder ({data!r}): install the "
                           "package with pip (unpacked), not from a zip")
    return data


# The shipped defaults: package data (kiosk/data/).
SHIPPED_CONFIG_DIR = _shipped_dir()

LANGUAGES = ("zh_CN", "zh_TW", "en")


@dataclass(frozen=True)
class SessionSettings:
    timeout_s: float = 90.0
    warning_s: float = 20.0
    elder_factor: float = 2.0
    card_wait_s: float = 30.0


@dataclass(frozen=True)
class DeviceConfig:
    """One ``[devices.NAME]`` table: ``driver`` picks the driver, the rest are its options."""

    name: str
    driver: str
    required: bool
    options: dict[str, Any]


@dataclass(frozen=True)
class HallConfig:
    """``[hall]``: where the central hall is and how to talk to it. No ``url``: the
    terminal works offline only (everything still lands in the outbox)."""

    url: str | None = None
    token_file: Path | None = None   # the kiosk's bearer token, one line (keep it 0600)
    ca_bundle: Path | None = None    # private CA of the hall; None: the system's CAs
    client_cert: Path | None = None  # mutual TLS, when the hall asks for it
    client_key: Path | None = None
    # The hall's public signing key(s) (``python -m hall signing-key``): the catalog, the
    # config and the locker assignments must carry the hall's signature, else they are
    # kept out. None: taken unchecked (``kiosk sync status`` says so).
    signing_key: Path | None = None
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0
    total_timeout_s: float = 60.0    # the whole of a call no citizen waits for (a batch)
    interval_s: float = 30.0         # between sync rounds when all is well
    block_size: int = 50             # ticket numbers leased per block
    refill_below: int = 20


@dataclass(frozen=True)
class KioskConfig:
    kiosk_id: str = "KIOSK-0001"
    hall_name: dict[str, str] = field(default_factory=lambda: {"zh_CN": "政务服务中心"})
    ticket_prefix: str = "1"
    data_dir: Path = STATE_DIR
    holder_salt: str = ""
    ticket_qr: str = "{kiosk_id}:{day}:{number}"
    catalog_path: Path = field(default_factory=lambda: SHIPPED_CONFIG_DIR / "catalog.toml")
    guides_path: Path = field(default_factory=lambda: SHIPPED_CONFIG_DIR / "guides.toml")
    # Key of the outbox's personal fields; None: <data_dir>/keys/outbox.key.
    outbox_key: Path | None = None
    session: SessionSettings = field(default_factory=SessionSettings)
    hall: HallConfig = field(default_factory=HallConfig)
    devices: tuple[DeviceConfig, ...] = ()

    def with_devices(self, devices: tuple[DeviceConfig, ...]) -> KioskConfig:
        return replace(self, devices=devices)

    def with_data_dir(self, data_dir: Path) -> KioskConfig:
        return replace(self, data_dir=Path(data_dir))

    @property
    def outbox_key_path(self) -> Path:
        return self.outbox_key or self.data_dir / "keys" / "outbox.key"

    def device(self, name: str) -> DeviceConfig | None:
        return next((d for d in self.devices if d.name == name), None)


def default_path() -> Path:
    """``/etc/kiosk/kiosk.toml`` on an installed terminal, else the shipped seed."""
    return ETC_CONFIG if ETC_CONFIG.exists() else SHIPPED_CONFIG_DIR / "kiosk.toml"


def _usable_state_dir(path: Path) -> Path:
    """``path``; but /var/lib/kiosk on a machine without it where this user cannot make it
    (a developer running the shipped seed, no package installed) becomes
    ``$XDG_STATE_HOME/kiosk`` (~/.local/state). Where it exists (an installed terminal) it
    stays, also for a user who may only read it (monitoring: ``kiosk health``)."""
    if path != STATE_DIR or path.exists() or _creatable(path):
        return path
    xdg = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(xdg) / "kiosk"


def _creatable(path: Path) -> bool:
    """This user could create ``path`` (its nearest existing parent is writable)."""
    while not path.exists():
        path = path.parent
    return os.access(path, os.W_OK)


def _model_devices(model: str, base: Path) -> dict[str, dict[str, Any]]:
    """The [devices] of a terminal model: a name from kiosk/data/models/, or a file path."""
    if model.endswith(".toml"):
        path = Path(model) if Path(model).is_absolute() else base / model
    else:
        path = SHIPPED_CONFIG_DIR / "models" / f"{model}.toml"
    if not path.exists():
        known = ", ".join(p.stem for p in (SHIPPED_CONFIG_DIR / "models").glob("*.toml"))
        raise ValueError(f"unknown terminal model {model!r} (known: {known})")
    with open(path, "rb") as f:
        return {name: dict(t) for name, t in tomllib.load(f).get("devices", {}).items()}


def load(path: str | Path | None = None) -> KioskConfig:
    path = Path(path) if path else default_path()
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    base = path.parent
    k = raw.get("kiosk", {})
    hall_name = k.get("hall_name", KioskConfig().hall_name)
    if isinstance(hall_name, str):
        hall_name = {"zh_CN": hall_name}
    session = SessionSettings(**{key: float(v) for key, v in raw.get("session", {}).items()
                                 if key in SessionSettings.__dataclass_fields__})
    tables = _model_devices(k["model"], base) if "model" in k else {}
    for name, override in raw.get("devices", {}).items():
        tables[name] = {**tables.get(name, {}), **override}
    devices = tuple(
        DeviceConfig(name=name, driver=str(t.get("driver", name)),
                     required=bool(t.get("required", False)),
                     options={key: v for key, v in t.items() if key not in ("driver", "required")})
        for name, t in tables.items())
    h = raw.get("hall", {})
    paths = ("token_file", "ca_bundle", "client_cert", "client_key", "signing_key")
    hall = HallConfig(**{key: (base / v if key in paths else v) for key, v in h.items()
                         if key in HallConfig.__dataclass_fields__})
    defaults = KioskConfig()
    return KioskConfig(
        kiosk_id=str(k.get("id", defaults.kiosk_id)),
        hall_name=dict(hall_name),
        ticket_prefix=str(k.get("ticket_prefix", defaults.ticket_prefix)),
        data_dir=_usable_state_dir(base / k["data_dir"] if "data_dir" in k else defaults.data_dir),
        holder_salt=str(k.get("holder_salt", "")),
        ticket_qr=str(k.get("ticket_qr", defaults.ticket_qr)),
        catalog_path=base / k["catalog"] if "catalog" in k else defaults.catalog_path,
        guides_path=base / k["guides"] if "guides" in k else defaults.guides_path,
        outbox_key=base / k["outbox_key"] if "outbox_key" in k else None,
        session=session,
        hall=hall,
        devices=devices,
    )
