"""``peergraph export``: the release files, and (``--upload``, an alias of ``push``) the store."""

from __future__ import annotations

import argparse

from peergraph.cli.common import allow_personal_data_arg, data_arg
from peergraph.cli.registry import arg, command
from peergraph.publish.export import RELEASE_FORMATS


@command(
    "export",
    help="write the release: every part of the graph in Turtle, N-Triples, JSON-LD, RDF/XML and "
    "TriG, the DCAT/VoID description, HTML documentation, content negotiation; deterministic",
    example="peergraph export --output dist/\n"
    "peergraph export --output dist/0.2.0 --previous dist/0.1.0   # with CHANGELOG.md\n"
    "peergraph export --output dist/ --format turtle jsonld\n"
    "peergraph export --upload http://127.0.0.1:7878/store        # = peergraph push --endpoint",
    args=[
        arg("--output", metavar="DIR", help="folder to write the release into"),
        arg(
            "--format",
            nargs="+",
            choices=RELEASE_FORMATS,
            default=list(RELEASE_FORMATS),
            help="serialisations to write (trig: every part in one file)",
        ),
        arg(
            "--previous",
            metavar="DIR",
            help="the previous release's folder: sets owl:priorVersion, writes CHANGELOG.md",
        ),
        arg(
            "--issued",
            metavar="YYYY-MM-DD",
            help="the release date (default: SOURCE_DATE_EPOCH's day, else today)",
        ),
        arg(
            "--files-url",
            metavar="URL",
            default="",
            help="where the release's files are served, for the .htaccess redirects "
            "(default: beside the .htaccess)",
        ),
        arg(
            "--upload",
            metavar="URL",
            help="also push to this Graph Store endpoint, as `peergraph push --endpoint URL` does",
        ),
        arg(
            "--update",
            metavar="URL",
            help="with --upload: the store's SPARQL Update endpoint "
            "(default: .../store -> .../update)",
        ),
        arg(
            "--graph",
            metavar="IRI",
            help="with --upload: put the whole graph into this one named graph instead "
            "('default' for the store's default graph)",
        ),
        arg(
            "--timeout",
            # Checked in the handler, so that a bad value is one line, like every input error.
            default=30.0,
            metavar="S",
            help="seconds the store has for each request of the upload",
        ),
        arg(
            "--endpoint",
            metavar="URL",
            help="a public SPARQL endpoint to name in the dataset description "
            "(void:sparqlEndpoint; a user:password@ part is left out)",
        ),
        data_arg("more site graphs to publish, one part each"),
        allow_personal_data_arg(),
    ],
)
def export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from peergraph.errors import InputError
    from peergraph.query.remote import check_timeout, check_url, strip_userinfo

    if not args.output and not args.upload:
        raise InputError("nothing to do", hint="give --output DIR, --upload URL, or both")
    # The URLs and the timeout are checked before the graph is loaded: a mistake costs nothing.
    timeout = check_timeout(args.timeout)
    if args.upload:
        check_url(args.upload, hint="give the store's Graph Store URL, e.g. .../store")
    if args.update:
        check_url(args.update, hint="give the store's SPARQL Update URL, e.g. .../update")
    public_endpoint = None
    if args.endpoint:
        check_url(args.endpoint, hint="give the endpoint's public query URL")
        public_endpoint = strip_userinfo(args.endpoint)
    if args.output:
        from peergraph.publish.export import export_release

        result = export_release(
            Path(args.output),
            list(args.format),
            endpoint=public_endpoint,
            previous=Path(args.previous) if args.previous else None,
            issued=args.issued,
            extra_sites=[Path(p) for p in args.data],
            files_url=args.files_url,
            allow_personal_data=args.allow_personal_data,
        )
        print(f"wrote release {result.version}: {len(result.files)} files in {args.output}")
    if args.upload:
        if args.graph:
            _upload_one_graph(args, timeout)
        else:
            from peergraph.cli.push import push_from_args

            push_from_args(args, args.upload, timeout)
    return 0


def _upload_one_graph(args: argparse.Namespace, timeout: float) -> None:
    """The whole graph (bundled, and ``--data``) into one named graph, by one PUT."""
    from peergraph.graph import load_bundled_graph, load_files
    from peergraph.publish.export import upload
    from peergraph.publish.personal_data import refuse_personal_data
    from peergraph.query.remote import credentials_for, redact_url
    from peergraph.rdfio import collect_files, parse_file

    extra = [(parse_file(file), file, file.stem) for file in collect_files(args.data)]
    refuse_personal_data(extra, allowed=args.allow_personal_data)
    graph = load_bundled_graph()
    if args.data:
        graph += load_files(args.data)
    target = None if args.graph == "default" else args.graph
    credentials_for(args.upload)  # a broken ~/.netrc is reported before anything is sent
    sent = upload(graph, args.upload, graph_iri=target, timeout=timeout)
    print(f"uploaded {sent} triples to {redact_url(args.upload)} ({target or 'default graph'})")
