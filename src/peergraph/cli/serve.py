"""``peergraph serve``: the bundled graph as a read-only SPARQL endpoint on 127.0.0.1."""

from __future__ import annotations

import argparse

from peergraph.cli.common import data_arg, port
from peergraph.cli.registry import arg, command

_EXAMPLE = """\
peergraph serve
peergraph serve --port 8000 --data my-site.ttl --cors http://localhost:3000

Then query http://127.0.0.1:7878/query from YASGUI, a notebook, or
  peergraph query cq04-peer-mentor-sites --endpoint http://127.0.0.1:7878/query"""


@command(
    "serve",
    help="serve the bundled graph (and site graphs given) as a read-only SPARQL endpoint on "
    "127.0.0.1, with the Oxigraph server",
    details="Only this machine can reach it. Web pages can read its answers only from the "
    "origins named with --cors, and queries cannot use SERVICE (which would make the server "
    "send requests to other servers) unless --allow-service is given.",
    example=_EXAMPLE,
    args=[
        arg(
            "--port",
            type=port,
            default=7878,
            metavar="N",
            help="port on 127.0.0.1 (0 picks a free one)",
        ),
        data_arg("site graphs (files or folders) to serve with the bundled graph"),
        arg(
            "--cors",
            action="append",
            default=[],
            metavar="ORIGIN",
            help="let web pages of ORIGIN (such as http://localhost:3000, where a YASGUI page "
            "runs) read the endpoint's answers; repeat for more origins",
        ),
        arg(
            "--allow-service",
            action="store_true",
            help="let queries use SERVICE, which makes the server send requests to the "
            "endpoints they name",
        ),
    ],
)
def serve(args: argparse.Namespace) -> int:
    from peergraph.publish.serve import serve

    return serve(port=args.port, data=args.data, cors=args.cors, allow_service=args.allow_service)
