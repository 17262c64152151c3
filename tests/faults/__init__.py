"""The fault corpus: bad files, bad input, bad places to write, each answered the same way.

A package, so that its ``conftest.py`` is imported as ``faults.conftest`` and does not take
the place of ``tests/conftest.py``, which the other test modules import by name.
"""
