"""The ``peergraph`` command line.

Adding a subcommand takes two functions and one list entry:

1. ``_add_NAME(subparsers)`` creates the subparser (with a description and an example in its
   epilog), declares the arguments, and calls ``parser.set_defaults(handler=_cmd_NAME)``;
2. ``_cmd_NAME(args) -> int`` imports what it needs *inside the function* and does the work,
   raising ``PeergraphError`` (or a subclass) for anything the user must fix;
3. ``_add_NAME`` goes into ``_SUBCOMMANDS``.

Heavy libraries (rdflib, pyshacl, owlready2, pyoxigraph, SPARQLWrapper) are never imported at
module level here, so ``peergraph --help`` answers at once; a test checks this.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence

from peergraph import __version__
from peergraph.errors import PeergraphError

__all__ = ["build_parser", "main"]

# argparse's type for the object that add_subparsers() returns.
Subparsers = argparse._SubParsersAction

# Exit codes promised in the interface: 2 for usage/input errors, 130 for Ctrl-C (128 + SIGINT).
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _subparser(
    subparsers: Subparsers, name: str, *, help: str, example: str
) -> argparse.ArgumentParser:
    """A subparser whose description is ``help`` and whose epilog shows ``example`` (one command
    per line)."""
    label = "examples" if "\n" in example else "example"
    return subparsers.add_parser(
        name,
        help=help,
        # Raw formatting (below) does not wrap, so wrap the description here.
        description=textwrap.fill(help[:1].upper() + help[1:] + ".", width=79),
        epilog=f"{label}:\n" + textwrap.indent(example, "  "),
        # Keep the example's line breaks and indentation as written.
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


# --- reason ------------------------------------------------------------------------------------


def _add_reason(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "reason",
        help="check the ontology and reference data for consistency with the OWL reasoner "
        "HermiT, and list what it infers",
        example="peergraph reason --format json\npeergraph reason data/sites/hmp-risley.ttl",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="more RDF files or folders to reason over with the reference graph",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(handler=_cmd_reason)


def _cmd_reason(args: argparse.Namespace) -> int:
    from peergraph import reasoning_report

    return reasoning_report.run(args)


# --- table -------------------------------------------------------------------------------------


def _add_table(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "table",
        help="reprint the source's Appendix 2 (continuum) or Table 1 (sites) from the graph, "
        "with the source's headers and cell wording",
        example="peergraph table continuum --format csv\npeergraph table sites --format markdown",
    )
    parser.add_argument("table", choices=("continuum", "sites"), help="which table")
    parser.add_argument(
        "--format",
        choices=("csv", "tsv", "markdown"),
        default="markdown",
        help="output format (default: markdown)",
    )
    parser.set_defaults(handler=_cmd_table)


def _cmd_table(args: argparse.Namespace) -> int:
    from peergraph.loading import load_bundled_graph
    from peergraph.tables import build_table, render

    sys.stdout.write(render(build_table(load_bundled_graph(), args.table), args.format))
    return EXIT_OK


# --- routes ------------------------------------------------------------------------------------


def _add_routes(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "routes",
        help="progression routes between continuum roles, each step taking on no less "
        "responsibility",
        example="peergraph routes --from shannon-trust-mentor --to peer-mentor\n"
        "peergraph routes --from listener --format json\n"
        "peergraph routes --from rep --site hmp-example --data my-site.ttl",
    )
    parser.add_argument(
        "--from",
        dest="start",
        required=True,
        metavar="ROLE",
        help="the role to start from (a slug such as listener, or an IRI)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="ROLE",
        help="the role to reach (default: every route from the start)",
    )
    parser.add_argument(
        "--site",
        metavar="SITE",
        help="only roles this prison offers (a slug such as hmp-risley, or an IRI)",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        default=[],
        metavar="PATH",
        help="site graphs (files or folders) to load with the bundled graph",
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=10,
        metavar="N",
        help="longest route to report, in steps (default: 10)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(handler=_cmd_routes)


def _cmd_routes(args: argparse.Namespace) -> int:
    from peergraph.loading import load_bundled_graph, load_files
    from peergraph.routes import find_routes, render, resolve_role, resolve_site

    graph = load_bundled_graph()
    if args.data:
        graph += load_files(args.data)
    start = resolve_role(graph, args.start)
    end = resolve_role(graph, args.end) if args.end else None
    site = resolve_site(graph, args.site) if args.site else None
    routes = find_routes(graph, start, end, site=site, max_steps=args.max_steps)
    sys.stdout.write(render(graph, routes, args.format))
    return EXIT_OK


# --- export ------------------------------------------------------------------------------------


def _add_export(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "export",
        help="write the knowledge graph in standard serialisations with a DCAT/VoID dataset "
        "description, and/or upload it to a triple store",
        example="peergraph export --output dist/\n"
        "peergraph export --output dist/ --format turtle jsonld\n"
        "peergraph export --upload http://127.0.0.1:7878/store",
    )
    parser.add_argument("--output", metavar="DIR", help="folder to write the files into")
    parser.add_argument(
        "--format",
        nargs="+",
        choices=("turtle", "ntriples", "jsonld", "rdfxml"),
        default=["turtle", "ntriples", "jsonld"],
        help="serialisations to write (default: turtle ntriples jsonld)",
    )
    parser.add_argument(
        "--upload",
        metavar="URL",
        help="a SPARQL 1.1 Graph Store endpoint to PUT the graph to (replaces the named graph)",
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default="https://w3id.org/peergraph/data/graph",
        help="the named graph to replace on upload (default: %(default)s); 'default' for the "
        "store's default graph",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="a public SPARQL endpoint to name in the dataset description (void:sparqlEndpoint)",
    )
    parser.add_argument(
        "--data", nargs="+", default=[], metavar="PATH", help="site graphs to include"
    )
    parser.set_defaults(handler=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from peergraph.errors import InputError
    from peergraph.exporting import export, upload
    from peergraph.loading import load_bundled_graph, load_files

    if not args.output and not args.upload:
        raise InputError("nothing to do", hint="give --output DIR, --upload URL, or both")
    graph = load_bundled_graph()
    if args.data:
        graph += load_files(args.data)
    if args.output:
        result = export(graph, Path(args.output), list(args.format), endpoint=args.endpoint)
        for file in result.files:
            print(f"wrote {file}")
    if args.upload:
        target = None if args.graph == "default" else args.graph
        sent = upload(graph, args.upload, graph_iri=target)
        print(f"uploaded {sent} triples to {args.upload} ({target or 'default graph'})")
    return EXIT_OK


# --- validate, scorecard, query, serve: defined beside their modules ----------------------------


def _add_validate(subparsers: Subparsers) -> None:
    from peergraph.validation_cli import add_validate

    add_validate(subparsers)


def _add_scorecard(subparsers: Subparsers) -> None:
    from peergraph.validation_cli import add_scorecard

    add_scorecard(subparsers)


def _add_query(subparsers: Subparsers) -> None:
    from peergraph.query_cli import add_query

    add_query(subparsers)


def _add_serve(subparsers: Subparsers) -> None:
    from peergraph.query_cli import add_serve

    add_serve(subparsers)


# Every subcommand, in the order `peergraph --help` lists them.
_SUBCOMMANDS: list[Callable[[Subparsers], None]] = [
    _add_validate,
    _add_scorecard,
    _add_query,
    _add_serve,
    _add_routes,
    _add_table,
    _add_reason,
    _add_export,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peergraph",
        description="Peer involvement roles in prison as a knowledge graph: validate site graphs, "
        "find progression routes, run queries and reprint the source tables.",
        epilog="Run `peergraph COMMAND --help` for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"peergraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    subparsers.required = True  # `peergraph` alone is a usage error (exit 2), not a no-op
    for add in _SUBCOMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse itself exits 2 on bad usage)."""
    args = build_parser().parse_args(argv)
    try:
        code = args.handler(args)
    except PeergraphError as err:
        print(str(err), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("peergraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`peergraph ... | head`): stop quietly, and point stdout at
        # /dev/null so the interpreter's final flush does not print a traceback either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return EXIT_OK if code is None else int(code)


if __name__ == "__main__":
    raise SystemExit(main())
