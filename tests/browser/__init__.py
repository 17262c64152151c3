"""The HTML pages in a real browser: headless Chromium (Debian's ``chromium`` package).

A package, so that its ``conftest.py`` is imported as ``browser.conftest`` and does not take
the place of ``tests/conftest.py``.
"""
