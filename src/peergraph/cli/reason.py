"""``peergraph reason``: HermiT over the ontology, the continuum and any site graphs given."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.common import format_arg
from peergraph.cli.registry import arg, command


@command(
    "reason",
    help="check the ontology and reference data for consistency with the OWL reasoner "
    "HermiT, and list what it infers",
    example="peergraph reason --format json\npeergraph reason data/sites/hmp-risley.ttl",
    args=[
        arg(
            "paths",
            nargs="*",
            metavar="PATH",
            help="more RDF files or folders to reason over with the reference graph",
        ),
        format_arg("reasoning", "text"),
    ],
)
def reason(args: argparse.Namespace) -> int:
    """Exit 0 when the graph is consistent, 1 when it is not."""
    from peergraph.graph import copy_graph, load_files, load_reference_graph
    from peergraph.reasoning.report import build_report
    from peergraph.render import render

    graph = copy_graph(load_reference_graph())
    if args.paths:
        graph += load_files(args.paths)
    report = build_report(graph)
    sys.stdout.write(render("reasoning", args.format, report))
    return 0 if report.consistent else 1
