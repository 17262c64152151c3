"""The personal-data guard: nothing about a resident leaves this machine unless asked for.

Site graphs may one day hold role holders. Before ``peergraph export`` writes a release or
``peergraph push`` sends one, every part is searched with ``queries/qc/personal-data.rq`` (the
one statement of what counts: prison numbers, dates of birth, named people of a site); anything
found stops the release with one line naming the file, the line and what was found.
``--allow-personal-data`` (``allowed=True``) publishes knowingly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["Finding", "find_personal_data", "refuse_personal_data"]

QUERY = "qc/personal-data.rq"
HINT = (
    "remove it from the site graph (a pseudonymous identifier is not a prison number), or give "
    "--allow-personal-data if publishing it is lawful and intended"
)


@dataclass(frozen=True)
class Finding:
    """One statement that would publish personal data: ``kind`` says what it is."""

    kind: str
    node: Node
    property: Node
    value: Node

    def describe(self) -> str:
        from rdflib import BNode, Literal

        from peergraph.terms import short_form

        value = str(self.value) if isinstance(self.value, Literal) else short_form(self.value)
        subject = "a blank node" if isinstance(self.node, BNode) else short_form(self.node)
        return f"{self.kind} ({value!r}) in {short_form(self.property)} of {subject}"


def find_personal_data(graph: Graph) -> list[Finding]:
    """What ``queries/qc/personal-data.rq`` finds in ``graph``, in the query's order."""
    from peergraph.query.engines import open_store
    from peergraph.resources import queries_dir

    text = (queries_dir() / QUERY).read_text(encoding="utf-8")
    store = open_store()
    store.add_graph(graph)
    outcome = store.query(text)
    found = []
    for row in outcome.records():
        node, prop, value, kind = row["node"], row["property"], row["value"], row["kind"]
        if node is None or prop is None or value is None:
            continue
        found.append(Finding(str(kind), node, prop, value))
    return found


def refuse_personal_data(
    graphs: Sequence[tuple[Graph, Path | None, str]], *, allowed: bool = False
) -> None:
    """Raise ``InputError`` for the first personal data in ``graphs`` (each a graph, the file it
    was read from if any, and what the release calls it), unless ``allowed``."""
    if allowed:
        return
    for graph, file, name in graphs:
        found = find_personal_data(graph)
        if not found:
            continue
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        where = "" if file is not None else f" in {name}"
        raise InputError(
            f"personal data about a resident{where}: {first.describe()}{more}; "
            "the release is not written or sent",
            path=file,
            line=_line(file, graph, first) if file is not None else None,
            hint=HINT,
        )


def _line(file: Path, graph: Graph, finding: Finding) -> int | None:
    """The first line of ``file`` that writes the finding's value, or else its node."""
    from rdflib import Literal, URIRef

    from peergraph.rdfio import line_of
    from peergraph.validation.vocabulary import iri_forms

    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    needles: list[str] = []
    for term in (finding.value, finding.node):
        if isinstance(term, Literal):
            needles.append(str(term))
        elif isinstance(term, URIRef):
            needles.extend(iri_forms(graph, term))
    return line_of(text, needles)
