"""Derivation rules: SPARQL CONSTRUCT queries under ``queries/rules/`` whose results join the graph.

The source lists no progression edges between roles; they follow from its recommendations
(R3c, R3e) by rules that a reader can open and check. Each rule constructs its facts together
with a ``pg:FactRecord`` (``pg:derived``, ``pg:rule``) saying which rule made them, so derived
facts are never mistaken for what the source states.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["apply_rules", "rule_files"]


def rule_files() -> list[Path]:
    """The rule files, in a stable order."""
    from peergraph.paths import queries_dir

    folder = queries_dir() / "rules"
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def apply_rules(graph: Graph) -> int:
    """Add every rule's conclusions to ``graph`` (in place); returns the number of new triples.

    Rules read only reference facts (the continuum), so one pass is enough: no rule's output
    feeds another rule.
    """
    before = len(graph)
    derived = []
    for path in rule_files():
        derived.append(graph.query(path.read_text(encoding="utf-8")).graph)
    for result in derived:
        if result is not None:
            graph += result
    return len(graph) - before
