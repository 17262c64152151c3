"""Query answers: an aligned table, and the W3C SPARQL 1.1 results formats (JSON, CSV, TSV).

JSON and CSV are written by rdflib's own result serialisers; TSV is ours (rdflib has no TSV
writer). A CONSTRUCT/DESCRIBE graph is printed as Turtle (``table``), N-Triples (``csv``,
``tsv``) or JSON-LD (``json``).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peergraph.render import renderer
from peergraph.terms import short_form

if TYPE_CHECKING:
    from peergraph.query.engines import QueryOutcome

_GRAPH_FORMATS = {"table": "turtle", "csv": "nt", "tsv": "nt", "json": "json-ld"}


def _graph(result: QueryOutcome, fmt: str) -> str:
    from peergraph.graph import bind_namespaces

    assert result.graph is not None
    return bind_namespaces(result.graph).serialize(format=_GRAPH_FORMATS[fmt])


def _serialized(result: QueryOutcome, fmt: str) -> str:
    """A SELECT answer written by rdflib's serialiser for ``fmt`` (csv, json)."""
    from rdflib.query import Result as RdflibResult
    from rdflib.term import Variable

    out = RdflibResult("SELECT")
    out.vars = [Variable(v) for v in result.vars]
    out.bindings = [
        {Variable(v): t for v, t in zip(result.vars, row, strict=True) if t is not None}  # type: ignore[misc]
        for row in result.rows
    ]
    data: Any = out.serialize(format=fmt)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


@renderer("query", "table")
def _to_table(result: QueryOutcome) -> str:
    if result.kind == "graph":
        return _graph(result, "table")
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    return table_text(result)


@renderer("query", "csv")
def _to_csv(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results CSV Format: RFC 4180, CRLF line ends, IRIs and literals
    as their plain text (no datatype or language), blank nodes as ``_:label``."""
    if result.kind == "graph":
        return _graph(result, "csv")
    if result.kind == "ask":
        # CSV/TSV have no boolean form in the W3C notes; one column named after the form.
        return f"ask\r\n{str(bool(result.boolean)).lower()}\r\n"
    return _serialized(result, "csv")


@renderer("query", "json")
def _to_json(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "graph":
        return _graph(result, "json")
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    doc = json.loads(_serialized(result, "json"))
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@renderer("query", "tsv")
def _to_tsv(result: QueryOutcome) -> str:
    """W3C SPARQL 1.1 Query Results TSV Format: ``?var`` headers, terms in N-Triples syntax."""
    from peergraph.query.sparql import nt_term

    if result.kind == "graph":
        return _graph(result, "tsv")
    if result.kind == "ask":
        return f"?ask\r\n{str(bool(result.boolean)).lower()}\r\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines.extend("\t".join(nt_term(v) for v in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def table_text(result: QueryOutcome, max_width: int | None = None) -> str:
    """An aligned text table. On a terminal, long cells wrap at word boundaries so that the
    table fits its width; piped or redirected output keeps one line per row."""
    headers = list(result.vars)
    cells = [[short_form(v) for v in row] for row in result.rows]
    if not headers:
        return "(no columns)\n"
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if max_width is None and sys.stdout.isatty():
        max_width = shutil.get_terminal_size((120, 24)).columns
    if max_width is not None:
        # A column never gets narrower than its longest word (IRIs stay whole) nor than 12.
        floors = [
            max([12, len(h)] + [len(word) for r in cells for word in r[i].split()])
            for i, h in enumerate(headers)
        ]
        while sum(widths) + 2 * (len(widths) - 1) > max_width:
            slack = [w - f for w, f in zip(widths, floors, strict=True)]
            widest = max(range(len(widths)), key=lambda i: slack[i])
            if slack[widest] <= 0:
                break
            widths[widest] -= 1
    lines = [_table_line(headers, widths), "  ".join("-" * w for w in widths)]
    for row in cells:
        wrapped = [
            textwrap.wrap(c, w, break_long_words=False, break_on_hyphens=False) or [""]
            for c, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(w) for w in wrapped)):
            lines.append(_table_line([w[i] if i < len(w) else "" for w in wrapped], widths))
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def _table_line(values: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
