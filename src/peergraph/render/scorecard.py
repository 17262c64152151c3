"""Scorecards (sites by requirements): a text matrix, CSV and HTML (the workbook: ``workbook``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.render.html import cell_legend, footer, next_steps_list, page, scorecard_table
from peergraph.render.tabular import csv_text, escape
from peergraph.validation.model import CELL_STATES, CELL_WORDS

if TYPE_CHECKING:
    from peergraph.validation.model import Scorecard


@renderer("scorecard", "text")
def _scorecard_text(card: Scorecard) -> str:
    name_width = max([len("site")] + [len(node.label) for node, _ in card.rows])
    widths = [max(len(req), 3) for req in card.requirements]
    header = (
        "site".ljust(name_width)
        + "  "
        + " ".join(req.ljust(w) for req, w in zip(card.requirements, widths, strict=True))
    )
    lines = [header.rstrip(), "-" * len(header.rstrip())]
    for node, cells in card.rows:
        codes = " ".join(
            CELL_STATES[cells[req]].ljust(w)
            for req, w in zip(card.requirements, widths, strict=True)
        )
        lines.append((node.label.ljust(name_width) + "  " + codes).rstrip())
    legend = ", ".join(f"{code} {CELL_WORDS[state]}" for state, code in CELL_STATES.items())
    lines += ["", f"Legend: {legend}.", f"Summary: {card.summary}"]
    return "\n".join(lines) + "\n"


@renderer("scorecard", "csv")
def _scorecard_csv(card: Scorecard) -> str:
    header = [("site", "site_iri", *card.requirements)]
    rows = [
        (node.label, node.iri, *(CELL_WORDS[cells[req]] for req in card.requirements))
        for node, cells in card.rows
    ]
    return csv_text(header + rows, for_spreadsheets=True)


@renderer("scorecard", "html")
def _scorecard_html(card: Scorecard) -> str:
    body = [
        "<h1>peergraph scorecard</h1>",
        f'<p class="summary">{escape(card.summary)}</p>',
        scorecard_table(card),
        cell_legend(),
    ]
    if card.report is not None:
        body.append(next_steps_list(card.report.next_steps()))
    return page("peergraph scorecard", "\n".join(body), footer(card.report))
