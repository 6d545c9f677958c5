"""Files that travel beside outbox rows (a card application's photo): kept sealed on the
terminal, uploaded to the hall before the rows that reference them, deleted once the hall
has them.

A row references an attachment instead of carrying it: ``{"attachment": "<SHA-256 hex of
the bytes>", "media_type": "image/jpeg", "bytes": N}`` (:func:`reference`). So a photo
cannot make a row too large for the hall's batch limit, and a batch split in halves is not
sent again with its photos. The hall's upload (``PUT /kiosks/{id}/attachments/{sha256}``,
hall-api.md) is idempotent by hash: uploading twice, or two rows with the same photo, is
harmless.

The bytes are personal data (a face): sealed with the outbox's :class:`Sealer`, bound to
their hash; an attachment no pending row references any more is deleted (the row was
delivered or quarantined).
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .sealing import Sealer, SealError

# What the hall accepts (its PUT attachments): a card photo, a technician's diagnostics bundle.
MEDIA_TYPES = frozenset({"image/jpeg", "application/zip"})


@dataclass(frozen=True)
class Attachment:
    sha256: str
    media_type: str
    size: int
    sealed: bytes

    def data(self, sealer: Sealer) -> bytes:
        """The bytes, decrypted and checked against the hash (SealError otherwise)."""
        data = sealer.open(self.sealed, _aad(self.sha256))
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise SealError(f"attachment {self.sha256[:12]} does not match its hash")
        return data


def reference(sha256: str, media_type: str, size: int) -> dict[str, Any]:
    return {"attachment": sha256, "media_type": media_type, "bytes": size}


def add(conn: sqlite3.Connection, row_id: str, data: bytes, media_type: str,
        sealer: Sealer) -> dict[str, Any]:
    """Keep ``data`` (sealed) for the outbox row ``row_id`` and return its reference.
    Call inside the transaction that writes the row."""
    if media_type not in MEDIA_TYPES:
        raise ValueError(f"attachments are {sorted(MEDIA_TYPES)}, not {media_type!r}")
    if not data:
        raise ValueError("an attachment cannot be empty")
    sha = hashlib.sha256(data).hexdigest()
    conn.execute("INSERT OR IGNORE INTO attachments (sha256, media_type, size, sealed) "
                 "VALUES (?, ?, ?, ?)", (sha, media_type, len(data),
                                         sealer.seal(bytes(data), _aad(sha))))
    conn.execute("INSERT OR IGNORE INTO outbox_attachments (row_id, sha256) VALUES (?, ?)",
                 (row_id, sha))
    return reference(sha, media_type, len(data))


def waiting(conn: sqlite3.Connection, row_ids: Iterable[str]) -> list[tuple[str, Attachment]]:
    """(row id, attachment) for the attachments of ``row_ids`` the hall does not have yet,
    in row order."""
    out = []
    for row_id in row_ids:
        rows = conn.execute("SELECT a.sha256, a.media_type, a.size, a.sealed FROM "
                            "outbox_attachments l JOIN attachments a USING (sha256) "
                            "WHERE l.row_id = ? ORDER BY a.sha256", (row_id,)).fetchall()
        out += [(row_id, Attachment(*r)) for r in rows]
    return out


def uploaded(conn: sqlite3.Connection, sha256: str) -> None:
    """The hall has it: the terminal's copy goes (the references stay with their rows)."""
    conn.execute("DELETE FROM attachments WHERE sha256 = ?", (sha256,))


def release(conn: sqlite3.Connection, row_id: str) -> None:
    """The row is delivered or quarantined: forget its references, and delete the
    attachments no other row references. Call inside the caller's transaction."""
    shas = [r[0] for r in conn.execute("SELECT sha256 FROM outbox_attachments WHERE "
                                       "row_id = ?", (row_id,))]
    if not shas:
        return
    conn.execute("DELETE FROM outbox_attachments WHERE row_id = ?", (row_id,))
    for sha in shas:
        conn.execute("DELETE FROM attachments WHERE sha256 = ? AND NOT EXISTS (SELECT 1 "
                     "FROM outbox_attachments WHERE sha256 = ?)", (sha, sha))


def count(conn: sqlite3.Connection) -> int:
    """Attachments kept on the terminal (not yet at the hall)."""
    return conn.execute("SELECT COUNT(*) FROM attachments").fetchone()[0]


def _aad(sha256: str) -> bytes:
    return b"attachment:" + sha256.encode()
