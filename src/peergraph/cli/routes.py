"""``peergraph routes``: progression routes between continuum roles."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.common import data_arg, format_arg
from peergraph.cli.registry import arg, command
from peergraph.routes import MAX_STEPS


@command(
    "routes",
    help="progression routes between continuum roles, each step taking on no less responsibility",
    example="peergraph routes --from shannon-trust-mentor --to peer-mentor\n"
    "peergraph routes --from listener --format json\n"
    "peergraph routes --from rep --site hmp-example --data my-site.ttl",
    args=[
        arg(
            "--from",
            dest="start",
            required=True,
            metavar="ROLE",
            help="the role to start from (a slug such as listener, or an IRI)",
        ),
        arg("--to", dest="end", metavar="ROLE", help="the role to reach (default: every route)"),
        arg(
            "--site",
            metavar="SITE",
            help="only roles this prison offers (a slug such as hmp-risley, or an IRI)",
        ),
        data_arg("site graphs (files or folders) to load with the bundled graph"),
        arg(
            "--max-steps",
            type=int,
            default=MAX_STEPS,
            metavar="N",
            help="longest route to report, in steps",
        ),
        format_arg("routes", "text"),
    ],
)
def routes(args: argparse.Namespace) -> int:
    from peergraph.graph import load_bundled_graph, load_files
    from peergraph.render import render
    from peergraph.routes import Routes, find_routes, resolve_role, resolve_site

    graph = load_bundled_graph()
    if args.data:
        graph += load_files(args.data)
    start = resolve_role(graph, args.start)
    end = resolve_role(graph, args.end) if args.end else None
    site = resolve_site(graph, args.site) if args.site else None
    found = find_routes(graph, start, end, site=site, max_steps=args.max_steps)
    sys.stdout.write(render("routes", args.format, Routes(graph, found)))
    return 0
