"""The ``peergraph`` command line: a thin layer over the Python API.

Each subcommand is one module of this package, registered with ``@command(...)`` (see
``registry``); importing the modules below, in the order ``peergraph --help`` lists them, is
what registers them. This module holds the one error handler and exit-code policy:

- 0 success (for ``validate``: nothing at or above the ``--fail-on`` severity);
- 1 the input does not conform (``validate``, ``scorecard``, ``reason``);
- 2 a usage or input error: one line on stderr naming the file (and line) and what to do;
- 130 interrupted (Ctrl-C).

Heavy libraries (rdflib, pyshacl, owlready2, pyoxigraph, openpyxl, yaml) are imported only inside
the handlers, so ``peergraph --help`` answers at once; a test checks this.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from peergraph import version
from peergraph.cli import (  # noqa: F401, A004
    convert,
    export,
    map,
    new_site,
    push,
    query,
    reason,
    routes,
    serve,
    synth,
    table,
    validate,
)
from peergraph.cli.registry import add_to, commands
from peergraph.errors import PeergraphError

__all__ = ["EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT


class _VersionAction(argparse.Action):
    """``--version``, reading the version only when asked (it costs a metadata look-up)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        print(f"peergraph {version()}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}; see '{self.prog} --help'\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peergraph",
        description="Peer involvement roles in prison as a knowledge graph: validate site graphs, "
        "find progression routes, run queries and reprint the source tables.",
        epilog="Run `peergraph COMMAND --help` for a command's options and an example.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the version and exit", nargs=0
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", parser_class=_Parser
    )
    subparsers.required = True  # `peergraph` alone is a usage error (exit 2), not a no-op
    for cmd in commands():
        add_to(subparsers, cmd)
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
    except OSError as err:
        # A file-system failure no module turned into an InputError (a full disk, a folder
        # made read-only mid-run): still one line naming the file, exit 2, not a traceback.
        print(str(_os_error(err)), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if code is None else int(code)


def _os_error(err: OSError) -> PeergraphError:
    where = err.filename if isinstance(err.filename, str | bytes | os.PathLike) else None
    return PeergraphError(
        f"{err.strerror or err}",
        path=os.fsdecode(where) if where is not None else None,
        hint="check the path, its permissions and the free space, then retry",
    )
