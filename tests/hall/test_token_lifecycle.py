"""Revocation and expiry of kiosk tokens outlive a hall restart (issue 9, item 2), on
each store: the
hall is started with the same ``--token`` arguments every time (a systemd unit does so),
and registering a token again must not bring a revoked or expired one back."""
import requests

from .conftest import TOKENS, HallProcess, run_cli


def _status(hall: HallProcess, kiosk_id: str, token: str) -> tuple[int, str | None]:
    r = requests.get(f"{hall.api}/catalog", timeout=10,
                     headers={"Authorization": f"Bearer {token}", "X-Kiosk-Id": kiosk_id})
    return r.status_code, (r.json().get("error", {}).get("code") if r.status_code != 200
                           else None)


def test_revocation_and_expiry_survive_a_restart_with_the_same_arguments(stores):
    expiring = "token-of-k4-expiring-0123456789"
    server = stores.process("--token", f"K4={expiring}").start()
    db = server.store.args
    try:
        assert _status(server, "K1", TOKENS["K1"]) == (200, None)
        assert _status(server, "K4", expiring) == (200, None)
        revoked = run_cli("revoke-kiosk", "K1", *db)
        assert revoked.returncode == 0, revoked.stderr
        # The operator gives K4's token an expiry in the past (it leaked, say).
        moved = run_cli("add-kiosk", "K4", "--token", expiring, "--expires-at",
                        "2001-01-01T00:00:00+08:00", *db)
        assert moved.returncode == 0, moved.stderr
        assert _status(server, "K1", TOKENS["K1"]) == (401, "token_revoked")
        assert _status(server, "K4", expiring) == (401, "token_expired")
    finally:
        server.stop()

    log_before = server.log.read_text()
    server.start()                                  # the same --token arguments
    try:
        assert _status(server, "K1", TOKENS["K1"]) == (401, "token_revoked")
        assert _status(server, "K4", expiring) == (401, "token_expired")
        assert _status(server, "K2", TOKENS["K2"]) == (200, None)   # the others serve on
        said = server.log.read_text()[len(log_before):]
        assert "K1" in said and "revoked" in said, said
        assert "K4" in said and "expired" in said, said
    finally:
        server.stop()


def test_add_kiosk_refuses_a_revoked_or_expired_token(stores):
    store = stores.new()
    db = store.args
    token = "token-of-k5-0123456789abcdef"
    assert run_cli("add-kiosk", "K5", "--token", token, *db).returncode == 0
    assert run_cli("revoke-kiosk", "K5", *db).returncode == 0
    again = run_cli("add-kiosk", "K5", "--token", token, *db)
    assert again.returncode != 0
    assert "revoked" in again.stderr and again.stdout == ""
    # Nor under another kiosk's name.
    assert run_cli("add-kiosk", "K6", "--token", token, *db).returncode != 0

    old = "token-of-k7-0123456789abcdef"
    assert run_cli("add-kiosk", "K7", "--token", old, "--expires-at",
                   "2001-01-01T00:00:00+08:00", *db).returncode == 0
    renewed = run_cli("add-kiosk", "K7", "--token", old, *db)
    assert renewed.returncode != 0 and "expired" in renewed.stderr

    # A live token registered again keeps its expiry unless a new one is given.
    live = "token-of-k8-0123456789abcdef"
    assert run_cli("add-kiosk", "K8", "--token", live, "--expires-at",
                   "2099-01-01T00:00:00+08:00", *db).returncode == 0
    assert run_cli("add-kiosk", "K8", "--token", live, *db).returncode == 0
    storage = store.open()
    try:
        assert storage.authenticate(token, 0).reason == "revoked"
        assert storage.authenticate(old, 2e9).reason == "expired"
        assert storage.authenticate(live, 4.1e9).reason == "expired"   # after 2099
        assert storage.authenticate(live, 2e9).kiosk_id == "K8"
    finally:
        storage.close()


def test_the_admin_api_refuses_a_revoked_token(hall):
    token = "token-of-k10-0123456789abcdef"
    url = f"{hall.url}/admin/v1/kiosks/K10/tokens"
    hall.admin("POST", "/kiosks/K10/tokens", json={"token": token})
    hall.admin("DELETE", "/kiosks/K10/tokens")
    from .conftest import ADMIN_TOKEN
    r = requests.post(url, json={"token": token}, timeout=10,
                      headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "token_revoked", r.text
    assert _status(hall, "K10", token) == (401, "token_revoked")
