"""``peergraph new-site``: a blank site form, or the Turtle template, for a new site."""

from __future__ import annotations

import argparse
import sys

from peergraph.cli.registry import arg, command


@command(
    "new-site",
    help="write a blank site form for a new site (a workbook with drop-down lists, or commented "
    "YAML) or the Turtle template, its namespace and prison name set",
    details="The form's sheets, columns, choices and help come from shapes/forms/site-form.ttl. "
    "Fill it in, then `peergraph validate FILE` checks it and "
    "`peergraph convert FILE --out FILE.ttl` turns it into a site graph. An existing file is "
    "kept unless --force.",
    example="peergraph new-site --name 'HMP Anytown' --out anytown.xlsx\n"
    "peergraph new-site --name 'HMP Anytown' --out anytown.yaml\n"
    "peergraph new-site --name 'HMP Anytown' --out anytown.ttl "
    "--namespace https://example.org/hmp-anytown/",
    args=[
        arg("--name", required=True, help="the prison's name, as reports should give it"),
        arg(
            "--out",
            required=True,
            metavar="FILE",
            help="the file to write: .xlsx (workbook), .yaml (commented YAML) or .ttl (Turtle)",
        ),
        arg(
            "--namespace",
            metavar="IRI",
            help="the site's own namespace, ending in / or # (default: one made from the name)",
        ),
        arg("--force", action="store_true", help="replace FILE if it exists"),
    ],
)
def new_site(args: argparse.Namespace) -> int:
    from peergraph.forms.files import new_site

    written = new_site(args.name, args.out, namespace=args.namespace, force=args.force)
    print(f"peergraph: wrote {written}", file=sys.stderr)
    return 0
