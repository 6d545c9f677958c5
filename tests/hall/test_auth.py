"""Terminal tokens (hall-api.md: every request carries a Bearer token and X-Kiosk-Id):
refused without a valid token, and one kiosk cannot use another's resources."""
import requests

from .conftest import TOKENS, run_cli


def assert_error(r: requests.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def test_requests_without_a_valid_token_are_refused(hall):
    url = f"{hall.api}/catalog"
    assert_error(requests.get(url, timeout=5), 401, "unauthorized")
    assert_error(requests.get(url, headers={"X-Kiosk-Id": "K1"}, timeout=5), 401)
    assert_error(requests.get(url, headers={"Authorization": f"Bearer {TOKENS['K1']}"},
                              timeout=5), 401, "unauthorized")          # no X-Kiosk-Id
    assert_error(requests.get(url, headers={"Authorization": "Basic abc", "X-Kiosk-Id": "K1"},
                              timeout=5), 401, "unauthorized")
    assert_error(requests.get(url, headers={"Authorization": "Bearer wrong-token",
                                            "X-Kiosk-Id": "K1"}, timeout=5),
                 401, "token_unknown")
    # K2's token presented as K1.
    assert_error(requests.get(url, headers={"Authorization": f"Bearer {TOKENS['K2']}",
                                            "X-Kiosk-Id": "K1"}, timeout=5),
                 401, "token_kiosk_mismatch")
    r = requests.get(url, headers={"Authorization": f"Bearer {TOKENS['K1']}",
                                   "X-Kiosk-Id": "K1"}, timeout=5)
    assert r.status_code == 200


def test_the_body_is_not_looked_at_before_authentication(hall):
    r = requests.post(f"{hall.api}/kiosks/K1/transactions:batch", data=b"{not json",
                      headers={"Content-Type": "application/json"}, timeout=5)
    assert_error(r, 401)


def test_expired_and_revoked_tokens(hall):
    expired = "token-of-k9-expired-0123456789"
    done = run_cli("add-kiosk", "K9", "--token", expired, "--expires-at",
                   "2001-01-01T00:00:00+08:00", "--db", str(hall.db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expired
    headers = {"Authorization": f"Bearer {expired}", "X-Kiosk-Id": "K9"}
    assert_error(requests.get(f"{hall.api}/catalog", headers=headers, timeout=5),
                 401, "token_expired")

    fresh = run_cli("add-kiosk", "K8", "--db", str(hall.db))        # a random token
    assert fresh.returncode == 0, fresh.stderr
    headers = {"Authorization": f"Bearer {fresh.stdout.strip()}", "X-Kiosk-Id": "K8"}
    assert requests.get(f"{hall.api}/catalog", headers=headers, timeout=5).status_code == 200
    assert run_cli("revoke-kiosk", "K8", "--db", str(hall.db)).returncode == 0
    assert_error(requests.get(f"{hall.api}/catalog", headers=headers, timeout=5),
                 401, "token_revoked")


def test_a_kiosk_cannot_use_another_kiosks_resources(hall, k1, k2):
    api = hall.api
    assert_error(k1.get(f"{api}/kiosks/K2/config", timeout=5), 403, "forbidden")
    assert_error(k1.get(f"{api}/kiosks/K2/lockers/assignments", timeout=5), 403)
    assert_error(k1.post(f"{api}/kiosks/K2/heartbeat", timeout=5, json={
        "software_version": "1", "uptime_s": 1, "outbox_depth": 0,
        "oldest_pending_age_s": None, "devices": {}}), 403)
    assert_error(k1.post(f"{api}/kiosks/K2/transactions:batch", json={"transactions": []},
                         timeout=5), 403)
    assert_error(k1.post(f"{api}/kiosks/K2/ticket-blocks",
                         json={"category": "business", "size": 5}, timeout=5), 403)
    assert k2.get(f"{api}/kiosks/K2/config", timeout=5).status_code == 200

    # What K2 created, K1 cannot read.
    doc = k2.post(f"{api}/services/ss_certificate/documents", json={"holder": "h", "params": {}},
                  timeout=30)
    assert doc.status_code == 200, doc.text
    assert_error(k1.get(f"{api}/documents/{doc.json()['document_id']}", timeout=5), 403)
    order = k2.post(f"{api}/payments", json={"service_code": "fee_payment", "holder": "h",
                                             "amount_fen": 500, "params": {}},
                     timeout=5).json()
    assert_error(k1.get(f"{api}/payments/{order['order_id']}", timeout=5), 403)
    assert k2.get(f"{api}/payments/{order['order_id']}", timeout=5).status_code == 200


def test_errors_keep_the_error_shape(hall, k1):
    assert_error(k1.get(f"{hall.api}/no-such-thing", timeout=5), 404, "not_found")
    assert_error(k1.delete(f"{hall.api}/catalog", timeout=5), 405, "method_not_allowed")
    assert_error(k1.post(f"{hall.api}/tickets", data="{broken",
                         headers={"Content-Type": "application/json"}, timeout=5),
                 400, "malformed_json")
    assert_error(k1.post(f"{hall.api}/tickets", data="category=a",
                         headers={"Content-Type": "application/x-www-form-urlencoded"},
                         timeout=5), 415, "unsupported_media_type")
    assert_error(k1.post(f"{hall.api}/tickets", json={"category": "business"}, timeout=5),
                 422, "invalid_request")
    for strict_json_violation in (b'{"category": NaN, "kind": "accept"}',
                                  b'{"category": "\\udc00", "kind": "accept"}',
                                  b"[" * 100 + b"]" * 100,
                                  b"[" * 100_000 + b"]" * 100_000):
        assert_error(k1.post(f"{hall.api}/tickets", data=strict_json_violation, timeout=5,
                             headers={"Content-Type": "application/json"}),
                     400, "malformed_json")
    naive_time = {"software_version": "1", "uptime_s": 1, "outbox_depth": 0,
                  "oldest_pending_age_s": None, "devices": {}, "kiosk_time": "2025-01-01T10:00"}
    assert_error(k1.post(f"{hall.api}/kiosks/K1/heartbeat", json=naive_time, timeout=5), 422)
    assert_error(k1.get(f"{hall.api}/documents/nope", timeout=5), 404, "unknown_document")
    assert_error(k1.get(f"{hall.api}/payments/nope", timeout=5), 404, "unknown_order")
    assert_error(requests.get(f"{hall.url}/admin/v1/faults", timeout=5), 401)


def test_the_openapi_document_is_public(hall):
    r = requests.get(f"{hall.api}/openapi.json", timeout=5)
    assert r.status_code == 200 and r.json()["openapi"].startswith("3.")
