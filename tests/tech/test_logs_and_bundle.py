"""The technician's log lines are masked and filterable; the bundle's config has no
secrets and finds a USB stick only on a removable device (kiosk/core/tech)."""
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.tech import bundle, logbuffer


def test_log_lines_are_masked_and_filtered_by_device():
    logbuffer.install()
    logging.getLogger("drivers.receipt.driver").warning("receipt: paper low for 440106199101010010")
    logging.getLogger("kiosk.core.terminal").info("ticket A001 issued")
    lines = logbuffer.lines()
    assert any("4401**********0010" in ln["message"] for ln in lines)
    assert not any("440106199101010010" in ln["message"] for ln in lines)
    only = logbuffer.lines(device="receipt", kind="receipt")
    assert only and all(ln["logger"].startswith("drivers.receipt") or "receipt" in ln["message"]
                        for ln in only)
    assert not any("ticket A001" in ln["message"] for ln in only)
    # A line about the device from elsewhere (the Terminal), named by its journal field.
    logging.getLogger("kiosk.core.terminal").warning("ticket A002 did not print: paper_out",
                                                     extra={"kiosk_device": "printer-2"})
    (about,) = logbuffer.lines(device="printer-2")
    assert about["device"] == "printer-2" and "A002" in about["message"]


@dataclass(frozen=True)
class Hall:
    url: str = "https://hall"
    token_file: Path = Path("/etc/kiosk/token")
    client_key: str = "k.pem"


@dataclass(frozen=True)
class Config:
    kiosk_id: str = "GZ-1"
    holder_salt: str = "s3cret"
    hall: Hall = Hall()


def test_config_without_secrets():
    out = bundle.without_secrets(Config())
    assert out["kiosk_id"] == "GZ-1" and out["hall"]["url"] == "https://hall"
    assert out["holder_salt"] == "<redacted>"
    assert out["hall"]["token_file"] == "<redacted>" and out["hall"]["client_key"] == "<redacted>"


def test_first_removable_filesystem(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/usb\\040stick vfat rw 0 0\n")
    sys_block = tmp_path / "block"
    for disk, removable in (("sda", "0"), ("sdb", "1")):
        (sys_block / disk).mkdir(parents=True)
        (sys_block / disk / "removable").write_text(removable + "\n")
    assert bundle.removable_mount(mounts, sys_block) == Path("/media/usb stick")
    (sys_block / "sdb" / "removable").write_text("0\n")
    assert bundle.removable_mount(mounts, sys_block) is None
