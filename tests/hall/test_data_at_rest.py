"""Personal data at rest on the hall (issue 9, item 8): the database, its WAL and shared
memory and the hall's key are owner-only files in an owner-only directory; a copied
database shows no name, phone number, ID number, address or photo, nor a holder hash in
the terminals' format; and the holder salt from a terminal's config, which makes that
format reversible in seconds, no longer finds anyone in it. What the terminals get back
is unchanged (the contract is the same)."""
import base64
import hashlib
import hmac
import sqlite3
import stat

import pytest

from hall.sealing import HallKeys
from hall.seed import SEED_ID_NUMBERS
from hall.storage import SQLiteStorage

from .conftest import HallProcess
from .helpers import CST, send, tx

NAME, PHONE, ID_NUMBER = "欧阳娜娜", "13912345678", "440106199203045678"
ADDRESS = "广州市天河区体育西路191号"
PHOTO = bytes(range(256)) * 8


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def holder_of(id_number: str, salt: str) -> str:
    """As a terminal computes it (hall-api: holder = HMAC(holder_salt, ID number))."""
    return hmac.new(salt.encode(), id_number.upper().encode(), hashlib.sha256).hexdigest()


@pytest.fixture(scope="module")
def used_hall(tmp_path_factory):
    """A hall whose data directory it creates itself, used as terminals use it."""
    base = tmp_path_factory.mktemp("at-rest")
    server = HallProcess(base / "var" / "lib" / "hall" / "hall.db", log=base / "hall.log").start()
    with server.kiosk("K1") as k1:
        salt = k1.get(f"{server.api}/kiosks/K1/config", timeout=10).json()["holder_salt"]
        applicant = holder_of(ID_NUMBER, salt)
        application = tx("application", {
            "service_code": "ss_card_apply", "holder": applicant,
            "fields": {"name": NAME, "phone": PHONE, "id_number": ID_NUMBER,
                       "address": ADDRESS},
            "photo_jpeg": base64.b64encode(PHOTO).decode()})
        ticket = tx("ticket", {"number": "A901", "category": "registration",
                               "holder": applicant})
        assert [r["status"] for r in send(k1, server, [application, ticket])] == \
            ["accepted"] * 2
        seeded = holder_of(SEED_ID_NUMBERS[0], salt)
        r = k1.post(f"{server.api}/payments", timeout=10, json={
            "service_code": "fee_payment", "holder": applicant, "amount_fen": 500,
            "params": {}})
        assert r.status_code == 200, r.text
        r = k1.post(f"{server.api}/services/ss_certificate/documents", timeout=30,
                    json={"holder": seeded, "params": {}})
        assert r.status_code == 200, r.text
        locker = server.admin("POST", "/kiosks/K1/lockers",
                              json={"door": 4, "id_number": ID_NUMBER})
        assert locker["holder"] == applicant
        yield server, salt, applicant, application
    server.stop()


def test_files_and_directory_are_owner_only(used_hall):
    server, *_ = used_hall
    db = server.db
    assert mode(db.parent) == 0o700
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
                 db.with_suffix(".key")):
        assert path.exists(), path
        assert mode(path) == 0o600, (path, oct(mode(path)))


def test_a_copied_database_shows_no_personal_data(used_hall):
    server, salt, applicant, application = used_hall
    with server.kiosk("K1") as k1:          # what the terminals get back is unchanged
        r = k1.get(f"{server.api}/kiosks/K1/lockers/assignments", timeout=10)
        assert applicant in [a["holder"] for a in r.json()["assignments"]]
        today = __import__("datetime").datetime.now(CST).date().isoformat()
        r = k1.get(f"{server.api}/appointments", timeout=10,
                   params={"holder": holder_of(SEED_ID_NUMBERS[0], salt), "date": today})
        assert [a["holder"] for a in r.json()["appointments"]] == \
            [holder_of(SEED_ID_NUMBERS[0], salt)]
    stored = server.admin("GET", "/transactions", params={"kiosk_id": "K1",
                                                          "kind": "application"})
    assert application["payload"] in [t["payload"] for t in stored["transactions"]]

    db = server.db
    raw = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal"))
                   if p.exists())
    terminal_holders = [holder_of(n, salt) for n in (*SEED_ID_NUMBERS, ID_NUMBER)]
    for secret in (NAME, PHONE, ID_NUMBER, ADDRESS, *SEED_ID_NUMBERS, *terminal_holders,
                   base64.b64encode(PHOTO).decode()[:40]):
        for form in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
            assert form not in raw, secret
    assert PHOTO[:64] not in raw


