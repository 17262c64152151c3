"""Small helpers shared by the renderers: CSV text and HTML escaping."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from typing import Any

__all__ = ["csv_text", "escape"]


def csv_text(
    rows: Iterable[Iterable[Any]], *, lineterminator: str = "\n", delimiter: str = ","
) -> str:
    """RFC 4180 CSV of ``rows`` (``lineterminator="\\r\\n"`` where a standard asks for CRLF;
    ``delimiter="\\t"`` for TSV)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=lineterminator, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def escape(text: str) -> str:
    """``text`` safe inside HTML text and attribute values."""
    return html.escape(text, quote=True)
