"""The console in a real browser: Debian's headless Chromium driven by Selenium through
its chromedriver, against a real hall process on each store (SQLite and PostgreSQL,
conftest.STORES) fed by a simulated terminal (the real outbox and sync engine over
HTTP). One journey, in order: log in, see the terminal and
its paper running low, the terminal goes silent and its offline alert appears,
acknowledge it, a ticket and a rating arrive, export the CSV, send a command and see
the terminal carry it out, and the refusals (a viewer's command, a form without its
token). Each page is saved as console-*.png on the way (see SHOTS).
"""
from __future__ import annotations

import base64
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pytest

from .console_support import CST, OFFLINE_AFTER_S, PASSWORDS, ConsoleHall, Terminal, csrf_of, login

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                                "(pip install selenium)")
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# Screenshots of each page: into $CONSOLE_SHOTS when set (CONSOLE_SHOTS=docs/screenshots
# refreshes the README's), else a temporary folder: a test run leaves the tree as it was.
SHOTS = Path(os.environ.get("CONSOLE_SHOTS") or tempfile.mkdtemp(prefix="console-shots-"))
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (scripts/setup-system.sh)")


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 "--lang=zh-CN",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(tmp_path / "downloads"),
        "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER),
                              options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def world(tmp_path, stores):
    hall = ConsoleHall(tmp_path, ["V-001", "T-002"], stores.new()).start()
    terminal = Terminal(tmp_path, hall, "V-001", version="0.1.0").start()
    yield hall, terminal
    terminal.stop()
    hall.stop()


def _wait(driver, condition, what: str, timeout: float = 30):
    """Until ``condition`` holds; the pages refresh their content in place, so an element
    found a moment ago may be gone (stale) or not yet back: look again."""
    return WebDriverWait(driver, timeout, poll_frequency=0.2, ignored_exceptions=(
        StaleElementReferenceException, NoSuchElementException)).until(
        lambda d: condition(d), message=what)


