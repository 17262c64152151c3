"""Source tables (Appendix 2, Table 1): CSV and TSV with the source's headers and wording, and
a GitHub-flavoured Markdown table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.render.tabular import csv_text

if TYPE_CHECKING:
    from peergraph.tables import Table


@renderer("table", "csv")
def _csv(table: Table) -> str:
    return csv_text([table.headers, *table.rows])


@renderer("table", "tsv")
def _tsv(table: Table) -> str:
    return csv_text([table.headers, *table.rows], delimiter="\t")


@renderer("table", "markdown")
def _markdown(table: Table) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = [f"**{cell(table.title)}**", ""]
    lines.append("| " + " | ".join(cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    if any(table.guidance):
        lines.append("| " + " | ".join(f"*{cell(g)}*" if g else "" for g in table.guidance) + " |")
    for row in table.rows:
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"
