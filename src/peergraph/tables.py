"""Reprint the source's tables (Appendix 2, Table 1) from the graph.

The table is rebuilt by SPARQL over the graph's ``pg:TableCell`` nodes (queries/tables/), never
from a stored copy, so a cell changed or lost in the data shows up here and in the tests that
compare these tables with the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.errors import InputError
from peergraph.query.engines import query_graph
from peergraph.resources import query_text
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["TABLES", "Table", "build_table"]

_SRC = NAMESPACES["src"]

# Command-line name -> the source table's IRI.
TABLES: dict[str, str] = {
    "continuum": _SRC + "appendix-2",
    "sites": _SRC + "table-1",
}


@dataclass(frozen=True)
class Table:
    """A source table: its title, column headers and body rows, all in the source's wording."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    header_groups: list[str]
    guidance: list[str]


def build_table(graph: Graph, name: str) -> Table:
    """Rebuild the table called ``name`` ("continuum" or "sites") from ``graph``."""
    from rdflib import RDFS, URIRef

    if name not in TABLES:
        raise InputError(
            f"unknown table {name!r}", hint=f"choose one of: {', '.join(sorted(TABLES))}"
        )
    table = URIRef(TABLES[name])
    columns = query_graph(graph, query_text("tables", "table-columns"), {"table": table}).records()
    if not columns:
        raise InputError(
            f"the graph holds no columns for table {name!r} ({table})",
            hint="load the reference data (data/source.ttl) with the graph",
        )
    headers = [str(c["header"]) for c in columns]
    positions = [int(str(c["position"])) for c in columns]
    groups = [str(c["group"]) if c["group"] is not None else "" for c in columns]
    guidance = [str(c["guidance"]) if c["guidance"] is not None else "" for c in columns]

    cells: dict[int, dict[int, str]] = {}
    found = query_graph(graph, query_text("tables", "table-cells"), {"table": table})
    for row, column, text in found.rows:
        cells.setdefault(int(str(row)), {})[int(str(column))] = str(text)
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
