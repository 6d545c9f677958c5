"""Signed documents: the catalog, a terminal's config and its locker assignments go out
with an Ed25519 signature, so that a terminal applies only what this hall published.

The signing key is derived from the hall's key file (:class:`hall.sealing.HallKeys`), so
every worker and every restart signs with the same key and there is no second secret to
keep. Terminals hold the public key (``python -m hall signing-key`` prints the line for
their ``/etc/kiosk/hall-signing.pub``).

Wire format (hall-api.md addition), on each 200 of those documents::

    Hall-Signature: keyid="<16 hex>", ed25519="<base64 of the 64-byte signature>"

The signed message is ``b"gd-kiosk document v1\\n" + path + b"\\n" + body``: ``path`` as
the terminal asked for it under ``/api/v1`` (``/kiosks/K1/config``), so a document signed
for one terminal or one resource is refused as another; ``body`` the exact bytes sent
(before any Content-Encoding). ``keyid`` is the first 8 bytes of SHA-256 of the raw
public key, in hex: a terminal that holds several keys (a rotation) picks the right one.
"""
from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HEADER = "Hall-Signature"
_CONTEXT = b"gd-kiosk document v1\n"


class DocumentSigner:
    def __init__(self, seed: bytes) -> None:
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_key = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = hashlib.sha256(self.public_key).digest()[:8].hex()

    def header(self, path: str, body: bytes) -> str:
        """The ``Hall-Signature`` value for ``body`` served at ``path``."""
        signature = self._key.sign(_CONTEXT + path.encode("utf-8") + b"\n" + body)
        return f'keyid="{self.key_id}", ed25519="{base64.b64encode(signature).decode()}"'

    def public_key_line(self, comment: str = "") -> str:
        """The line a terminal's key file holds: ``ed25519 <base64> [comment]``."""
        line = "ed25519 " + base64.b64encode(self.public_key).decode("ascii")
        return f"{line} {comment}".rstrip()
