"""Validating the sites a SPARQL endpoint holds: ``peergraph validate --endpoint URL``.

**At the endpoint.** Where the endpoint holds peergraph's reference data beside the sites, each
compiled constraint (``validation.compiled``: one SELECT over every site) runs there, and only
its results come back, with what the report needs to name things: each site's links, types and
labels (every triple whose object is no literal, and the labels), and the whole description of
each node a result is about. The site split, the messages' did-you-means and the report are then
made here, by the same code as for files, so the report is the same as local validation's.

The reference data is found where ``peergraph push`` or ``peergraph serve`` put it: in the graph
the sites are in (``--graph IRI``, or the default graph, as ``serve`` holds the bundled graph),
or in the named graphs ``push`` writes (then each query reads the sites' graph and those
through ``FROM``). It counts when its ontologies have this peergraph's version.

**Here.** Otherwise the endpoint's triples are read with one CONSTRUCT and validated here exactly
as the same triples read from files are, and ``notice`` is told why. So are sites the checks at
the endpoint could not report exactly: blank nodes among a site's things (a blank node's label
names it within one response only, so a result about one cannot be matched with the site), and
role variants (Purple Band...), which peergraph's site rule completes before the checks run.

What the store must support: SPARQL 1.1 Query over the SPARQL 1.1 Protocol (POST,
form-encoded), SELECT answered as SPARQL JSON results and CONSTRUCT as Turtle, ``FROM`` and
``GRAPH``, property paths, subqueries and ``REGEX``. Nothing is written to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.validation.model import Report

if TYPE_CHECKING:
    from rdflib import Graph

    from peergraph.query.remote import RemoteEndpoint

__all__ = ["fetch_graph", "validate_endpoint"]

# Nodes named in one VALUES block when fetching their descriptions.
_NODES_PER_REQUEST = 200


def _construct(graph: str | None) -> str:
    if graph is None:
        return "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"


def _check_graph_iri(graph: str) -> None:
    """Refuse what cannot be written between ``<`` and ``>`` in the query (so that the IRI
    cannot change the query) or has no scheme."""
    if any(c in graph for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in graph):
        raise InputError(
            f"--graph {graph!r} is not an IRI",
            hint="give the named graph's full IRI, e.g. https://example.org/sites",
        )
    if ":" not in graph:
        raise InputError(
            f"--graph {graph!r} is not a full IRI (it has no scheme)",
            hint="give the named graph's full IRI, e.g. https://example.org/sites",
        )


def _endpoint(url: str, timeout: float | None) -> RemoteEndpoint:
    from peergraph.query.remote import DEFAULT_TIMEOUT, RemoteEndpoint

    return RemoteEndpoint(url, timeout=timeout or DEFAULT_TIMEOUT)


def _no_triples(endpoint: RemoteEndpoint, graph: str | None) -> InputError:
    where = f"the graph <{graph}> of " if graph is not None else ""
    return InputError(
        f"{where}the SPARQL endpoint {endpoint.shown} holds no triples",
        hint="load the site graphs into it first, or name the graph that holds them (--graph IRI)",
    )


def fetch_graph(url: str, *, graph: str | None = None, timeout: float | None = None) -> Graph:
    """The endpoint's triples (or those of the named graph ``graph``), as an rdflib Graph."""
    if graph is not None:
        _check_graph_iri(graph)
    endpoint = _endpoint(url, timeout)
    fetched = endpoint.query(_construct(graph)).constructed()
    if len(fetched) == 0:
        raise _no_triples(endpoint, graph)
    return fetched


def validate_endpoint(
    url: str,
    *,
    graph: str | None = None,
    strict: bool = False,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    engine: str | None = None,
    timeout: float | None = None,
    notice: Callable[[str], None] | None = None,
) -> Report:
    """Validate the sites the endpoint ``url`` holds (in its default graph, or in ``graph``):
    the same report as ``validate`` gives for the same triples in files. The checks run at the
    endpoint where they can (see the module; the default engine only), else here; ``notice``
    is told which, and why."""
    from peergraph.validation.engine import check_engine, default_engine
    from peergraph.validation.run import validate_input
    from peergraph.validation.sites import read_input

    engine = check_engine(engine or default_engine())
    if graph is not None:
        _check_graph_iri(graph)
    endpoint = _endpoint(url, timeout)
    if engine == "sparql":
        at_endpoint = _validate_at_endpoint(endpoint, graph, strict, progress)
        if isinstance(at_endpoint, Report):
            if notice is not None:
                notice(f"checked at the endpoint {endpoint.shown}")
            return at_endpoint
        if notice is not None:
            notice(f"checking here, not at the endpoint {endpoint.shown}: {at_endpoint}")
    elif notice is not None:
        why = f"the {engine} engine runs here"
        notice(f"checking here, not at the endpoint {endpoint.shown}: {why}")
    data = read_input(fetch_graph(url, graph=graph, timeout=timeout))
    return validate_input(data, strict=strict, jobs=jobs, progress=progress, engine=engine)


# ---------------------------------------------------------------------------------------------
# The checks at the endpoint


@dataclass(frozen=True)
class _Dataset:
    """The graphs a compiled query reads at the endpoint: its ``FROM`` clauses (none: the
    endpoint's default graph, which then holds the sites and the reference data)."""

    graphs: tuple[str, ...]


