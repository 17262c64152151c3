"""Querying the knowledge graph: the library of named queries, typed parameters, the embedded
engines, remote endpoints, and ``KnowledgeGraph``, which puts them together.

By job: ``library`` (the ``.rq`` files and their headers), ``params`` (typed parameters),
``sparql`` (prefixes, query forms, binding terms), ``engines`` (the one place local SPARQL runs),
``remote`` (SPARQL endpoints), ``results`` (the answer), ``knowledge_graph``.
"""

from peergraph.query.knowledge_graph import KnowledgeGraph
from peergraph.query.library import QuerySpec, find_query, library
from peergraph.query.results import Result

__all__ = ["KnowledgeGraph", "QuerySpec", "Result", "find_query", "library"]
