"""Strict mode: a data-quality Violation is bad input, reported at its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from peergraph.errors import InputError
from peergraph.rdfio import line_of
from peergraph.validation.model import Report, Result
from peergraph.validation.sites import SiteInput
from peergraph.validation.vocabulary import iri_forms

__all__ = ["raise_input_errors"]


def raise_input_errors(report: Report, data: SiteInput) -> None:
    bad = [r for r in report.results if r.requirement == "DQ" and r.severity == "Violation"]
    if not bad:
        return
    first = bad[0]
    path, line = _locate(first, data, _result_path(report, first))
    more = f" (and {len(bad) - 1} more data-quality problems)" if len(bad) > 1 else ""
    raise InputError(
        first.message + more,
        path=path,
        line=line,
        hint="fix the file, or run with --lenient to list it with the other results",
    )


def _result_path(report: Report, result: Result) -> URIRef | None:
    """The property the result is about (its ``sh:resultPath``, when that is one property), from
    the site's ``sh:ValidationReport``: a value stated twice in a block is found on its line."""
    for site in report.sites:
        if result not in site.results:
            continue
        graph = site.graph
        for node in graph.subjects(SH.focusNode, URIRef(result.focus.iri)):
            value = graph.value(node, SH.value)
            if str(graph.value(node, SH.sourceShape)) != result.shape:
                continue
            if result.value is not None and str(value) != result.value:
                continue
            path = graph.value(node, SH.resultPath)
            return path if isinstance(path, URIRef) else None
    return None


def _locate(
    result: Result, data: SiteInput, prop: URIRef | None = None
) -> tuple[Path | None, int | None]:
    """The file (and line, when it can be found) that states the offending value.

    The value may be an object of the focus node, a property it uses (an unknown or misplaced
    term is reported by the term), or a term written elsewhere, such as the misspelt type of a
    node the focus links to: the file that has the focus state it comes first, then one that
    writes the term at all, then one that describes the focus."""
    focus = URIRef(result.focus.iri)
    value: Any = None
    if result.value is not None:
        value = URIRef(result.value) if "://" in result.value else None
    elsewhere: tuple[Path, Graph] | None = None
    describing: tuple[Path, Graph] | None = None
    for path, graph in data.files:
        if (focus, None, None) in graph:
            if value is None or (focus, None, value) in graph or (focus, value, None) in graph:
                return path, _find_line(path, graph, focus, result, prop)
            describing = describing or (path, graph)
        if value is not None and ((None, None, value) in graph or (None, value, None) in graph):
            elsewhere = elsewhere or (path, graph)
    found = elsewhere or describing
    if found is None:
        return None, None
    return found[0], _find_line(found[0], found[1], focus, result, prop)


def _find_line(
    path: Path, graph: Graph, focus: URIRef, result: Result, prop: URIRef | None
) -> int | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    needles: list[str] = []
    if result.value is not None:
        if "://" in result.value:
            needles += iri_forms(graph, URIRef(result.value))
        else:
            needles += [f'"{result.value}"', f"'{result.value}'", f">{result.value}<"]
    start = 0
    for form in iri_forms(graph, focus):
        index = text.find(form)
        if index >= 0:
            start = index
            break
    if prop is not None and needles:
        found = _line_with_both(text, list(iri_forms(graph, prop)), needles, start)
        if found is not None:
            return found
    found = line_of(text, needles, start)
    if found is not None:
        return found
    return text.count("\n", 0, start) + 1 if start else None


def _line_with_both(text: str, firsts: list[str], seconds: list[str], start: int) -> int | None:
    """The 1-based line holding one of ``firsts`` and one of ``seconds``: the first such line
    from ``start`` on, else the first in the file."""
    offset = 0
    earlier: int | None = None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if any(f in line for f in firsts) and any(s in line for s in seconds):
            if offset + len(line) > start:
                return number
            earlier = earlier or number
        offset += len(line)
    return earlier
