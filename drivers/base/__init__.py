"""The common device model shared by every driver (after XFS4IoT, UnifiedPOS, CUSS 2).

Import from here: ``from drivers.base import Device, DeviceState, DeviceError, Action``.
"""
from .counters import StorageError, UsageCounters, failing_counter_stores
from .device import Device
from .model import (
    Action,
    DeviceError,
    DeviceInfo,
    DeviceState,
    DeviceStatus,
    HealthLevel,
    HealthReport,
    Paper,
)
from .supervisor import DeviceEvent, Supervisor

__all__ = [
    "Action",
    "Device",
    "DeviceError",
    "DeviceEvent",
    "DeviceInfo",
    "DeviceState",
    "DeviceStatus",
    "HealthLevel",
    "HealthReport",
    "Paper",
    "StorageError",
    "Supervisor",
    "UsageCounters",
    "failing_counter_stores",
]
