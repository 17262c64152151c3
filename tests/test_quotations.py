"""Every quotation in the project's own prose is the source's wording.

The project's prose (definitions, comments, scope notes, the reasons of fact records, the shapes'
descriptions and messages) puts the source's words between straight double quotes, and only the
source's: its own wording, where it quotes it, is in curly single quotes (‘...’). A quotation may
leave words out ("..." or "…") or put one in ("[es]"); each run of words between such marks must
be in the source. The source's text is taken from the transcriptions in ``tests/source/``, not from
the graph, and compared after the normalisation its conventions imply: footnote markers and
italics left out, whitespace collapsed, and straight and curly quotation marks and apostrophes
taken as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from peergraph.graph import copy_graph, load_reference_graph
from peergraph.pg import PG
from peergraph.validation import load_shapes_graph

SOURCE = Path(__file__).parent / "source"

# The properties that carry the project's prose about the study.
PROSE = (
    SKOS.definition,
    RDFS.comment,
    SKOS.scopeNote,
    SKOS.note,
    SKOS.example,
    DCTERMS.description,
    PG.reason,
    SH.description,
    SH.message,
)

QUOTATION = re.compile(r'"([^"]+)"')
# An omission ("...", "…") or an insertion ("[es]") inside a quotation.
GAP = re.compile(r"\.\.\.|…|\[[^\]]*\]")
MARKER = re.compile(r"\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
QUOTE_MARKS = str.maketrans({c: "'" for c in '’‘“”"'})


def normalise(text: str) -> str:
    text = MARKER.sub("", text).replace("*", "")
    text = re.sub(r"</?i>", "", text)
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def source_text() -> str:
    """The transcriptions, a table's cells kept apart so that no quotation spans two."""
    parts = []
    for path in sorted(SOURCE.iterdir()):
        if path.suffix not in {".txt", ".tsv"}:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts.extend(normalise(cell) for cell in line.split("\t"))
    return "\n".join(parts)


def prose(graph: Graph) -> Iterator[tuple[URIRef, URIRef, str]]:
    for prop in PROSE:
        for subject, value in graph.subject_objects(prop):
            if isinstance(value, Literal):
                yield subject, prop, str(value)


def misquotations(graph: Graph, text: str) -> list[str]:
    """Each quotation in the graph's prose that is not the source's wording, with where it is."""
    found = []
    for subject, prop, value in prose(graph):
        for quotation in QUOTATION.findall(value):
            runs = [normalise(run) for run in GAP.split(quotation)]
            if not all(run in text for run in runs if run):
                found.append(f'{subject} {prop}: "{quotation}"')
    return sorted(found)


@pytest.fixture(scope="module")
def source() -> str:
    return source_text()


@pytest.fixture(scope="module")
def graph() -> Graph:
    graph = copy_graph(load_reference_graph())
    graph += load_shapes_graph()
    return graph


def test_the_transcriptions_are_there(source: str) -> None:
    # Guards the check below against an empty corpus, which would fail everything, and against
    # a corpus holding the graph's own prose, which would pass everything.
    assert (
        "Peer involvement roles in custody - A continuum of engagement and participation" in source
    )
    assert "independently delivered by prison's Education department if possible" in source
    assert "Key to retaining independence from prison's institutional logic" in source
    assert "the project" not in source


def test_the_project_quotes_the_source_verbatim(graph: Graph, source: str) -> None:
    quotations = [q for _s, _p, v in prose(graph) for q in QUOTATION.findall(v)]
    assert len(quotations) > 200  # the check has something to check
    assert misquotations(graph, source) == []


@pytest.mark.parametrize(
    ("quotation", "planted"),
    [
        # A word changed.
        (
            "independence from prison's institutional logic",
            "independence from CFO's institutional logic",
        ),
        # The project's own gloss put in double quotes, as if the source's.
        ("Specific health condition, skill or crisis", "a health condition the holder manages"),
        # Words left out without saying so.
        (
            "independently delivered by prison's Education department if possible",
            "independently delivered by prison's Education department possible",
        ),
    ],
)
def test_a_misquotation_is_caught(graph: Graph, source: str, quotation: str, planted: str) -> None:
    broken = Graph()
    hits = 0
    for subject, prop, value in prose(graph):
        if f'"{quotation}"' in value:
            hits += 1
            value = value.replace(f'"{quotation}"', f'"{planted}"')
        broken.add((subject, prop, Literal(value)))
    assert hits, f"no quotation of {quotation!r} to plant a defect in"
    assert misquotations(broken, source)


def test_an_omission_marked_with_an_ellipsis_is_accepted(source: str) -> None:
    graph = Graph()
    graph.add(
        (
            URIRef("https://example.org/term"),
            SKOS.definition,
            Literal(
                'The guidance asks that training be "independently delivered ... if possible".'
            ),
        )
    )
    assert misquotations(graph, source) == []
