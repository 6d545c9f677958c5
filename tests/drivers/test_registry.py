"""The device kinds, declared once (drivers/registry.py, drivers/<kind>/kind.py): every
kind has its declaration, simulator and command line; options are checked with their
defaults and bounds, and a bad one is a ValueError that says which and why."""
import importlib

import pytest

from drivers import registry
from drivers.base.kind import BASE_LEVELS
from kiosk.core.config import DeviceConfig
from kiosk.core.devices import build_device


@pytest.mark.parametrize("name", registry.KINDS)
def test_every_kind_declares_itself_and_has_its_parts(name):
    kind = registry.kind(name)
    assert kind.name == name and kind.title_zh and kind.title_en
    assert set(BASE_LEVELS) <= set(kind.levels)
    for part in ("driver", "sim", "cli"):
        importlib.import_module(f"drivers.{name}.{part}")


def test_defaults_are_filled_in_and_numbers_checked():
    idcard = registry.kind("idcard")
    assert idcard.parse({"port": "/dev/ttyUSB0"}) == {"port": "/dev/ttyUSB0", "baud": 115200,
                                                      "reports_presence": True}
    assert idcard.parse({"port": "p", "reports_presence": False})["reports_presence"] is False
    with pytest.raises(ValueError, match=r"'reports_presence' must be bool, not 'no'"):
        idcard.parse({"port": "p", "reports_presence": "no"})
    camera = registry.kind("camera").parse({"source": 0, "fps": 10})
    assert camera == {"source": 0, "width": None, "height": None, "fps": 10.0}
    with pytest.raises(ValueError, match=r"'baud' must be int, not 'fast'"):
        idcard.parse({"port": "/dev/ttyUSB0", "baud": "fast"})
    with pytest.raises(ValueError, match=r"'baud' must be int, not True"):
        idcard.parse({"port": "/dev/ttyUSB0", "baud": True})
    with pytest.raises(ValueError, match=r"'columns' is 200: at most 64"):
        registry.kind("receipt").parse({"uri": "tcp://127.0.0.1:9100", "columns": 200})


def test_a_bad_device_table_names_the_device(tmp_path, caplog):
    def build(driver, options):
        return build_device(DeviceConfig("front", driver, True, options), tmp_path)

    with pytest.raises(ValueError, match=r"device 'front': unknown device kind 'printer' "
                                         r"\(known: idcard, sscard"):
        build("printer", {})
    with pytest.raises(ValueError, match=r"device 'front': option 'uri' is required"):
        build("receipt", {"encoding": "gb18030"})
    # A key it does not know (a typo, an option of an older version) is logged, not fatal.
    reader = build("idcard", {"port": "/dev/ttyUSB0", "bud": 9600})
    assert reader.kind == "idcard" and reader.required
    assert "unknown option 'bud' for a device of kind idcard, ignored" in caplog.text
