"""Validation reports: text, JSON, Turtle (the ``sh:ValidationReport``), CSV and HTML."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from peergraph.render import renderer
from peergraph.render.html import page, scorecard_table
from peergraph.render.tabular import csv_text, escape
from peergraph.validation.model import count_phrase, requirement_rank, summary_line

if TYPE_CHECKING:
    from peergraph.validation.model import Report, Result


def _by_requirement(results: Iterable[Result]) -> dict[str, list[Result]]:
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.requirement, []).append(result)
    return dict(sorted(grouped.items(), key=lambda item: requirement_rank(item[0])))


# ---------------------------------------------------------------------------------------------
# Text


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


@renderer("report", "text")
def _report_text(report: Report) -> str:
    width = _width()
    lines: list[str] = []
    for site in report.sites:
        counts = count_phrase(site.counts())
        lines.append(f"{site.site.label}  <{site.site.iri}>")
        if site.files:
            lines.append(f"  from {', '.join(site.files)}")
        lines.append(f"  {counts}")
        if site.conforms:
            lines.append("  every requirement is met")
        for requirement, results in _by_requirement(site.results).items():
            lines.append("")
            lines.append(f"  {requirement}  {report.requirement_title(requirement)}")
            for result in results:
                tag = f"    {result.severity.upper():<9} "
                lines.extend(
                    textwrap.wrap(
                        result.message,
                        width=width,
                        initial_indent=tag,
                        subsequent_indent=" " * len(tag),
                        break_on_hyphens=False,
                    )
                )
        if site.not_applicable:
            lines.append("")
            reasons: dict[str, list[str]] = {}
            for requirement, why in site.not_applicable.items():
                reasons.setdefault(why, []).append(requirement)
            for why, requirements in reasons.items():
                lines.extend(
                    textwrap.wrap(
                        f"Not applicable: {', '.join(requirements)}: {why}.",
                        width=width,
                        initial_indent="  ",
                        subsequent_indent="    ",
                        break_on_hyphens=False,
                    )
                )
        lines.append("")
    if report.unattached:
        names = "; ".join(node.label for node in report.unattached)
        lines.extend(
            textwrap.wrap(
                f"Not validated, as no prison links to them (use pg:hostsCFOWing and "
                f"pg:offersRole): {names}.",
                width=width,
            )
        )
        lines.append("")
    lines.append(f"Summary: {summary_line(report)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# JSON, Turtle, CSV


@renderer("report", "json")
def _report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


@renderer("report", "turtle")
def _report_turtle(report: Report) -> str:
    return report.graph.serialize(format="turtle")


@renderer("report", "csv")
def _report_csv(report: Report) -> str:
    header = [("site", "requirement", "severity", "focus", "message")]
    rows = [
        (r.site.label, r.requirement, r.severity, r.focus.label, r.message) for r in report.results
    ]
    return csv_text(header + rows)


@renderer("report", "html")
def _report_html(report: Report) -> str:
    parts = [
        "<h1>peergraph validation report</h1>",
        f'<p class="summary">{escape(summary_line(report))}</p>',
        '<p class="muted">Violation: the site graph records something that contradicts a '
        "requirement. Warning: the requirement is not evidenced. Info: advice "
        "(&ldquo;preferably&rdquo;, &ldquo;if possible&rdquo;) not shown to be followed.</p>",
        scorecard_table(report.scorecard(), link=True),
    ]
    for site in report.sites:
        parts.append(f'<h2 id="{escape(site.site.iri)}">{escape(site.site.label)}</h2>')
        counts = count_phrase(site.counts())
        files = f" &middot; from {escape(', '.join(site.files))}" if site.files else ""
        parts.append(
            f'<p class="muted">&lt;{escape(site.site.iri)}&gt;{files} &middot; {counts}</p>'
        )
        if site.conforms:
            parts.append("<p>Every requirement is met.</p>")
        for requirement, results in _by_requirement(site.results).items():
            parts.append(
                f"<h3>{escape(requirement)}: {escape(report.requirement_title(requirement))}</h3>"
            )
            parts.append("<table><tr><th>severity</th><th>about</th><th>message</th></tr>")
            for r in results:
                parts.append(
                    f'<tr class="{escape(r.severity)}"><td class="sev">{escape(r.severity)}</td>'
                    f"<td>{escape(r.focus.label)}</td><td>{escape(r.message)}</td></tr>"
                )
            parts.append("</table>")
        for requirement, why in site.not_applicable.items():
            parts.append(f'<p class="na">{escape(requirement)} not applicable: {escape(why)}.</p>')
    if report.unattached:
        names = "; ".join(node.label for node in report.unattached)
        parts.append(f"<p>Not validated, as no prison links to them: {escape(names)}.</p>")
    return page("peergraph validation report", "\n".join(parts))
