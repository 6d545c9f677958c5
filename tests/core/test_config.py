"""The shipped configuration and catalog load, with the values the issue asks for."""
import os
import subprocess
import sys
from pathlib import Path

from kiosk.core import catalog as catalog_mod
from kiosk.core import config


def test_shipped_config_loads():
    cfg = config.load()
    assert cfg.kiosk_id and cfg.hall_name["zh_CN"]
    assert set(cfg.hall_name) == {"zh_CN", "zh_TW", "en"}
    assert cfg.session.warning_s == 20
    assert {d.name: d.driver for d in cfg.devices} == {
        "idcard": "idcard", "sscard": "sscard", "camera": "camera", "receipt": "receipt",
        "docprinter": "docprinter", "lockers": "locker"}
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
    for service in cat.services:
        assert set(service.summary) == {"zh_CN", "zh_TW", "en"}, service.code
    assert not cat.kind("consult").needs_identity and cat.kind("accept").needs_identity


def test_a_terminal_takes_its_devices_from_its_model_with_overrides(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nmodel = "village-compact"\n'
                    '[devices.receipt]\nuri = "tcp://10.0.0.9:9100"\n'
                    '[devices.extra]\ndriver = "camera"\nsource = "1"\n', encoding="utf-8")
    cfg = config.load(path)
    assert [d.name for d in cfg.devices] == ["idcard", "camera", "receipt", "extra"]
    receipt = cfg.device("receipt")
    assert receipt.options == {"uri": "tcp://10.0.0.9:9100", "encoding": "gbk", "columns": 32}
    assert receipt.required


def test_every_shipped_model_builds_its_devices(tmp_path):
    from kiosk.core.devices import build_device
    for model in sorted((config.SHIPPED_CONFIG_DIR / "models").glob("*.toml")):
        path = tmp_path / f"{model.stem}.toml"
        path.write_text(f'[kiosk]\nmodel = "{model.stem}"\n', encoding="utf-8")
        devices = [build_device(d, None) for d in config.load(path).devices]
        assert {d.kind for d in devices} >= {"idcard", "receipt"}, model.stem
        for d in devices:
            d.close()


def test_an_unknown_model_is_named_in_the_error(tmp_path):
    import pytest
    path = tmp_path / "kiosk.toml"
    path.write_text('[kiosk]\nmodel = "no-such"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="hall-standard"):
        config.load(path)


def test_the_shipped_data_is_package_data():
    """The seed, the models, the catalog and the guides are found inside the package
    (importlib.resources), not next to a source tree (issue 11)."""
    from importlib import resources
    data = resources.files("kiosk") / "data"
    assert data == config.SHIPPED_CONFIG_DIR
    for name in ("kiosk.toml", "catalog.toml", "guides.toml", "models/hall-standard.toml"):
        assert (data / name).is_file(), name
    assert config.load().catalog_path == data / "catalog.toml"


def test_the_state_dir_falls_back_for_a_developer(tmp_path):
    """The seed's /var/lib/kiosk, for a user who cannot write it (run as nobody when the
    tests run as root): $XDG_STATE_HOME/kiosk instead."""
    code = ("from kiosk.core import config; "
            "print(config.load(config.SHIPPED_CONFIG_DIR / 'kiosk.toml').data_dir)")
    cmd = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
    root = Path(config.__file__).resolve().parents[2]
    env = dict(os.environ, XDG_STATE_HOME="/tmp/kiosk-test-xdg-state", PYTHONPATH=str(root))
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, check=True)
    assert out.stdout.strip() == "/tmp/kiosk-test-xdg-state/kiosk"
    writable = tmp_path / "mine"
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndata_dir = "{writable}"\n', encoding="utf-8")
    assert config.load(path).data_dir == writable
