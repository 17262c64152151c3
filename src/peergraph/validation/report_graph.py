"""An engine's SHACL validation report mapped to peergraph's results: each result traced back to
what its shape encodes (the requirement id, ``skos:notation``, and source, ``dcterms:source``, of
the shape or of the node shape that holds it), its message template filled with labels
(``fill_message``). Every engine's report goes through ``results_of``, so that engines can differ
only in what they find; ``report_graph_of`` builds the standard report from an engine's raw
results where the engine gives none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SH, SKOS

from peergraph.terms import label
from peergraph.validation.model import Node, Result
from peergraph.validation.vocabulary import did_you_mean

__all__ = ["RawResult", "fill_message", "report_graph_of", "results_of"]


def results_of(report_graph: Graph, shapes: Graph, data: Graph, site: Node) -> list[Result]:
    """The results of an engine's ``sh:ValidationReport`` (annotated in place with what each
    shape encodes, its message templates filled): the one mapping every engine's results go
    through, so that engines can differ only in what they find."""
    _annotate_results(report_graph, shapes, data)
    return _results(report_graph, shapes, data, site)


RawResult = tuple[Any, Any, str, str | None, Any, Any]
"""(focus node, source shape, severity name, message, value or None, result path or None)."""


def report_graph_of(raw: Sequence[RawResult], shapes: Graph, data: Graph) -> Graph:
    """An ``sh:ValidationReport`` in SHACL's terms from an engine's results: focus node, source
    shape, severity, message, value, and the result path (the engine's where it names a
    property, else the shape's ``sh:path``, copied with its structure)."""
    from rdflib import BNode, Graph, URIRef

    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(not raw)))
    for focus, shape, severity, message, value, path in raw:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, focus))
        report.add((result, SH.sourceShape, shape))
        report.add((result, SH.resultSeverity, SH[severity]))
        if message is not None:
            report.add((result, SH.resultMessage, Literal(message)))
        if value is not None:
            report.add((result, SH.value, value))
        if isinstance(path, URIRef):
            report.add((result, SH.resultPath, path))
        else:
            shape_path = shapes.value(shape, SH.path)
            if shape_path is not None:
                report.add((result, SH.resultPath, _copy_node(shapes, shape_path, report)))
    return report


def _copy_node(source: Graph, node: Any, target: Graph) -> Any:
    """``node`` in ``target``: an IRI as it is, a blank node (a path's list, an inverse path)
    with everything it holds, copied."""
    from rdflib import BNode

    if not isinstance(node, BNode):
        return node
    copy = BNode()
    for predicate, obj in source.predicate_objects(node):
        target.add((copy, predicate, _copy_node(source, obj, target)))
    return copy


def _results(report_graph: Graph, shapes: Graph, data: Graph, site: Node) -> list[Result]:
    results: dict[tuple[str, str, str | None, str], Result] = {}
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        shape = report_graph.value(node, SH.sourceShape)
        focus = report_graph.value(node, SH.focusNode)
        severity = report_graph.value(node, SH.resultSeverity)
        message = report_graph.value(node, SH.resultMessage)
        value = report_graph.value(node, SH.value)
        if value == focus:  # SHACL-SPARQL reports the focus node as the value when none is named
            value = None
        owner = _owning_shape(shapes, shape)
        notation = shapes.value(owner, SKOS.notation)
        source = shapes.value(owner, DCTERMS.source)
        severity_name = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        result = Result(
            site=site,
            requirement=str(notation) if notation is not None else "DQ",
            severity=severity_name,
            focus=Node(label=label(data, focus), iri=str(focus)),
            message=str(message) if message is not None else f"{shape} failed",
            shape=str(shape),
            source=str(source) if source is not None else None,
            value=str(value) if value is not None else None,
        )
        # An engine may repeat a result (e.g. a node with two labels): keep one.
        results.setdefault((result.shape, result.focus.iri, result.value, result.message), result)
    return sorted(results.values(), key=Result.sort_key)


def _owning_shape(shapes: Graph, shape: Any) -> Any:
    """The shape that names the requirement: ``shape`` itself, or for a property shape without
    a ``skos:notation`` of its own, the node shape that holds it (``sh:property``)."""
    seen = {shape}
    while shapes.value(shape, SKOS.notation) is None:
        parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.node, shape)
        if parent is None or parent in seen:
            break
        seen.add(parent)
        shape = parent
    return shape


_TEMPLATE = re.compile(r"\{[$?](this|value|nearest)\}")


def fill_message(template: str, data: Graph, focus: Any, value: Any) -> str:
    """A shape's message with ``{$this}`` and ``{$value}`` (or ``{?this}``, ``{?value}``)
    replaced by the labels of the focus node and the value node, and ``{?nearest}`` by the
    known term nearest to the value (" (did you mean pg:externallyAccredited?)", or nothing).

    SHACL defines such substitution only for SPARQL-based constraints; core constraints
    (sh:minCount, sh:in, sh:hasValue...) would otherwise have to give up naming the site, wing
    or role their message is about. Filling them here, for every engine alike, keeps the shapes
    in core SHACL and the messages as specific as before. ``{?nearest}`` is what a data-quality
    query leaves unbound because SPARQL cannot rank spellings (shapes/data-quality.ttl).
    """

    def substitute(match: re.Match[str]) -> str:
        if match[1] == "nearest":
            return did_you_mean(data, value, focus)
        node = focus if match[1] == "this" else value
        return label(data, node) if node is not None else match[0]

    return _TEMPLATE.sub(substitute, template)


def _annotate_results(report_graph: Graph, shapes: Graph, data: Graph) -> None:
    """Give each result what its shape encodes (dcterms:source: study:R2a, pg:D-a...) and the
    requirement id (skos:notation), so the standard report traces back to the source; and
    fill the message templates of core constraints (``fill_message``)."""
    for node in list(report_graph.subjects(RDF.type, SH.ValidationResult)):
        shape = report_graph.value(node, SH.sourceShape)
        owner = _owning_shape(shapes, shape)
        for predicate in (DCTERMS.source, SKOS.notation):
            value = shapes.value(owner, predicate)
            if value is not None:
                report_graph.add((node, predicate, value))
        focus = report_graph.value(node, SH.focusNode)
        value_node = report_graph.value(node, SH.value)
        for message in list(report_graph.objects(node, SH.resultMessage)):
            filled = fill_message(str(message), data, focus, value_node)
            if filled != str(message):
                report_graph.remove((node, SH.resultMessage, message))
                lang = message.language if isinstance(message, Literal) else None
                report_graph.add((node, SH.resultMessage, Literal(filled, lang=lang)))
