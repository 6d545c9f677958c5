"""The self-service terminal application: domain logic (``kiosk.core``, no Qt) and the
citizen screens (``kiosk.ui``, Qt Quick)."""

__version__ = "0.1.0"
