"""``peergraph validate`` and ``peergraph scorecard``: sites against the requirements."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from peergraph.cli.common import emit, site_input_args
from peergraph.cli.registry import Arg, arg, command
from peergraph.errors import InputError
from peergraph.validation.engine_names import DEFAULT_ENGINE, ENGINES, REFERENCE_ENGINE
from peergraph.validation.model import SEVERITY_MEANINGS

if TYPE_CHECKING:
    from peergraph.validation import Report

_SEVERITY_HELP = "Severities: " + "; ".join(
    f"{name.lower()} = {meaning}" for name, meaning in SEVERITY_MEANINGS.items()
)
_OUTPUT_HELP = (
    " CSV written to a file starts with a UTF-8 byte order mark, so that Excel reads its "
    "accents right (--no-bom leaves it out); in CSV and xlsx no cell can run as a formula. "
    "xlsx is a workbook, written only with --output FILE.xlsx."
)
# Input larger than this (in bytes) shows progress even for one site.
_BIG_INPUT = 4 * 1024 * 1024


def _engine_args() -> list[Arg]:
    """--engine, and --endpoint/--graph (sites held by a SPARQL endpoint instead of files)."""
    return [
        arg(
            "--engine",
            choices=ENGINES,
            default=None,
            help=f"the SHACL engine: {REFERENCE_ENGINE} is the reference engine; the default, "
            f"{DEFAULT_ENGINE}, gives the same results faster",
        ),
        arg(
            "--endpoint",
            metavar="URL",
            help="validate the sites held by this SPARQL 1.1 endpoint (its query URL) instead "
            "of files: the checks run there when it holds peergraph's reference data beside "
            "them (`peergraph push`, `peergraph serve`), else its triples are read and checked "
            "here; the report is the one the same data as files gives",
        ),
        arg(
            "--graph",
            metavar="IRI",
            help="with --endpoint: the named graph holding the sites (default: the endpoint's "
            "default graph)",
        ),
    ]


def _site_args(kind: str) -> list[Arg]:
    """The site input arguments, with the paths optional: --endpoint may stand for them."""
    found = []
    for item in site_input_args(kind):
        if item.flags == ("paths",):
            item = arg(*item.flags, **{**item.options, "nargs": "*"})
        found.append(item)
    return found + _engine_args()


def _output_args(*, summary: bool) -> list[Arg]:
    args = [
        arg(
            "--quiet",
            "-q",
            action="store_true",
            help="no progress on stderr (progress shows only on a terminal, for more than "
            "one site or a big file)",
        ),
        arg(
            "--no-bom",
            action="store_true",
            help="CSV written to a file: leave out the UTF-8 byte order mark Excel needs",
        ),
    ]
    if summary:
        args.insert(
            0,
            arg(
                "--summary",
                action="store_true",
                help="instead of the report, one line per site and requirement: site, "
                "requirement id, cell state (met, not met, ...) and the number of results",
            ),
        )
    return args


@command(
    "validate",
    help="validate site graphs against the commissioning requirements (R2a to R3e) and the "
    "peer mentor definition (D-a to D-c), site by site",
    details=_SEVERITY_HELP + ". Reports list violations first, then warnings, then info, and "
    "open with what to do next." + _OUTPUT_HELP + " Exit code: 0 when nothing is at or above "
    "--fail-on, 1 when something is, 2 for input that cannot be read.",
    example="peergraph validate data/examples/valid/hmp-example.ttl\n"
    "peergraph validate data/sites/ --summary\n"
    "peergraph validate data/sites/ --format csv --output pilot-sites.csv\n"
    "peergraph validate data/sites/ --format xlsx --output pilot-sites.xlsx\n"
    "peergraph validate my-prison.ttl --fail-on warning --format html -o report.html\n"
    "peergraph validate --endpoint http://127.0.0.1:7878/query --summary",
    args=_site_args("report") + _output_args(summary=True),
)
def validate(args: argparse.Namespace) -> int:
    kind = "report"
    if args.summary:
        from peergraph.render import formats

        if args.format not in formats("summary"):
            raise InputError(
                f"--summary is text, and cannot be given as {args.format}",
                hint="leave out --format, or leave out --summary",
            )
        kind = "summary"
    _check_output(kind, args.format, args.output)
    report = _validate(args)
    _write(report, kind, args)
    return exit_code(report, args.fail_on)


@command(
    "scorecard",
    help="show a matrix of sites by requirements, each cell met, not met, not evidenced, "
    "advice or not applicable",
    details="The cells come from the same validation as `peergraph validate`: not met = a "
    "violation, not evidenced = a warning, advice = only info. HTML pages and workbooks "
    "say what to do next." + _OUTPUT_HELP + " Exit codes as for validate.",
    example="peergraph scorecard data/sites/\n"
    "peergraph scorecard data/sites/ data/examples/valid/ --format html -o scorecard.html\n"
    "peergraph scorecard data/sites/ --format xlsx -o scorecard.xlsx",
    args=_site_args("scorecard") + _output_args(summary=False),
)
def scorecard(args: argparse.Namespace) -> int:
    _check_output("scorecard", args.format, args.output)
    report = _validate(args)
    _write(report.scorecard(), "scorecard", args)
    return exit_code(report, args.fail_on)


def exit_code(report: Report, fail_on: str) -> int:
    """1 when some result is at least as severe as ``fail_on`` ("never": 0 always)."""
    if fail_on == "never":
        return 0
    return 1 if report.fails(fail_on) else 0


# ---------------------------------------------------------------------------------------------
# Running, with progress on a terminal


class Progress:
    """``validating 3/120: HMP X`` on one line of ``stream``, rewritten as sites go by, shown
    only when ``stream`` is a terminal and the run is long (more than one site, or big input).
    """

    def __init__(self, stream: IO[str], *, big_input: bool = False) -> None:
        self.stream = stream
        self.big_input = big_input
        self.shown = False

    def __call__(self, done: int, total: int, site: str) -> None:
        if not (total > 1 or self.big_input) or not _is_terminal(self.stream):
            return
        self.stream.write(f"\r\x1b[Kvalidating {done}/{total}: {site}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the progress line, so that what follows starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _validate(args: argparse.Namespace) -> Report:
    from peergraph.validation import validate

    _check_input_args(args)
    options: dict[str, Any] = {"strict": not args.lenient, "jobs": args.jobs}
    if args.engine is not None:
        options["engine"] = args.engine
    progress = None
    if not args.quiet:
        big = args.endpoint is not None or _input_bytes(args.paths) > _BIG_INPUT
        progress = Progress(sys.stderr, big_input=big)
        options["progress"] = progress
    try:
        if args.endpoint is not None:
            from peergraph.validation.endpoint import validate_endpoint

            if not args.quiet:
                options["notice"] = _notice
            return validate_endpoint(args.endpoint, graph=args.graph, **options)
        return validate(args.paths, **options)
    finally:
        if progress is not None:
            progress.close()


def _notice(message: str) -> None:
    print(f"peergraph validate: {message}", file=sys.stderr)


def _check_input_args(args: argparse.Namespace) -> None:
    """Files or an endpoint, not both, not neither; --graph only with --endpoint."""
    if args.endpoint is not None and args.paths:
        raise InputError(
            "give site files or --endpoint, not both",
            hint="leave out the paths to validate the endpoint's sites",
        )
    if args.endpoint is None and not args.paths:
        raise InputError("no site given", hint="give site files or folders, or --endpoint URL")
    if args.graph is not None and args.endpoint is None:
        raise InputError("--graph names a graph of an endpoint", hint="add --endpoint URL")


def _input_bytes(paths: list[str]) -> int:
    """The size of the input files (folders walked), without reading them."""
    total = 0
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                total += sum(
                    (Path(root) / name).stat().st_size
                    for root, _dirs, names in os.walk(path)
                    for name in names
                )
            elif path.is_file():
                total += path.stat().st_size
        except OSError:  # reading the input will say what is wrong with it
            continue
    return total


# ---------------------------------------------------------------------------------------------
# Writing


def _check_output(kind: str, fmt: str, output: str | None) -> None:
    """Refuse, before any work, a binary format with nowhere to write it."""
    from peergraph.render import is_binary

    if not is_binary(kind, fmt):
        return
    if output is None or output == "-":
        raise InputError(
            f"the {fmt} format is a workbook, written only to a file",
            hint=f"add --output FILE.{fmt}",
        )
    if not output.lower().endswith(f".{fmt}"):
        raise InputError(
            f"the {fmt} format is a workbook; its file name should end in .{fmt}",
            path=output,
            hint=f"name the output FILE.{fmt}",
        )


def _write(thing: Any, kind: str, args: argparse.Namespace) -> None:
    """The output to standard output, or whole to ``--output`` (never half-written, never over
    an input file); CSV to a file with a byte order mark unless ``--no-bom``."""
    from peergraph import render

    output: str | bytes
    if render.is_binary(kind, args.format):
        output = render.render_bytes(kind, args.format, thing)
    else:
        output = render.render(kind, args.format, thing)
        to_file = args.output is not None and args.output != "-"
        if to_file and args.format == "csv" and not args.no_bom:
            output = "\ufeff" + output
    emit(output, args.output, inputs=args.paths)
