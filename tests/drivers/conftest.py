"""Fixtures shared by the driver tests (pytest finds them here; importing a fixture into a
test module shadows it with the test's parameter of the same name)."""
from .disk_support import small_disk

__all__ = ["small_disk"]
