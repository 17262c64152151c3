"""Renderers for validation reports and scorecards.

``render_report(report, fmt)`` for ``fmt`` in ``REPORT_FORMATS`` (text, json, turtle, csv, html)
and ``Scorecard.render(fmt)`` for ``fmt`` in ``SCORECARD_FORMATS`` (text, csv, html). Every
renderer returns a string; HTML pages are self-contained (inline CSS, no script, no network)
and escape everything taken from the data.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from peergraph.validation import REQUIREMENTS, Node, Report, Result, count_phrase

__all__ = [
    "CELL_STATES",
    "REPORT_FORMATS",
    "SCORECARD_FORMATS",
    "Scorecard",
    "render_report",
]

REPORT_FORMATS: tuple[str, ...] = ("text", "json", "turtle", "csv", "html")
SCORECARD_FORMATS: tuple[str, ...] = ("text", "csv", "html")

# Scorecard cells, worst first, with a short code for the text matrix.
CELL_STATES: dict[str, str] = {
    "not met": "NO",
    "not evidenced": "?",
    "advice": "adv",
    "met": "ok",
    "n/a": "-",
}
_CELL_WORDS = {
    "not met": "not met",
    "not evidenced": "not evidenced",
    "advice": "advice",
    "met": "met",
    "n/a": "not applicable",
}


def render_report(report: Report, fmt: str = "text") -> str:
    renderers = {
        "text": _report_text,
        "json": _report_json,
        "turtle": _report_turtle,
        "csv": _report_csv,
        "html": _report_html,
    }
    try:
        renderer = renderers[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {REPORT_FORMATS}") from None
    return renderer(report)


def summary_line(report: Report) -> str:
    parts = count_phrase(report.counts())
    sites = len(report.sites)
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{parts} in {sites} site{'s' if sites != 1 else ''} ({verdict})"


def _by_requirement(results: Iterable[Result]) -> dict[str, list[Result]]:
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.requirement, []).append(result)
    order = {name: i for i, name in enumerate(REQUIREMENTS)}
    return dict(sorted(grouped.items(), key=lambda item: order.get(item[0], len(order))))


# ---------------------------------------------------------------------------------------------
# Text


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


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


def _report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _report_turtle(report: Report) -> str:
    return report.graph.serialize(format="turtle")


def _csv(rows: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _report_csv(report: Report) -> str:
    header = [("site", "requirement", "severity", "focus", "message")]
    rows = [
        (r.site.label, r.requirement, r.severity, r.focus.label, r.message) for r in report.results
    ]
    return _csv(header + rows)


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 72em; padding: 0 1em; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.sev { font-weight: bold; white-space: nowrap; }
.Violation, .not-met { background: #fde2e1; } .Warning, .not-evidenced { background: #fff4ce; }
.Info, .advice { background: #e3f0fb; } .met { background: #dff3e3; } .na { color: #777; }
.summary { font-size: 1.1em; } .muted { color: #555; font-size: 0.9em; }
td.cell { text-align: center; white-space: nowrap; }
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _report_html(report: Report) -> str:
    parts = [
        "<h1>peergraph validation report</h1>",
        f'<p class="summary">{_e(summary_line(report))}</p>',
        '<p class="muted">Violation: the site graph records something that contradicts a '
        "requirement. Warning: the requirement is not evidenced. Info: advice "
        "(&ldquo;preferably&rdquo;, &ldquo;if possible&rdquo;) not shown to be followed.</p>",
        _scorecard_table(Scorecard.from_report(report), link=True),
    ]
    for site in report.sites:
        parts.append(f'<h2 id="{_e(site.site.iri)}">{_e(site.site.label)}</h2>')
        counts = count_phrase(site.counts())
        files = f" &middot; from {_e(', '.join(site.files))}" if site.files else ""
        parts.append(f'<p class="muted">&lt;{_e(site.site.iri)}&gt;{files} &middot; {counts}</p>')
        if site.conforms:
            parts.append("<p>Every requirement is met.</p>")
        for requirement, results in _by_requirement(site.results).items():
            parts.append(f"<h3>{_e(requirement)}: {_e(report.requirement_title(requirement))}</h3>")
            parts.append("<table><tr><th>severity</th><th>about</th><th>message</th></tr>")
            for r in results:
                parts.append(
                    f'<tr class="{_e(r.severity)}"><td class="sev">{_e(r.severity)}</td>'
                    f"<td>{_e(r.focus.label)}</td><td>{_e(r.message)}</td></tr>"
                )
            parts.append("</table>")
        for requirement, why in site.not_applicable.items():
            parts.append(f'<p class="na">{_e(requirement)} not applicable: {_e(why)}.</p>')
    if report.unattached:
        names = "; ".join(node.label for node in report.unattached)
        parts.append(f"<p>Not validated, as no prison links to them: {_e(names)}.</p>")
    return _page("peergraph validation report", "\n".join(parts))


# ---------------------------------------------------------------------------------------------
# Scorecard


@dataclass
class Scorecard:
    """Sites by requirements; each cell "met", "not met", "not evidenced", "advice" or "n/a"."""

    requirements: tuple[str, ...]
    rows: list[tuple[Node, dict[str, str]]]
    titles: dict[str, str]
    summary: str

    @classmethod
    def from_report(cls, report: Report) -> Scorecard:
        rows = [
            (site.site, {req: site.status(req) for req in REQUIREMENTS}) for site in report.sites
        ]
        titles = {req: report.requirement_title(req) for req in REQUIREMENTS}
        return cls(REQUIREMENTS, rows, titles, summary_line(report))

    def cell(self, site_iri: str, requirement: str) -> str:
        for node, cells in self.rows:
            if node.iri == site_iri:
                return cells[requirement]
        raise KeyError(site_iri)

    def render(self, fmt: str = "text") -> str:
        renderers = {"text": self._text, "csv": self._csv, "html": self._html}
        try:
            return renderers[fmt]()
        except KeyError:
            raise ValueError(
                f"unknown format {fmt!r}; expected one of {SCORECARD_FORMATS}"
            ) from None

    def _text(self) -> str:
        name_width = max([len("site")] + [len(node.label) for node, _ in self.rows])
        widths = [max(len(req), 3) for req in self.requirements]
        header = (
            "site".ljust(name_width)
            + "  "
            + " ".join(req.ljust(w) for req, w in zip(self.requirements, widths, strict=True))
        )
        lines = [header.rstrip(), "-" * len(header.rstrip())]
        for node, cells in self.rows:
            codes = " ".join(
                CELL_STATES[cells[req]].ljust(w)
                for req, w in zip(self.requirements, widths, strict=True)
            )
            lines.append((node.label.ljust(name_width) + "  " + codes).rstrip())
        legend = ", ".join(f"{code} {_CELL_WORDS[state]}" for state, code in CELL_STATES.items())
        lines += ["", f"Legend: {legend}.", f"Summary: {self.summary}"]
        return "\n".join(lines) + "\n"

    def _csv(self) -> str:
        header = [("site", "site_iri", *self.requirements)]
        rows = [
            (node.label, node.iri, *(_CELL_WORDS[cells[req]] for req in self.requirements))
            for node, cells in self.rows
        ]
        return _csv(header + rows)

    def _html(self) -> str:
        body = [
            "<h1>peergraph scorecard</h1>",
            f'<p class="summary">{_e(self.summary)}</p>',
            _scorecard_table(self),
        ]
        return _page("peergraph scorecard", "\n".join(body))


def _scorecard_table(card: Scorecard, *, link: bool = False) -> str:
    head = "".join(
        f'<th title="{_e(card.titles.get(req, req))}">{_e(req)}</th>' for req in card.requirements
    )
    rows = []
    for node, cells in card.rows:
        tds = "".join(
            f'<td class="cell {_css_state(cells[req])}" '
            f'title="{_e(req)}: {_e(_CELL_WORDS[cells[req]])}">{_e(_CELL_WORDS[cells[req]])}</td>'
            for req in card.requirements
        )
        name = f'<a href="#{_e(node.iri)}">{_e(node.label)}</a>' if link else _e(node.label)
        rows.append(f"<tr><th>{name}</th>{tds}</tr>")
    return f"<table><tr><th>site</th>{head}</tr>\n" + "\n".join(rows) + "</table>"


def _css_state(state: str) -> str:
    return {"not met": "not-met", "not evidenced": "not-evidenced", "n/a": "na"}.get(state, state)
