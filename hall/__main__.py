"""``python -m hall ...``: see :mod:`hall.cli`."""
import sys

from .cli import main

sys.exit(main())
