"""The idempotency hash of a transaction is SHA-256 of the canonical JSON document
``{"kind": ..., "payload": ...}`` (sorted keys, no spaces, UTF-8 as is): checked against
documents written out by hand, so that assembling it around the payload's own canonical
text (done once per row, not twice) cannot drift from the contract."""
import hashlib

from hall.transactions import canonical_json, parse, payload_hash

from .helpers import tx

CASES = [
    ("rating", {"service": "ss_payment_history", "level": 5, "ticket": "A017"},
     '{"kind":"rating","payload":{"level":5,"service":"ss_payment_history","ticket":"A017"}}'),
    ("application", {"名": "欧阳娜娜", "a": [1.5, {"b": None, "c": True}], "z": "\"q\""},
     '{"kind":"application","payload":{"a":[1.5,{"b":null,"c":true}],"z":"\\"q\\"",'
     '"名":"欧阳娜娜"}}'),
    ("device_event", {}, '{"kind":"device_event","payload":{}}'),
]


def test_the_hash_is_of_the_canonical_document():
    for kind, payload, document in CASES:
        expected = hashlib.sha256(document.encode("utf-8")).hexdigest()
        assert payload_hash(kind, payload) == expected
        assert payload_hash(kind, payload, canonical_json(payload)) == expected
        item = parse(tx(kind, payload))
        assert (item.payload_hash, item.payload_text) == (expected, canonical_json(payload))
