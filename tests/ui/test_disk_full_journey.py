"""A full disk seen by a citizen (issue 9, item 5): the terminal's data directory is a
real small tmpfs, filled while the kiosk runs. A ticket, a loss report and a rating are
refused in plain words (never a traceback); the services that record then say why
before they are chosen; freeing the disk brings them back without a restart."""
import logging

import pytest

from drivers.idcard.sim import sample_resident_card
from tests.small_disk import small_disk

DISK_FULL = "本机存储空间已满，暂时无法办理，请到人工窗口"


@pytest.fixture
def disk(tmp_path):
    """The first kiosk's data directory (make_kiosk: tmp_path/sim0/data) on 8 MiB;
    requested before make_kiosk, so the kiosk is gone before it is unmounted."""
    with small_disk(tmp_path / "sim0" / "data", "8m") as d:
        yield d


def take_consultation_ticket(r):
    r.wait_screen("attract")
    r.open_service("queue_ticket")
    r.wait_screen("category")
    r.click("category_consultation")
    r.wait_screen("kind")
    r.click("kind_consult")
    r.wait_screen("identify")
    r.click("skipIdentity")
    r.wait_screen("ticket", timeout=15)


def test_a_full_disk_is_told_plainly_and_passes(disk, make_kiosk, caplog):
    caplog.set_level(logging.DEBUG)
    k = make_kiosk()
    r = k.robot
    disk.fill()
    take_consultation_ticket(r)
    assert k.controller.parts["queue"].ticket["number"] == ""     # no number shown
    assert DISK_FULL in r.text_of("ticketProblem")
    assert k.terminal.storage.state == "disk_full"
    r.click("homeButton")             # "back to the start": no number to take
    r.wait_screen("attract")
    # A guide records nothing: still there; its rating is refused on the worker, typed
    # (the session is over, nobody to tell).
    r.wait_for(lambda: k.terminal.guides_ready, 10, "the guides loaded")
    r.open_service("service_guide")
    r.wait_screen("guides")
    r.click("guideFacet_social_security")
    r.click("guide_ss_certificate")
    r.wait_screen("guide_detail")
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("rate_satisfied")
    r.wait_screen("attract")
    r.wait_for(lambda: any("a rating was not stored: disk_full" in m
                           for m in caplog.messages), 5, "the refused rating")
    # Now told before choosing, on the attract screen and on the home tiles.
    r.wait_for(lambda: not k.controller.ticketService["available"], 5, "ticketing out")
    assert DISK_FULL in r.text_of("attractNotice")
    r.click("attractArea")
    r.wait_screen("home")
    tile = next(t for t in k.controller.parts["home"].tiles if t["code"] == "queue")
    assert not tile["available"] and DISK_FULL in tile["reason"]

    disk.free()
    r.wait_for(lambda: k.controller.ticketService["available"], 10,
               "ticketing back once there is room")
    r.click("homeButton")
    take_consultation_ticket(r)
    assert r.text_of("ticketNumber") == "E3-001"
    # Refusals are warnings with a code, not tracebacks.
    assert not [rec for rec in caplog.records if rec.exc_info], \
        [rec.getMessage() for rec in caplog.records if rec.exc_info]


def test_a_loss_report_on_a_full_disk_says_why_it_was_not_recorded(disk, make_kiosk):
    k = make_kiosk()
    r = k.robot
    r.open_service("card_loss_report")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("confirm", timeout=15)
    disk.fill()
    r.click("confirmApplication")
    r.wait_screen("submitted", timeout=15)
    assert k.controller.parts["apply"].reference == ""
    assert DISK_FULL in r.text_of("applicationFailure")
    r.click("homeButton")
    r.wait_screen("attract")
    disk.free()
    r.wait_for(lambda: k.terminal.service_availability("card_loss_report").available, 10,
               "the service back")
