"""Checking the hall's signature on the documents a terminal applies (the catalog, its
config, its locker assignments), so that a proxy, a captive portal or a compromised
network between the terminal and the hall cannot change what the terminal offers.

The hall sends ``Hall-Signature: keyid="<16 hex>", ed25519="<base64>"`` with each 200;
the signature covers ``b"gd-kiosk document v1\\n" + path + b"\\n" + body`` (``path`` under
``/api/v1``, ``body`` the exact bytes received), so a document signed for another
terminal or another resource does not pass. The terminal's key file
(``/etc/kiosk/hall-signing.pub``, from ``python -m hall signing-key``) holds one
``ed25519 <base64 of the 32-byte key> [comment]`` line per accepted key (two during a
rotation); ``#`` starts a comment. The format is the hall's (hall/signing.py): the two
sides share no code, the fixed bytes in the tests hold them together.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HEADER = "Hall-Signature"
_CONTEXT = b"gd-kiosk document v1\n"
_PARAM = re.compile(r'\s*([a-z0-9]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


class SignatureRefused(Exception):
    """The hall's document is not applied. ``code``: ``unsigned`` (no signature),
    ``malformed_signature``, ``unknown_key`` (signed with a key this terminal does not
    hold: a new hall key not installed yet, or not the hall), ``bad_signature`` (the
    document changed after it was signed), ``no_hall_key`` (the configured key file is
    missing or unreadable: nothing can be checked, so nothing is applied)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:8].hex()


class HallKeyring:
    """The hall keys a terminal accepts, read from its key file when built. A file that
    cannot be read or holds no key leaves the ring empty with ``problem`` set: every
    document is then refused (``no_hall_key``) rather than applied unchecked."""

    def __init__(self, keys: Mapping[str, Ed25519PublicKey], problem: str | None = None,
                 source: str = "") -> None:
        self._keys = dict(keys)
        self.problem = problem
        self.source = source

    @classmethod
    def load(cls, path: str | Path) -> HallKeyring:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            return cls({}, f"the hall's signing key {path} cannot be read: "
                           f"{getattr(err, 'strerror', None) or err}", str(path))
        keys: dict[str, Ed25519PublicKey] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            try:
                if fields[0] != "ed25519" or len(fields) < 2:
                    raise ValueError("not 'ed25519 <base64>'")
                raw = base64.b64decode(fields[1], validate=True)
                keys[key_id(raw)] = Ed25519PublicKey.from_public_bytes(raw)
            except (ValueError, binascii.Error) as err:
                return cls({}, f"{path} line {number}: {err}", str(path))
        if not keys:
            return cls({}, f"{path} holds no key", str(path))
        return cls(keys, None, str(path))

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def verify(self, path: str, body: bytes, header: str | None) -> None:
        """Return if the hall signed ``body`` for ``path``; else :class:`SignatureRefused`."""
        if self.problem:
            raise SignatureRefused("no_hall_key", self.problem)
        if not header:
            raise SignatureRefused("unsigned", f"the hall sent {path} without a signature")
        params = dict(_PARAM.findall(header))
        try:
            kid, signature = params["keyid"], base64.b64decode(params["ed25519"],
                                                               validate=True)
        except (KeyError, ValueError, binascii.Error):
            raise SignatureRefused("malformed_signature",
                                   f"the signature of {path} cannot be read") from None
        key = self._keys.get(kid)
        if key is None:
            raise SignatureRefused("unknown_key", f"{path} is signed with key {kid}, which "
                                   f"is not in {self.source or 'the key file'}")
        try:
            key.verify(signature, _CONTEXT + path.encode("utf-8") + b"\n" + body)
        except InvalidSignature:
            raise SignatureRefused("bad_signature", f"{path} changed after the hall signed "
                                   "it (or was signed for another terminal)") from None
