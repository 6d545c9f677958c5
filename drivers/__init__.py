"""Device drivers: one subpackage per device kind (codec, driver, simulator).

Nothing in this package imports Qt: drivers run in tests, CLI tools and other programs.
"""
