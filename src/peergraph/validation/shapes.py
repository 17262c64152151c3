"""The SHACL shapes graph: every ``shapes/*.ttl``, merged and parsed once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from peergraph import resources
from peergraph.errors import InputError
from peergraph.rdfio import merge_into, parse_file

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["load_shapes_graph"]


@functools.lru_cache(maxsize=1)
def load_shapes_graph() -> Graph:
    """Every ``shapes/*.ttl``, merged; parsed once per process (do not modify it)."""
    from rdflib import Graph

    folder = resources.shapes_dir()
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    if not files:
        raise InputError(
            "peergraph's shapes folder has no .ttl file",
            path=folder,
            hint="reinstall peergraph (or restore shapes/ in your checkout)",
        )
    graph = Graph()
    for file in files:
        merge_into(graph, parse_file(file, quick=True))
    return graph
