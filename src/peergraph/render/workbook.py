"""The validation report and the scorecard as an Excel workbook (``xlsx``, written with openpyxl).

One workbook for both: the scorecard, the results, what to do next, and where the report comes
from (date, peergraph version, input files with SHA-256), one sheet each, with the header row
frozen, filters and column widths. ``--format xlsx`` of ``validate`` opens on the results, of
``scorecard`` on the scorecard. Every text is written as text, never as a formula, so a label
such as ``=HYPERLINK(...)`` cannot run when the workbook is opened.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peergraph.render import renderer
from peergraph.render.report import CSV_COLUMNS, result_row
from peergraph.validation.model import CELL_MEANINGS, CELL_STATES, CELL_WORDS, SEVERITY_MEANINGS

if TYPE_CHECKING:
    from peergraph.validation.model import Report, Scorecard

__all__ = ["SHEETS", "workbook"]

# The sheets, in order.
SHEETS = ("Scorecard", "Results", "What to do next", "About")

# Cell fills (the HTML page's colours), by cell state and severity.
_FILLS = {
    "not met": "FDE2E1",
    "not evidenced": "FFF4CE",
    "advice": "E3F0FB",
    "met": "DFF3E3",
    "Violation": "FDE2E1",
    "Warning": "FFF4CE",
    "Info": "E3F0FB",
}


@renderer("report", "xlsx", binary=True)
def _report_xlsx(report: Report) -> bytes:
    return workbook(report.scorecard(), active="Results")


@renderer("scorecard", "xlsx", binary=True)
def _scorecard_xlsx(card: Scorecard) -> bytes:
    return workbook(card, active="Scorecard")


def workbook(card: Scorecard, *, active: str = "Scorecard") -> bytes:
    """The workbook of ``card`` (and of its report, when it has one), opening on ``active``."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    report = card.report
    _scorecard_sheet(book, card)
    if report is not None:
        _results_sheet(book, report)
        _next_steps_sheet(book, report)
    _about_sheet(book, card)
    if report is not None:
        # The workbook's own dates are the report's, so that one report gives one workbook.
        created = report.created.replace(tzinfo=None)
        book.properties.created = book.properties.modified = created
    book.properties.creator = "peergraph"
    if active in book.sheetnames:
        book.active = book.sheetnames.index(active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _scorecard_sheet(book: Any, card: Scorecard) -> None:
    sheet = book.create_sheet("Scorecard")
    header = ["site", "site IRI", *(f"{r}: {card.titles.get(r, r)}" for r in card.requirements)]
    rows = [
        [node.label, node.iri, *(CELL_WORDS[cells[r]] for r in card.requirements)]
        for node, cells in card.rows
    ]
    _table(sheet, header, rows, widths=[24, 16, *([16] * len(card.requirements))], freeze="B2")
    for row_cells, (_node, cells) in zip(sheet.iter_rows(min_row=2), card.rows, strict=True):
        for cell, requirement in zip(row_cells[2:], card.requirements, strict=True):
            _fill(cell, cells[requirement])


def _results_sheet(book: Any, report: Report) -> None:
    sheet = book.create_sheet("Results")
    rows = [list(result_row(report, r)) for r in report.results]
    widths = [22, 11, 10, 30, 70, 28, 30, 30, 30, 30, 60]
    _table(sheet, list(CSV_COLUMNS), rows, widths=widths, freeze="A2", wrap={5, 11})
    for row_cells in sheet.iter_rows(min_row=2):
        _fill(row_cells[2], str(row_cells[2].value))


def _next_steps_sheet(book: Any, report: Report) -> None:
    sheet = book.create_sheet("What to do next")
    header = ["site", "requirement", "title", "state", "what to do"]
    rows = [
        [step.site.label, step.requirement, step.title, step.state, step.text()]
        for step in report.next_steps()
    ]
    _table(sheet, header, rows, widths=[22, 11, 40, 14, 90], freeze="A2", wrap={3, 5})
    for row_cells in sheet.iter_rows(min_row=2):
        _fill(row_cells[3], str(row_cells[3].value))


def _about_sheet(book: Any, card: Scorecard) -> None:
    from peergraph import version

    sheet = book.create_sheet("About")
    report = card.report
    rows: list[list[str]] = [["peergraph version", version()], ["summary", card.summary]]
    if report is not None:
        rows.append(["made on", report.created.strftime("%Y-%m-%d %H:%M UTC")])
    rows += [[f"cell: {CELL_WORDS[s]}", CELL_MEANINGS[s]] for s in CELL_STATES]
    rows += [[f"severity: {s}", meaning] for s, meaning in SEVERITY_MEANINGS.items()]
    if report is not None:
        rows += [
            [f"input file: {f.path}", f.sha256 or "could not be read again"] for f in report.inputs
        ]
    _table(sheet, ["what", "value (input files: SHA-256)"], rows, widths=[40, 90], freeze="A2")


def _table(
    sheet: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[int],
    freeze: str,
    wrap: set[int] | None = None,
) -> None:
    """``header`` and ``rows`` from A1, every text a text cell; header bold and frozen (with
    the columns left of ``freeze``), a filter on every column, the column widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrapped = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            if r == 1:
                cell.font = Font(bold=True)
                cell.alignment = wrapped
            elif wrap and c in wrap:
                cell.alignment = wrapped
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = freeze
    last = f"{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    sheet.auto_filter.ref = f"A1:{last}"


def _fill(cell: Any, key: str) -> None:
    from openpyxl.styles import PatternFill

    colour = _FILLS.get(key)
    if colour is not None:
        cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
