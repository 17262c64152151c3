"""Validation reports: text, JSON, Turtle (the ``sh:ValidationReport``), CSV and HTML; and the
one-line-per-site-and-requirement summary (kind ``summary``).

Every format lists results most severe first, then in requirement order, then by site (the
order of ``Report.results``). The message is the shape's plain words for the commissioner; the
RDF detail (focus node, property path, value, the check and how it says to record the fact)
comes second, for whoever edits the file. Text and HTML open with "what to do next".
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.render.html import cell_legend, footer, next_steps_list, page, scorecard_table
from peergraph.render.tabular import csv_text, escape
from peergraph.validation.model import (
    SEVERITY_MEANINGS,
    count_phrase,
    requirement_rank,
    summary_line,
)

if TYPE_CHECKING:
    from peergraph.validation.model import Report, Result

# Section headings of the severities, most severe first.
_SEVERITY_HEADINGS = {"Violation": "Violations", "Warning": "Warnings", "Info": "Info"}

# The CSV report's columns: the commissioner's first, then the RDF detail.
CSV_COLUMNS = (
    "site",
    "requirement",
    "severity",
    "focus",
    "message",
    "check",
    "focus_node",
    "path",
    "value",
    "shape",
    "how_to_record",
)


def _by_requirement(results: Iterable[Result]) -> dict[str, list[Result]]:
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.requirement, []).append(result)
    return dict(sorted(grouped.items(), key=lambda item: requirement_rank(item[0])))


# ---------------------------------------------------------------------------------------------
# Text


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


def _wrap(text: str, width: int, indent: str, hanging: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=hanging if hanging is not None else indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


@renderer("report", "text")
def _report_text(report: Report) -> str:
    width = _width()
    lines = ["peergraph validation report", f"{summary_line(report)}", ""]
    steps = report.next_steps()
    lines.append("What to do next")
    if not steps:
        lines.append("  nothing: every requirement is met or advice only")
    # One line each, whatever the width, so that each step can be found with grep.
    lines.extend(f"  {n}. {step.text()}" for n, step in enumerate(steps, 1))
    for severity, results in report.by_severity().items():
        if not results:
            continue
        heading = f"{_SEVERITY_HEADINGS[severity]} ({len(results)})"
        lines += ["", f"{heading}: {SEVERITY_MEANINGS[severity]}"]
        for requirement, group in _by_requirement(results).items():
            lines += ["", f"  {requirement}  {report.requirement_title(requirement)}"]
            for result in group:
                detail = report.detail(result)
                lines.append(f"    {result.site.label}: {result.focus.label}")
                lines.extend(_wrap(result.message, width, "      "))
                lines.extend(_wrap(f"in the file: {detail.text()}", width, "      ", " " * 8))
                if detail.how:
                    lines.extend(_wrap(f"to record: {detail.how}", width, "      ", " " * 8))
    lines += ["", "Sites"]
    for site in report.sites:
        lines.append(f"  {site.site.label}  <{site.site.iri}>")
        if site.files:
            lines.append(f"    from {', '.join(site.files)}")
        lines.append(f"    {count_phrase(site.counts())}")
        if site.conforms:
            lines.append("    every requirement is met")
        reasons: dict[str, list[str]] = {}
        for requirement, why in site.not_applicable.items():
            reasons.setdefault(why, []).append(requirement)
        for why, requirements in reasons.items():
            text = f"Not applicable: {', '.join(requirements)}: {why}."
            lines.extend(_wrap(text, width, "    ", "      "))
    if report.unattached:
        names = "; ".join(node.label for node in report.unattached)
        lines.append("")
        lines.extend(
            _wrap(
                f"Not validated, as no prison links to them (use pg:hostsCFOWing and "
                f"pg:offersRole): {names}.",
                width,
                "",
            )
        )
    lines += ["", f"Summary: {summary_line(report)}"]
    return "\n".join(lines) + "\n"


@renderer("summary", "text")
def _summary_text(report: Report) -> str:
    """One line per site and requirement: site, requirement id, cell state, results."""
    rows = report.summary_rows()
    if not rows:
        return ""
    site_width = max(len(node.label) for node, *_ in rows)
    id_width = max(len(requirement) for _, requirement, *_ in rows)
    state_width = max(len(state) for *_, state, _ in rows)
    return "".join(
        f"{node.label:<{site_width}}  {requirement:<{id_width}}  {state:<{state_width}}  {n}\n"
        for node, requirement, state, n in rows
    )


# ---------------------------------------------------------------------------------------------
# JSON, Turtle, CSV


@renderer("report", "json")
def _report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


@renderer("report", "turtle")
def _report_turtle(report: Report) -> str:
    return report.graph.serialize(format="turtle")


def result_row(report: Report, result: Result) -> tuple[str, ...]:
    """One result as the CSV report and the workbook give it (``CSV_COLUMNS``)."""
    detail = report.detail(result)
    return (
        result.site.label,
        result.requirement,
        result.severity,
        result.focus.label,
        result.message,
        detail.check,
        detail.focus,
        detail.path or "",
        detail.value or "",
        detail.shape,
        detail.how or "",
    )


@renderer("report", "csv")
def _report_csv(report: Report) -> str:
    rows = [result_row(report, r) for r in report.results]
    return csv_text([CSV_COLUMNS, *rows], for_spreadsheets=True)


# ---------------------------------------------------------------------------------------------
# HTML


def _result_cell(report: Report, result: Result) -> str:
    detail = report.detail(result)
    how = f'<span class="detail">to record: {escape(detail.how)}</span>' if detail.how else ""
    return (
        f"<td>{escape(result.message)}"
        f'<span class="detail">in the file: {escape(detail.text())}</span>{how}</td>'
    )


@renderer("report", "html")
def _report_html(report: Report) -> str:
    card = report.scorecard()
    parts = [
        "<h1>peergraph validation report</h1>",
        f'<p class="summary">{escape(summary_line(report))}</p>',
        next_steps_list(report.next_steps()),
        "<h2>Scorecard</h2>",
        scorecard_table(card, link=True),
        cell_legend(),
    ]
    for severity, results in report.by_severity().items():
        if not results:
            continue
        heading = f"{_SEVERITY_HEADINGS[severity]} ({len(results)})"
        parts.append(f'<h2 id="{escape(severity.lower())}">{escape(heading)}</h2>')
        parts.append(
            f'<p class="muted">{escape(severity)}: {escape(SEVERITY_MEANINGS[severity])}.</p>'
        )
        for requirement, group in _by_requirement(results).items():
            title = report.requirement_title(requirement)
            parts.append(f"<h3>{escape(requirement)}: {escape(title)}</h3>")
            parts.append(
                f'<div class="scroll"><table class="results {escape(severity)}">'
                '<colgroup><col class="site"><col class="about"><col></colgroup>'
                "<thead><tr><th>site</th><th>about</th><th>what the report says</th></tr></thead>"
                "<tbody>"
            )
            for r in group:
                parts.append(
                    f"<tr><td>{escape(r.site.label)}</td><td>{escape(r.focus.label)}</td>"
                    f"{_result_cell(report, r)}</tr>"
                )
            parts.append("</tbody></table></div>")
    parts.append("<h2>Sites</h2>")
    for site in report.sites:
        parts.append(f'<h3 id="{escape(site.site.iri)}">{escape(site.site.label)}</h3>')
        files = f" &middot; from {escape(', '.join(site.files))}" if site.files else ""
        counts = escape(count_phrase(site.counts()))
        parts.append(
            f'<p class="muted">&lt;{escape(site.site.iri)}&gt;{files} &middot; {counts}</p>'
        )
        if site.conforms:
            parts.append("<p>Every requirement is met.</p>")
        for requirement, why in site.not_applicable.items():
            parts.append(f'<p class="na">{escape(requirement)} not applicable: {escape(why)}.</p>')
    if report.unattached:
        names = "; ".join(node.label for node in report.unattached)
        parts.append(f"<p>Not validated, as no prison links to them: {escape(names)}.</p>")
    return page("peergraph validation report", "\n".join(parts), footer(report))
