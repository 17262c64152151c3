"""Small helpers shared by the renderers: CSV text, cells safe in a spreadsheet, HTML escaping."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from typing import Any

__all__ = ["csv_text", "escape", "spreadsheet_safe"]

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell that
# begins with one of these could run when the file is opened.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with a text that a spreadsheet would take for a formula prefixed with ``'``
    (which Excel and LibreOffice show as plain text); other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(
    rows: Iterable[Iterable[Any]],
    *,
    lineterminator: str = "\n",
    delimiter: str = ",",
    for_spreadsheets: bool = False,
) -> str:
    """RFC 4180 CSV of ``rows`` (``lineterminator="\\r\\n"`` where a standard asks for CRLF;
    ``delimiter="\\t"`` for TSV). ``for_spreadsheets``: every cell ``spreadsheet_safe``, for
    files people open in Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator, delimiter=delimiter)
    if for_spreadsheets:
        rows = ([spreadsheet_safe(cell) for cell in row] for row in rows)
    writer.writerows(rows)
    return buffer.getvalue()


def escape(text: str) -> str:
    """``text`` safe inside HTML text and attribute values."""
    return html.escape(text, quote=True)
