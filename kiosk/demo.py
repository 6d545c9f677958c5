"""``kiosk demo``: the simulators and the app together.

With a display it opens the kiosk window on simulated devices (a resident ID card lies
on the simulated reader). With none (or ``--headless``) it runs scripted citizen
journeys offscreen through real touches and writes into ``out``: a screenshot of every
screen passed, the rendered receipts (PNG) and ``summary.txt``; then exits 0.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from kiosk.core import config as config_mod


def demo(out: str | Path, *, headless: bool = False, config_path: str | None = None) -> int:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if has_display and not headless:
        from kiosk.ui.main import run
        return run(config_path, simulate=True, windowed=True)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return _scripted(Path(out), config_path)


def _scripted(out: Path, config_path: str | None) -> int:
    from drivers.idcard.sim import sample_resident_card
    from kiosk.core.simulation import Simulation
    from kiosk.core.terminal import Terminal
    from kiosk.ui.app import create
    from kiosk.ui.robot import UiRobot

    out.mkdir(parents=True, exist_ok=True)
    for old in (*out.glob("*.png"), *out.glob("*.pdf")):
        old.unlink()
    started = time.monotonic()
    sim = Simulation(tempfile.mkdtemp(prefix="kiosk-demo-"), card_present=False, hall=True)
    cfg = sim.start(config_mod.load(config_path))
    terminal = Terminal(cfg, poll_interval=0.3)
    terminal.start()
    ui = create(terminal)
    robot = UiRobot(ui)
    shots: list[str] = []
    tickets: list[str] = []
    hall_log: list[str] = []

    def shot(name: str) -> None:
        path = out / f"{len(shots) + 1:02d}-{name}.png"
        robot.screenshot(path)
        shots.append(path.name)

    try:
        robot.wait_for(lambda: all(st.usable for st in terminal.statuses().values()), 20,
                       "every simulated device to come online")
        devices = [_device_line(st) for st in terminal.statuses().values()]
        robot.wait_for(lambda: _sync_status(terminal)["last_success"], 20,
                       "the first sync with the local hall")
        # Journey 1: an application ticket (受理) with the resident ID card.
        robot.wait_screen("attract")
        shot("attract")
        robot.click("attractArea")
        robot.wait_screen("home")
        shot("home")
        robot.click("service_queue_ticket")
        robot.wait_screen("category")
        shot("category")
        robot.click("category_registration")
        robot.wait_screen("kind")
        shot("kind")
        robot.click("kind_accept")
        robot.wait_screen("identify")
        robot.item("readingText")
        shot("identify-waiting")
        sim.idcard.insert(sample_resident_card())
        robot.wait_screen("ticket", timeout=15)
        shot("ticket")
        tickets.append(ui.controller.ticket["number"])
        hall_log.append(f"hall up: ticket {tickets[-1]} numbered by the hall (online)")
        sim.printer.wait_for_receipt(1, timeout=10)
        sim.idcard.remove()
        robot.click("ticketTaken")
        robot.wait_screen("rating")
        shot("rating")
        robot.click("rate_very_satisfied")
        robot.wait_screen("attract")

        robot.wait_for(lambda: _sync_status(terminal)["depth"] == 0, 20,
                       "the rating to reach the hall")
        hall_log.append("hall up: the rating reached the hall, outbox empty")

        # The hall goes away (a village link drops): the terminal carries on offline.
        sim.hall.stop()
        # Journey 2: English, elder mode, a consultation ticket without a card.
        robot.click("lang_en")
        robot.click("elderToggle")
        robot.click("attractArea")
        robot.wait_screen("home")
        shot("home-elder-en")
        robot.click("service_queue_ticket")
        robot.wait_screen("category")
        shot("category-elder-en")
        robot.click("category_consultation")
        robot.wait_screen("kind")
        robot.click("kind_consult")
        robot.wait_screen("identify")
        shot("identify-skip-elder-en")
        robot.click("skipIdentity")
        robot.wait_screen("ticket", timeout=15)
        shot("ticket-elder-en")
        tickets.append(ui.controller.ticket["number"])
        hall_log.append(f"hall stopped: ticket {tickets[-1]} numbered from a block leased "
                        "earlier (offline)")
        sim.printer.wait_for_receipt(2, timeout=10)
        robot.click("ticketTaken")
        robot.wait_screen("rating")
        robot.click("skipRating")
        robot.wait_screen("attract")

        terminal.sync.trigger(force=True)
        robot.wait_for(lambda: (_sync_status(terminal)["last_error"] or {}).get("code"), 20,
                       "the sync engine to notice the hall is gone")
        st = _sync_status(terminal)
        hall_log.append(f"hall stopped: outbox holds {st['depth']} transaction(s), last error "
                        f"{st['last_error']['code']}")
        sim.hall.start()
        back = time.monotonic()
        terminal.sync.trigger(force=True)
        robot.wait_for(lambda: _sync_status(terminal)["depth"] == 0, 60,
                       "the outbox to drain into the restarted hall")
        hall_log.append(f"hall restarted: outbox drained in {time.monotonic() - back:.1f} s")

        # Journey 3: collecting documents from the locker (自助取件), then a low rating.
        robot.click("attractArea")
        robot.wait_screen("home")
        shot("home-services")
        robot.click("service_locker_pickup")
        robot.wait_screen("pickup_code")
        for digit in "246810":           # the reference hall's seeded code for door 1
            robot.click(f"key_{digit}")
        shot("pickup-code")
        robot.click("keypadConfirm")
        robot.wait_screen("identify")
        sim.idcard.insert(sample_resident_card())
        robot.wait_screen("pickup_result", timeout=15)
        shot("pickup-door-open")
        sim.idcard.remove()
        robot.click("pickupDone")
        robot.wait_screen("rating")
        robot.click("rate_dissatisfied")
        robot.wait_screen("rating_reason")
        shot("rating-reason")
        robot.click("reason_long_wait")
        robot.wait_screen("attract")

        # Journey 4a: the social insurance payment history, from the hall, paged.
        robot.click("attractArea")
        robot.wait_screen("home")
        robot.click("service_ss_payment_history")
        robot.wait_screen("identify")
        sim.idcard.insert(sample_resident_card())
        robot.wait_screen("results", timeout=20)
        shot("query-results")
        sim.idcard.remove()
        robot.click("resultsDone")
        robot.wait_screen("rating")
        robot.click("skipRating")
        robot.wait_screen("attract")

        # Journey 4b: a social insurance certificate, made by the hall, printed on A4.
        printed_after = time.time()
        robot.click("attractArea")
        robot.wait_screen("home")
        robot.click("service_ss_certificate")
        robot.wait_screen("identify")
        sim.idcard.insert(sample_resident_card())
        robot.wait_screen("printing", timeout=15)
        shot("certificate-printing")
        robot.wait_screen("printed", timeout=90)
        shot("certificate-printed")
        sim.idcard.remove()
        pdf = sim.docprinter.wait_for_pdf(after=printed_after, timeout=30)
        shutil.copyfile(pdf, out / "certificate.pdf")
        robot.click("documentTaken")
        robot.wait_screen("rating")
        robot.click("rate_very_satisfied")
        robot.wait_screen("attract")

        # Journey 5: the service guide: search by pinyin initials, read, print.
        robot.wait_for(lambda: terminal.guides_ready, 10, "the guides")
        robot.click("attractArea")
        robot.wait_screen("home")
        robot.click("service_service_guide")
        robot.wait_screen("guides")
        robot.click("guideFacet_social_security")
        shot("guides-theme")
        robot.click("guideTab_search")
        for letter in "CBZM":                    # 参保证明
            robot.click(f"letter_{letter}")
        shot("guides-search")
        robot.click("guide_ss_certificate")
        robot.wait_screen("guide_detail")
        robot.click("printGuide")
        robot.wait_for(lambda: ui.controller.guide.get("printStatus", "").startswith("已打印"), 15,
                       "the guide printed")
        shot("guide-detail-printed")
        robot.click("guideDone")
        robot.wait_screen("rating")
        robot.click("skipRating")
        robot.wait_screen("attract")

        # Journey 6: the printer runs out of paper: the citizen is told before choosing.
        sim.printer.set_paper("out")
        robot.wait_for(lambda: not ui.controller.ticketService["available"], 10,
                       "the paper-out state to reach the screen")
        shot("attract-paper-out")
        robot.click("attractArea")
        robot.wait_screen("home")
        shot("home-paper-out")
        robot.click("homeButton")
        robot.wait_screen("attract")

        receipts = []
        for i, r in enumerate(sim.printer.receipts, start=1):
            target = out / f"receipt-{i}.png"
            shutil.copyfile(r.png_path, target)
            receipts.append((target.name, r.text))
    finally:
        ui.close()
        terminal.stop()
        sim.stop()

    lines = [f"kiosk demo: {len(shots)} screens, {len(receipts)} receipts, "
             f"{time.monotonic() - started:.1f} s",
             f"tickets issued: {', '.join(tickets)}", "", "screens:"]
    lines += [f"  {name}" for name in shots]
    lines += ["", "sync with a local reference hall (a separate process, over HTTP):"]
    lines += [f"  {line}" for line in hall_log]
    lines += ["", "devices (all simulated, real protocols over real transports):"]
    lines += [f"  {line}" for line in devices]
    lines += [f"  {kind:<10} left out: {why}" for kind, why in sim.skipped.items()]
    lines += ["", "certificate printed on A4 through CUPS: certificate.pdf", "", "receipts:"]
    for name, text in receipts:
        lines += [f"  {name}:"] + [f"    {line}" for line in text.splitlines()]
    (out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:3]))
    print(f"wrote {len(shots)} screenshots, {len(receipts)} receipts and summary.txt "
          f"to {out.resolve()}")
    return 0


def _device_line(status) -> str:
    consumables = " ".join(f"{k}={v}" for k, v in status.consumables.items())
    return f"{status.name:<10} {status.kind:<10} {status.state.value:<8} {consumables}".rstrip()


def _sync_status(terminal) -> dict:
    from offline_cache import db, sync
    conn = db.connect(terminal.config.data_dir / "kiosk.db")
    try:
        return sync.status(conn)
    finally:
        conn.close()
