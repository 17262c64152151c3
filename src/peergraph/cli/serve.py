"""``peergraph serve``: the bundled graph as a read-only SPARQL endpoint on 127.0.0.1."""

from __future__ import annotations

import argparse

from peergraph.cli.common import data_arg, port
from peergraph.cli.registry import arg, command

_EXAMPLE = """\
peergraph serve
peergraph serve --port 8000 --data my-site.ttl --cors

Then query http://127.0.0.1:7878/query from YASGUI, a notebook, or
  peergraph query cq04-peer-mentor-sites --endpoint http://127.0.0.1:7878/query"""


@command(
    "serve",
    help="serve the bundled graph (and site graphs given) as a read-only SPARQL endpoint on "
    "127.0.0.1, with the Oxigraph server",
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
            action="store_true",
            help="allow browser tools on other origins (such as YASGUI) to query the endpoint",
        ),
    ],
)
def serve(args: argparse.Namespace) -> int:
    from peergraph.publish.serve import serve

    return serve(port=args.port, data=args.data, cors=args.cors)
