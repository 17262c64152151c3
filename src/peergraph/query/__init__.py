"""Querying the knowledge graph: the library of named queries, typed parameters, the embedded
engines, remote endpoints, and ``KnowledgeGraph``, which puts them together.

By job: ``library`` (the ``.rq`` files and their headers), ``params`` (typed parameters),
``sparql`` (prefixes, query forms, binding terms), ``engines`` (the one place local SPARQL runs),
``remote`` (SPARQL endpoints), ``results`` (the answer), ``knowledge_graph``.

The public names are imported on first use, so that a module that needs only ``engines``
(the route engine, the tables) does not load the rest. The library's functions are
``peergraph.query.library.library()`` and ``.find_query()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peergraph.lazy import lazy_attributes

if TYPE_CHECKING:
    from peergraph.query.knowledge_graph import KnowledgeGraph
    from peergraph.query.library import QuerySpec
    from peergraph.query.results import Result

__all__ = ["KnowledgeGraph", "QuerySpec", "Result"]

__getattr__ = lazy_attributes(
    __name__,
    {
        "KnowledgeGraph": "peergraph.query.knowledge_graph",
        "QuerySpec": "peergraph.query.library",
        "Result": "peergraph.query.results",
    },
)
