"""Technician mode, Qt-free: the one implementation behind the technician screens
(:mod:`kiosk.ui.parts.technician`) and ``kiosk tech`` (:mod:`kiosk.tech_cli`).

- :mod:`.access`: the PIN (salted hash from the hall's kiosk config), the lockout after
  wrong PINs, the hidden corner taps, entry requested then acknowledged between two
  citizens (XFS4IoT VendorMode), the idle exit.
- :mod:`.service_state`: in service, or 暂停服务 with a reason (attract screen, heartbeat).
- :mod:`.wording`: a device's state and error in words, with the recommended action.
- :mod:`.checks`: per-device health checks off the caller's thread, cancellable.
- :mod:`.sync_view`: the hall link, the outbox and its quarantined rows.
- :mod:`.logbuffer`: the last log lines, masked.
- :mod:`.bundle`: the diagnostics zip.
- :mod:`.technician`: :class:`Technician`, the façade both front ends use; every entry,
  exit and action is an ``audit`` transaction for the hall.
"""
from .technician import Technician

__all__ = ["Technician"]
