"""The recipe of docs/ARCHITECTURE.md, "Adding a service whose flow exists", done once: a
service that lives only in the test suite (养犬登记, a dog licence), added as one catalog
entry with one question, and nothing else. It must appear on the home screen, walk the
apply flow through its question, and be recorded in the outbox with its answer, the
citizen's identity sealed, offline.
"""
from __future__ import annotations

from dataclasses import replace

from drivers.idcard.sim import sample_resident_card
from kiosk.core.config import SHIPPED_CONFIG_DIR
from kiosk.core.flow import KioskFlow, Screen
from kiosk.core.identify import IdentityResult
from kiosk.core.terminal import Terminal
from offline_cache import outbox

DOG_LICENCE = '''
[[services]]
code = "dog_licence"
flow = "apply"
name = { zh_CN = "养犬登记", zh_TW = "養犬登記", en = "Dog licence" }
identity = ["id_card"]
devices = ["receipt"]
offline = true

[services.summary]
zh_CN = "刷身份证，登记您饲养的犬只"
zh_TW = "刷身份證，登記您飼養的犬隻"
en = "Register your dog with your ID card"

[[services.form]]
name = "size"
type = "choice"
label = { zh_CN = "犬只体型", zh_TW = "犬隻體型", en = "Size of the dog" }
options = [
  { code = "small", name = { zh_CN = "小型犬", zh_TW = "小型犬", en = "Small" } },
  { code = "large", name = { zh_CN = "大型犬", zh_TW = "大型犬", en = "Large" } },
]

[services.form.question]
zh_CN = "您的狗是什么体型？"
zh_TW = "您的狗是甚麼體型？"
en = "How big is your dog?"
'''


def test_a_catalog_entry_is_a_whole_new_service(kiosk_config, tmp_path):
    catalog = tmp_path / "catalog.toml"
    shipped = (SHIPPED_CONFIG_DIR / "catalog.toml").read_text(encoding="utf-8")
    catalog.write_text(shipped + DOG_LICENCE, encoding="utf-8")
    cfg = replace(kiosk_config, catalog_path=catalog)
    terminal = Terminal(cfg)
    try:
        tiles = [c for g in terminal.catalog.home_groups() for c in g.services]
        assert "dog_licence" in tiles
        flow = KioskFlow(terminal.catalog, terminal.session_settings)
        flow.start()
        assert flow.choose_service("dog_licence") == Screen.IDENTIFY
        card = sample_resident_card()
        assert flow.card_read(IdentityResult("ok", "id_card", holder="h" * 64,
                                             card=card)) == Screen.FORM
        assert flow.form_field.name == "size"
        assert flow.form_field.question["zh_CN"] == "您的狗是什么体型？"
        assert flow.answer("large") == Screen.CONFIRM
        result = terminal.submit_application("dog_licence", card, answers=flow.session.form)
        assert result.reference
        assert result.print_error is not None and result.print_error.code == "not_configured"
        [row] = [r for r in outbox.pending(terminal._db, 100) if r.kind == "application"]
        assert row.payload["service"] == "dog_licence"
        assert row.payload["answers"] == {"size": "large"}
        assert card.id_number not in repr(row.payload) and row.sealed
    finally:
        terminal.stop()
