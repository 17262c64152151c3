"""Self-contained HTML pages (inline CSS, no script, no network) that escape everything taken
from the data, and the parts the validation report and the scorecard share: the scorecard
table, its legend, "what to do next" and the foot of the page (date, version, input files).

The pages fit a 1280-pixel window and an A4 landscape page: wide tables sit in boxes that
scroll on screen (``.scroll``), never the page; in the scorecard no word is broken (cells are
as wide as their longest word), and the long words of the requirement titles in its headers
carry soft hyphens, so that its fourteen columns fit a page and every column prints.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from peergraph.render.tabular import escape
from peergraph.validation.model import CELL_MEANINGS, CELL_STATES, CELL_WORDS

if TYPE_CHECKING:
    from peergraph.validation.model import InputFile, NextStep, Report, Scorecard

__all__ = ["cell_legend", "footer", "next_steps_list", "page", "scorecard_table"]


_CSS = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       max-width: 80rem; padding: 1rem 1.5rem 2rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5em; margin: 0.4em 0; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.45em; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
th { background: #f2f2f2; }
table.scorecard { font-size: 0.8em; }
table.scorecard th, table.scorecard td { padding: 0.25em 0.3em; overflow-wrap: normal; }
table.scorecard th[scope="row"] { min-width: 8em; }
table.scorecard th.req { font-weight: normal; }
table.scorecard th.req b { display: block; }
table.scorecard th.req span { display: block; font-size: 0.78em; line-height: 1.25; color: #333;
                              hyphens: manual; }
table.results { table-layout: fixed; }
table.results col.site { width: 10em; } table.results col.about { width: 14em; }
td.cell { text-align: center; }
.sev { font-weight: bold; }
.Violation, .not-met { background: #fde2e1; } .Warning, .not-evidenced { background: #fff4ce; }
.Info, .advice { background: #e3f0fb; } .met { background: #dff3e3; } .na { color: #666; }
.summary { font-size: 1.1em; } .muted { color: #555; font-size: 0.9em; }
.detail { display: block; margin-top: 0.25em; font-family: ui-monospace, "SFMono-Regular", Menlo,
          Consolas, monospace; font-size: 0.78em; color: #444; overflow-wrap: anywhere; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 0.8em;
            font-size: 0.9em; margin: 0.5em 0 1em; }
dl.legend dt { padding: 0 0.4em; border: 1px solid #bbb; text-align: center; }
dl.legend dd { margin: 0; }
ol.next li { margin: 0.15em 0; padding: 0.05em 0.4em; }
footer { margin-top: 2.5em; border-top: 1px solid #ccc; font-size: 0.85em; color: #444; }
footer table { font-size: 0.95em; }
footer code { overflow-wrap: anywhere; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  .scroll { overflow: visible; }
  th, td { padding: 0.15em 0.25em; }
  tr, dl.legend { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page(title: str, body: str, foot: str = "") -> str:
    """A whole HTML page: ``body``, then ``foot`` (see ``footer``)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n{foot}\n</body>\n</html>\n"
    )


def css_state(state: str) -> str:
    """The CSS class of a scorecard cell state."""
    return {"not met": "not-met", "not evidenced": "not-evidenced", "n/a": "na"}.get(state, state)


def scorecard_table(card: Scorecard, *, link: bool = False) -> str:
    """Sites by requirements; each column headed by the requirement's id and title."""
    head = "".join(
        f'<th class="req" scope="col"><b>{escape(req)}</b>'
        f"<span>{soft_hyphens(card.titles.get(req, req))}</span></th>"
        for req in card.requirements
    )
    rows = []
    for node, cells in card.rows:
        tds = "".join(
            f'<td class="cell {css_state(cells[req])}" '
            f'title="{escape(req)}: {escape(CELL_WORDS[cells[req]])}">'
            f"{escape(CELL_WORDS[cells[req]])}</td>"
            for req in card.requirements
        )
        name = (
            f'<a href="#{escape(node.iri)}">{escape(node.label)}</a>'
            if link
            else escape(node.label)
        )
        rows.append(f'<tr><th scope="row">{name}</th>{tds}</tr>')
    return (
        '<div class="scroll"><table class="scorecard">'
        f'<thead><tr><th scope="col">site</th>{head}</tr></thead>\n'
        "<tbody>" + "\n".join(rows) + "</tbody></table></div>"
    )


_LONG_WORD = re.compile(r"[^\W\d_]{10,}")
_VOWELS = set("aeiouyAEIOUY")


def soft_hyphens(text: str) -> str:
    """``text`` escaped for HTML, with soft hyphens (``&shy;``) in its words of ten letters or
    more, after a vowel followed by a consonant, leaving at least three letters each side: a
    narrow column then breaks "repre-sentation" with a hyphen, not "representat ion". (CSS
    ``hyphens: auto`` needs a dictionary the browser may not have.)"""

    def split(match: re.Match[str]) -> str:
        word = match[0]
        parts, start = [], 0
        for i in range(3, len(word) - 2):
            if word[i - 1] in _VOWELS and word[i] not in _VOWELS and i - start >= 3:
                parts.append(word[start:i])
                start = i
        parts.append(word[start:])
        return "\u00ad".join(parts)

    return escape(_LONG_WORD.sub(split, text)).replace("\u00ad", "&shy;")


def cell_legend() -> str:
    """What each scorecard cell means."""
    items = "".join(
        f'<dt class="{css_state(state)}">{escape(CELL_WORDS[state])}</dt>'
        f"<dd>{escape(CELL_MEANINGS[state])}</dd>"
        for state in CELL_STATES
    )
    return f'<dl class="legend" aria-label="what the cells mean">{items}</dl>'


def next_steps_list(steps: Sequence[NextStep]) -> str:
    """ "What to do next": one item per site and requirement not met or not evidenced."""
    if not steps:
        return "<h2>What to do next</h2>\n<p>Nothing: every requirement is met or advice only.</p>"
    items = "\n".join(
        f'<li class="{css_state(step.state)}">{escape(step.text())}</li>' for step in steps
    )
    return f'<h2>What to do next</h2>\n<ol class="next">\n{items}\n</ol>'


def footer(report: Report | None) -> str:
    """When and by which peergraph the page was made, and from which files (SHA-256)."""
    from peergraph import version

    if report is None:
        return f"<footer><p>Made by peergraph {escape(version())}.</p></footer>"
    made = report.created.strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "<footer>",
        f"<p>Made on {escape(made)} by peergraph {escape(version())}, from "
        f"{_inputs_phrase(report.inputs)}</p>",
    ]
    if report.inputs:
        rows = "".join(
            f"<tr><td>{escape(f.path)}</td>"
            f"<td><code>{escape(f.sha256 or 'could not be read again')}</code></td></tr>"
            for f in report.inputs
        )
        lines.append(
            '<div class="scroll"><table class="inputs"><thead><tr><th>input file</th>'
            f"<th>SHA-256</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )
    lines.append("</footer>")
    return "\n".join(lines)


def _inputs_phrase(inputs: Sequence[InputFile]) -> str:
    if not inputs:
        return "a graph given in memory (no file)."
    return f"{len(inputs)} input file{'s' if len(inputs) != 1 else ''}:"
