"""``peergraph routes``: progression routes between continuum roles."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from peergraph.cli.common import data_arg, format_arg
from peergraph.cli.registry import arg, command
from peergraph.routes import MAX_STEPS

if TYPE_CHECKING:
    from peergraph.routes import Continuum, SiteView


def _steps(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


@command(
    "routes",
    help="progression routes between continuum roles, each step taking on no less responsibility",
    example="peergraph routes --from induction-orderly --to prisoner-council --site hmp-risley "
    "--explain\n"
    "peergraph routes --from shannon-trust-mentor --to peer-mentor --all\n"
    "peergraph routes --from listener --format json\n"
    "peergraph routes --site my-site.xlsx --format mermaid",
    args=[
        arg(
            "--from",
            dest="start",
            metavar="ROLE",
            help="the role to start from (a slug such as listener, an IRI, or an estate's name "
            "such as red-band); with --site and no --from, every role of the site with no way in",
        ),
        arg("--to", dest="end", metavar="ROLE", help="the role to reach (default: every role)"),
        arg(
            "--site",
            metavar="SITE",
            help="only the roles this prison offers, named as its estate names them (a slug "
            "such as hmp-risley, an IRI, or a site graph or form file)",
        ),
        data_arg("site graphs (files or folders) to load with the bundled graph"),
        arg(
            "--max-steps",
            type=_steps,
            default=MAX_STEPS,
            metavar="N",
            help="longest route to report, in steps",
        ),
        arg(
            "--all",
            dest="all_routes",
            action="store_true",
            help="every route up to --max-steps, not only the shortest",
        ),
        arg(
            "--explain",
            action="store_true",
            help="for each step, the rule that made it and the cells and passages it rests on",
        ),
        arg(
            "--endpoint",
            metavar="URL",
            help="read the graph from this SPARQL endpoint instead (it must hold the bundled "
            "graph; --data and site files are then refused)",
        ),
        format_arg("routes", "text"),
    ],
)
def routes(args: argparse.Namespace) -> int:
    from peergraph.errors import InputError
    from peergraph.render import render
    from peergraph.routes import Routes

    if args.start is None and args.site is None:
        raise InputError(
            "routes: the following arguments are required: --from (or --site)",
            hint="give --from ROLE (for example --from induction-orderly), or --site SITE to "
            "start from the site's first roles",
        )
    continuum, site = load_continuum(args.data, args.site, getattr(args, "endpoint", None))
    allowed = site.usable if site is not None else None
    start = [continuum.resolve_role(args.start)] if args.start else continuum.entries(allowed)
    end = continuum.resolve_role(args.end) if args.end else None
    notes = site_notes(continuum, site)
    if site is not None:
        for role in start + ([end] if end else []):
            if role not in site.usable:
                notes.append(
                    f"{continuum.label(role, site)} ({continuum.roles[role].slug}) is not a "
                    f"role {site.label} records: routes use only the roles it offers."
                )
    found: list[list[str]] = []
    for role in start:
        found += continuum.find(
            role, end, allowed=allowed, max_steps=args.max_steps, all_routes=args.all_routes
        )
    if end is not None and site is not None and end not in site.usable:
        found = []
    result = Routes(None, found, continuum, site, args.explain, notes)
    sys.stdout.write(render("routes", args.format, result))
    return 0


def load_continuum(
    data: list[str], site_text: str | None, endpoint: str | None = None
) -> tuple[Continuum, SiteView | None]:
    """The continuum (the bundled graph, with ``data`` and a site file given as the site), and
    the site ``site_text`` names, if any. Shared with ``peergraph map``."""
    from peergraph.errors import InputError
    from peergraph.routes import Continuum

    if endpoint is not None:
        if data:
            raise InputError(
                "--data cannot be added to an endpoint",
                hint="load the site graphs into the endpoint, or leave out --endpoint",
            )
        continuum = Continuum.from_endpoint(endpoint)
        return continuum, continuum.site(continuum.resolve_site(site_text)) if site_text else None
    from peergraph.graph import load_bundled_graph, load_files
    from peergraph.routes import site_from_input

    graph = load_bundled_graph()
    if data:
        graph += load_files(data)
    chosen: str | None = None
    if site_text is not None:
        given = site_from_input(graph, site_text)
        if given is not None:
            from peergraph.graph import load_reference_graph
            from peergraph.rules import apply_site_rules

            site_graph, chosen = given
            graph += apply_site_rules(site_graph, load_reference_graph())
    continuum = Continuum.from_graph(graph)
    if site_text is None:
        return continuum, None
    return continuum, continuum.site(chosen or continuum.resolve_site(site_text))


def site_notes(continuum: Continuum, site: SiteView | None) -> list[str]:
    """What a reader of a site's routes or map should know about the site's records."""
    if site is None:
        return []
    notes = []
    if not site.offered:
        notes.append(f"{site.label} records no continuum role on its wings.")
    for note in site.wider_prison_notes:
        notes.append(
            f'{site.label} records its progression routes as "{note}": the study names none of '
            "those roles, so routes may use every continuum role (the project's reading, "
            "docs/routes.md)."
        )
    considered = [
        label
        for _l, label, _r, status in site.local_roles
        if status and "under-consideration" in status
    ]
    for label in considered:
        notes.append(f"{site.label} records progression from {label} as still being considered.")
    return notes
