"""Self-contained HTML pages (inline CSS, no script, no network) that escape everything taken
from the data, and the scorecard table they share."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from peergraph.render.tabular import escape
from peergraph.validation.model import CELL_WORDS

if TYPE_CHECKING:
    from peergraph.validation.model import Scorecard

__all__ = ["page", "scorecard_table"]


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 72em; padding: 0 1em; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.sev { font-weight: bold; white-space: nowrap; }
.Violation, .not-met { background: #fde2e1; } .Warning, .not-evidenced { background: #fff4ce; }
.Info, .advice { background: #e3f0fb; } .met { background: #dff3e3; } .na { color: #777; }
.summary { font-size: 1.1em; } .muted { color: #555; font-size: 0.9em; }
td.cell { text-align: center; white-space: nowrap; }
"""


def page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def scorecard_table(card: Scorecard, *, link: bool = False) -> str:
    head = "".join(
        f'<th title="{escape(card.titles.get(req, req))}">{escape(req)}</th>'
        for req in card.requirements
    )
    rows = []
    for node, cells in card.rows:
        tds = "".join(
            f'<td class="cell {_css_state(cells[req])}" '
            f'title="{escape(req)}: {escape(CELL_WORDS[cells[req]])}">'
            f"{escape(CELL_WORDS[cells[req]])}</td>"
            for req in card.requirements
        )
        name = (
            f'<a href="#{escape(node.iri)}">{escape(node.label)}</a>'
            if link
            else escape(node.label)
        )
        rows.append(f"<tr><th>{name}</th>{tds}</tr>")
    return f"<table><tr><th>site</th>{head}</tr>\n" + "\n".join(rows) + "</table>"


def _css_state(state: str) -> str:
    return {"not met": "not-met", "not evidenced": "not-evidenced", "n/a": "na"}.get(state, state)
