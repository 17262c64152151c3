"""Running the SHACL engine over one site's data graph, and mapping its report to results.

pyshacl is the engine. Each result is traced back to what its shape encodes: the requirement
id (``skos:notation``) and source (``dcterms:source``) of the shape, or of the node shape that
holds it, and its message template filled with labels (``fill_message``).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, Variable
from rdflib.namespace import DCTERMS, RDF, SH, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from peergraph.graph import load_reference_graph
from peergraph.terms import label
from peergraph.validation.model import Node, Result
from peergraph.validation.shapes import load_shapes_graph
from peergraph.validation.vocabulary import did_you_mean

if TYPE_CHECKING:
    from rdflib.query import Result as QueryResult

    from peergraph.validation.sites import SiteGraph

__all__ = [
    "PreparedQueryGraph",
    "fill_message",
    "validate_in_processes",
    "validate_site",
]


_THIS = Variable("this")


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Any:
    query = prepareQuery(text)
    _match_the_focus_node_first(query.algebra)
    return query


def _match_the_focus_node_first(node: Any) -> None:
    """Order each basic graph pattern's triples so that those of the focus node come first.

    pyshacl binds ``$this`` to the focus node for every run of a SHACL-SPARQL query, but rdflib
    orders a pattern's triples when it parses the query, not knowing that: ``$this ?p ?node .
    ?node a ?type`` would match every typed node of the graph first, then look for the focus
    node's links among them. Matching from the focus node, then from what its triples bind,
    gives the same solutions (a pattern's order does not change them) and reads a handful of
    triples instead; an engine that binds ``$this`` before planning (pyrudof) needs nothing."""
    if isinstance(node, CompValue):
        if node.name == "BGP" and node.get("triples"):
            node["triples"] = _from_the_focus_node(node["triples"])
        for value in node.values():
            _match_the_focus_node_first(value)
    elif isinstance(node, list | tuple):
        for item in node:
            _match_the_focus_node_first(item)


def _from_the_focus_node(triples: list[Any]) -> list[Any]:
    known = {_THIS}
    pending = list(triples)
    ordered = []
    while pending:
        # The first triple (in rdflib's order) that shares a variable already bound.
        best = next((t for t in pending if known & set(t)), pending[0])
        pending.remove(best)
        ordered.append(best)
        known |= {term for term in best if isinstance(term, Variable)}
    return ordered


class PreparedQueryGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl runs every SHACL-SPARQL constraint once per focus node, passing the query as text;
    rdflib would parse it again each time (~15 ms a query, most of a site's validation time).
    Query texts that carry their own PREFIX declarations (pyshacl's do) are prepared once and
    reused; anything else goes to rdflib unchanged.
    """

    def query(  # type: ignore[override]
        self,
        query_object: Any,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Any = None,  # noqa: N803 (rdflib's names)
        initBindings: Any = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> QueryResult:
        if isinstance(query_object, str) and processor == "sparql" and not initNs:
            # On a parse error, let rdflib parse it (with the graph's prefixes) and complain.
            with contextlib.suppress(Exception):
                query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@functools.cache
def _check_each_query_text_once() -> None:
    """pyshacl checks a SHACL-SPARQL query's text with regular expressions (no MINUS, VALUES,
    SERVICE, no re-bound $this) before every run, that is once per focus node, and the
    expressions backtrack over the whole text: a tenth of a site's validation time. The verdict
    depends on the text alone, so a text that passed is not checked again (one that fails
    still raises every time)."""
    from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper

    check = SPARQLQueryHelper.check_invalid_sparql
    passed: set[tuple[str, bool, frozenset[str]]] = set()

    def check_once(
        self: SPARQLQueryHelper,
        sparql_text: str,
        valuenode: Any = None,
        extravars: Any = None,
    ) -> bool:
        key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key not in passed:
            check(self, sparql_text, valuenode=valuenode, extravars=extravars)
            passed.add(key)
        return True

    SPARQLQueryHelper.check_invalid_sparql = check_once  # type: ignore[method-assign]


def validate_site(graph: Graph, site: Node, shapes: Graph) -> tuple[list[Result], Graph]:
    """Run pyshacl over one site's data graph: its results and its sh:ValidationReport."""
    import pyshacl

    _check_each_query_text_once()

    _conforms, report_graph, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=False, inplace=True
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shape as text
        raise RuntimeError(f"pyshacl could not validate: {text}")
    _annotate_results(report_graph, shapes, graph)
    return _results(report_graph, shapes, graph, site), report_graph


def validate_in_processes(
    sites: Sequence[SiteGraph], nodes: Sequence[Node], workers: int
) -> Iterator[tuple[list[Result], Graph]]:
    from concurrent.futures import ProcessPoolExecutor

    payloads = [
        (site.own.serialize(format="nt", encoding="utf-8"), node)
        for site, node in zip(sites, nodes, strict=True)
    ]
    # Yielded in the sites' order as each arrives, so that progress can be shown meanwhile.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for results, report_nt in pool.map(_validate_payload, payloads):
            report_graph = Graph()
            report_graph.parse(data=report_nt, format="nt")
            yield results, report_graph


def _validate_payload(payload: tuple[bytes, Node]) -> tuple[list[Result], bytes]:
    """In a worker process: one site's triples (N-Triples) -> its results and report."""
    site_nt, node = payload
    graph = PreparedQueryGraph()
    graph += load_reference_graph()
    graph.parse(data=site_nt, format="nt")
    results, report_graph = validate_site(graph, node, load_shapes_graph())
    return results, report_graph.serialize(format="nt", encoding="utf-8")


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


# ---------------------------------------------------------------------------------------------
