"""The input's files read as one graph without copying them: a read-only rdflib store.

``validate`` reads each file into a graph of its own (for the lines of its errors and the files
a site comes from) and needs every triple together too (to find the sites and their nodes).
Copying every file's triples into one merged graph was a fifth of the time of validating an
estate and a second copy of it in memory (docs/performance.md). ``FileUnion`` answers from the
files' graphs instead: a pattern with its subject given, which is almost every lookup the site
split makes, asks only the files describing that subject; any other pattern asks each file in
turn. A triple written in two files is given once, from the first.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from typing import Any

from rdflib import Graph
from rdflib.store import Store

__all__ = ["FileUnion", "union_graph"]

_NO_CONTEXTS: tuple[Any, ...] = ()


class FileUnion(Store):
    """The union of ``graphs`` as a store; writing to it raises ``TypeError``."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, graphs: Sequence[Graph], subjects: Sequence[set[Any]] | None = None) -> None:
        """``subjects``: each graph's subjects, where the caller has them."""
        super().__init__()
        self._graphs = list(graphs)
        self._files_of: dict[Any, tuple[int, ...]] = {}
        for index, graph in enumerate(self._graphs):
            found = subjects[index] if subjects is not None else graph.subjects(unique=True)
            for subject in found:
                self._files_of[subject] = (*self._files_of.get(subject, ()), index)
        # Subjects described in more than one file: their triples may be repeated.
        self._shared = {s for s, files in self._files_of.items() if len(files) > 1}
        self._length: int | None = None  # counted when asked (rdflib's stores count by walking)
        self._namespaces: dict[str, Any] = {}
        for graph in self._graphs:
            for prefix, namespace in graph.namespaces():
                self._namespaces.setdefault(prefix, namespace)

    def _earlier(self, triple: tuple[Any, Any, Any], index: int) -> bool:
        """Whether a file before ``index`` (among those describing its subject) holds it."""
        return any(
            triple in self._graphs[other] for other in self._files_of[triple[0]] if other < index
        )

    def triples(
        self, triple_pattern: tuple[Any, Any, Any], context: Any = None
    ) -> Iterator[tuple[tuple[Any, Any, Any], Iterator[Any]]]:
        subject = triple_pattern[0]
        if subject is not None:
            files = self._files_of.get(subject, ())
            for position, index in enumerate(files):
                for triple in self._graphs[index].triples(triple_pattern):
                    if position == 0 or not self._earlier(triple, index):
                        yield triple, iter(_NO_CONTEXTS)
            return
        for index, graph in enumerate(self._graphs):
            for triple in graph.triples(triple_pattern):
                if triple[0] in self._shared and self._earlier(triple, index):
                    continue
                yield triple, iter(_NO_CONTEXTS)

    def __len__(self, context: Any = None) -> int:
        if self._length is None:
            self._length = sum(len(g) for g in self._graphs) - sum(
                1
                for subject in self._shared
                for index in self._files_of[subject][1:]
                for triple in self._graphs[index].triples((subject, None, None))
                if self._earlier(triple, index)
            )
        return self._length

    def contexts(self, triple: Any = None) -> Generator[Graph, None, None]:
        yield from ()

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        raise TypeError("the input's files are read-only")

    def addN(self, quads: Any) -> None:  # noqa: N802 (rdflib's name)
        raise TypeError("the input's files are read-only")

    def remove(self, triple: Any, context: Any = None) -> None:
        raise TypeError("the input's files are read-only")

    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        if override or prefix not in self._namespaces:
            self._namespaces[prefix] = namespace

    def namespace(self, prefix: str) -> Any:
        return self._namespaces.get(prefix)

    def prefix(self, namespace: Any) -> str | None:
        return next((p for p, n in self._namespaces.items() if n == namespace), None)

    def namespaces(self) -> Iterator[tuple[str, Any]]:
        yield from self._namespaces.items()


def union_graph(graphs: Sequence[Graph], subjects: Sequence[set[Any]] | None = None) -> Graph:
    """The files' graphs as one read-only graph (see the module); the graph itself for one.
    ``subjects``: each graph's subjects, where the caller has them."""
    if len(graphs) == 1:
        return graphs[0]
    return Graph(store=FileUnion(graphs, subjects))
