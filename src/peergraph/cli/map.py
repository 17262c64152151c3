"""``peergraph map``: the journey map of a site (R3d), or of the whole continuum."""

from __future__ import annotations

import argparse
from pathlib import Path

from peergraph.cli.common import data_arg
from peergraph.cli.registry import arg, command

# The formats an --out file's suffix selects.
_BY_SUFFIX = {".svg": "svg", ".html": "html", ".htm": "html", ".mmd": "mermaid"}


@command(
    "map",
    help="the journey map of a site across the continuum (R3d), or of the whole continuum, "
    "as SVG, an HTML page or Mermaid",
    example="peergraph map hmp-risley --out risley-map.svg\n"
    "peergraph map my-site.xlsx --out my-site-map.html\n"
    "peergraph map --out continuum.svg\n"
    "peergraph map hmp-drake-hall --format mermaid",
    args=[
        arg(
            "site",
            nargs="?",
            metavar="SITE",
            help="the prison (a slug such as hmp-risley, an IRI, or a site graph or form file); "
            "leave out for the whole continuum",
        ),
        arg(
            "--out",
            "-o",
            metavar="FILE",
            help="write the map to FILE (.svg, .html, or .mmd for Mermaid), whole or not at all",
        ),
        arg(
            "--format",
            choices=("svg", "html", "mermaid"),
            help="svg, html or mermaid (default: from --out's suffix; mermaid without --out)",
        ),
        data_arg("site graphs (files or folders) to load with the bundled graph"),
    ],
)
def map_command(args: argparse.Namespace) -> int:
    import datetime

    from peergraph import version
    from peergraph.cli.common import emit
    from peergraph.cli.routes import load_continuum, site_notes
    from peergraph.errors import InputError
    from peergraph.render import render
    from peergraph.render.journey_map import JourneyMap

    chosen = args.format
    if args.out is not None and args.out != "-" and chosen is None:
        chosen = _BY_SUFFIX.get(Path(args.out).suffix.lower())
        if chosen is None:
            raise InputError(
                f"cannot tell the map's format from {args.out!r}",
                hint="end --out with .svg, .html or .mmd, or give --format svg|html|mermaid",
            )
    chosen = chosen or "mermaid"
    continuum, site = load_continuum(args.data, args.site)
    journey = JourneyMap(
        continuum,
        site,
        datetime.date.today().isoformat(),
        version(),
        tuple(site_notes(continuum, site)),
    )
    inputs = [*args.data, *([args.site] if args.site and Path(args.site).exists() else [])]
    emit(render("map", chosen, journey), args.out, inputs=inputs)
    return 0
