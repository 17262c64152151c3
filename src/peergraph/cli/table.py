"""``peergraph table``: Appendix 2 or Table 1 of the source, rebuilt from the graph."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.common import format_arg
from peergraph.cli.registry import arg, command


@command(
    "table",
    help="reprint the source's Appendix 2 (continuum) or Table 1 (sites) from the graph, "
    "with the source's headers and cell wording",
    example="peergraph table continuum --format csv\npeergraph table sites --format markdown",
    args=[
        arg("table", choices=("continuum", "sites"), help="which table"),
        format_arg("table", "markdown"),
    ],
)
def table(args: argparse.Namespace) -> int:
    from peergraph.graph import load_bundled_graph
    from peergraph.render import render
    from peergraph.tables import build_table

    sys.stdout.write(render("table", args.format, build_table(load_bundled_graph(), args.table)))
    return 0
