"""Strict mode: a data-quality Violation is bad input, reported at its file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from peergraph.errors import InputError
from peergraph.rdfio import line_of
from peergraph.validation.model import Report, Result
from peergraph.validation.sites import SiteInput

__all__ = ["raise_input_errors"]


def raise_input_errors(report: Report, data: SiteInput) -> None:
    bad = [r for r in report.results if r.requirement == "DQ" and r.severity == "Violation"]
    if not bad:
        return
    first = bad[0]
    path, line = _locate(first, data)
    more = f" (and {len(bad) - 1} more data-quality problems)" if len(bad) > 1 else ""
    raise InputError(
        first.message + more,
        path=path,
        line=line,
        hint="fix the file, or run with --lenient to list it with the other results",
    )


def _locate(result: Result, data: SiteInput) -> tuple[Path | None, int | None]:
    """The file (and line, when it can be found) that states the offending value."""
    focus = URIRef(result.focus.iri)
    value: Any = None
    if result.value is not None:
        value = URIRef(result.value) if "://" in result.value else None
    for path, graph in data.files:
        if (focus, None, None) not in graph:
            continue
        if value is not None and (focus, None, value) not in graph:
            continue
        return path, _find_line(path, graph, focus, result)
    return None, None


def _find_line(path: Path, graph: Graph, focus: URIRef, result: Result) -> int | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    needles: list[str] = []
    if result.value is not None:
        if "://" in result.value:
            needles += _iri_forms(graph, URIRef(result.value))
        else:
            needles += [f'"{result.value}"', f"'{result.value}'", f">{result.value}<"]
    start = 0
    for form in _iri_forms(graph, focus):
        index = text.find(form)
        if index >= 0:
            start = index
            break
    found = line_of(text, needles, start)
    if found is not None:
        return found
    return text.count("\n", 0, start) + 1 if start else None


def _iri_forms(graph: Graph, iri: URIRef) -> Iterator[str]:
    try:
        qname = graph.namespace_manager.normalizeUri(iri)
    except Exception:
        qname = ""
    if qname and not qname.startswith("<"):
        yield qname
    yield f"<{iri}>"
    yield f'"{iri}"'
