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
    def load_or_create(cls, path: str | os.PathLike) -> "Sealer":
        """Read the key file, creating it (0600, random 256-bit key) when missing."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if path.stat().st_mode & 0o077:
                raise PermissionError(f"{path} must not be readable by others (chmod 600)")
            return cls(path.read_bytes())
        key = AESGCM.generate_key(bit_length=256)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        return cls(key)

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        try:
            return self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], aad)
        except Exception as exc:   # InvalidTag, short blob
            raise SealError("cannot decrypt a sealed outbox payload") from exc
