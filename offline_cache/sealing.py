"""Encryption at rest of the personal part of outbox rows (AES-256-GCM).

The key lives in its own file (mode 0600), outside the database, so a copied database
file alone reveals no personal data. Each sealed blob is bound to its outbox row id
(associated data): a blob moved to another row does not decrypt.
"""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE = 12


class SealError(Exception):
    """A sealed blob could not be opened (wrong key, damaged or moved blob)."""


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the outbox key must be 32 bytes")
        self._aead = AESGCM(key)

    @classmethod
    def load_or_create(cls, path: str | os.PathLike) -> Sealer:
        """Read the key file, creating it (0600, random 256-bit key) when missing."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            cls._create(path)
        if path.stat().st_mode & 0o077:
            raise PermissionError(f"{path} must not be readable by others (chmod 600)")
        return cls(path.read_bytes())

    @staticmethod
    def _create(path: Path) -> None:
        """Write a new key so that ``path`` is either absent or complete: the key goes to
        a temporary file, is fsynced, then linked into place (link fails if another
        process won the race, and then its key is used). A power cut mid-way leaves no
        short key file behind, which would stop every later start."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, AESGCM.generate_key(bit_length=256))
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

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        try:
            return self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], aad)
        except Exception as exc:   # InvalidTag, short blob
            raise SealError("cannot decrypt a sealed outbox payload") from exc