def _validate_at_endpoint(
    endpoint: RemoteEndpoint,
    graph: str | None,
    strict: bool,
    progress: Callable[[int, int, str], None] | None,
) -> Report | str:
    """The report, from the checks run at the endpoint; or why they cannot run there."""
    from peergraph.validation.compiled import compile_shapes, violations_of, with_dataset
    from peergraph.validation.shapes import load_shapes_graph
    from peergraph.validation.sites import read_input, split_sites

    sites_clause = f"FROM <{graph}>" if graph is not None else ""
    if not endpoint.query(f"ASK {sites_clause} {{ ?s ?p ?o }}").boolean:
        raise _no_triples(endpoint, graph)
    dataset = _reference_dataset(endpoint, graph)
    if isinstance(dataset, str):
        return dataset
    skeleton = endpoint.query(
        f"CONSTRUCT {{ ?s ?p ?o }} {sites_clause} WHERE {{ ?s ?p ?o . "
        "FILTER (!isLiteral(?o) || ?p IN (<http://www.w3.org/2000/01/rdf-schema#label>, "
        "<http://www.w3.org/2004/02/skos/core#prefLabel>)) }"
    ).constructed()
    # The site rule reads links only, so the skeleton tells whether it would add anything.
    data = read_input(skeleton)
    if len(data.graph) != len(skeleton):
        return "the sites name role variants, which peergraph's site rule completes first"
    sites, _unattached = split_sites(data, copy_reference=False)
    if any(_is_blank(node) for site in sites for node in site.nodes):
        return "a site's things include blank nodes, which a result cannot name across requests"

    shapes = load_shapes_graph()
    constraints = compile_shapes(shapes)

    def run(constraint: Any) -> Any:
        outcome = endpoint.query(with_dataset(constraint.query, dataset.graphs))
        return violations_of(constraint, outcome.records())

    # Two at a time, as locally: the store may answer them on two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(run, constraints))
    # What the report names: each result's focus node and value, described whole.
    named = {
        term
        for by_focus in found
        for raw in by_focus.values()
        for result in raw
        for term in (result[0], result[4])  # the focus node, the value
    }
    _describe(endpoint, sites_clause, sorted(n for n in named if _is_iri(n)), skeleton)

    from peergraph.validation.run import validate_input

    return validate_input(data, strict=strict, progress=progress, engine="sparql", found=found)


def _reference_dataset(endpoint: RemoteEndpoint, graph: str | None) -> _Dataset | str:
    """Where the endpoint holds this peergraph's reference data beside the sites, or why not."""
    from peergraph.publish.release import release_version

    ontologies = _ontology_versions()
    # The version the Turtle states (as `serve` holds it), or the release's (as `push` stamps it).
    versions = sorted(
        {(iri, v) for iri, v in ontologies.items()}
        | {(iri, release_version()) for iri in ontologies}
    )
    wanted = " ".join(f"(<{iri}> {_literal(v)})" for iri, v in versions)

    def holds(clauses: str) -> bool:
        text = (
            f"SELECT (COUNT(DISTINCT ?o) AS ?n) {clauses} WHERE {{ VALUES (?o ?v) {{ {wanted} }} "
            "?o <http://www.w3.org/2002/07/owl#versionInfo> ?version . "
            "FILTER (STR(?version) = ?v) }"
        )
        rows = endpoint.query(text).rows
        return bool(rows) and rows[0][0] is not None and int(str(rows[0][0])) == len(ontologies)

    if graph is None:
        if holds(""):
            return _Dataset(())
        return (
            "its default graph does not hold this peergraph's reference data (the ontology, "
            f"version {_version_text(ontologies)})"
        )
    if holds(f"FROM <{graph}>"):
        return _Dataset((graph,))
    pushed = tuple(sorted(_pushed_reference_graphs()))
    if holds("".join(f" FROM <{g}>" for g in pushed)):
        return _Dataset((graph, *pushed))
    return (
        f"neither <{graph}> nor the named graphs `peergraph push` writes hold this peergraph's "
        f"reference data (the ontology, version {_version_text(ontologies)})"
    )


def _describe(
    endpoint: RemoteEndpoint, sites_clause: str, nodes: Sequence[Any], into: Graph
) -> None:
    """Add every triple of ``nodes`` (as subjects) in the sites' graph to ``into``."""
    for start in range(0, len(nodes), _NODES_PER_REQUEST):
        batch = " ".join(f"<{n}>" for n in nodes[start : start + _NODES_PER_REQUEST])
        text = (
            f"CONSTRUCT {{ ?s ?p ?o }} {sites_clause} WHERE {{ VALUES ?s {{ {batch} }} ?s ?p ?o }}"
        )
        into += endpoint.query(text).constructed()


def _ontology_versions() -> dict[str, str]:
    """This peergraph's ontologies and their ``owl:versionInfo``."""
    from rdflib import OWL, RDF, URIRef

    from peergraph.graph import load_reference_graph

    reference = load_reference_graph()
    return {
        str(o): str(reference.value(o, OWL.versionInfo))
        for o in reference.subjects(RDF.type, OWL.Ontology)
        if isinstance(o, URIRef) and reference.value(o, OWL.versionInfo) is not None
    }


def _pushed_reference_graphs() -> list[str]:
    """The named graphs ``peergraph push`` writes the reference data to (the ontology's parts,
    the study's facts, what the rules derive): the reference graph's parts of the release."""
    from peergraph.publish.release import reference_part_names
    from peergraph.vocab import GRAPH_IRI

    return [f"{GRAPH_IRI}/{name}" for name in reference_part_names()]


def _version_text(ontologies: dict[str, str]) -> str:
    return " and ".join(sorted(set(ontologies.values()))) or "unknown"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _is_blank(node: Any) -> bool:
    from rdflib import BNode

    return isinstance(node, BNode)


def _is_iri(node: Any) -> bool:
    from rdflib import URIRef

    return isinstance(node, URIRef)
