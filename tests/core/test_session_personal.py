"""Personal data in the session is marked on the field; the wipe and the audit derive from it."""
import inspect
import itertools
from dataclasses import fields

from kiosk.core.session import PERSONAL_FIELDS, Session


def test_every_personal_field_is_wiped_by_clear():
    s = Session()
    for name in PERSONAL_FIELDS:
        setattr(s, name, object())
    assert set(s.personal_data()) == set(PERSONAL_FIELDS)
    s.clear()
    assert not s.holds_personal_data()
    assert all(getattr(s, f.name) is None for f in fields(s))


def test_a_field_commented_personal_is_marked_personal():
    # catches a new field whose comment says "personal data" but that was not marked

    src = inspect.getsource(Session)
    lines = [line.strip() for line in src.splitlines()]
    commented = {nxt.split(":")[0] for line, nxt in itertools.pairwise(lines)
                 if line.startswith("#") and "personal data" in line}
    assert commented, "the field comments no longer say 'personal data'"
    assert commented <= set(PERSONAL_FIELDS)
    assert "photo" in PERSONAL_FIELDS and "card" in PERSONAL_FIELDS
