"""Reprint the source's tables (Appendix 2, Table 1) from the graph.

The table is rebuilt by SPARQL over the graph's ``pg:TableCell`` nodes (queries/tables/), never
from a stored copy, so a cell changed or lost in the data shows up here and in the tests that
compare these tables with the source.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["TABLES", "FORMATS", "Table", "build_table", "render"]

_SRC = "https://w3id.org/peergraph/data/source/"

# Command-line name -> the source table's IRI.
TABLES: dict[str, str] = {
    "continuum": _SRC + "appendix-2",
    "sites": _SRC + "table-1",
}

FORMATS = ("csv", "tsv", "markdown")


@dataclass(frozen=True)
class Table:
    """A source table: its title, column headers and body rows, all in the source's wording."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    header_groups: list[str]
    guidance: list[str]


def _query_text(name: str) -> str:
    from peergraph.paths import queries_dir

    return (queries_dir() / "tables" / f"{name}.rq").read_text(encoding="utf-8")


def build_table(graph: Graph, name: str) -> Table:
    """Rebuild the table called ``name`` ("continuum" or "sites") from ``graph``."""
    from rdflib import RDFS, URIRef

    if name not in TABLES:
        raise InputError(
            f"unknown table {name!r}", hint=f"choose one of: {', '.join(sorted(TABLES))}"
        )
    table = URIRef(TABLES[name])
    columns = list(graph.query(_query_text("table-columns"), initBindings={"table": table}))
    if not columns:
        raise InputError(
            f"the graph holds no columns for table {name!r} ({table})",
            hint="load the reference data (data/source.ttl) with the graph",
        )
    headers = [str(c.header) for c in columns]
    positions = [int(c.position) for c in columns]
    groups = [str(c.group) if c.group is not None else "" for c in columns]
    guidance = [str(c.guidance) if c.guidance is not None else "" for c in columns]

    cells: dict[int, dict[int, str]] = {}
    for row, column, text in graph.query(_query_text("table-cells"), initBindings={"table": table}):
        cells.setdefault(int(row), {})[int(column)] = str(text)
    rows: list[list[str]] = []
    for row_number in sorted(cells):
        row_cells = cells[row_number]
        missing = [headers[i] for i, p in enumerate(positions) if p not in row_cells]
        if missing:
            # A hole in the data is an error, never a silently blank cell.
            raise InputError(
                f"table {name!r}, row {row_number} has no cell for column(s) "
                + ", ".join(repr(m) for m in missing),
                hint="every cell of the source, empty ones included, must be in the data",
            )
        rows.append([row_cells[p] for p in positions])
    title = str(graph.value(table, RDFS.label) or name)
    return Table(title=title, headers=headers, rows=rows, header_groups=groups, guidance=guidance)


def render(table: Table, fmt: str) -> str:
    """The table as CSV (RFC 4180), TSV, or a GitHub-flavoured Markdown table."""
    if fmt == "csv" or fmt == "tsv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.headers)
        writer.writerows(table.rows)
        return out.getvalue()
    if fmt == "markdown":

        def cell(text: str) -> str:
            return text.replace("\\", "\\\\").replace("|", "\\|")

        lines = [f"**{cell(table.title)}**", ""]
        lines.append("| " + " | ".join(cell(h) for h in table.headers) + " |")
        lines.append("|" + "|".join("---" for _ in table.headers) + "|")
        if any(table.guidance):
            lines.append(
                "| " + " | ".join(f"*{cell(g)}*" if g else "" for g in table.guidance) + " |"
            )
        for row in table.rows:
            lines.append("| " + " | ".join(cell(c) for c in row) + " |")
        return "\n".join(lines) + "\n"
    raise InputError(f"unknown table format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}")
