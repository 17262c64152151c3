"""The ``validate`` and ``scorecard`` subcommands of the ``peergraph`` command line.

``peergraph.cli`` registers them with ``add_validate(subparsers)`` and
``add_scorecard(subparsers)``; each sets a handler that returns the exit code:

- 0: nothing at or above the ``--fail-on`` severity (default: violation);
- 1: some result at or above it;
- 2: bad input (raised as ``PeergraphError``; ``peergraph.cli.main`` prints one line).

``python -m peergraph.validation_cli validate PATH...`` runs them on their own (``main``).
Nothing heavy is imported until a handler runs, so ``peergraph --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import InputError, PeergraphError

if TYPE_CHECKING:
    from peergraph.validation import Report

__all__ = ["add_scorecard", "add_validate", "main"]

Subparsers = argparse._SubParsersAction

REPORT_FORMATS = ("text", "json", "turtle", "csv", "html")
SCORECARD_FORMATS = ("text", "csv", "html")
FAIL_ON = ("violation", "warning", "info", "never")

_SEVERITY_HELP = (
    "Severities: violation = the graph records something that contradicts a requirement; "
    "warning = the requirement is not evidenced; info = 'preferably' / 'if possible' advice "
    "not shown to be followed."
)


def _subparser(
    subparsers: Subparsers, name: str, *, help: str, example: str, details: str = ""
) -> argparse.ArgumentParser:
    description = textwrap.fill(help[:1].upper() + help[1:] + ".", width=79)
    if details:
        description += "\n\n" + textwrap.fill(details, width=79)
    return subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog="examples:\n" + textwrap.indent(example, "  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _common_arguments(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="site graph files or folders (Turtle, JSON-LD, TriG, RDF/XML, N-Triples, N-Quads)",
    )
    parser.add_argument(
        "--format", choices=formats, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="violation",
        help="the least severe result that makes the exit code 1 (default: violation); "
        "never: exit 0 whatever the results (bad input still exits 2)",
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE instead of standard output (written whole, or not at all)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="validate sites in N processes (0: one per CPU; default 1); the report is the same",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="report data-quality violations (an unknown role slug, a value of the wrong type) "
        "with the other results instead of stopping with exit code 2",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def add_validate(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "validate",
        help="validate site graphs against the commissioning requirements (R2a to R3e) and the "
        "peer mentor definition (D-a to D-c), site by site",
        details=_SEVERITY_HELP + " Exit code: 0 when nothing is at or above --fail-on, 1 when "
        "something is, 2 for input that cannot be read.",
        example="peergraph validate data/examples/valid/hmp-example.ttl\n"
        "peergraph validate data/sites/ --format csv --output pilot-sites.csv\n"
        "peergraph validate my-prison.ttl --fail-on warning --format html -o report.html",
    )
    _common_arguments(parser, REPORT_FORMATS)
    parser.set_defaults(handler=_cmd_validate)


def add_scorecard(subparsers: Subparsers) -> None:
    parser = _subparser(
        subparsers,
        "scorecard",
        help="show a matrix of sites by requirements, each cell met, not met, not evidenced, "
        "advice or not applicable",
        details="The cells come from the same validation as `peergraph validate`: not met = a "
        "violation, not evidenced = a warning, advice = only info. Exit codes as for validate.",
        example="peergraph scorecard data/sites/\n"
        "peergraph scorecard data/sites/ data/examples/valid/ --format html -o scorecard.html",
    )
    _common_arguments(parser, SCORECARD_FORMATS)
    parser.set_defaults(handler=_cmd_scorecard)


def _cmd_validate(args: argparse.Namespace) -> int:
    from peergraph.validation import validate

    report = validate(args.paths, strict=not args.lenient, jobs=args.jobs)
    _emit(report.render(args.format), args.output)
    return _exit_code(report, args.fail_on)


def _cmd_scorecard(args: argparse.Namespace) -> int:
    from peergraph.validation import validate

    report = validate(args.paths, strict=not args.lenient, jobs=args.jobs)
    _emit(report.scorecard().render(args.format), args.output)
    return _exit_code(report, args.fail_on)


def _exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return 1 if report.fails(fail_on) else 0


def _emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(Path(output), text)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename, so
    that ``path`` holds the whole text or is left as it was."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(
            "cannot write the output: its folder does not exist",
            path=path,
            hint="create the folder first or choose another --output",
        )
    if path.is_dir():
        raise InputError("cannot write the output: it is a folder", path=path, hint="give a file")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(
            f"cannot write the output ({exc.strerror or exc})",
            path=path,
            hint="check the folder's permissions and free space",
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peergraph", description="Validate CFO wing site graphs (validate, scorecard)."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    subparsers.required = True
    add_validate(subparsers)
    add_scorecard(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The two subcommands on their own, with ``peergraph.cli.main``'s error handling."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except PeergraphError as err:
        print(str(err), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("peergraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
