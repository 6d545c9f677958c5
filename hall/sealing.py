"""The hall's secrets at rest: one key file, and what the storage does with it.

The key file holds 32 random bytes (mode 0600, created atomically; by default next to
the database: ``hall.db`` -> ``hall.key``). It stays out of the database, so a copied
database file alone gives away no personal data, and terminals never receive it. From
it, :class:`HallKeys` derives (HMAC-SHA256 of the master key and a purpose label):

- a sealing key (AES-256-GCM): what the hall must read back in clear is sealed, each
  value bound to its column (associated data) so that a value moved elsewhere does not
  open: transaction payloads (names, phone numbers, ID numbers, addresses, photos), the
  holder of a locker assignment (handed back to the terminal, which checks it offline),
  service rows, due items' details, documents' PDFs;
- a holder key: ``holder`` (the terminals' HMAC(holder_salt, ID number)) is stored as
  HMAC(holder key, holder) wherever it is looked up, so the salt from any terminal's
  config no longer finds an ID number by brute force in a copied database;
- a digest key, for the idempotency payload hashes (a plain hash of a small payload is
  as guessable as the payload);
- the Ed25519 seed that signs the documents terminals apply (:mod:`hall.signing`).

The hall's code shares nothing with the kiosk's (its own outbox sealing is separate).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .signing import DocumentSigner

KEY_BYTES = 32
_NONCE = 12
_TEXT_PREFIX = "hs1:"            # sealed text; anything else is a value from before sealing
_BYTES_PREFIX = b"HS1\0"


class SealError(Exception):
    """A sealed value did not open (another hall's key, or a damaged or moved value)."""


def default_key_path(db_path: str | os.PathLike) -> Path:
    return Path(db_path).with_suffix(".key")


class HallKeys:
    def __init__(self, master: bytes):
        if len(master) != KEY_BYTES:
            raise ValueError(f"the hall key must be {KEY_BYTES} bytes")
        derive = lambda label: hmac.new(master, label, hashlib.sha256).digest()  # noqa: E731
        self._aead = AESGCM(derive(b"hall seal v1"))
        self._holder_key = derive(b"hall holder v1")
        self._digest_key = derive(b"hall digest v1")
        self.signer = DocumentSigner(derive(b"hall document signing v1"))

    @classmethod
    def ephemeral(cls) -> HallKeys:
        """A key that lives as long as the process (an in-memory database)."""
        return cls(os.urandom(KEY_BYTES))

    @classmethod
    def load_or_create(cls, path: str | os.PathLike) -> HallKeys:
        """Read the key file, creating it when missing; one readable by group or others
        is refused (``PermissionError``): chmod 600 it."""
        path = Path(path)
        if not path.exists():
            _create_key_file(path)
        if path.stat().st_mode & 0o077:
            raise PermissionError(f"the hall key {path} must be readable by its owner only "
                                  "(chmod 600)")
        return cls(path.read_bytes())

    # Holder keying -----------------------------------------------------------------
    def holder(self, holder: str | None) -> str | None:
        """The at-rest form of a terminal's ``holder`` (deterministic: it is looked up)."""
        if holder is None:
            return None
        return hmac.new(self._holder_key, holder.encode("utf-8"), hashlib.sha256).hexdigest()

    def digest(self, value: str) -> str:
        return hmac.new(self._digest_key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    # Sealing ------------------------------------------------------------------------
    def seal_text(self, text: str, column: str) -> str:
        if text.startswith(_TEXT_PREFIX):
            return text                                       # sealed already
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), column.encode())
        return _TEXT_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open_text(self, value: str, column: str) -> str:
        if not value.startswith(_TEXT_PREFIX):
            return value                                      # from before sealing
        raw = base64.b64decode(value[len(_TEXT_PREFIX):])
        return self._open(raw, column).decode("utf-8")

    def seal_bytes(self, data: bytes, column: str) -> bytes:
        if data.startswith(_BYTES_PREFIX):
            return data
        nonce = os.urandom(_NONCE)
        return _BYTES_PREFIX + nonce + self._aead.encrypt(nonce, data, column.encode())

    def open_bytes(self, data: bytes, column: str) -> bytes:
        if not data.startswith(_BYTES_PREFIX):
            return data
        return self._open(data[len(_BYTES_PREFIX):], column)

    def _open(self, raw: bytes, column: str) -> bytes:
        try:
            return self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], column.encode())
        except (InvalidTag, ValueError):
            raise SealError(f"a sealed {column} does not open with this hall's key") from None


def _create_key_file(path: Path) -> None:
    """Write a new key so that ``path`` is either absent or complete: the key goes to a
    temporary file (0600), is fsynced, then linked into place; the link fails if another
    process won the race, and then its key is used."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, os.urandom(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    dfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
