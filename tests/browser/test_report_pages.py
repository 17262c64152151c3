"""The validation report and the scorecard as a commissioner sees them: in Chromium at 1280 and
1920 pixels nothing is cut off or pushed out of its box, and printed (A4 landscape) the
scorecard keeps every column, with HMP Holme House's "not met" where Table 1 puts it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from browser.conftest import Browser
from peergraph.resources import data_dir
from peergraph.validation import Report, requirement_ids, validate

SITES = data_dir() / "sites"
HOLME_HOUSE = "https://w3id.org/peergraph/data/site/hmp-holme-house"

# A4 landscape, in PostScript points (297 x 210 mm).
A4_LANDSCAPE = (841.9, 595.3)


@pytest.fixture(scope="module")
def report() -> Report:
    return validate(SITES)


@pytest.fixture(scope="module")
def pages(report: Report, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for name, text in (
        ("report", report.render("html")),
        ("scorecard", report.scorecard().render("html")),
    ):
        found[name] = folder / f"{name}.html"
        found[name].write_text(text, encoding="utf-8")
    return found


def test_holme_house_is_not_met_on_r3a_and_d_a(report: Report) -> None:
    # Table 1: Holme House's peer mentors take a non-accredited programme, which R3a and the
    # definition (D-a) contradict: the cells the printed page must show.
    card = report.scorecard()
    assert {r for r in card.requirements if card.cell(HOLME_HOUSE, r) == "not met"} == {
        "R3a",
        "D-a",
    }


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("name", ["report", "scorecard"])
def test_nothing_is_cut_off_in_the_window(
    name: str, width: int, pages: dict[str, Path], browser: Browser
) -> None:
    found = browser.measure(pages[name], width)
    assert found["tables"] >= 2 and found["cells"] > 14 * 5
    assert found["scrollWidth"] <= found["innerWidth"], found  # the page never scrolls sideways
    assert found["outside"] == [], found  # no cell beyond its table's box
    assert found["overflowing"] == [], found  # no text beyond its cell
    assert found["scrolling"] == [], found  # and at these widths no box needs to scroll


def _words(bbox: str) -> list[tuple[int, float, float, float, str]]:
    """(page, xMin, yMin, xMax, word) of ``pdftotext -bbox`` output."""
    found = []
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page,
        ):
            found.append((number, float(m[1]), float(m[2]), float(m[3]), m[4]))
    return found


@pytest.mark.parametrize("name", ["report", "scorecard"])
def test_the_printed_scorecard_holds_every_column(
    name: str, pages: dict[str, Path], browser: Browser, pdftotext: str, report: Report
) -> None:
    pdf = browser.print_pdf(pages[name])
    bbox = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', bbox)
    assert size is not None
    assert (float(size[1]), float(size[2])) == pytest.approx(A4_LANDSCAPE, abs=1)
    ids = requirement_ids()
    # The scorecard's header row: a line holding every requirement id, on one page.
    rows: dict[tuple[int, int], dict[str, tuple[int, float, float, float, str]]] = {}
    for word in _words(bbox):
        if word[4] in ids:
            rows.setdefault((word[0], round(word[2])), {})[word[4]] = word
    complete = [key for key, found in rows.items() if set(found) == set(ids)]
    assert complete, f"no printed line holds every requirement id: {sorted(rows)}"
    page, _y = min(complete)
    header = rows[min(complete)]
    words = [w for w in _words(bbox) if w[0] == page and w[2] > header[ids[0]][2]]
    xs = [header[r][1] for r in ids]
    assert xs == sorted(xs) and header[ids[-1]][3] <= float(size[1])
    # Holme House's row: from its label down to the next site's.
    holme = min((w for w in words if w[4] == "Holme"), key=lambda w: w[2])  # first, in the table
    below = [w[2] for w in words if w[4] == "HMP" and w[2] > holme[2] + 2]
    bottom = min(below) if below else holme[2] + 40
    row = [w for w in words if holme[2] - 2 <= w[2] < bottom - 2]
    edges = [*xs, float(size[1])]
    columns = {
        r: [w[4] for w in row if edges[i] - 2 <= w[1] < edges[i + 1] - 2] for i, r in enumerate(ids)
    }
    not_met = {r for r, texts in columns.items() if " ".join(texts).startswith("not met")}
    card = report.scorecard()
    assert not_met == {r for r in ids if card.cell(HOLME_HOUSE, r) == "not met"}
    assert all(columns[r] for r in ids), columns  # every cell of the row printed
