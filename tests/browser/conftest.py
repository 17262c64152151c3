"""Headless Chromium, started by the tests: a page's layout measured at a window size, and the
page printed to PDF (A4 landscape, from the page's print stylesheet).

Chromium is Debian's package (``apt-get install chromium``; ``.ci/run`` installs it, with
``poppler-utils`` for ``pdftotext``). Where it is missing the tests skip, saying so; in CI
(``CI=true``) they fail instead, so that a missing browser cannot pass for a passing test.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Where Debian installs it; PEERGRAPH_CHROMIUM names another build of the same browser.
CHROMIUM = os.environ.get("PEERGRAPH_CHROMIUM", "/usr/bin/chromium")

# The page measures itself and writes what it found into the DOM, which --dump-dom prints:
# how wide the document is against the window, and every table cell that ends right of the
# box that holds its table (the scroll box, or the page) or whose text overflows the cell.
MEASURE = """
<script>
(() => {
  const found = {innerWidth: window.innerWidth,
                 scrollWidth: document.documentElement.scrollWidth,
                 tables: 0, cells: 0, outside: [], overflowing: [], scrolling: []};
  for (const table of document.querySelectorAll("table")) {
    found.tables += 1;
    const box = table.closest(".scroll") || document.body;
    const right = box.getBoundingClientRect().right;
    if (box.scrollWidth > box.clientWidth + 1) found.scrolling.push(table.className);
    for (const cell of table.querySelectorAll("th, td")) {
      found.cells += 1;
      const rect = cell.getBoundingClientRect();
      const text = cell.textContent.trim().slice(0, 40);
      if (rect.right > right + 0.5) found.outside.push(text);
      if (cell.scrollWidth > cell.clientWidth + 1) found.overflowing.push(text);
    }
  }
  const out = document.createElement("pre");
  out.id = "peergraph-measure";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
})();
</script>
"""


@dataclass
class Browser:
    """Headless Chromium with a throw-away profile, no network of its own."""

    executable: str
    profile: Path

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [
            self.executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={self.profile}",
            *args,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done

    def measure(self, page: Path, width: int, height: int = 900) -> dict[str, Any]:
        """Load a copy of ``page`` with ``MEASURE`` added at a ``width`` x ``height`` window."""
        text = page.read_text(encoding="utf-8")
        assert "</body>" in text
        probe = page.with_name(f"{page.stem}.measure-{width}.html")
        probe.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        done = self._run(f"--window-size={width},{height}", "--dump-dom", probe.as_uri())
        start = done.stdout.index('<pre id="peergraph-measure">') + len(
            '<pre id="peergraph-measure">'
        )
        return json.loads(html.unescape(done.stdout[start : done.stdout.index("</pre>", start)]))

    def print_pdf(self, page: Path) -> Path:
        """``page`` printed by Chromium, with the page's own print stylesheet and page size."""
        pdf = page.with_suffix(".pdf")
        self._run("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
        assert pdf.read_bytes().startswith(b"%PDF")
        return pdf


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is missing in CI: .ci/run installs it", pytrace=False)
    pytest.skip(f"{what} is not installed (apt-get install chromium poppler-utils)")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"Chromium ({CHROMIUM})")
    return Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="session")
def pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        _missing("pdftotext (poppler-utils)")
    assert found is not None
    return found
