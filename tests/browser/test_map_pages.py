"""Journey maps in a real browser: headless Chromium renders each pilot site's SVG map (and the
whole continuum's), measures every label against its box and the drawing against the page, and
prints the HTML page on A4 landscape with the whole map on its first page."""

from __future__ import annotations

import html
import json
import subprocess
from pathlib import Path

import pytest

from browser.conftest import Browser
from peergraph.cli import main

PILOTS = ["hmp-risley", "hmp-high-down", "hmp-drake-hall", "hmp-holme-house"]

# Every text of a role's box must lie inside its rectangle, every box inside the drawing's
# viewBox, and the drawing inside the window at A4's shape. Every arrow, as the browser draws
# it (its outline sampled every 2 px), keeps out of every box but its own two ends.
MEASURE_SVG = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body{margin:0} svg{display:block}</style></head><body>
%s
<script>
(() => {
  const svg = document.querySelector("svg");
  const view = svg.viewBox.baseVal;
  const found = {boxes: 0, texts: 0, overflowing: [], outside: [], rendered: false,
                 arrows: 0, through: []};
  const rects = {};
  for (const group of svg.querySelectorAll("g[data-role]")) {
    found.boxes += 1;
    const box = group.querySelector("rect").getBBox();
    rects[group.dataset.role] = box;
    if (box.x < view.x || box.y < view.y || box.x + box.width > view.x + view.width
        || box.y + box.height > view.y + view.height) found.outside.push(group.dataset.role);
    for (const text of group.querySelectorAll("text")) {
      found.texts += 1;
      const t = text.getBBox();
      if (t.width > 0) found.rendered = true;
      if (t.x < box.x || t.y < box.y || t.x + t.width > box.x + box.width
          || t.y + t.height > box.y + box.height) {
        found.overflowing.push(group.dataset.role + ": " + text.textContent);
      }
    }
  }
  for (const text of svg.querySelectorAll("text")) {
    const t = text.getBBox();
    if (t.x < view.x || t.x + t.width > view.x + view.width
        || t.y + t.height > view.y + view.height) {
      found.outside.push(text.textContent.slice(0, 40));
    }
  }
  for (const path of svg.querySelectorAll("path[data-from][data-to]")) {
    found.arrows += 1;
    const ends = [path.dataset.from, path.dataset.to];
    const length = path.getTotalLength();
    const p = path.getBBox();
    if (p.x < view.x || p.y < view.y || p.x + p.width > view.x + view.width
        || p.y + p.height > view.y + view.height) found.outside.push(ends.join(" -> "));
    for (let at = 0; at <= length; at += 2) {
      const point = path.getPointAtLength(at);
      for (const [role, r] of Object.entries(rects)) {
        if (ends.includes(role)) continue;
        if (point.x > r.x - 1 && point.x < r.x + r.width + 1
            && point.y > r.y - 1 && point.y < r.y + r.height + 1) {
          found.through.push(ends.join(" -> ") + " through " + role);
          break;
        }
      }
    }
  }
  found.through = [...new Set(found.through)];
  const out = document.createElement("pre");
  out.id = "peergraph-measure";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
})();
</script></body></html>"""


def _measure(browser: Browser, svg: Path) -> dict[str, object]:
    page = svg.with_suffix(".measure.html")
    page.write_text(MEASURE_SVG % svg.read_text(encoding="utf-8"), encoding="utf-8")
    done = browser._run("--window-size=1400,990", "--dump-dom", page.as_uri())
    marker = '<pre id="peergraph-measure">'
    start = done.stdout.index(marker) + len(marker)
    return json.loads(html.unescape(done.stdout[start : done.stdout.index("</pre>", start)]))


@pytest.mark.parametrize("site", [None, *PILOTS])
def test_the_svg_map_renders_with_every_label_inside_its_box(
    browser: Browser, tmp_path: Path, site: str | None
) -> None:
    svg = tmp_path / f"{site or 'continuum'}.svg"
    assert main(["map", *([site] if site else []), "--out", str(svg)]) == 0
    found = _measure(browser, svg)
    assert found["rendered"] is True
    assert found["boxes"] == 16  # the 15 roles and CFO-Allies
    assert found["texts"] and found["overflowing"] == [] and found["outside"] == []
    # The arrows as Chromium draws them: 34 progression steps and 4 CFO-Allies steps, none
    # through another role's box.
    assert found["arrows"] == 38 and found["through"] == []


@pytest.mark.parametrize("site", [None, "hmp-risley", "hmp-drake-hall"])
def test_the_html_map_prints_on_a4_landscape(
    browser: Browser, pdftotext: str, tmp_path: Path, site: str | None
) -> None:
    page = tmp_path / f"{site or 'continuum'}.html"
    assert main(["map", *([site] if site else []), "--out", str(page)]) == 0
    pdf = browser.print_pdf(page)
    first = subprocess.run(
        [pdftotext, "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    # The whole map is on the first page: its title, every row, and the legend's last line.
    assert "journey map" in first
    assert {
        None: "whole continuum",
        "hmp-risley": "HMP Risley",
        "hmp-drake-hall": "HMP Drake Hall",
    }[site] in first
    for row in ("High", "Medium", "Low"):
        assert row in first
    assert "Drawn" in first and "Peer Mentor" in first
    if site == "hmp-drake-hall":
        assert "Purple Band" in first
    # A4 landscape: the page is wider than tall (595 x 842 points, turned).
    info = pdf.read_bytes()
    assert b"/MediaBox [0 0 841" in info or b"/MediaBox [0 0 842" in info
