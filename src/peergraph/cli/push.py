"""``peergraph push``: the release into a triple store, one named graph per part, atomically."""

from __future__ import annotations

import argparse
from pathlib import Path

from peergraph.cli.common import allow_personal_data_arg, data_arg
from peergraph.cli.registry import arg, command


@command(
    "push",
    help="load the release into a triple store: one named graph per part, switched all at once "
    "(SPARQL 1.1 Graph Store Protocol, SPARQL Update as the fallback)",
    example="peergraph push --endpoint http://127.0.0.1:7878/store\n"
    "PEERGRAPH_USER=me PEERGRAPH_PASSWORD=... peergraph push --endpoint https://host/store "
    "--update https://host/update",
    args=[
        arg(
            "--endpoint",
            metavar="URL",
            required=True,
            help="the store's Graph Store endpoint (Oxigraph: .../store)",
        ),
        arg(
            "--update",
            metavar="URL",
            help="the store's SPARQL Update endpoint (default: .../store -> .../update)",
        ),
        arg("--timeout", default=30.0, metavar="S", help="seconds each request may take"),
        data_arg("more site graphs to publish, one part each"),
        allow_personal_data_arg(),
    ],
)
def push(args: argparse.Namespace) -> int:
    from peergraph.query.remote import check_timeout, check_url

    timeout = check_timeout(args.timeout)
    check_url(args.endpoint, hint="give the store's Graph Store URL, e.g. .../store")
    if args.update:
        check_url(args.update, hint="give the store's SPARQL Update URL, e.g. .../update")
    push_from_args(args, args.endpoint, timeout)
    return 0


def push_from_args(args: argparse.Namespace, store: str, timeout: float) -> None:
    """``push_release`` with what ``push`` and ``export --upload`` share: ``--update``,
    ``--data`` and ``--allow-personal-data``."""
    push_release(
        store,
        args.update,
        timeout,
        [Path(p) for p in args.data],
        allow_personal_data=args.allow_personal_data,
    )


def push_release(
    store: str,
    update: str | None,
    timeout: float,
    data: list[Path],
    *,
    allow_personal_data: bool = False,
) -> None:
    """Build the release's parts and push them, saying what went where (shared with
    ``export --upload``); nothing is sent if a part holds personal data about residents, unless
    ``allow_personal_data``."""
    from peergraph.publish.personal_data import refuse_personal_data
    from peergraph.publish.push import default_update_url, push
    from peergraph.publish.release import build_parts, release_version, stamp_versions
    from peergraph.query.remote import credentials_for, redact_url

    credentials = credentials_for(store)  # read (and any error in them shown) before loading
    parts = build_parts(data)
    refuse_personal_data(
        [(part.graph, part.file, part.name) for part in parts], allowed=allow_personal_data
    )
    stamp_versions(parts, release_version(), None)
    result = push(
        parts,
        store,
        update_url=update or default_update_url(store),
        timeout=timeout,
        credentials=credentials,
    )
    how = "all at once" if result.atomic else "one by one"
    print(
        f"pushed {len(result.graphs)} graphs ({sum(result.graphs.values())} triples) to "
        f"{redact_url(store)} by {result.protocol}, {how}"
    )
    for graph, triples in result.graphs.items():
        print(f"  {graph}: {triples} triples")
