"""The ``peergraph query`` and ``peergraph serve`` subcommands.

``peergraph.cli`` calls ``add_query(subparsers)`` and ``add_serve(subparsers)``. As everywhere in
the command line, rdflib, pyoxigraph and SPARQLWrapper are imported only inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from peergraph.errors import InputError

__all__ = ["add_query", "add_serve"]

# Kept in step with querying.FORMATS (not imported: that module pulls in the loaders).
_FORMATS = ("table", "csv", "json", "tsv")
_DEFAULT_TIMEOUT = 30.0
_DEFAULT_PORT = 7878

_QUERY_EXAMPLE = """\
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

_SERVE_EXAMPLE = """\
  peergraph serve
  peergraph serve --port 8000 --data my-site.ttl --cors

Then query http://127.0.0.1:7878/query from YASGUI, a notebook, or
  peergraph query cq04-peer-mentor-sites --endpoint http://127.0.0.1:7878/query"""


def _parser(subparsers: Any, name: str, help: str, example: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=help[:1].upper() + help[1:] + ".",
        epilog=f"examples:\n{example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is between 0 (any free port) and 65535")
    return value


# --- query -------------------------------------------------------------------------------------


def add_query(subparsers: Any) -> None:
    parser = _parser(
        subparsers,
        "query",
        "run a named SPARQL query of the library, or a .rq file, on the bundled graph or a "
        "SPARQL endpoint",
        _QUERY_EXAMPLE,
    )
    parser.add_argument(
        "query", nargs="?", metavar="NAME|FILE.rq", help="a library query or a file"
    )
    parser.add_argument("--list", action="store_true", help="list the library's queries and exit")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter (repeatable); the query's header says which it takes",
    )
    parser.add_argument(
        "--format", choices=_FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint instead of locally"
    )
    parser.add_argument(
        "--timeout",
        type=_positive,
        default=_DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to wait for an endpoint's answer (default: {_DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--allow-update",
        action="store_true",
        help="allow a SPARQL update (refused by default; locally it changes only the "
        "in-memory graph)",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="site graphs (files or folders) to add to the bundled graph",
    )
    parser.set_defaults(handler=_cmd_query)


def _parse_params(items: list[str]) -> dict[str, str]:
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


def _cmd_query(args: argparse.Namespace) -> int:
    from peergraph.knowledge_graph import KnowledgeGraph
    from peergraph.querying import find_query, format_result, library, query_form

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
    spec = find_query(args.query)
    params = _parse_params(args.param)

    if query_form(spec.text) == "update":
        if not args.allow_update:
            raise InputError(
                f"{spec.name} is a SPARQL update; updates are refused by default",
                hint="pass --allow-update if you mean to change the graph",
            )
        if params:
            raise InputError("parameters cannot be bound in a SPARQL update")
        kg = KnowledgeGraph(args.data, endpoint=args.endpoint, timeout=args.timeout)
        kg.update(spec.text)
        where = args.endpoint or "the in-memory graph (nothing is saved)"
        print(f"peergraph: update applied to {where}", file=sys.stderr)
        return 0

    kg = KnowledgeGraph(args.data, endpoint=args.endpoint, timeout=args.timeout)
    result = kg.run(spec, params)
    sys.stdout.write(format_result(result, args.format))
    return 0


# --- serve -------------------------------------------------------------------------------------


def add_serve(subparsers: Any) -> None:
    parser = _parser(
        subparsers,
        "serve",
        "serve the bundled graph (and site graphs given) as a read-only SPARQL endpoint on "
        "127.0.0.1, with the Oxigraph server",
        _SERVE_EXAMPLE,
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=_DEFAULT_PORT,
        metavar="N",
        help=f"port on 127.0.0.1 (default: {_DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="site graphs (files or folders) to serve with the bundled graph",
    )
    parser.add_argument(
        "--cors",
        action="store_true",
        help="allow browser tools on other origins (such as YASGUI) to query the endpoint",
    )
    parser.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    from peergraph.serve import serve

    return serve(port=args.port, data=args.data, cors=args.cors)
