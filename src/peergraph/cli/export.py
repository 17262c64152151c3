"""``peergraph export``: release files with a DCAT/VoID description, and upload to a store."""

from __future__ import annotations

import argparse

from peergraph.cli.common import data_arg
from peergraph.cli.registry import arg, command
from peergraph.publish.export import GRAPH_IRI, SERIALISATIONS

_DEFAULT_FORMATS = ["turtle", "ntriples", "jsonld"]


@command(
    "export",
    help="write the knowledge graph in standard serialisations with a DCAT/VoID dataset "
    "description, and/or upload it to a triple store",
    example="peergraph export --output dist/\n"
    "peergraph export --output dist/ --format turtle jsonld\n"
    "peergraph export --upload http://127.0.0.1:7878/store",
    args=[
        arg("--output", metavar="DIR", help="folder to write the files into"),
        arg(
            "--format",
            nargs="+",
            choices=tuple(SERIALISATIONS),
            default=_DEFAULT_FORMATS,
            help="serialisations to write",
        ),
        arg(
            "--upload",
            metavar="URL",
            help="a SPARQL 1.1 Graph Store endpoint to PUT the graph to (replaces the named graph)",
        ),
        arg(
            "--graph",
            metavar="IRI",
            default=GRAPH_IRI,
            help="the named graph to replace on upload; 'default' for the store's default graph",
        ),
        arg(
            "--timeout",
            # Checked in the handler, so that a bad value is one line, like every input error.
            default=30.0,
            metavar="S",
            help="seconds the store has to take the upload, the whole request",
        ),
        arg(
            "--endpoint",
            metavar="URL",
            help="a public SPARQL endpoint to name in the dataset description "
            "(void:sparqlEndpoint; a user:password@ part is left out)",
        ),
        data_arg("site graphs to include"),
    ],
)
def export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from peergraph.errors import InputError
    from peergraph.graph import load_bundled_graph, load_files
    from peergraph.publish.export import export, upload
    from peergraph.query.remote import check_timeout, check_url, redact_url, strip_userinfo

    if not args.output and not args.upload:
        raise InputError("nothing to do", hint="give --output DIR, --upload URL, or both")
    # The URLs and the timeout are checked before the graph is loaded: a mistake costs nothing.
    timeout = check_timeout(args.timeout)
    if args.upload:
        check_url(args.upload, hint="give the store's Graph Store URL, e.g. .../store")
    public_endpoint = None
    if args.endpoint:
        check_url(args.endpoint, hint="give the endpoint's public query URL")
        public_endpoint = strip_userinfo(args.endpoint)
    graph = load_bundled_graph()
    if args.data:
        graph += load_files(args.data)
    if args.output:
        result = export(graph, Path(args.output), list(args.format), endpoint=public_endpoint)
        for file in result.files:
            print(f"wrote {file}")
    if args.upload:
        target = None if args.graph == "default" else args.graph
        sent = upload(graph, args.upload, graph_iri=target, timeout=timeout)
        shown = redact_url(args.upload)
        print(f"uploaded {sent} triples to {shown} ({target or 'default graph'})")
    return 0
