"""What several subcommands share: argument specifications, argument types, writing output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from peergraph.cli.registry import Arg, arg
from peergraph.errors import InputError
from peergraph.validation.model import SEVERITIES

__all__ = [
    "FAIL_ON",
    "data_arg",
    "emit",
    "format_arg",
    "jobs",
    "port",
    "positive_seconds",
    "site_input_args",
]

# The severities, least severe last, and "never" (exit 0 whatever the results).
FAIL_ON = (*(s.lower() for s in SEVERITIES), "never")


def format_arg(kind: str, default: str) -> Arg:
    """``--format``, its choices read from the render registry for ``kind`` when the parser is
    built."""
    from peergraph.render import formats

    return arg("--format", choices=lambda: formats(kind), default=default, help="output format")


def data_arg(help: str = "site graphs (files or folders) to add to the bundled graph") -> Arg:
    return arg("--data", nargs="+", action="extend", default=[], metavar="PATH", help=help)


def allow_personal_data_arg() -> Arg:
    return arg(
        "--allow-personal-data",
        action="store_true",
        help="publish even what looks like personal data about residents (prison numbers, "
        "dates of birth, people's names in a site graph): only where that is lawful and meant",
    )


def jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError("must be a finite number, more than 0 seconds")
    return value


def port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is between 0 (any free port) and 65535")
    return value


def site_input_args(kind: str) -> list[Arg]:
    """The arguments of the commands that validate sites (``validate``, ``scorecard``)."""
    return [
        arg(
            "paths",
            nargs="+",
            metavar="PATH",
            help="site graph files or folders (Turtle, JSON-LD, TriG, RDF/XML, N-Triples, "
            "N-Quads) or site forms (.xlsx, .yaml)",
        ),
        format_arg(kind, "text"),
        arg(
            "--fail-on",
            choices=FAIL_ON,
            default="violation",
            help="the least severe result that makes the exit code 1; never: exit 0 whatever "
            "the results (bad input still exits 2)",
        ),
        arg(
            "--output",
            "-o",
            metavar="FILE",
            help="write to FILE instead of standard output (written whole, or not at all)",
        ),
        arg(
            "--jobs",
            "-j",
            type=jobs,
            default=1,
            metavar="N",
            help="validate sites in N processes (0: one per CPU) with the pyshacl, "
            "pyshacl-oxigraph and pyrudof engines; the default engine checks every site at "
            "once in one process. The report is the same",
        ),
        arg(
            "--lenient",
            action="store_true",
            help="report data-quality violations (an unknown role slug, a value of the wrong "
            "type) with the other results instead of stopping with exit code 2",
        ),
    ]


def emit(
    text: str | bytes, output: str | None, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """``text`` to standard output, or whole to the file ``output`` (refused when it is one of
    ``inputs``, the files or folders the text was made from)."""
    if output is None or output == "-":
        try:
            if isinstance(text, bytes):
                sys.stdout.flush()  # whatever was printed as text goes first
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: the command line stops quietly
        except OSError as exc:  # standard output is a full disk, a full device...
            raise InputError(
                f"cannot write to standard output ({exc.strerror or exc})",
                hint="check the free space where the output goes, or give --output FILE",
            ) from exc
        return
    from peergraph.rdfio import write_atomically

    write_atomically(Path(output), text, inputs=inputs)
