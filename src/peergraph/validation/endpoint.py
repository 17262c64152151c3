"""Validating the sites a SPARQL endpoint holds: ``peergraph validate --endpoint URL``.

The endpoint's triples (its default graph, or one named graph) are read with one CONSTRUCT
query through ``peergraph.query.remote`` and validated here exactly as the same triples read
from files are: the same site split, engine and report. What the endpoint must support:
SPARQL 1.1 Query over the Protocol (POST, ``application/x-www-form-urlencoded``), answering a
CONSTRUCT with Turtle; ``GRAPH`` for ``--graph``. Nothing is written to it.

The checks run here, not at the endpoint: several shapes are SHACL-SPARQL whose messages are
completed in Python (``fill_message``), and the site split stops at the reference data, which
this process holds; a store answering one CONSTRUCT is all it takes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from peergraph.errors import InputError
from peergraph.validation.model import Report

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["fetch_graph", "validate_endpoint"]


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


def fetch_graph(url: str, *, graph: str | None = None, timeout: float | None = None) -> Graph:
    """The endpoint's triples (or those of the named graph ``graph``), as an rdflib Graph."""
    from peergraph.query.remote import DEFAULT_TIMEOUT, RemoteEndpoint

    if graph is not None:
        _check_graph_iri(graph)
    endpoint = RemoteEndpoint(url, timeout=timeout or DEFAULT_TIMEOUT)
    fetched = endpoint.query(_construct(graph)).constructed()
    if len(fetched) == 0:
        where = f"the graph <{graph}> of " if graph is not None else ""
        raise InputError(
            f"{where}the SPARQL endpoint {endpoint.shown} holds no triples",
            hint="load the site graphs into it first, or name the graph that holds them "
            "(--graph IRI)",
        )
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
) -> Report:
    """Validate the sites the endpoint ``url`` holds (in its default graph, or in ``graph``):
    the same report as ``validate`` gives for the same triples in files."""
    from peergraph.validation.engine import check_engine, default_engine
    from peergraph.validation.run import validate_input
    from peergraph.validation.sites import SiteInput

    engine = check_engine(engine or default_engine())
    data = SiteInput(graph=fetch_graph(url, graph=graph, timeout=timeout), files=[])
    return validate_input(data, strict=strict, jobs=jobs, progress=progress, engine=engine)
