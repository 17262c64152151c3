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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peergraph.query.knowledge_graph import KnowledgeGraph
    from peergraph.query.library import QuerySpec
    from peergraph.query.results import Result

__all__ = ["KnowledgeGraph", "QuerySpec", "Result"]

_LAZY: dict[str, str] = {
    "KnowledgeGraph": "knowledge_graph",
    "QuerySpec": "library",
    "Result": "results",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
