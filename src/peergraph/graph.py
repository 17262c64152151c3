"""The one graph assembler: the reference graph, the bundled graph, and site files merged in.

The *reference graph* is the ontology plus the shared reference data (roles, sources, study...),
with the facts the rules of ``queries/rules/`` derive from them; site graphs (``data/sites/``,
``data/examples/``) are kept out of it, since the validator checks each site on its own against
it. The *bundled graph* is the reference graph plus the four pilot sites.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph import resources, rules
from peergraph.errors import InputError
from peergraph.rdfio import collect_files, merge_into, parse_file, rdf_files_under

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "bind_namespaces",
    "copy_graph",
    "load_bundled_graph",
    "load_files",
    "load_reference_graph",
]

# Site graphs are validated one by one against the reference data, not merged into it.
_NOT_REFERENCE = ("examples", "sites")


def bind_namespaces(graph: Graph) -> Graph:
    """Bind the project's prefixes (``vocab.NAMESPACES``) on ``graph``, replacing clashing ones,
    so serialisations and query results read ``pg:``, ``role:``... Returns the same graph."""
    from peergraph.vocab import NAMESPACES

    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def load_files(paths_: Iterable[str | os.PathLike[str]]) -> Graph:
    """Parse and merge the RDF files and folders given (see ``rdfio.collect_files``)."""
    from rdflib import Graph

    merged = Graph()
    for file in collect_files(paths_):
        merge_into(merged, parse_file(file))
    return bind_namespaces(rules.apply_site_rules(merged, load_reference_graph()))


def copy_graph(graph: Graph) -> Graph:
    """A new, independent graph with the same triples and prefixes (for the cached graphs)."""
    from rdflib import Graph

    copy = Graph()
    copy += graph
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    return copy


def _reference_files() -> list[Path]:
    ontology, data = resources.ontology_dir(), resources.data_dir()
    for folder in (ontology, data):
        if not folder.is_dir():
            raise InputError(
                "peergraph's resource folder is missing",
                path=folder,
                hint="reinstall peergraph (or restore the folder in your checkout)",
            )
    ontology_files = rdf_files_under(ontology, suffixes=(".ttl",))
    if not ontology_files:
        raise InputError(
            "the ontology folder has no .ttl file", path=ontology, hint="reinstall peergraph"
        )
    data_files = [
        file
        for file in rdf_files_under(data)
        if file.relative_to(data).parts[0] not in _NOT_REFERENCE
    ]
    return ontology_files + data_files


@functools.lru_cache(maxsize=1)
def load_reference_graph() -> Graph:
    """The ontology plus the shared reference data (roles, sources...), without site graphs,
    plus the facts the rules of ``queries/rules/`` derive from them.

    Parsed once per process and cached: the same object is returned every time, so callers
    must NOT modify it; use ``copy_graph(load_reference_graph())`` to get one to change.
    (``load_reference_graph.cache_clear()`` forgets it, e.g. in tests.)
    """
    from rdflib import Graph

    graph = Graph()
    for file in _reference_files():
        merge_into(graph, parse_file(file, quick=True))
    # Derived facts (progression edges) join here, each with the record of its rule.
    rules.apply_rules(graph)
    return bind_namespaces(graph)


def load_bundled_graph() -> Graph:
    """The reference graph plus the bundled pilot site graphs (``data/sites/``).

    Returns a new graph on each call, which the caller may change freely.
    """
    graph = copy_graph(load_reference_graph())
    sites = resources.data_dir() / "sites"
    if sites.is_dir():
        for file in rdf_files_under(sites):
            merge_into(graph, rules.apply_site_rules(parse_file(file), load_reference_graph()))
    return bind_namespaces(graph)
