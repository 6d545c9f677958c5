"""The console's guards over real HTTP against a real hall process, on each store (SQLite
and PostgreSQL, conftest.STORES): sessions, CSRF, roles, the login rate limit, the audit
trail, alerts and ratings from the kiosk API's writes, and that it answers as before."""
from __future__ import annotations

import html
import json
import re
import time
import uuid
from datetime import datetime

import pytest
import requests

from offline_cache.signatures import HallKeyring

from .console_support import CST, OFFLINE_AFTER_S, PASSWORDS, ConsoleHall, csrf_of, login, token_of


@pytest.fixture(scope="module")
def hall(tmp_path_factory, stores):
    h = ConsoleHall(tmp_path_factory.mktemp(f"console-http-{stores.kind}"), ["C1", "C2"],
                    stores.new()).start()
    yield h
    h.stop()


def _kiosk(hall, kiosk_id="C1"):
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {token_of(kiosk_id)}", "X-Kiosk-Id": kiosk_id})
    return s


def _heartbeat(hall, kiosk_id="C1", quarantined=0, **devices):
    r = _kiosk(hall, kiosk_id).post(f"{hall.url}/api/v1/kiosks/{kiosk_id}/heartbeat", json={
        "software_version": "0.1.0", "uptime_s": 1, "outbox_depth": 0,
        "oldest_pending_age_s": None, "quarantined": quarantined, "devices": devices or {
            "printer": {"state": "online", "consumables": {"paper": "full"}}}}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def _audit(hall):
    return hall.sql("SELECT username, action, target, detail FROM console_audit ORDER BY id")


def test_pages_need_a_session(hall):
    for page in ("terminals", "alerts", "queues", "ratings", "ratings.csv", "actions"):
        r = requests.get(f"{hall.url}/console/{page}", timeout=10, allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/console/login", page
    r = requests.get(f"{hall.url}/console/terminals", timeout=10,
                     cookies={"hall_console": "forged"}, allow_redirects=False)
    assert r.status_code == 303


def test_the_session_cookie_is_httponly_strict_and_scoped(hall):
    s = requests.Session()
    page = s.get(f"{hall.url}/console/login", timeout=10)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = s.post(f"{hall.url}/console/login", data={"csrf": csrf, "username": "vera",
                                                  "password": PASSWORDS["vera"]},
               timeout=30, allow_redirects=False)
    cookie = next(v for k, v in r.headers.items() if k.lower() == "set-cookie"
                  and v.startswith("hall_console="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie        # plain HTTP on loopback; https adds it


def test_a_login_without_the_form_token_is_refused(hall):
    r = requests.post(f"{hall.url}/console/login", timeout=30, data={
        "username": "ada", "password": PASSWORDS["ada"]}, allow_redirects=False)
    assert r.status_code == 303 and "error=csrf_failed" in r.headers["location"]
    assert "hall_console=" not in r.headers.get("set-cookie", "")


def test_a_post_without_the_session_token_is_refused_and_audited(hall):
    _heartbeat(hall, "C1")
    s = login(hall, "otto")
    r = s.post(f"{hall.url}/console/actions/command", timeout=10,
               data={"kiosk": "C1", "command": "sync_now"})
    assert r.status_code == 403
    r = s.post(f"{hall.url}/console/actions/command", timeout=10,
               data={"kiosk": "C1", "command": "sync_now", "csrf": "not-the-token"})
    assert r.status_code == 403
    assert _heartbeat(hall, "C1")["commands"] == []
    assert ("otto", "refused:command", "C1", "csrf") in _audit(hall)


def test_a_viewer_cannot_send_a_command_an_operator_can(hall):
    viewer = login(hall, "vera")
    r = viewer.post(f"{hall.url}/console/actions/command", timeout=10, data={
        "kiosk": "C2", "command": "open_locker", "door": "3", "csrf": csrf_of(viewer, hall)})
    assert r.status_code == 403
    assert _heartbeat(hall, "C2")["commands"] == []
    operator = login(hall, "otto")
    r = operator.post(f"{hall.url}/console/actions/command", timeout=10, data={
        "kiosk": "C2", "command": "open_locker", "door": "3",
        "csrf": csrf_of(operator, hall)})
    assert r.status_code == 200 and 'id="done"' in r.text
    commands = _heartbeat(hall, "C2")["commands"]
    assert [(c["name"], c["args"]) for c in commands] == [("open_locker", {"door": 3})]
    assert _heartbeat(hall, "C2")["commands"] == []          # delivered once
    actions = [(u, a, t) for u, a, t, _ in _audit(hall)]
    assert ("vera", "refused:command", "C2") in actions and ("otto", "command", "C2") in actions


def test_only_an_admin_edits_config_or_publishes_the_catalog(hall):
    _heartbeat(hall, "C1")
    operator = login(hall, "otto")
    r = operator.post(f"{hall.url}/console/actions/config", timeout=10, data={
        "kiosk": "C1", "config": '{"site": "越秀大厅"}', "csrf": csrf_of(operator, hall)})
    assert r.status_code == 403
    admin = login(hall, "ada")
    r = admin.post(f"{hall.url}/console/actions/config", timeout=10, data={
        "kiosk": "C1", "config": '{"site": "越秀大厅"}', "csrf": csrf_of(admin, hall)})
    assert r.status_code == 200
    config = _kiosk(hall).get(f"{hall.url}/api/v1/kiosks/C1/config", timeout=10).json()
    assert config["site"] == "越秀大厅"
    page = admin.get(f"{hall.url}/console/terminals", timeout=10).text
    assert "<h2>越秀大厅</h2>" in page
    r = admin.post(f"{hall.url}/console/actions/config", timeout=10, data={
        "kiosk": "C1", "config": "[not json", "csrf": csrf_of(admin, hall)})
    assert r.status_code == 400


def test_login_is_rate_limited_per_username(hall):
    s = requests.Session()
    for _ in range(5):
        csrf = re.search(r'name="csrf" value="([^"]+)"',
                         s.get(f"{hall.url}/console/login", timeout=10).text).group(1)
        r = s.post(f"{hall.url}/console/login", timeout=30, data={
            "csrf": csrf, "username": "ada", "password": "wrong-password"})
        assert "error=login_failed" in r.url
    csrf = re.search(r'name="csrf" value="([^"]+)"',
                     s.get(f"{hall.url}/console/login", timeout=10).text).group(1)
    r = s.post(f"{hall.url}/console/login", timeout=30, data={
        "csrf": csrf, "username": "ada", "password": PASSWORDS["ada"]})
    assert r.status_code == 429       # even the right password, until the window moves
    assert login(hall, "otto")         # another username is not locked out
    # Forget the failures, as the window moving on would, for the other tests.
    hall.sql("DELETE FROM console_login_failures")


def test_alerts_open_from_heartbeats_clear_and_are_acknowledged(hall):
    _heartbeat(hall, "C2", printer={"state": "user_error", "error": "paper_out",
                                    "consumables": {"paper": "out"}})
    s = login(hall, "otto")
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    ids = re.findall(r'id="alert-(\d+)" class="kind-paper_out"[^>]*data-kiosk="C2"', page)
    assert len(ids) == 1
    r = s.post(f"{hall.url}/console/alerts/{ids[0]}/ack", timeout=10,
               data={"csrf": csrf_of(s, hall)})
    assert r.status_code == 200 and "已确认 (otto)" in r.text
    _heartbeat(hall, "C2")                                   # paper refilled
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert f'id="alert-{ids[0]}"' not in page
    assert f'id="alert-{ids[0]}"' in s.get(f"{hall.url}/console/alerts?show=all",
                                          timeout=10).text
    assert any(a == "alert_ack" for _, a, _, _ in _audit(hall))


def test_the_kiosk_api_is_unchanged_and_ratings_are_counted(hall):
    now = datetime.now(CST).isoformat(timespec="seconds")
    batch = [{"id": str(uuid.uuid4()), "kind": "rating", "created_at": now,
              "payload": {"service": "svc_x", "level": level, "rated_at": now,
                          **({"reason": "long_wait"} if level == "dissatisfied" else {})}}
             for level in ("very_satisfied", "satisfied", "dissatisfied")]
    r = _kiosk(hall).post(f"{hall.url}/api/v1/kiosks/C1/transactions:batch",
                          json={"transactions": batch}, timeout=10)
    assert [x["status"] for x in r.json()["results"]] == ["accepted"] * 3
    r = _kiosk(hall).post(f"{hall.url}/api/v1/kiosks/C1/transactions:batch",
                          json={"transactions": batch}, timeout=10)
    assert [x["status"] for x in r.json()["results"]] == ["duplicate"] * 3
    s = login(hall, "vera")
    csv_text = s.get(f"{hall.url}/console/ratings.csv", timeout=10).text
    rows = [line.split(",") for line in csv_text.lstrip("\ufeff").splitlines()[1:]]
    mine = sorted((r[3], r[4], r[5]) for r in rows if r[2] == "svc_x")
    assert mine == [("dissatisfied", "long_wait", "1"), ("satisfied", "", "1"),
                    ("very_satisfied", "", "1")]       # the duplicates counted once
    page = s.get(f"{hall.url}/console/ratings", timeout=10).text
    row = re.search(r'<tr data-service="svc_x">(.*?)</tr>', page, re.S).group(1)
    assert "66.7 %" in row and "等候时间长 1" in row


def test_a_silent_terminal_goes_offline_and_comes_back(hall):
    _heartbeat(hall, "C1")
    s = login(hall, "vera")
    time.sleep(OFFLINE_AFTER_S + 0.5)
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert re.search(r'class="kind-offline"[^>]*data-kiosk="C1"', page)
    _heartbeat(hall, "C1")
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert not re.search(r'class="kind-offline"[^>]*data-kiosk="C1"', page)
    history = s.get(f"{hall.url}/console/terminals/C1", timeout=10).text
    assert 'id="history"' in history and "0.1.0" in history


def test_logout_ends_the_session(hall):
    s = login(hall, "vera")
    old = s.cookies.get("hall_console")
    r = s.post(f"{hall.url}/console/logout", data={"csrf": csrf_of(s, hall)}, timeout=10)
    assert r.url.endswith("/console/login")
    assert requests.get(f"{hall.url}/console/terminals", timeout=10,
                        cookies={"hall_console": old}, allow_redirects=False).status_code == 303


def test_add_operator_reads_the_password_from_stdin_and_resets_sessions(hall):
    short = hall.add_operator("neo", "viewer", "short")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    assert hall.add_operator("x y", "viewer", "long-enough-password").returncode == 1
    assert hall.add_operator("neo", "viewer", "first-password-1").returncode == 0
    s = login(hall, "neo", "first-password-1")
    assert hall.add_operator("neo", "operator", "second-password-1").returncode == 0
    r = s.get(f"{hall.url}/console/terminals", timeout=10, allow_redirects=False)
    assert r.status_code == 303                      # the old session ended
    s = login(hall, "neo", "second-password-1")
    assert "neo · operator" in s.get(f"{hall.url}/console/terminals", timeout=10).text
    stored = hall.sql("SELECT password_hash FROM console_operators WHERE username = "
                      "'neo'")[0][0]
    assert stored.startswith("scrypt$16384$8$1$") and "second-password-1" not in stored


def test_out_of_service_goes_into_the_config_and_the_terminal_is_told(hall):
    _heartbeat(hall, "C2")
    s = login(hall, "otto")
    r = s.post(f"{hall.url}/console/actions/service", timeout=10, data={
        "kiosk": "C2", "state": "out", "reason": "更换打印机", "csrf": csrf_of(s, hall)})
    assert r.status_code == 200
    config = _kiosk(hall, "C2").get(f"{hall.url}/api/v1/kiosks/C2/config", timeout=10).json()
    assert config["out_of_service"]["reason"] == "更换打印机"
    assert config["out_of_service"]["by"] == "otto"
    assert [c["name"] for c in _heartbeat(hall, "C2")["commands"]] == ["reload_config"]
    card = s.get(f"{hall.url}/console/terminals?q=C2", timeout=10).text
    assert "暂停服务: 更换打印机" in card
    s.post(f"{hall.url}/console/actions/service", timeout=10, data={
        "kiosk": "C2", "state": "in", "csrf": csrf_of(s, hall)})
    config = _kiosk(hall, "C2").get(f"{hall.url}/api/v1/kiosks/C2/config", timeout=10).json()
    assert config["out_of_service"] is None


def test_a_staff_call_stays_until_an_operator_resolves_it(hall):
    now = datetime.now(CST).isoformat(timespec="seconds")
    r = _kiosk(hall, "C2").post(f"{hall.url}/api/v1/kiosks/C2/transactions:batch", json={
        "transactions": [{"id": str(uuid.uuid4()), "kind": "device_event", "created_at": now,
                          "payload": {"event": "staff_call", "at": now}}]}, timeout=10)
    assert r.json()["results"][0]["status"] == "accepted"
    _heartbeat(hall, "C2")                    # a heartbeat does not clear a call
    s = login(hall, "otto")
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    ids = re.findall(r'id="alert-(\d+)" class="kind-staff_call"[^>]*data-kiosk="C2"', page)
    assert len(ids) == 1 and "呼叫工作人员" in page
    s.post(f"{hall.url}/console/alerts/{ids[0]}/resolve", data={"csrf": csrf_of(s, hall)},
           timeout=10)
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert f'id="alert-{ids[0]}"' not in page
    viewer = login(hall, "vera")
    r = viewer.post(f"{hall.url}/console/alerts/{ids[0]}/ack",
                    data={"csrf": csrf_of(viewer, hall)}, timeout=10)
    assert r.status_code == 403                # a viewer marks nothing


def test_rows_a_terminal_holds_back_are_an_alert_until_they_are_gone(hall):
    """A heartbeat reporting quarantined rows (refused by the hall, or unsendable) opens
    an alert; the heartbeat that reports none clears it."""
    _heartbeat(hall, "C2", quarantined=2)
    s = login(hall, "otto")
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert re.search(r'class="kind-quarantined"[^>]*data-kiosk="C2"', page), page[-3000:]
    assert "有记录被大厅拒收" in page
    _heartbeat(hall, "C2", quarantined=0)
    page = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert not re.search(r'class="kind-quarantined"[^>]*data-kiosk="C2"', page)


def test_a_staff_call_says_where_the_citizen_was(hall):
    now = datetime.now(CST).isoformat(timespec="seconds")
    r = _kiosk(hall, "C1").post(f"{hall.url}/api/v1/kiosks/C1/transactions:batch", json={
        "transactions": [{"id": str(uuid.uuid4()), "kind": "device_event", "created_at": now,
                          "payload": {"event": "staff_call", "service": "ss_certificate",
                                      "screen": "printing", "at": now}}]}, timeout=10)
    assert r.json()["results"][0]["status"] == "accepted"
    page = login(hall, "otto").get(f"{hall.url}/console/alerts", timeout=10).text
    assert "ss_certificate printing" in page


def _shown(page: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (no markup inside), unescaped."""
    return html.unescape(re.search(rf'id="{element_id}"[^>]*>([^<]*)<', page).group(1))


def _device_words(page: str) -> list[str]:
    return [html.unescape(w) for w in re.findall(
        r'<span class="(?:cons|device-state|device-error)[^"]*"[^>]*>([^<]*)</span>', page)]


def test_a_terminal_page_says_its_devices_in_words(hall):
    """Device states, consumables and kinds as a hall manager says them, in Chinese and
    with the English switch; a value the console has no word for shows as it came."""
    _heartbeat(hall, "C2", receipt_printer={
        "state": "user_error", "kind": "receipt", "error": "paper_out",
        "consumables": {"paper": "out", "cover": "open"}}, docprinter={
        "state": "online", "kind": "docprinter", "consumables": {"paper": "low",
                                                                 "queue": "idle"}},
        lockers={"state": "sparkling", "kind": "locker", "consumables": {
            "board_1": "no_answer", "left_open": "none", "ink": "half"}})
    s = login(hall, "vera")
    page = s.get(f"{hall.url}/console/terminals/C2", timeout=10).text
    said = _device_words(page)
    for words in ("缺纸", "机盖未关", "需要现场处理", "纸将用完", "打印队列空闲",
                  "锁控板 1：无应答", "久开未关：无", "sparkling", "ink half"):
        assert words in said, (words, said)
    assert ">凭条打印机</b>" in page and ">A4打印机</b>" in page and ">智能柜</b>" in page
    assert "paper out" not in said and "user_error" not in said
    listing = s.get(f"{hall.url}/console/terminals", timeout=10).text
    card = re.search(r'id="terminal-C2".*?</article>', listing, re.S).group(0)
    assert "缺纸" in _device_words(card) and "纸将用完" in _device_words(card)
    alerts = s.get(f"{hall.url}/console/alerts", timeout=10).text
    row = re.search(r'class="kind-paper_out"[^>]*data-kiosk="C2".*?</tr>', alerts, re.S)
    assert "receipt_printer：缺纸" in row.group(0)

    s.get(f"{hall.url}/console/lang/en?next=/console/terminals/C2", timeout=10)
    page = s.get(f"{hall.url}/console/terminals/C2", timeout=10).text
    said = _device_words(page)
    for words in ("Paper out", "Cover open", "Needs attention on site", "Paper low",
                  "Print queue idle", "Lock board 1: not answering", "sparkling"):
        assert words in said, (words, said)
    assert ">Receipt printer</b>" in page and "缺纸" not in said
    alerts = s.get(f"{hall.url}/console/alerts", timeout=10).text
    assert "receipt_printer: Paper out" in alerts
    _heartbeat(hall, "C2")                           # as the other tests expect it


def test_publishing_the_catalog_shows_the_signature_terminals_receive(hall, tmp_path):
    """The actions page names the signing key terminals check; after publishing it shows
    the version and the Hall-Signature a terminal then receives, byte for byte."""
    admin = login(hall, "ada")
    page = admin.get(f"{hall.url}/console/actions", timeout=10).text
    key_id, public_key = _shown(page, "key-id"), _shown(page, "public-key")
    assert re.fullmatch(r"[0-9a-f]{16}", key_id) and public_key.startswith("ed25519 ")
    assert "终端用大厅的签名公钥核对目录" in page
    catalog = {"services": [{"code": "svc_sig", "name": {"zh_CN": "签名测试事项"}}],
               "ticket_categories": [], "ticket_kinds": [], "guides": []}
    r = admin.post(f"{hall.url}/console/actions/catalog", timeout=10, data={
        "catalog": json.dumps(catalog, ensure_ascii=False), "csrf": csrf_of(admin, hall)})
    assert r.status_code == 200 and 'id="done"' in r.text and "catalog-changed" not in r.text
    version = _shown(r.text, "catalog-version")
    header = _shown(r.text, "catalog-signature-header")
    assert f'keyid="{key_id}"' in header

    got = _kiosk(hall, "C1").get(f"{hall.url}/api/v1/catalog", timeout=10)
    assert got.status_code == 200 and got.json()["services"][0]["code"] == "svc_sig"
    assert got.headers["Hall-Signature"] == header
    assert got.headers["ETag"] == f'"{version}"'
    assert _heartbeat(hall, "C1")["catalog_version"] == version
    # The key the page shows is the one a terminal's key file must hold: it verifies.
    key_file = tmp_path / "hall-signing.pub"
    key_file.write_text(public_key + "\n")
    HallKeyring.load(key_file).verify("/catalog", got.content, got.headers["Hall-Signature"])
    audit = [d for _, a, _, d in _audit(hall) if a == "catalog"]
    assert version in audit[-1] and key_id in audit[-1]
    # Only an admin publishes, so only an admin sees it.
    page = login(hall, "otto").get(f"{hall.url}/console/actions", timeout=10).text
    assert 'id="catalog-signature"' not in page
