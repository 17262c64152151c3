"""``peergraph query``: a named query of the library, or a ``.rq`` file, locally or remotely."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.common import data_arg, format_arg
from peergraph.cli.registry import arg, command
from peergraph.errors import InputError

_EXAMPLE = """\
peergraph query --list
peergraph query cq04-peer-mentor-sites
peergraph query cq05-progression-routes --param from=listener --param to=peer-mentor
peergraph validate data/sites/ --format turtle > report.ttl
peergraph query cq07-site-requirements --data report.ttl --param site=hmp-risley
peergraph query my-question.rq --data my-site.ttl --format json
peergraph query cq02-continuum-roles --endpoint http://127.0.0.1:7878/query

Role and site parameters take a slug (peer-mentor, hmp-risley), a prefixed name
(role:peer-mentor) or a full IRI. docs/queries.md documents every query and the
vocabulary for writing your own."""

# The default of --timeout; the Python API's is peergraph.query.remote.DEFAULT_TIMEOUT (kept in
# step by a test: importing that module here would load the query package on every --help).
DEFAULT_TIMEOUT = 30.0


@command(
    "query",
    help="run a named SPARQL query of the library, or a .rq file, on the bundled graph or a "
    "SPARQL endpoint",
    example=_EXAMPLE,
    args=[
        arg("query", nargs="?", metavar="NAME|FILE.rq", help="a library query or a file"),
        arg("--list", action="store_true", help="list the library's queries and exit"),
        arg(
            "--param",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a query parameter (repeatable); the query's header says which it takes",
        ),
        format_arg("query", "table"),
        arg("--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint, not locally"),
        arg(
            "--timeout",
            # Checked in the handler, so that a bad value is one line, like every input error.
            default=DEFAULT_TIMEOUT,
            metavar="S",
            help="seconds an endpoint has to answer, the whole request",
        ),
        arg(
            "--allow-update",
            action="store_true",
            help="allow a SPARQL update (refused by default; locally it changes only the "
            "in-memory graph)",
        ),
        arg(
            "--allow-service",
            action="store_true",
            help="let a local query's SERVICE clauses (an update's LOAD) send requests to the "
            "servers they name (refused by default; with --endpoint, the endpoint decides)",
        ),
        data_arg(),
    ],
)
def query(args: argparse.Namespace) -> int:
    from peergraph.query import KnowledgeGraph
    from peergraph.query.engines import refuse_service
    from peergraph.query.library import find_query, library
    from peergraph.query.remote import check_timeout, redact_url
    from peergraph.query.sparql import query_form

    if args.list:
        specs = library()
        width = max((len(s.name) for s in specs), default=4)
        print(f"{'NAME'.ljust(width)}  TITLE")
        for spec in specs:
            print(f"{spec.name.ljust(width)}  {spec.title}")
        return 0
    if not args.query:
        raise InputError(
            "no query given", hint="give a query name or a .rq file; `peergraph query --list`"
        )
    if args.endpoint and args.data:
        raise InputError(
            "--data cannot be combined with --endpoint (the endpoint holds its own data)",
            hint="load the files into the endpoint, or drop --endpoint",
        )
    timeout = check_timeout(args.timeout)
    spec = find_query(args.query)
    params = parse_params(args.param)
    is_update = query_form(spec.text) == "update"
    if is_update and not args.allow_update:
        raise InputError(
            f"{spec.name} is a SPARQL update; updates are refused by default",
            hint="pass --allow-update if you mean to change the graph",
        )
    if is_update and params:
        raise InputError("parameters cannot be bound in a SPARQL update")
    if not args.endpoint and not args.allow_service:
        # Before loading anything, and naming the file; the store checks again.
        refuse_service(spec.text, update=is_update, path=spec.path)
    kg = KnowledgeGraph(
        args.data, endpoint=args.endpoint, timeout=timeout, allow_service=args.allow_service
    )

    if is_update:
        kg.update(spec.text)
        where = redact_url(args.endpoint) if args.endpoint else None
        print(
            f"peergraph: update applied to {where or 'the in-memory graph (nothing is saved)'}",
            file=sys.stderr,
        )
        return 0

    result = kg.run(spec, params)
    sys.stdout.write(result.serialize(args.format))
    return 0


def parse_params(items: list[str]) -> dict[str, str]:
    """``["site=hmp-risley"]`` -> ``{"site": "hmp-risley"}``, refusing malformed or repeated."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(
                f"--param {item!r} is not NAME=VALUE", hint="write e.g. --param site=hmp-risley"
            )
        if name in params:
            raise InputError(f"--param {name} is given twice", hint="give each parameter once")
        params[name] = value
    return params
