"""Certificates on A4 through the real screens: ID card, the hall makes the PDF, the
real CUPS queue (cups-pdf) prints it; and what the citizen sees when the hall is away."""
import time
from pathlib import Path

from drivers.idcard.sim import sample_resident_card
from tests.hall.helpers import page_image, where

KINDS = ("idcard", "receipt", "docprinter")


def test_social_insurance_certificate_is_printed_on_a4(make_kiosk):
    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    r.wait_for(lambda: k.terminal.devices["docprinter"].status.usable, 10, "the A4 printer")
    started = time.time()
    r.open_service("ss_certificate")
    r.wait_screen("identify")
    k.sim.idcard.insert(sample_resident_card())
    r.wait_screen("printed", timeout=60)
    assert "取走您的文件" in r.text_of("documentMessage")
    pdf = k.sim.docprinter.wait_for_pdf(after=started, timeout=30)
    assert Path(pdf).read_bytes().startswith(b"%PDF-")
    # The page names the card's holder, masked on the terminal (张小明, 440106199101010010).
    page = page_image(Path(pdf))
    assert where(page, "持证人：张**")[0] > 0.95
    assert where(page, "证件号码：4401**********0010")[0] > 0.95
    r.click("homeButton")
    r.wait_screen("rating")
    r.click("homeButton")
    r.wait_screen("attract")
    assert k.controller.personal_data() == {}


def test_online_only_services_say_so_when_the_hall_is_away(make_kiosk):
    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    r.wait_for(lambda: k.terminal.devices["docprinter"].status.usable, 10, "the A4 printer")
    k.sim.hall.stop()
    k.terminal.sync.trigger(force=True)
    r.wait_for(lambda: not k.terminal.hall_reachable, 15, "the hall to be missed")
    r.click("attractArea")
    r.wait_screen("home")
    services = {s["code"]: s for s in k.controller.services}
    assert not services["ss_certificate"]["available"]
    assert "网络暂时不通" in services["ss_certificate"]["reason"]
    assert services["queue_ticket"]["available"] and services["locker_pickup"]["available"] \
        is not None
    r.open_service("ss_certificate")                   # greyed out: nothing happens
    r.process(0.3)
    assert k.controller.screen == "home"


def test_finishing_while_it_prints_withdraws_the_job(make_kiosk):
    """结束办理 on the printing screen: the session ends, the job waiting in CUPS (the
    queue holds it) is withdrawn, nothing comes out later and nothing is recorded."""
    import subprocess

    from drivers.base import DeviceState
    from offline_cache import db

    def waiting_jobs():
        return subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True,
                              timeout=10).stdout.strip()

    k = make_kiosk(kinds=KINDS, hall=True)
    r = k.robot
    queue = k.sim.docprinter.queue
    printer = k.terminal.devices["docprinter"]
    r.wait_for(lambda: printer.status.usable, 10, "the A4 printer")
    subprocess.run(["lpadmin", "-p", queue, "-o", "job-hold-until-default=indefinite"],
                   check=True, timeout=10)
    try:
        started = time.time()
        r.open_service("ss_certificate")
        r.wait_screen("identify")
        k.sim.idcard.insert(sample_resident_card())
        r.wait_screen("printing", timeout=20)
        r.wait_for(lambda: waiting_jobs() != "", 20, "the job held in CUPS")
        r.click("homeButton")
        r.wait_screen("attract")
        r.wait_for(lambda: waiting_jobs() == "", 10, "the job withdrawn")
        r.wait_for(lambda: printer.poll().state is DeviceState.ONLINE, 10, "no job of ours")
    finally:
        subprocess.run(["lpadmin", "-p", queue, "-o", "job-hold-until-default=no-hold"],
                       check=True, timeout=10)
    time.sleep(1.0)
    assert k.sim.docprinter.printed(started) == []
    conn = db.connect(k.terminal.config.data_dir / "kiosk.db")
    assert conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'print_job'").fetchone()[0] == 0