def test_the_terminals_salt_no_longer_finds_anyone(used_hall):
    server, salt, _, _ = used_hall
    conn = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True)
    try:
        stored = set()
        for table in ("tickets", "appointments", "dues", "service_rows", "payments",
                      "documents", "locker_assignments"):
            stored |= {r[0] for r in conn.execute(f"SELECT holder FROM {table}") if r[0]}
    finally:
        conn.close()
    assert len(stored) >= 3
    # A brute force over ID numbers (here: the real ones among a few thousand) with the
    # salt any terminal's config carries.
    candidates = [*SEED_ID_NUMBERS, ID_NUMBER] + [f"44010619900101{n:04d}"
                                                  for n in range(3000)]
    assert not stored & {holder_of(c, salt) for c in candidates}


def test_an_older_database_is_sealed_and_rekeyed_when_opened(tmp_path):
    """Rows written before sealing (plain payloads, terminal-format holders) are
    converted once, and lookups by the terminal's holder still find them."""
    db = tmp_path / "old.db"
    SQLiteStorage(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("INSERT INTO transactions (id, kiosk_id, kind, created_at, payload, "
                 "received_at) VALUES ('t1', 'K1', 'application', 'x', ?, 0)",
                 (f'{{"name":"{NAME}"}}',))
    conn.execute("INSERT INTO appointments VALUES ('APT-1', 'h-old', '2025-03-01', '09:30', "
                 "'s', 'registration', 'accept', 'booked')")
    conn.execute("INSERT INTO locker_assignments (assignment_id, kiosk_id, door, holder, "
                 "code_hash, salt, expires_at, created_at) VALUES "
                 "('L1', 'K1', 1, 'h-old', 'c', 's', 9e9, 0)")
    conn.commit()
    conn.close()
    storage = SQLiteStorage(db)
    try:
        assert storage.transactions("K1")[0]["payload"] == {"name": NAME}
        assert [a["appointment_id"] for a in storage.appointments("h-old", "2025-03-01")] == \
            ["APT-1"]
        assert storage.locker_assignments("K1", 0)[0]["holder"] == "h-old"
    finally:
        storage.close()
    raw = db.read_bytes() + (tmp_path / "old.db-wal").read_bytes() \
        if (tmp_path / "old.db-wal").exists() else db.read_bytes()
    assert NAME.encode() not in raw and b"h-old" not in raw
    assert HallKeys.load_or_create(tmp_path / "old.key").holder("h-old").encode() in raw


def test_a_key_file_others_can_read_or_another_key_is_refused(tmp_path):
    from hall import cli

    db = tmp_path / "hall.db"
    SQLiteStorage(db).close()
    key = db.with_suffix(".key")
    assert mode(key) == 0o600 and len(key.read_bytes()) == 32
    key.chmod(0o644)
    with pytest.raises(PermissionError):
        SQLiteStorage(db)
    with pytest.raises(SystemExit, match="chmod 600"):
        cli.main(["serve", "--db", str(db), "--port", "0"])
    key.chmod(0o600)
    # Another key (--key) would mix values no one key opens: refused.
    other = tmp_path / "elsewhere" / "hall.key"
    other.parent.mkdir()
    with pytest.raises(SystemExit, match="another hall key"):
        cli.main(["add-kiosk", "K1", "--token", "t" * 20, "--db", str(db),
                  "--key", str(other)])
    assert mode(other) == 0o600
    assert cli.main(["add-kiosk", "K1", "--token", "t" * 20, "--db", str(db)]) == 0


def test_ratings_stay_countable_in_clear_and_the_rest_is_sealed(tmp_path):
    """A rating carries no personal data by contract: operators count them in SQL (the
    console's 好差评 pages); an application next to it stays sealed."""
    from hall.transactions import parse

    from .helpers import tx as make_tx
    storage = SQLiteStorage(tmp_path / "h.db")
    try:
        rating = make_tx("rating", {"service": "queue_ticket", "level": "dissatisfied",
                                    "reason": "long_wait"})
        application = make_tx("application", {"fields": {"name": NAME}})
        storage.ingest("K1", [parse(rating), parse(application)], 0.0)
    finally:
        storage.close()
    conn = sqlite3.connect(tmp_path / "h.db")
    try:
        levels = conn.execute("SELECT json_extract(payload, '$.level') FROM transactions "
                              "WHERE kind = 'rating'").fetchall()
        sealed = conn.execute("SELECT payload FROM transactions WHERE kind = 'application'"
                              ).fetchone()[0]
    finally:
        conn.close()
    assert levels == [("dissatisfied",)]
    assert NAME not in sealed and sealed.startswith("hs1:")


def test_photo_attachments_are_sealed_at_rest(tmp_path):
    """A card application's photo (its own upload) is personal data: sealed in the file,
    the same bytes handed back."""
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 16 + b"\xff\xd9"
    digest = hashlib.sha256(photo).hexdigest()
    storage = SQLiteStorage(tmp_path / "h.db")
    try:
        assert storage.put_attachment("K1", digest, "image/jpeg", photo, 0.0)
        assert storage.attachment(digest)[1] == photo
    finally:
        storage.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("h.db*"))
    assert photo[4:260] not in raw
