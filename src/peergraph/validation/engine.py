"""Running a SHACL engine over one site's data graph: pySHACL over rdflib (the reference
engine), pySHACL over an embedded pyoxigraph store, or pyrudof (``validation.rudof``), in this
process or in worker processes. Their reports become results in ``validation.report_graph``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Variable

from peergraph.graph import load_reference_graph
from peergraph.validation.model import Node, Result
from peergraph.validation.report_graph import fill_message, report_graph_of, results_of
from peergraph.validation.shapes import load_shapes_graph

if TYPE_CHECKING:
    from rdflib.query import Result as QueryResult

    from peergraph.validation.sites import SiteGraph

__all__ = [
    "ENGINES",
    "PreparedQueryGraph",
    "fill_message",
    "report_graph_of",
    "results_of",
    "validate_in_processes",
    "validate_site",
]

from peergraph.validation.engine_names import (  # noqa: E402 (after __all__, as a re-export)
    DEFAULT_ENGINE,
    ENGINES,
)

_THIS = Variable("this")


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Any:
    # rdflib's SPARQL parser is imported here: the compiled engine never needs it, and it is a
    # tenth of a second of every validation's start.
    from rdflib.plugins.sparql import prepareQuery

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
    from rdflib.plugins.sparql.parserutils import CompValue

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
    return results_of(report_graph, shapes, graph, site), report_graph


def default_engine() -> str:
    """The engine ``validate`` runs unless told (engine_names.DEFAULT_ENGINE: the fastest with
    the reference engine's results, docs/performance.md)."""
    return DEFAULT_ENGINE


def check_engine(name: str) -> str:
    """``name`` if it is an engine that can run here, else an ``InputError`` saying why."""
    from peergraph.errors import InputError

    if name not in ENGINES:
        raise InputError(
            f"there is no validation engine {name!r}",
            hint=f"give --engine {' or '.join(ENGINES)}",
        )
    if name == "pyrudof":
        from peergraph.validation import rudof

        if not rudof.available():
            raise InputError(
                "the pyrudof engine is not installed",
                hint="pip install pyrudof, or give --engine pyshacl",
            )
    return name


def validate_with(
    engine: str, site_graph: SiteGraph, node: Node, shapes: Graph
) -> tuple[list[Result], Graph]:
    """One site's results and report, by the engine named."""
    if engine == "pyrudof":
        from peergraph.validation import rudof

        return rudof.validate_site(site_graph.graph, node, site_graph.own)
    if engine == "pyshacl-oxigraph":
        return validate_site_in_oxigraph(site_graph.graph, node, site_graph.own, shapes)
    return validate_site(site_graph.graph, node, shapes)


@functools.lru_cache(maxsize=1)
def _reference_ntriples() -> bytes:
    return load_reference_graph().serialize(format="nt", encoding="utf-8")


def validate_site_in_oxigraph(
    graph: Graph, site: Node, own: Graph, shapes: Graph
) -> tuple[list[Result], Graph]:
    """pyshacl over an embedded pyoxigraph store holding the reference data and the site's
    triples (``own``): the graph ``validate_site`` validates, with every SHACL-SPARQL query
    evaluated by Oxigraph instead of rdflib. Labels and messages are read from ``graph``."""
    import pyoxigraph
    import pyshacl

    _check_each_query_text_once()
    store = pyoxigraph.Store()
    store.bulk_load(
        _reference_ntriples() + own.serialize(format="nt", encoding="utf-8"),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
    )
    # pyshacl's type hints leave out the pyoxigraph.Store it accepts (pyshacl[oxigraph]).
    _conforms, report_graph, text = pyshacl.validate(
        store,  # type: ignore[arg-type]
        shacl_graph=shapes,
        inference="none",
        advanced=False,
    )
    if not isinstance(report_graph, Graph):
        raise RuntimeError(f"pyshacl could not validate: {text}")
    return results_of(report_graph, shapes, graph, site), report_graph


def validate_in_processes(
    sites: Sequence[SiteGraph], nodes: Sequence[Node], workers: int, engine: str = "pyshacl"
) -> Iterator[tuple[list[Result], Graph]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    payloads = [
        (site.own.serialize(format="nt", encoding="utf-8"), node, engine)
        for site, node in zip(sites, nodes, strict=True)
    ]
    # Yielded in the sites' order as each arrives, so that progress can be shown meanwhile.
    # Spawned, not forked: a fork of a process whose pyoxigraph or rudof threads are running
    # can deadlock in the child (measured: --jobs 2 after an in-process run hung).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for results, report_nt in pool.map(_validate_payload, payloads):
            report_graph = Graph()
            report_graph.parse(data=report_nt, format="nt")
            yield results, report_graph


def _validate_payload(payload: tuple[bytes, Node, str]) -> tuple[list[Result], bytes]:
    """In a worker process: one site's triples (N-Triples) -> its results and report."""
    site_nt, node, engine = payload
    own = Graph()
    own.parse(data=site_nt, format="nt")
    graph = PreparedQueryGraph()
    graph += load_reference_graph()
    graph += own
    if engine == "pyrudof":
        from peergraph.validation import rudof

        results, report_graph = rudof.validate_site(graph, node, own)
    elif engine == "pyshacl-oxigraph":
        results, report_graph = validate_site_in_oxigraph(graph, node, own, load_shapes_graph())
    else:
        results, report_graph = validate_site(graph, node, load_shapes_graph())
    return results, report_graph.serialize(format="nt", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
