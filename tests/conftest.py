"""Shared test set-up: Qt offscreen, and a terminal configuration in a temporary folder."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def kiosk_config(tmp_path: Path):
    """The shipped kiosk.toml with its data in ``tmp_path`` and no devices."""
    from kiosk.core import config
    return config.load().with_data_dir(tmp_path / "data").with_devices(())
