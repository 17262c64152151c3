"""What the tests of the compiled engine's rewrites share: an estate holding every invalid
example in an Oxigraph store, and the check that two versions of every constraint's query give
the same solutions on it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from peergraph.graph import load_reference_graph
from peergraph.synth import synthesise


def estate_graph(folder: Path, prisons: int) -> Graph:
    """A synthetic estate of ``prisons`` one-wing prisons, nearly all with a defect, and the
    reference data, as one rdflib graph."""
    synthesise(folder, prisons=prisons, seed=5, wings=1, defect_share=0.95)
    graph = Graph()
    graph += load_reference_graph()
    for path in sorted(folder.glob("*.nt")):
        graph.parse(path, format="nt")
    return graph


def oxigraph_store(graph: Graph) -> Any:
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def solutions(results: Any, names: list[str]) -> set[tuple[str, ...]]:
    return {tuple(str(row[n]) if row[n] is not None else "" for n in names) for row in results}


def same_solutions(store: Any, pairs: Iterable[tuple[str, str]]) -> int:
    """Assert that each pair of query texts gives the same solutions on ``store``; the number
    of solutions compared."""
    found = 0
    for before_text, after_text in pairs:
        before = store.query(before_text)
        assert isinstance(before, ox.QuerySolutions)
        names = [v.value for v in before.variables]
        expected = solutions(before, names)
        assert solutions(store.query(after_text), names) == expected, before_text
        found += len(expected)
    return found
