"""The recipe of docs/ARCHITECTURE.md, "Adding a device kind", done once: a buzzer (蜂鸣器)
that lives only in the test suite. Its transport is a GPIO value file, the way Linux
drives a buzzer on a pin (/sys/class/gpio/gpioN/value: "1" sounds, "0" stops).

What the recipe promises: a declaration and its registration are all it takes for the
kind to be simulated, configured, built with its options checked, supervised, named in
the health line and offered to the technician's checks, and reached typed
(``terminal.device(Buzzer)``), with no list elsewhere to edit.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from drivers import registry
from drivers.base import Action, Device, DeviceError, DeviceState, DeviceStatus, HealthLevel
from drivers.base.kind import DeviceKind, Option, Simulated
from kiosk.core import health
from kiosk.core.config import DeviceConfig
from kiosk.core.simulation import Simulation
from kiosk.core.tech import checks
from kiosk.core.terminal import Terminal


class Buzzer(Device):
    """A buzzer on a GPIO pin (its sysfs ``value`` file)."""

    kind = "buzzer"

    def __init__(self, name: str, value_file: str, *, beep_s: float, **common: Any) -> None:
        super().__init__(name, **common)
        self.value_file = Path(value_file)
        self.beep_s = beep_s

    def open(self) -> None:
        if not self.value_file.exists():
            raise DeviceError("port_missing", f"no GPIO value file {self.value_file}",
                              action=Action.RESET, state=DeviceState.NO_DEVICE)

    def close(self) -> None:
        pass

    def probe(self) -> DeviceStatus:
        if not self.value_file.exists():
            raise DeviceError("port_missing", f"{self.value_file} is gone",
                              action=Action.RESET, state=DeviceState.NO_DEVICE)
        return self.set_status(DeviceState.ONLINE)

    def beep(self) -> None:
        with self.io_lock:
            self.value_file.write_text("1")
            time.sleep(self.beep_s)
            self.value_file.write_text("0")
        self.counters.increment("beeps")


class GpioPinSimulator:
    """The pin's sysfs directory, as the kernel exports it: a ``value`` file."""

    def __init__(self, workdir: Path) -> None:
        self.value_file = workdir / "gpio17" / "value"
        self.value_file.parent.mkdir(parents=True, exist_ok=True)
        self.value_file.write_text("0")

    def unplug(self) -> None:
        self.value_file.unlink()

    def stop(self) -> None:
        self.value_file.unlink(missing_ok=True)


def _build(name: str, o: dict[str, Any], **common: Any) -> Device:
    return Buzzer(name, o["value_file"], beep_s=o["beep_s"], **common)


def _simulate(workdir: Path, card_present: bool, configured: Mapping[str, Any]) -> Simulated:
    pin = GpioPinSimulator(workdir)
    return Simulated(pin, "door_buzzer", False, {"value_file": str(pin.value_file),
                                                 "beep_s": 0.02})


BUZZER = DeviceKind(
    name="buzzer", title_zh="蜂鸣器", title_en="Buzzer",
    options=(Option("value_file", (str,)), Option("beep_s", (float,), 0.05, 0.01, 2.0)),
    build=_build, simulate=_simulate,
    checks={"external": ("鸣响一次", "Beep once")})


@pytest.fixture
def buzzer_kind():
    registry.register(BUZZER)
    yield BUZZER
    registry.unregister("buzzer")


def test_a_kind_declared_and_registered_works_everywhere(buzzer_kind, kiosk_config, tmp_path):
    sim = Simulation(tmp_path / "sim", kinds=("buzzer",))
    cfg = sim.start(kiosk_config)
    pin = sim.simulators["buzzer"]
    terminal = Terminal(cfg, poll_interval=0.1)
    terminal.start()
    try:
        deadline = time.monotonic() + 10
        while not terminal.statuses()["door_buzzer"].usable and time.monotonic() < deadline:
            time.sleep(0.05)
        assert terminal.statuses()["door_buzzer"].usable
        buzzer = terminal.device(Buzzer)
        assert buzzer is not None and buzzer.beep_s == 0.02
        buzzer.beep()
        assert pin.value_file.read_text() == "0" and buzzer.counters.get("beeps") == 1
        # The technician's checks offer it, in words; the health line names it.
        assert checks.levels("buzzer") == ("internal", "external")
        assert checks.what("buzzer", "external") == {"zh": "鸣响一次", "en": "Beep once"}
        assert buzzer.health_check(HealthLevel.EXTERNAL).ok
        # Unplugged: the supervisor sees it gone, and the health line says which is.
        pin.unplug()
        deadline = time.monotonic() + 10
        while terminal.statuses()["door_buzzer"].usable and time.monotonic() < deadline:
            time.sleep(0.05)
        assert terminal.statuses()["door_buzzer"].state is DeviceState.NO_DEVICE
        assert "蜂鸣器" in health.status_line("none", None, dict(terminal.statuses()))
    finally:
        terminal.stop()
        sim.stop()


def test_its_options_are_checked_with_the_device_named(buzzer_kind, kiosk_config, caplog):
    def build(options):
        cfg = kiosk_config.with_devices((DeviceConfig("door_buzzer", "buzzer", False,
                                                      options),))
        return Terminal(cfg)

    with pytest.raises(ValueError, match=r"device 'door_buzzer': option 'value_file' is req"):
        build({})
    with pytest.raises(ValueError, match=r"'beep_s' is 5\.0: at most 2"):
        build({"value_file": "/x", "beep_s": 5})
    build({"value_file": "/x", "beep": 1}).stop()
    assert "unknown option 'beep' for a device of kind buzzer, ignored" in caplog.text
    with pytest.raises(ValueError, match=r"already registered"):
        registry.register(BUZZER)
