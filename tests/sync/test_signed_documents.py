"""The hall's documents are signed, and a terminal applies only what passes (issue 11):
the catalog, its config and its locker assignments from a real hall process over HTTP,
checked with the key ``python -m hall signing-key`` prints. A document changed on the
way (the hall's ``tamper_documents`` fault: a man in the middle) is refused, kept out,
shown in ``kiosk sync status`` and in the heartbeat, and the last good one stays."""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from hall.signing import DocumentSigner
from offline_cache import caches, db
from offline_cache.hall_client import HallClient, HallSettings
from offline_cache.sealing import Sealer
from offline_cache.signatures import HallKeyring, SignatureRefused
from offline_cache.sync import SyncEngine, SyncSettings, status

from .support import ROOT, HallProcess, token_of

CST = timezone(timedelta(hours=8))

# RFC 8032, section 7.1, TEST 1: the secret key and the public key it gives.
RFC8032_SECRET = bytes.fromhex(
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_PUBLIC = bytes.fromhex(
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
# Our wire format with that key, written down once: the hall's signer must keep making
# it and the terminal's check must keep taking it (the two share no code).
FIXED_BODY = b'{"kiosk_id":"K1"}'
FIXED_HEADER = ('keyid="21fe31dfa154a261", ed25519="+kFTA45v6xB6V51T4fAk4wKWNioVCQZd2GghJ32Ci'
                'MX+P36aeBTmSrpyL7DKMbh/mNl+/X6TVK28gndb1U4zDA=="')
FIXED_KEY_LINE = "ed25519 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= test hall"


def ring_of(tmp_path, text: str) -> HallKeyring:
    path = tmp_path / "hall-signing.pub"
    path.write_text(text, encoding="utf-8")
    return HallKeyring.load(path)


def test_the_wire_format_against_fixed_bytes(tmp_path):
    signer = DocumentSigner(RFC8032_SECRET)
    assert signer.public_key == RFC8032_PUBLIC
    assert signer.header("/kiosks/K1/config", FIXED_BODY) == FIXED_HEADER
    ring = ring_of(tmp_path, "# the hall of 天河\n" + FIXED_KEY_LINE + "\n")
    ring.verify("/kiosks/K1/config", FIXED_BODY, FIXED_HEADER)


@pytest.mark.parametrize("path, body, header, code", [
    ("/kiosks/K1/config", FIXED_BODY + b" ", FIXED_HEADER, "bad_signature"),
    ("/kiosks/K2/config", FIXED_BODY, FIXED_HEADER, "bad_signature"),   # another terminal
    ("/catalog", FIXED_BODY, FIXED_HEADER, "bad_signature"),            # another resource
    ("/kiosks/K1/config", FIXED_BODY, None, "unsigned"),
    ("/kiosks/K1/config", FIXED_BODY, 'keyid="21fe31dfa154a261"', "malformed_signature"),
    ("/kiosks/K1/config", FIXED_BODY, FIXED_HEADER.replace("21fe", "0000"), "unknown_key"),
])
def test_what_does_not_pass(tmp_path, path, body, header, code):
    with pytest.raises(SignatureRefused) as refused:
        ring_of(tmp_path, FIXED_KEY_LINE).verify(path, body, header)
    assert refused.value.code == code


@pytest.mark.parametrize("text", ["", "# nothing\n", "ed25519 not-base64!\n",
                                  "ssh-ed25519 AAAA\n"])
def test_a_key_file_that_holds_no_usable_key_refuses_everything(tmp_path, text):
    ring = ring_of(tmp_path, text)
    assert ring.problem
    with pytest.raises(SignatureRefused) as refused:
        ring.verify("/kiosks/K1/config", FIXED_BODY, FIXED_HEADER)
    assert refused.value.code == "no_hall_key"
    missing = HallKeyring.load(tmp_path / "absent.pub")
    assert "cannot be read" in missing.problem


def test_two_keys_during_a_rotation(tmp_path):
    other = DocumentSigner(bytes(32))
    ring = ring_of(tmp_path, other.public_key_line("new") + "\n" + FIXED_KEY_LINE + "\n")
    ring.verify("/catalog", b"{}", other.header("/catalog", b"{}"))
    ring.verify("/kiosks/K1/config", FIXED_BODY, FIXED_HEADER)


def signing_key_of(hall: HallProcess, tmp_path) -> HallKeyring:
    """The hall's public key as an installer gets it: ``python -m hall signing-key``."""
    out = tmp_path / "hall-signing.pub"
    subprocess.run([sys.executable, "-m", "hall", "signing-key", "--db", str(hall.db),
                    "--output", str(out)], cwd=ROOT, check=True, timeout=60)
    return HallKeyring.load(out)


def test_a_tampered_document_is_refused_kept_out_reported_and_recovered(tmp_path):
    hall = HallProcess(tmp_path, ["S1"]).start()
    ring = signing_key_of(hall, tmp_path)
    assert ring.problem is None
    assert ring.key_ids == (hall.admin("GET", "/signing-key")["key_id"],)
    path = tmp_path / "kiosk.db"
    client = HallClient(HallSettings(url=hall.url, kiosk_id="S1", token=token_of("S1")))
    engine = SyncEngine(path, client, Sealer.load_or_create(tmp_path / "outbox.key"),
                        SyncSettings(keyring=ring), devices=dict)
    try:
        with contextlib.closing(db.connect(path)) as conn:
            hall.admin("PUT", "/kiosks/S1/config", json={"announcements": ["good"]})
            engine.sync_once(conn)
            assert caches.get(conn, "config")[1]["announcements"] == ["good"]
            assert caches.get(conn, "catalog") and caches.get(conn, "locker_assignments")
            assert status(conn)["refused"] == {}

            hall.faults(tamper_documents=True)
            hall.admin("PUT", "/kiosks/S1/config", json={"announcements": ["changed"]})
            engine.sync_once(conn)         # the round goes on: other work is not held up
            engine.sync_once(conn)         # a second round: reported once, still refused
            config = caches.get(conn, "config")[1]
            assert config["announcements"] == ["good"] and "tampered" not in config
            refused = status(conn)["refused"]
            assert refused["config"]["code"] == "bad_signature"
            assert set(refused) == {"config"}, "unchanged documents came as 304s"
            # The heartbeat told the hall (its last one is after the refusal).
            engine.sync_once(conn)
            report = next(k["report"] for k in hall.admin("GET", "/kiosks")["kiosks"]
                          if k["kiosk_id"] == "S1")
            assert report["refused_documents"]["config"]["code"] == "bad_signature"

            hall.faults()
            engine.sync_once(conn)
            assert caches.get(conn, "config")[1]["announcements"] == ["changed"]
            assert status(conn)["refused"] == {}
    finally:
        client.close()
        hall.stop()


def test_another_halls_key_applies_nothing(tmp_path):
    hall = HallProcess(tmp_path, ["S2"]).start()
    ring = ring_of(tmp_path, DocumentSigner(bytes(32)).public_key_line("not this hall"))
    path = tmp_path / "kiosk.db"
    client = HallClient(HallSettings(url=hall.url, kiosk_id="S2", token=token_of("S2")))
    engine = SyncEngine(path, client, Sealer.load_or_create(tmp_path / "outbox.key"),
                        SyncSettings(keyring=ring))
    try:
        with contextlib.closing(db.connect(path)) as conn:
            engine.sync_once(conn)
            for name in ("catalog", "config", "locker_assignments"):
                assert caches.get(conn, name) is None
            assert {r["code"] for r in status(conn)["refused"].values()} == {"unknown_key"}
    finally:
        client.close()
        hall.stop()


def test_sync_status_shows_the_signature_state_and_what_was_refused(tmp_path):
    """``kiosk sync status`` is a separate process reading the terminal's database."""
    (tmp_path / "data").mkdir()

    def status_of(hall_table: str) -> tuple[str, dict]:
        (tmp_path / "kiosk.toml").write_text(
            '[kiosk]\nid = "K1"\ndata_dir = "data"\n' + hall_table, encoding="utf-8")
        run = [sys.executable, "-m", "kiosk.cli", "sync", "status", "--config",
               str(tmp_path / "kiosk.toml")]
        text = subprocess.run(run, capture_output=True, text=True, timeout=60, check=True)
        data = subprocess.run([*run, "--json"], capture_output=True, text=True, timeout=60,
                              check=True)
        return text.stdout, json.loads(data.stdout)

    text, data = status_of("")
    assert "signatures         not checked: no [hall] signing_key configured" in text
    assert data["signatures"]["checked"] is False

    hall = HallProcess(tmp_path, ["K1"]).start()
    hall.faults(tamper_documents=True)
    client = HallClient(HallSettings(url=hall.url, kiosk_id="K1", token=token_of("K1")))
    engine = SyncEngine(tmp_path / "data" / "kiosk.db", client,
                        Sealer.load_or_create(tmp_path / "outbox.key"),
                        SyncSettings(keyring=signing_key_of(hall, tmp_path)),
                        now=lambda: datetime(2026, 12, 3, 9, 30, tzinfo=CST))
    try:
        with contextlib.closing(db.connect(tmp_path / "data" / "kiosk.db")) as conn:
            engine.sync_once(conn)
    finally:
        client.close()
        hall.stop()
    key_id = HallKeyring.load(tmp_path / "hall-signing.pub").key_ids[0]
    text, data = status_of('[hall]\nsigning_key = "hall-signing.pub"\n')
    assert (f"signatures         checked (key {key_id} from "
            f"{tmp_path / 'hall-signing.pub'})") in text
    assert ("refused            catalog: bad_signature since 2026-12-03T09:30:00+08:00: "
            "/catalog changed after the hall signed it (or was signed for another "
            "terminal); the last good one stays in use") in text
    assert set(data["refused"]) == {"catalog", "config", "locker_assignments"}

    text, data = status_of('[hall]\nsigning_key = "missing.pub"\n')
    assert "signatures         nothing from the hall is applied: the hall's signing key" in text
    assert data["signatures"]["problem"]
