"""``peergraph convert``: between site forms and site graphs, both ways."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.registry import arg, command


@command(
    "convert",
    help="convert between site forms (.xlsx, .yaml) and site graphs (.ttl, .jsonld, ...), "
    "both ways",
    details="A form becomes the site graph it describes; a site graph becomes its form, with "
    "whatever no column holds (provenance records, source cells...) on the form's Other "
    "statements sheet, so that converting back gives the same graph. Bad input exits 2 and "
    "writes nothing.",
    example="peergraph convert anytown.xlsx --out anytown.ttl\n"
    "peergraph convert data/sites/hmp-risley.ttl --out risley.xlsx\n"
    "peergraph convert anytown.yaml --out anytown.jsonld",
    args=[
        arg("source", metavar="IN", help="a site form (.xlsx, .yaml) or a site graph file"),
        arg(
            "--out",
            "-o",
            required=True,
            metavar="OUT",
            help="the file to write: .xlsx, .yaml, .ttl, .jsonld, .nt, .rdf (written whole, or "
            "not at all)",
        ),
    ],
)
def convert(args: argparse.Namespace) -> int:
    from peergraph.forms.files import convert_file

    convert_file(args.source, args.out)
    print(f"peergraph: wrote {args.out}", file=sys.stderr)
    return 0
