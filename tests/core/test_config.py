"""The shipped configuration and catalog load, with the values the issue asks for."""
from kiosk.core import catalog as catalog_mod
from kiosk.core import config


def test_shipped_config_loads():
    cfg = config.load()
    assert cfg.kiosk_id and cfg.hall_name["zh_CN"]
    assert set(cfg.hall_name) == {"zh_CN", "zh_TW", "en"}
    assert cfg.session.warning_s == 20
    assert {d.name: d.driver for d in cfg.devices} == {"idcard": "idcard", "receipt": "receipt"}
    assert cfg.device("receipt").options["encoding"] in ("gb18030", "gbk")


def test_catalog_has_the_five_categories_and_three_kinds_in_three_languages():
    cat = catalog_mod.load(config.load().catalog_path)
    assert [c.label("zh_CN") for c in cat.ticket_categories] == [
        "注册登记类", "经营管理类", "建设工程类", "通关贸易类", "综合咨询"]
    assert [k.label("zh_CN") for k in cat.ticket_kinds] == ["受理", "咨询", "取件"]
    letters = [c.letter for c in cat.ticket_categories]
    assert len(set(letters)) == len(letters)
    for item in (*cat.ticket_categories, *cat.ticket_kinds, *cat.services):
        assert set(item.name) == {"zh_CN", "zh_TW", "en"}, item.code
    assert not cat.kind("consult").needs_identity and cat.kind("accept").needs_identity