def _shot(driver, name: str, width: int = 1280) -> None:
    """The whole page (not only the window) at ``width`` CSS pixels."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 3000), "scale": 1}})
    (SHOTS / f"console-{name}.png").write_bytes(base64.b64decode(shot["data"]))


def _admin_put_site(hall, kiosk_id: str, site: str) -> None:
    s = login(hall, "ada")
    r = s.post(f"{hall.url}/console/actions/config", timeout=10, data={
        "kiosk": kiosk_id, "config": f'{{"site": "{site}"}}', "csrf": csrf_of(s, hall)})
    assert r.status_code == 200


def test_an_operator_runs_the_hall_from_the_console(world, browser, tmp_path):
    hall, terminal = world
    _admin_put_site(hall, "V-001", "从化区·良口镇村服务站")
    terminal.set_consumable("receipt_printer", "paper", "low")

    # Log in (the form carries its token; a wrong password is told, not a crash).
    browser.get(f"{hall.url}/console/terminals")
    assert browser.current_url.endswith("/console/login")
    _shot(browser, "login")
    browser.find_element(By.NAME, "username").send_keys("otto")
    browser.find_element(By.NAME, "password").send_keys(PASSWORDS["otto"])
    browser.find_element(By.ID, "login").click()
    _wait(browser, lambda d: d.current_url.endswith("/console/terminals"), "logged in")

    # The terminal, by site, online, with its paper low.
    def card(d):
        d.refresh()
        cards = d.find_elements(By.ID, "terminal-V-001")
        return cards[0] if cards and "纸将用完" in cards[0].text else None
    found = _wait(browser, card, "the terminal's card with its paper low")
    assert "在线" in found.text and "0.1.0" in found.text
    assert "从化区·良口镇村服务站" in browser.find_element(By.TAG_NAME, "main").text
    _shot(browser, "terminals")

    # The paper-low alert, then the terminal goes silent: an offline alert appears.
    browser.get(f"{hall.url}/console/alerts")
    assert browser.find_elements(By.CSS_SELECTOR, 'tr.kind-paper_low[data-kiosk="V-001"]')
    terminal.engine.stop()
    time.sleep(OFFLINE_AFTER_S + 0.5)

    def offline_row(d):
        d.refresh()
        rows = d.find_elements(By.CSS_SELECTOR, 'tr.kind-offline[data-kiosk="V-001"]')
        return rows[0] if rows else None
    row = _wait(browser, offline_row, "the offline alert")
    assert "终端离线" in row.text
    _shot(browser, "alerts")
    row.find_element(By.CSS_SELECTOR, "button.ack").click()
    _wait(browser, lambda d: "已确认 (otto)" in d.find_element(
        By.CSS_SELECTOR, 'tr.kind-offline[data-kiosk="V-001"]').text, "acknowledged")

    # The terminal syncs again: the alert clears.
    terminal.engine.start()
    _wait(browser, lambda d: (d.refresh() or True) and not d.find_elements(
        By.CSS_SELECTOR, 'tr.kind-offline[data-kiosk="V-001"]'), "the offline alert cleared")

    # Queues today, open before the ticket exists: the page refreshes itself (no reload
    # here) until the ticket the terminal numbered offline shows; a rating comes with it.
    browser.get(f"{hall.url}/console/queues")
    assert "A901" not in browser.find_element(By.ID, "offline-tickets").text
    now = datetime.now(CST)
    terminal.record("ticket", {"number": "A901", "category": "registration",
                               "kind": "accept", "seq": 901,
                               "issued_at": now.isoformat(timespec="seconds")})
    terminal.record("rating", {"service": "ss_payment_history",
                               "level": "very_dissatisfied", "reason": "long_wait",
                               "ticket_number": "A901",
                               "rated_at": now.isoformat(timespec="seconds")})
    _wait(browser, lambda d: "A901" in d.find_element(By.ID, "offline-tickets").text,
          "the offline-numbered ticket on the auto-refreshed page", timeout=45)
    row = browser.find_element(By.CSS_SELECTOR,
                               'tr[data-category="registration"][data-kind="accept"]')
    assert row.find_element(By.CLASS_NAME, "total").text == "1"
    _shot(browser, "queues")

    # 好差评: the rating, its reason, the chart; the CSV export downloads.
    def rating_row(d):
        d.get(f"{hall.url}/console/ratings")
        rows = d.find_elements(By.CSS_SELECTOR, 'tr[data-service="ss_payment_history"]')
        return rows[0] if rows else None
    row = _wait(browser, rating_row, "the rating")
    assert "等候时间长 1" in row.text and row.find_element(By.CLASS_NAME, "share").text == "0.0 %"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    _shot(browser, "ratings")
    browser.find_element(By.ID, "csv").click()
    downloads = tmp_path / "downloads"
    csv_file = _wait(browser, lambda d: next((p for p in downloads.glob("ratings-*.csv")),
                                             None) if downloads.exists() else None, "the CSV")
    time.sleep(0.5)
    assert ",ss_payment_history,very_dissatisfied,long_wait,1" in csv_file.read_text(
        encoding="utf-8-sig")

    # Send a command; the terminal carries it out from its next heartbeat answer.
    browser.get(f"{hall.url}/console/actions?kiosk=V-001")
    Select(browser.find_element(By.NAME, "command")).select_by_value("open_locker")
    browser.find_element(By.NAME, "door").send_keys("4")
    browser.find_element(By.ID, "send").click()
    _wait(browser, lambda d: d.find_elements(By.ID, "done"), "the command queued")
    _shot(browser, "actions")
    _wait(browser, lambda d: ("open_locker", {"door": 4}) in terminal.commands,
          "the terminal carrying out open_locker")

    # The terminal's page: history of states, the console's actions on it.
    browser.get(f"{hall.url}/console/terminals/V-001")
    assert "纸将用完" in browser.find_element(By.ID, "history").text
    assert "command" in browser.find_element(By.ID, "audit").text
    _shot(browser, "terminal")

    # English switch.
    browser.find_element(By.ID, "lang").click()
    _wait(browser, lambda d: "History of states" in d.page_source, "the English page")
    assert "Paper low" in browser.find_element(By.ID, "history").text
    _shot(browser, "terminal-en")
    browser.find_element(By.ID, "lang").click()

    # Refusals: a viewer's command, and a form posted without its token.
    browser.get(f"{hall.url}/console/actions?kiosk=V-001")
    browser.find_element(By.CSS_SELECTOR, "header form button").click()     # log out
    _wait(browser, lambda d: d.current_url.endswith("/console/login"), "logged out")
    browser.find_element(By.NAME, "username").send_keys("vera")
    browser.find_element(By.NAME, "password").send_keys(PASSWORDS["vera"])
    browser.find_element(By.ID, "login").click()
    _wait(browser, lambda d: d.current_url.endswith("/console/terminals"), "viewer logged in")
    browser.get(f"{hall.url}/console/actions?kiosk=V-001")
    browser.find_element(By.ID, "send").click()
    _wait(browser, lambda d: d.find_elements(By.ID, "refused"), "the viewer refused")
    assert "403" in browser.find_element(By.ID, "refused").text
    browser.get(f"{hall.url}/console/actions?kiosk=V-001")
    browser.execute_script("document.querySelector('#command-form input[name=csrf]')"
                           ".value = 'forged';")
    browser.find_element(By.ID, "send").click()
    _wait(browser, lambda d: d.find_elements(By.ID, "refused"), "the forged token refused")
    sent = [c for c in terminal.commands if c[0] == "sync_now"]
    assert sent == []

    # Phone-sized window: the terminals page still reads in one column.
    browser.set_window_size(390, 844)
    browser.get(f"{hall.url}/console/terminals")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400
    _shot(browser, "phone", width=390)
