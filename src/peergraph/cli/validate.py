"""``peergraph validate`` and ``peergraph scorecard``: sites against the requirements."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from peergraph.cli.common import emit, site_input_args
from peergraph.cli.registry import command

if TYPE_CHECKING:
    from peergraph.validation import Report

_SEVERITY_HELP = (
    "Severities: violation = the graph records something that contradicts a requirement; "
    "warning = the requirement is not evidenced; info = 'preferably' / 'if possible' advice "
    "not shown to be followed."
)


@command(
    "validate",
    help="validate site graphs against the commissioning requirements (R2a to R3e) and the "
    "peer mentor definition (D-a to D-c), site by site",
    details=_SEVERITY_HELP + " Exit code: 0 when nothing is at or above --fail-on, 1 when "
    "something is, 2 for input that cannot be read.",
    example="peergraph validate data/examples/valid/hmp-example.ttl\n"
    "peergraph validate data/sites/ --format csv --output pilot-sites.csv\n"
    "peergraph validate my-prison.ttl --fail-on warning --format html -o report.html",
    args=site_input_args("report"),
)
def validate(args: argparse.Namespace) -> int:
    from peergraph.validation import validate

    report = validate(args.paths, strict=not args.lenient, jobs=args.jobs)
    emit(report.render(args.format), args.output, inputs=args.paths)
    return exit_code(report, args.fail_on)


@command(
    "scorecard",
    help="show a matrix of sites by requirements, each cell met, not met, not evidenced, "
    "advice or not applicable",
    details="The cells come from the same validation as `peergraph validate`: not met = a "
    "violation, not evidenced = a warning, advice = only info. Exit codes as for validate.",
    example="peergraph scorecard data/sites/\n"
    "peergraph scorecard data/sites/ data/examples/valid/ --format html -o scorecard.html",
    args=site_input_args("scorecard"),
)
def scorecard(args: argparse.Namespace) -> int:
    from peergraph.validation import validate

    report = validate(args.paths, strict=not args.lenient, jobs=args.jobs)
    emit(report.scorecard().render(args.format), args.output, inputs=args.paths)
    return exit_code(report, args.fail_on)


def exit_code(report: Report, fail_on: str) -> int:
    """1 when some result is at least as severe as ``fail_on`` ("never": 0 always)."""
    if fail_on == "never":
        return 0
    return 1 if report.fails(fail_on) else 0
