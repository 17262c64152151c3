"""``peergraph reason``: HermiT over the ontology, the continuum and any site graphs given."""

from __future__ import annotations

import argparse
import json
import sys

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
        arg("--format", choices=("text", "json"), default="text", help="output format"),
    ],
)
def reason(args: argparse.Namespace) -> int:
    """Exit 0 when the graph is consistent, 1 when it is not."""
    from peergraph.graph import copy_graph, load_files, load_reference_graph
    from peergraph.reasoning.report import build_report

    graph = copy_graph(load_reference_graph())
    if args.paths:
        graph += load_files(args.paths)
    report = build_report(graph)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text())
    return 0 if report.consistent else 1
