"""Figures the suite prints at the end (access-matrix totals, browser timings).

Under pytest-xdist each worker counts its own; tests/conftest.py adds them up.
"""

from collections import Counter

TOTALS: Counter = Counter()
