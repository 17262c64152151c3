"""peergraph: the continuum of peer-support roles in prisons, as a knowledge graph.

The package ships an OWL ontology, reference data, SHACL shapes and SPARQL queries, with tools to
validate site graphs, find progression routes and query the graph. The main entry points are
imported lazily, so ``import peergraph`` stays fast::

    import peergraph
    graph = peergraph.load_bundled_graph()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peergraph.lazy import lazy_attributes

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports on demand
    from peergraph.graph import load_bundled_graph
    from peergraph.query import KnowledgeGraph
    from peergraph.validation import validate

# Public name -> module. Importing those modules pulls in rdflib and friends, which would make
# every `peergraph --help` pay for them.
_LAZY: dict[str, str] = {
    "validate": "peergraph.validation.run",
    "KnowledgeGraph": "peergraph.query.knowledge_graph",
    "load_bundled_graph": "peergraph.graph",
}
_lazy = lazy_attributes(__name__, _LAZY)

__all__ = ["KnowledgeGraph", "__version__", "load_bundled_graph", "validate"]


def version() -> str:
    """The installed distribution's version (``0.0.0`` in a source tree never installed)."""
    from importlib import metadata  # ~60 ms: not on the command line's start-up path

    try:
        return metadata.version("peergraph")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return version()
    return _lazy(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
