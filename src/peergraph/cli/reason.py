"""``peergraph reason``: HermiT over the ontology, the continuum and any site graphs given."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.common import format_arg
from peergraph.cli.registry import arg, command


@command(
    "reason",
    help="check the ontology and the continuum with the OWL reasoner HermiT, and say which "
    "roles are peer mentoring roles under the study's definition and why not; with site "
    "graphs, the same for each site's local roles, one site at a time",
    example="peergraph reason --format json\npeergraph reason data/sites/hmp-risley.ttl",
    args=[
        arg(
            "paths",
            nargs="*",
            metavar="PATH",
            help="site graphs (files, folders or site forms): each site is reasoned over with "
            "the ontology and the continuum, and its local roles classified",
        ),
        format_arg("reasoning", "text"),
    ],
)
def reason(args: argparse.Namespace) -> int:
    """Exit 0 when every graph reasoned over is consistent, 1 when one is not."""
    from peergraph.reasoning.report import build_report, build_site_report, reasoning_base
    from peergraph.render import render

    report = build_site_report(args.paths) if args.paths else build_report(reasoning_base())
    sys.stdout.write(render("reasoning", args.format, report))
    return 0 if report.consistent else 1
