"""Catalog, config and locker assignments with ETags (200 with ETag, 304 on a match), and
the heartbeat that announces their versions and hands out commands."""
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from hall.seed import SEED_TECHNICIAN_PIN
from hall.settings import check_pin

from .conftest import run_cli
from .helpers import CST

HEARTBEAT = {"software_version": "0.1.0", "uptime_s": 12.5, "outbox_depth": 3,
             "oldest_pending_age_s": 40.0,
             "devices": {"receipt": {"state": "online", "consumables": {"paper": "low"},
                                     "counters": {"prints": 7}},
                         "idcard": {"state": "no_device"}}}


def beat(session, hall, kiosk_id="K1", **extra):
    r = session.post(f"{hall.api}/kiosks/{kiosk_id}/heartbeat", json={**HEARTBEAT, **extra},
                     timeout=5)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("path", ["/catalog", "/kiosks/K1/config",
                                  "/kiosks/K1/lockers/assignments"])
def test_etags_and_304(hall, k1, path):
    first = k1.get(hall.api + path, timeout=5)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        r = k1.get(hall.api + path, headers={"If-None-Match": header}, timeout=5)
        assert r.status_code == 304 and r.content == b"" and r.headers["ETag"] == etag
    r = k1.get(hall.api + path, headers={"If-None-Match": '"stale"'}, timeout=5)
    assert r.status_code == 200 and r.json() == first.json()


def test_the_catalog_as_seeded_and_updated(hall, k1):
    catalog = k1.get(f"{hall.api}/catalog", timeout=5)
    body = catalog.json()
    assert {"services", "ticket_categories", "ticket_kinds", "guides"} <= set(body)
    assert {c["letter"] for c in body["ticket_categories"]} == set("ABCDE")
    updated = {**body, "guides": body["guides"] + [{"service_code": "queue_ticket"}]}
    hall.admin("PUT", "/catalog", json=updated)
    try:
        r = k1.get(f"{hall.api}/catalog", headers={"If-None-Match": catalog.headers["ETag"]},
                   timeout=5)
        assert r.status_code == 200 and r.headers["ETag"] != catalog.headers["ETag"]
        assert r.json()["guides"][-1] == {"service_code": "queue_ticket"}
        assert beat(k1, hall)["catalog_version"] == r.headers["ETag"].strip('"')
    finally:
        hall.admin("PUT", "/catalog", json=body)


def test_config_per_kiosk(hall, k1, k2):
    config = k1.get(f"{hall.api}/kiosks/K1/config", timeout=5).json()
    assert config["kiosk_id"] == "K1"
    assert {"enabled_services", "timeouts", "announcements", "technician_pin_hash",
            "locker_layout", "holder_salt"} <= set(config)
    assert check_pin(SEED_TECHNICIAN_PIN, config["technician_pin_hash"])
    assert not check_pin("000000", config["technician_pin_hash"])
    assert "queue_ticket" in config["enabled_services"]
    before_k2 = k2.get(f"{hall.api}/kiosks/K2/config", timeout=5).headers["ETag"]
    before = beat(k1, hall)["config_version"]
    hall.admin("PUT", "/kiosks/K1/config", json={"enabled_services": ["queue_ticket"],
                                                 "timeouts": {"session_s": 60}})
    after = k1.get(f"{hall.api}/kiosks/K1/config", timeout=5)
    assert after.json()["enabled_services"] == ["queue_ticket"]
    assert after.json()["timeouts"] == {"session_s": 60}
    assert after.headers["ETag"].strip('"') == beat(k1, hall)["config_version"] != before
    assert k2.get(f"{hall.api}/kiosks/K2/config", timeout=5).headers["ETag"] == before_k2
    hall.admin("PUT", "/kiosks/K1/config", params={"replace": "true"}, json={})


def test_heartbeat_is_recorded_and_reports_clock_skew(hall, k2):
    ahead = datetime.now(CST) + timedelta(seconds=120)
    reply = beat(k2, hall, "K2", kiosk_time=ahead.isoformat())
    assert 115 < reply["clock_skew_s"] < 125
    server_time = datetime.fromisoformat(reply["server_time"])
    assert abs((server_time - datetime.now(CST)).total_seconds()) < 30
    an_hour_ago = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    behind = k2.post(f"{hall.api}/kiosks/K2/heartbeat", json=HEARTBEAT, timeout=5,
                     headers={"Date": an_hour_ago})
    assert -3605 < behind.json()["clock_skew_s"] < -3595
    seen = {k["kiosk_id"]: k for k in hall.admin("GET", "/kiosks")["kiosks"]}
    assert seen["K2"]["report"]["devices"]["receipt"]["consumables"] == {"paper": "low"}
    assert seen["K2"]["report"]["outbox_depth"] == 3
    assert -3605 < seen["K2"]["clock_skew_s"] < -3595


def test_commands_are_delivered_once_in_order(hall, k1):
    beat(k1, hall)                                  # drain anything pending
    hall.admin("POST", "/kiosks/K1/commands", json={"name": "sync_now"})
    done = run_cli("command", "K1", "open_locker", "--arg", "door=3", "--arg", "reason=staff",
                   "--db", str(hall.db))
    assert done.returncode == 0, done.stderr
    hall.admin("POST", "/kiosks/K2/commands", json={"name": "reload_config"})
    commands = beat(k1, hall)["commands"]
    assert [(c["name"], c["args"]) for c in commands] == \
        [("sync_now", {}), ("open_locker", {"door": 3, "reason": "staff"})]
    assert commands[1]["id"] == done.stdout.strip()
    assert beat(k1, hall)["commands"] == []


def test_heartbeat_validation(hall, k1):
    r = k1.post(f"{hall.api}/kiosks/K1/heartbeat", json={"software_version": "1"}, timeout=5)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
